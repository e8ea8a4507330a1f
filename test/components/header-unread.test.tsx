import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {Header} from '../../source/components/header.js';
import {summarize} from '../../source/model/summary.js';
import {defaultFilters} from '../../source/options.js';
import {createTheme} from '../../source/theme.js';

unmountAfterEach();

describe('Header: before the first snapshot', () => {
	/** The three lines with no snapshot yet, as the live view draws them while its first scan runs. */
	function unread(backend: 'proc' | 'lsof' | 'import', error: string | null = null): string[] {
		const drawn = render(
			<Header
				snapshot={null}
				summary={summarize([])}
				shown={0}
				interval={2}
				isPaused={false}
				sort={{column: 'command', isDescending: false}}
				filters={defaultFilters}
				error={error}
				backend={backend}
				width={80}
				theme={createTheme(false)}
			/>,
		);
		return (drawn.lastFrame() ?? '').split('\n');
	}

	it('says what it is reading, not counts of 0 that read as an empty machine', () => {
		// Was 'Sockets 0 (tcp 0, udp 0, unix 0)   TCP 0 listen, 0 estab, 0 time_wait, 0 other' and 'showing 0 of 0'.
		expect(unread('proc').slice(1, 3)).toEqual(['Sockets reading /proc…', 'Sort COMMAND asc   Filter none']);
		expect(unread('lsof')[1]).toBe('Sockets waiting for lsof…');
		expect(unread('import')[1]).toBe('Sockets reading the capture…');
	});

	it('says none were read when the first scan failed', () => {
		expect(unread('proc', 'EACCES').slice(1, 3)).toEqual(['Sockets none read', 'Sort COMMAND asc   Filter none   scan failed: EACCES']);
	});
});
