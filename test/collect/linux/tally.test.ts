import {describe, expect, it} from 'vitest';
import type {ProcessScan} from '../../../source/collect/linux/fd-worker.js';
import {tally, type Holder} from '../../../source/collect/linux/tally.js';

const status = (uid: number) => `Name:\tapache2\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`;
const scan = (index: number, found: number[], failure: string | null = null): ProcessScan => ({
	index,
	failure,
	found,
	status: failure === null ? status(33) : null,
	statusFailure: null,
	netns: 'net:[4026531840]',
});
const chain = (first: Holder | undefined) => {
	const holders: Array<[number, number]> = [];
	for (let each = first ?? null; each !== null; each = each.next) holders.push([each.pid, each.fd]);
	return holders;
};

describe('tally (the walk\'s holders)', () => {
	it('lists every holder of a socket in pid order, whichever thread scanned them', () => {
		const pids = ['100', '200', '300', '400'];
		// The helper's scans arrive after the main thread's, out of pid order.
		const walk = tally(pids, [scan(2, [7, 3]), scan(0, [7, 3, 8, 4]), scan(3, [], 'EACCES'), scan(1, [7, 5])], null);
		expect(chain(walk.holders.get(7))).toEqual([[100, 3], [200, 5], [300, 3]]);
		expect(chain(walk.holders.get(8))).toEqual([[100, 4]]);
		expect(walk.deniedPids).toEqual([400]);
		expect(walk.namespaces.get(4_026_531_840)).toEqual([100, 200, 300]);
	});

	it('keeps 20,000 holders of one listener (a pre-fork server) in order', () => {
		const count = 20_000;
		const pids = Array.from({length: count}, (_, index) => String(1000 + index));
		const walk = tally(pids, pids.map((_, index) => scan(index, [4242, 3])), null);
		const holders = chain(walk.holders.get(4242));
		expect(holders).toHaveLength(count);
		expect(holders[0]).toEqual([1000, 3]);
		expect(holders.at(-1)).toEqual([1000 + count - 1, 3]);
		expect(holders.every(([pid], index) => pid === 1000 + index)).toBe(true);
	});
});
