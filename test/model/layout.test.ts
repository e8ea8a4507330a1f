import {describe, expect, it} from 'vitest';
import {COLUMN_GAP, layoutColumns} from '../../source/model/layout.js';

const ids = (width: number, needs = {}) => layoutColumns(width, needs).map(placed => placed.column.id);
const total = (width: number, needs = {}) => {
	const placed = layoutColumns(width, needs);
	return placed.reduce((sum, each) => sum + each.width, 0) + COLUMN_GAP * (placed.length - 1);
};

describe('layoutColumns', () => {
	it('never exceeds the width, from 20 to 300 columns', () => {
		for (let width = 20; width <= 300; width++) {
			expect(total(width, {pid: 7, fd: 4})).toBeLessThanOrEqual(width);
		}
	});

	it('keeps every column at 80 and drops FD, SERVICE, USER, STATE and PROTO, in that order, as it narrows', () => {
		expect(ids(80, {pid: 5, fd: 2})).toEqual(['user', 'command', 'pid', 'fd', 'proto', 'local', 'foreign', 'state', 'service']);
		expect(ids(70, {pid: 5, fd: 2})).toEqual(['user', 'command', 'pid', 'fd', 'proto', 'local', 'foreign', 'state', 'service']);
		expect(ids(69, {pid: 5, fd: 2})).toEqual(['user', 'command', 'pid', 'proto', 'local', 'foreign', 'state', 'service']);
		expect(ids(66, {pid: 5, fd: 2})).toEqual(['user', 'command', 'pid', 'proto', 'local', 'foreign', 'state']);
		expect(ids(58, {pid: 5, fd: 2})).toEqual(['command', 'pid', 'proto', 'local', 'foreign', 'state']);
		expect(ids(52, {pid: 5, fd: 2})).toEqual(['command', 'pid', 'proto', 'local', 'foreign']);
		expect(ids(40, {pid: 5, fd: 2})).toEqual(['command', 'pid', 'local', 'foreign']);
	});

	it('widens PID and FD to what the data needs, so numbers are never cut', () => {
		const placed = layoutColumns(80, {pid: 7, fd: 5});
		expect(placed.find(each => each.column.id === 'pid')?.width).toBe(7);
		expect(placed.find(each => each.column.id === 'fd')?.width).toBe(5);
	});

	it('gives spare width to the addresses first', () => {
		const narrow = layoutColumns(80, {pid: 5, fd: 2});
		const wide = layoutColumns(160, {pid: 5, fd: 2});
		const width = (placed: typeof narrow, id: string) => placed.find(each => each.column.id === id)?.width;
		expect(width(narrow, 'local')).toBe(15);
		expect(width(wide, 'local')).toBe(40);
		expect(width(wide, 'state')).toBe(11);
	});
});
