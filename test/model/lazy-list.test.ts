import {describe, expect, it} from 'vitest';
import {lazyList, sliceOf} from '../../source/model/lazy-list.js';

describe('lazyList', () => {
	it('makes each item when first asked for, once, and slices as Array.slice does', () => {
		const asked: number[] = [];
		const list = lazyList(5, index => {
			asked.push(index);
			return index * 10;
		});
		expect(list.at(2)).toBe(20);
		expect(list.at(2)).toBe(20);
		expect([list.at(-1), list.at(5)]).toEqual([undefined, undefined]);
		expect(sliceOf(list, 3, 9)).toEqual([30, 40]);
		expect(sliceOf(list, 7, 9)).toEqual([]);
		expect(asked).toEqual([2, 3, 4]);
		expect(sliceOf([1, 2, 3], 1, 2)).toEqual([2]);
	});
});
