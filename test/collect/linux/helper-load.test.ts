import {describe, expect, it, vi} from 'vitest';
import {readOthersRunnable, readOwnRunnable} from '../../../source/collect/linux/helper-load.js';

/**
 * The tasks the helper-thread rule counts as load, from a /proc/loadavg and /proc/self/task
 * given here: on a live machine the runnable count changes between two reads, so the fd-worker
 * test can only check that this process's busy thread is counted as its own, not that it is
 * taken out of the others.
 */
const proc = vi.hoisted(() => ({runnable: 0, states: [] as string[]}));

vi.mock('../../../source/collect/linux/read.js', async importOriginal => {
	const original = await importOriginal<typeof import('../../../source/collect/linux/read.js')>();
	// A stat line as proc(5) gives it, with the state and the 22 fields parseProcStat needs.
	const stat = (tid: number, state: string) => `${tid} (node) ${state} 1 1 1 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 ${proc.states.length} 0 31824 1000 100\n`;
	return {
		...original,
		readText(path: string) {
			if (path === '/proc/loadavg') return `1.54 1.52 3.00 ${proc.runnable}/611 19934\n`;
			const task = /^\/proc\/self\/task\/(\d+)\/stat$/.exec(path);
			return task === null ? original.readText(path) : stat(Number(task[1]), proc.states[Number(task[1]) - 1]!);
		},
		readDirectory(path: string) {
			return path === '/proc/self/task' ? proc.states.map((_, index) => String(index + 1)) : original.readDirectory(path);
		},
	};
});

describe('the load besides this process', () => {
	it.each([
		// Two of our threads running (the reading one and a busy one) of 6 on the machine: 4 are others'.
		[6, ['R', 'R', 'S'], 2, 4],
		// None of ours seen running: the reading thread is, so one is taken out all the same.
		[6, ['S', 'S'], 0, 5],
		// Never fewer than none.
		[1, ['R', 'R', 'R'], 3, 0],
	])('%i runnable, ours %j: %i of them ours, %i others\'', (runnable, states, own, others) => {
		proc.runnable = runnable;
		proc.states = states;
		expect(readOwnRunnable()).toBe(own);
		expect(readOthersRunnable()).toBe(others);
	});
});
