import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {createLsofCollector} from '../../source/collect/lsof/index.js';
import {Header} from '../../source/components/header.js';
import {hiddenWarning} from '../../source/components/hidden-warning.js';
import {summarize} from '../../source/model/summary.js';
import {headerDefaults} from './header-fixtures.js';

unmountAfterEach();

describe('Header: before the first snapshot', () => {
	/** The three lines with no snapshot yet, as the live view draws them while its first scan runs. */
	function unread(backend: 'proc' | 'lsof' | 'import', error: string | null = null): string[] {
		const drawn = render(
			<Header {...headerDefaults} snapshot={null} summary={summarize([])} shown={0} error={error} backend={backend} width={80} />,
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

describe('Header: what the lsof backend cannot list, at 80 columns', () => {
	it('says the other network namespaces in a short form that fits, as proc\'s "5 netns hidden (run as root)"', async () => {
		const collector = createLsofCollector({run: async () => ({stdout: '', stderr: '', code: 0}), platform: 'linux', isRoot: true, countOtherNamespaces: () => 4, now: () => Date.UTC(2026, 10, 28, 13, 0)});
		const snapshot = {...(await collector.snapshot()), hostname: 'box'};
		const firstLine = (width: number) => {
			const drawn = render(
				<Header {...headerDefaults} snapshot={snapshot} summary={summarize([])} shown={0} backend="lsof" width={width} />,
			);
			return (drawn.lastFrame() ?? '').split('\n')[0]!;
		};

		// Was left out below 140 columns: the sentence would not fit, and it had no short form.
		expect(firstLine(80)).toMatch(/^box {2}\d\d:\d\d:\d\d {2}every 2s {2}4 netns unlisted \(--backend proc\) \+1 more$/);
		// Where the sentence fits it is said whole (hiddenWarning's sentence form).
		expect(hiddenWarning(snapshot.skipped)).toBe('lsof does not list the sockets of the 4 other network namespaces here (containers, ip netns): use --backend proc to see them (and 1 more unreadable)');
	});
});
