import {describe, expect, it} from 'vitest';
import {createNotFound, NOT_FOUND_MOST, NOT_FOUND_MS} from '../../../source/collect/linux/not-found.js';

const range = (from: number, count: number) => Array.from({length: count}, (_, index) => from + index);
const recentOf = (notFound: ReturnType<typeof createNotFound>, inodes: number[], now: number) => inodes.filter(inode => notFound.isRecent(inode, now));

describe('createNotFound', () => {
	it('keeps an inode not found for NOT_FOUND_MS, and forgets one found', () => {
		const notFound = createNotFound();
		notFound.remember([7, 8], 1000);
		expect(recentOf(notFound, [7, 8, 9], 1000 + NOT_FOUND_MS - 1)).toEqual([7, 8]);
		expect(recentOf(notFound, [7, 8], 1000 + NOT_FOUND_MS)).toEqual([]);
		notFound.forget(7);
		expect(recentOf(notFound, [7, 8], 1000)).toEqual([8]);
	});

	it('keeps NOT_FOUND_MOST inodes at most, the newest: a batch at the bound makes room, not more', () => {
		const notFound = createNotFound();
		const first = range(1, NOT_FOUND_MOST);
		notFound.remember(first, 0);
		expect(recentOf(notFound, first, 1)).toHaveLength(NOT_FOUND_MOST);
		// Remembered again: the newest now, so not the one to make room.
		notFound.remember([1], 1);
		const batch = range(NOT_FOUND_MOST + 1, 5);
		notFound.remember(batch, 2);
		const all = [...first, ...batch];
		expect(recentOf(notFound, all, 3)).toHaveLength(NOT_FOUND_MOST);
		expect(recentOf(notFound, [1, ...batch], 3)).toEqual([1, ...batch]);
		expect(recentOf(notFound, range(2, 5), 3)).toEqual([]);
	});

	it('holds the bound within one batch larger than it', () => {
		const notFound = createNotFound();
		const batch = range(1, NOT_FOUND_MOST + 3);
		notFound.remember(batch, 0);
		expect(recentOf(notFound, batch, 1)).toEqual(batch.slice(3));
	});
});
