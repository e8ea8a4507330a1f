import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {Header} from '../../source/components/header.js';
import {displayWidth} from '../../source/format/escape.js';
import {summarize} from '../../source/model/summary.js';
import type {Snapshot} from '../../source/model/types.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {createTheme} from '../../source/theme.js';
import {baseSockets, snapshotOf} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

const allFilters: Filters = {
	...defaultFilters,
	listening: true,
	connected: true,
	ipv4: true,
	ipv6: true,
	unix: true,
	noLoopback: true,
	protocols: ['tcp', 'udp'],
	ports: [
		[22, 22],
		[80, 80],
	],
	user: 'root',
	netns: 'host',
};

type Drawn = {readonly snapshot?: Snapshot; readonly filters?: Filters; readonly width?: number; readonly isLive?: boolean; readonly isPaused?: boolean; readonly shown?: number};

/** The header's three lines at `width` columns (ink-testing-library's terminal is 100 wide). */
function header({snapshot = snapshotOf(baseSockets), filters = defaultFilters, width = 80, isLive = true, isPaused = false, shown = 6}: Drawn = {}): string[] {
	const drawn = render(
		<Header
			snapshot={snapshot}
			summary={summarize(snapshot.sockets)}
			shown={shown}
			interval={2}
			isPaused={isPaused}
			sort={{column: 'command', isDescending: false}}
			filters={filters}
			error={null}
			isLive={isLive}
			width={width}
			theme={createTheme(false)}
		/>,
	);
	unmount = drawn.unmount;
	const lines = (drawn.lastFrame() ?? '').split('\n');
	for (const line of lines) {
		expect(displayWidth(line)).toBeLessThanOrEqual(width);
	}

	return lines;
}

describe('Header: the sort and filter line', () => {
	it('always shows "showing X of Y", cutting the filters before it at 80 columns', () => {
		expect(header({filters: allFilters, shown: 1})[2]).toBe('Sort COMMAND asc   Filter listening connected IPv4+IPv6+unix n…   showing 1 of 6');
	});

	it('cuts the filters only as much as the count needs, and not at all where they fit', () => {
		expect(header({filters: allFilters, shown: 1, width: 100})[2]).toBe(
			'Sort COMMAND asc   Filter listening connected IPv4+IPv6+unix no loopback tcp,udp p…   showing 1 of 6',
		);
		expect(header({filters: {...defaultFilters, listening: true}, shown: 3})[2]).toBe('Sort COMMAND asc   Filter listening   showing 3 of 6');
	});

	it('keeps the count at the narrowest terminal, cutting the label too', () => {
		expect(header({filters: allFilters, shown: 1, width: 40})[2]).toBe('Sort COMMAND asc   Fil…   showing 1 of 6');
	});
});
