import {describe, expect, it} from 'vitest';
import {helpKey, helpLayout} from '../../source/components/help-layout.js';
import {KEYMAP} from '../../source/keymap.js';
import {plainKey as plain} from '../helpers/keys.js';

describe('helpLayout', () => {
	it('lays the keys out at any size, down to one column and one row (the view stays laid out under the too-small message)', () => {
		for (const [width, height] of [
			[1, 1],
			[5, 3],
			[17, 2],
			[25, 9],
		] as const) {
			const layout = helpLayout(KEYMAP, width, height);
			expect(layout.columns).toHaveLength(1);
			expect(layout.lineCount).toBeGreaterThanOrEqual(KEYMAP.length);
			expect(layout.bodyHeight).toBeGreaterThanOrEqual(1);
		}
	});

	it('names each group once, and again at the top of a second column', () => {
		const layout = helpLayout(KEYMAP, 100, 23);
		expect(layout.columns).toHaveLength(2);
		const groups = layout.columns.flatMap(column => column.map(row => row.group).filter(group => group !== ''));
		expect(groups).toEqual(['Move', 'Sort', 'Filter', 'Filter', 'Refresh', 'Process', 'Other']);
	});

	it('counts the lines after the keys (the processes not read): two columns where one would then scroll, and a list that scrolls to them', () => {
		const bare = helpLayout(KEYMAP, 110, 46);
		expect(bare.columns).toHaveLength(1);
		// 24 lines after the keys: one column would need 56 rows with the title; two hold them at 110x47.
		const withMore = helpLayout(KEYMAP, 110, 47, false, 24);
		expect(withMore.columns).toHaveLength(2);
		expect(withMore.lineCount).toBe(withMore.keyLines + 24);
		expect(withMore.lineCount).toBeLessThanOrEqual(withMore.bodyHeight);
		// Too short for them even so: they scroll, after every key line.
		const short = helpLayout(KEYMAP, 110, 12, false, 24);
		expect(short.lineCount).toBe(short.keyLines + 24);
		expect(helpKey('G', {...plain, shift: true}, 0, short)).toBe(short.lineCount - short.bodyHeight);
	});
});

describe('helpLayout with lines after the keys that do not fit', () => {
	it('keeps two columns, which scroll, where one column would scroll further: every key on the first screen at 100x24', () => {
		const layout = helpLayout(KEYMAP, 100, 24, false, 12);
		expect(layout.columns).toHaveLength(2);
		expect(layout.keyLines).toBeLessThanOrEqual(layout.bodyHeight);
		expect(layout.lineCount).toBe(layout.keyLines + 12);
		expect(layout.lineCount).toBeGreaterThan(layout.bodyHeight);
		// Too narrow for two: one column, as before.
		expect(helpLayout(KEYMAP, 80, 24, false, 12).columns).toHaveLength(1);
	});
});

describe('helpKey', () => {
	const layout = {bodyHeight: 10, lineCount: 28};
	it('scrolls with the Move keys, within the list, and closes on any other key', () => {
		expect(helpKey('j', plain, 0, layout)).toBe(1);
		expect(helpKey('', {...plain, upArrow: true}, 0, layout)).toBe(0);
		expect(helpKey('', {...plain, pageDown: true}, 15, layout)).toBe(18);
		expect(helpKey('G', {...plain, shift: true}, 0, layout)).toBe(18);
		expect(helpKey('', {...plain, end: true}, 0, layout)).toBe(18);
		expect(helpKey('g', plain, 7, layout)).toBe(0);
		expect(helpKey('', {...plain, home: true}, 7, layout)).toBe(0);
		for (const [input, key] of [['', {...plain, escape: true}], ['q', plain], ['?', plain], ['k', plain], ['x', plain]] as const) expect(helpKey(input, key, 3, layout)).toBeNull();
	});
});
