import {describe, expect, it} from 'vitest';
import {moveTarget, scrollTop, tableReducer, type TableState} from '../../source/hooks/use-table-state.js';

const start: TableState = {selectedKey: null, sort: {column: 'command', isDescending: false}};
const keys = ['a', 'b', 'c', 'd'];

describe('tableReducer', () => {
	it('selects by identity, clamped to the rows', () => {
		expect(tableReducer(start, {type: 'select', index: 2, keys}).selectedKey).toBe('c');
		expect(tableReducer(start, {type: 'select', index: 99, keys}).selectedKey).toBe('d');
		expect(tableReducer(start, {type: 'select', index: -3, keys}).selectedKey).toBe('a');
		expect(tableReducer(start, {type: 'select', index: 0, keys: []}).selectedKey).toBeNull();
	});

	it('starts a new sort column ascending and keeps the direction when the same column is chosen', () => {
		const descending = tableReducer(start, {type: 'reverse'});
		expect(descending.sort).toEqual({column: 'command', isDescending: true});
		expect(tableReducer(descending, {type: 'sort', column: 'command'})).toBe(descending);
		expect(tableReducer(descending, {type: 'sort', column: 'pid'}).sort).toEqual({column: 'pid', isDescending: false});
	});

	it('steps the sort column among the columns on screen, keeping the selection', () => {
		const selected = tableReducer(start, {type: 'select', index: 1, keys});
		const stepped = tableReducer(selected, {type: 'stepSort', step: 1, columns: ['command', 'pid', 'local']});
		expect(stepped).toEqual({selectedKey: 'b', sort: {column: 'pid', isDescending: false}});
		expect(tableReducer(stepped, {type: 'stepSort', step: -1, columns: ['command', 'pid', 'local']}).sort.column).toBe('command');
	});
});

describe('moveTarget', () => {
	it('moves by one, by a page (minus one row of context) and to the ends', () => {
		expect(moveTarget('down', 3, 100, 20)).toBe(4);
		expect(moveTarget('up', 0, 100, 20)).toBe(0);
		expect(moveTarget('pageDown', 3, 100, 20)).toBe(22);
		expect(moveTarget('pageUp', 10, 100, 20)).toBe(0);
		expect(moveTarget('bottom', 3, 100, 20)).toBe(99);
		expect(moveTarget('top', 50, 100, 20)).toBe(0);
		expect(moveTarget('down', 0, 0, 20)).toBe(0);
	});
});

describe('scrollTop', () => {
	it('scrolls only as far as needed to keep the selection on screen', () => {
		expect(scrollTop(0, 5, 10, 100)).toBe(0);
		expect(scrollTop(0, 12, 10, 100)).toBe(3);
		expect(scrollTop(20, 15, 10, 100)).toBe(15);
		expect(scrollTop(20, 25, 10, 100)).toBe(20);
	});

	it('never leaves empty rows at the bottom when rows shrink', () => {
		expect(scrollTop(90, 95, 10, 30)).toBe(20);
		expect(scrollTop(5, 2, 10, 3)).toBe(0);
		expect(scrollTop(5, 0, 0, 3)).toBe(0);
	});
});

describe('move actions', () => {
	it('move from the current selection, so keys that arrive together each count', () => {
		let state = tableReducer(start, {type: 'select', index: 0, keys});
		for (let press = 0; press < 2; press++) {
			state = tableReducer(state, {type: 'move', move: 'down', keys, pageSize: 10, fallback: 0});
		}

		expect(state.selectedKey).toBe('c');
	});

	it('adopt the row drawn as selected, unless a key selected another since it was drawn', () => {
		expect(tableReducer(start, {type: 'adopt', key: 'a', replacing: null}).selectedKey).toBe('a');
		const moved = tableReducer(start, {type: 'move', move: 'bottom', keys, pageSize: 10, fallback: 0});
		expect(tableReducer(moved, {type: 'adopt', key: 'a', replacing: null}).selectedKey).toBe(moved.selectedKey);
	});

	it('move from the fallback row when the selected socket is gone', () => {
		const gone = {...start, selectedKey: 'zzz'};
		expect(tableReducer(gone, {type: 'move', move: 'down', keys, pageSize: 10, fallback: 2}).selectedKey).toBe('d');
	});
});
