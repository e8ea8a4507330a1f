import {describe, expect, it} from 'vitest';
import {createSsMemory, IDLE_MS, refreshedSs} from '../../../source/collect/linux/ss-answers.js';
import type {ListenersKept} from '../../../source/collect/linux/ss-run.js';

/** ss's answers in turn: a listener and a connected pair, with `queued` bytes waiting on the pair's first end. */
const answer = (queued: number) => ({
	all: `u_str LISTEN 0 5 /run/a.sock 101 * 0\nu_str ESTAB ${queued} 0 * 102 * 103\nu_str ESTAB 0 0 * 103 * 102\n`,
	listening: 'u_str LISTEN 0 5 /run/a.sock 101 * 0\n',
});

const fakeAsk = (queues: number[]) => {
	const asked: Array<ListenersKept | undefined> = [];
	const ask = async (kept: ListenersKept | undefined) => {
		asked.push(kept);
		return answer(queues[asked.length - 1] ?? 0);
	};
	return {asked, ask};
};

describe('refreshedSs', () => {
	it('takes the last answer again while the unix table is the same and every queue was empty, for up to IDLE_MS', async () => {
		const memory = createSsMemory();
		const {asked, ask} = fakeAsk([0, 0]);
		const first = await refreshedSs(memory, 'table', ask, 1000);
		expect(asked).toHaveLength(1);
		expect(asked[0]).toEqual({memory: memory.listeners, unixText: 'table'});
		expect(await refreshedSs(memory, 'table', ask, 1000 + IDLE_MS - 1)).toBe(first);
		expect(asked).toHaveLength(1);
		// Then asked again: a queue that started to fill is told within IDLE_MS.
		await refreshedSs(memory, 'table', ask, 1000 + IDLE_MS);
		expect(asked).toHaveLength(2);
	});

	it('asks on every refresh while a queue is not empty, when the table changed, and where the table was not read', async () => {
		const busy = createSsMemory();
		const {asked, ask} = fakeAsk([5, 0, 0]);
		expect((await refreshedSs(busy, 'table', ask, 0))!.rxQueues.get(102)).toBe(5);
		expect((await refreshedSs(busy, 'table', ask, 1))!.rxQueues.get(102)).toBe(0);
		expect(asked).toHaveLength(2);
		// Now idle: the same table is not asked about, another one is.
		await refreshedSs(busy, 'table', ask, 2);
		expect(asked).toHaveLength(2);
		await refreshedSs(busy, 'another table', ask, 3);
		expect(asked).toHaveLength(3);

		const unread = createSsMemory();
		const second = fakeAsk([0, 0]);
		await refreshedSs(unread, undefined, second.ask, 0);
		await refreshedSs(unread, undefined, second.ask, 1);
		expect(second.asked).toHaveLength(2);
	});

	it('asks again after ss gave no answer, and keeps nothing without a memory', async () => {
		const memory = createSsMemory();
		let calls = 0;
		const failing = async () => {
			calls++;
			return calls === 2 ? null : answer(0);
		};
		await refreshedSs(memory, 'table', failing, 0);
		memory.asked = {...memory.asked!, at: -IDLE_MS};
		expect(await refreshedSs(memory, 'table', failing, 0)).toBeNull();
		await refreshedSs(memory, 'table', failing, 1);
		expect(calls).toBe(3);

		const {asked, ask} = fakeAsk([0, 0]);
		await refreshedSs(undefined, 'table', ask, 0);
		await refreshedSs(undefined, 'table', ask, 1);
		expect(asked).toEqual([undefined, undefined]);
	});
});
