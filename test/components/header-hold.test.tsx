/** The header's third line keeps its wording across refreshes: the user test's 19 captures read two forms by turns. */
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {Header} from '../../source/components/header.js';
import {summarize} from '../../source/model/summary.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {headerDefaults} from './header-fixtures.js';
import {baseSockets, snapshotOf} from './live-fixtures.js';

unmountAfterEach();

const start = Date.UTC(2026, 10, 27, 3, 30, 0);
const python: Filters = {...defaultFilters, text: 'python'};
const namespaces = ['host', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];

/** The header of a refresh `seconds` after the first, `closed` rows of it just closed, at `width` columns. */
const at = (seconds: number, closed: number, filters = python, width = 80) => (
	<Header
		{...headerDefaults}
		snapshot={snapshotOf(baseSockets, start + seconds * 1000)}
		summary={{...summarize(baseSockets), rows: 2999}}
		shown={2043}
		closed={closed}
		filters={filters}
		unlabelledNetns={namespaces}
		width={width}
	/>
);

const third = (frame: string | undefined) => (frame ?? '').split('\n')[2];

describe('Header: the filter line holds its short form, as the columns hold their widths', () => {
	it('stays short while rows keep closing, and comes back long once it has fitted for 10 s', () => {
		const drawn = render(at(0, 0));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   Filter "python"   in 8 netns   showing 2043 of 2999');
		drawn.rerender(at(2, 5));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   filter: /python (2043 of 2999 + 5 closed, in 8 netns)');
		// Was 'Filter "python"' again: the two wordings by turns.
		for (const seconds of [4, 8, 11]) {
			drawn.rerender(at(seconds, 0));
			expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   filter: /python (2043 of 2999, in 8 netns)');
		}

		drawn.rerender(at(12, 0));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   Filter "python"   in 8 netns   showing 2043 of 2999');
	});

	it('holds "Filter none" alike, and starts afresh when the filters change', () => {
		const drawn = render(at(0, 0, defaultFilters, 76));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   Filter none   in 8 netns   showing 2043 of 2999');
		drawn.rerender(at(2, 1234, defaultFilters, 76));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   in 8 netns   showing 2043 of 2999 + 1234 just closed');
		drawn.rerender(at(4, 0, defaultFilters, 76));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   in 8 netns   showing 2043 of 2999');
		drawn.rerender(at(4, 0, {...defaultFilters, connected: true}, 76));
		expect(third(drawn.lastFrame())).toBe('Sort COMMAND asc   Filter connected   in 8 netns   showing 2043 of 2999');
	});
});
