import {once} from 'node:events';
import {readlinkSync} from 'node:fs';
import net from 'node:net';
import process from 'node:process';
import {Worker} from 'node:worker_threads';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {HELPER_MIN_OPEN_FILES, helpWalk, isWorthAHelper} from '../../../source/collect/linux/fd-worker.js';
import {parseFileNr, parseRunnable, readOpenFiles, readOthersRunnable, readOwnRunnable} from '../../../source/collect/linux/helper-load.js';

let server: net.Server;
let listenerFd: number;
let listenerInode: number;

beforeAll(async () => {
	server = net.createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	listenerFd = (server as unknown as {_handle: {fd: number}})._handle.fd;
	listenerInode = Number(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${listenerFd}`))![1]);
});

afterAll(() => {
	server.close();
});

const counterAt = (next: number) => {
	const counter = new Int32Array(new SharedArrayBuffer(4));
	counter[0] = next;
	return counter;
};

describe('the helper thread', () => {
	it('walks the processes it claims and reports sockets and failures by index', async () => {
		// A pid that cannot exist (above pid_max's ceiling of 2^22): /proc/<pid>/fd is ENOENT.
		const pids = ['99999999', String(process.pid)];
		const scans = await helpWalk(pids, counterAt(0)).scans;
		expect(scans).not.toBeNull();
		const byIndex = new Map(scans!.map(scan => [scan.index, scan]));
		expect(byIndex.get(0)?.failure).toBe('ENOENT');
		const ours = byIndex.get(1)!;
		expect(ours.failure).toBeNull();
		const pairs: Array<[number, number]> = [];
		for (let at = 0; at < ours.found.length; at += 2) pairs.push([ours.found[at]!, ours.found[at + 1]!]);
		expect(pairs).toContainEqual([listenerInode, listenerFd]);
		expect(ours.status).toMatch(/^Name:/m);
	});

	it('is not waited for when the main thread claimed every process itself', async () => {
		const pids = [String(process.pid)];
		// As after the main thread's loop: the counter is past the end, so the helper will claim nothing.
		const help = helpWalk(pids, counterAt(pids.length));
		help.abandon();
		// Settled already: it wins a race against a promise that only settles a microtask later.
		const first = await Promise.race([help.scans, Promise.resolve().then(() => 'still waiting')]);
		expect(first).toEqual([]);
	});
});

describe('isWorthAHelper', () => {
	// /proc/loadavg without its runnable count.
	const unreadable = () => null;

	it('is not worth starting for a short walk: few open files in the kernel', () => {
		expect(isWorthAHelper(300, () => 1_200, unreadable, 2, 0)).toBe(false);
		expect(isWorthAHelper(300, () => HELPER_MIN_OPEN_FILES - 1, unreadable, 2, 0)).toBe(false);
		expect(isWorthAHelper(300, () => HELPER_MIN_OPEN_FILES, unreadable, 2, 0)).toBe(true);
		expect(isWorthAHelper(300, () => 60_496, unreadable, 8, 3)).toBe(true);
	});

	it('falls back on the process count when file-nr cannot be read', () => {
		expect(isWorthAHelper(300, () => null, unreadable, 2, 0)).toBe(true);
		expect(isWorthAHelper(63, () => null, unreadable, 2, 0)).toBe(false);
	});

	it('needs a core with nothing else to do: by the load average when /proc/loadavg gives no runnable count', () => {
		expect(isWorthAHelper(300, () => 60_496, unreadable, 1, 0)).toBe(false);
		expect(isWorthAHelper(300, () => 60_496, unreadable, 2, 1.5)).toBe(false);
		expect(isWorthAHelper(300, () => 60_496, unreadable, 2, 1.49)).toBe(true);
	});

	it('goes by the tasks runnable now over the load average, which lags both ways', () => {
		// A benchmark running one command after another: load average 1.5, the other core idle now.
		expect(isWorthAHelper(300, () => 60_496, () => 0, 2, 1.54)).toBe(true);
		// A busy loop started moments ago, not yet in the load average.
		expect(isWorthAHelper(300, () => 60_496, () => 1, 2, 0.5)).toBe(false);
		expect(isWorthAHelper(300, () => 60_496, () => 6, 8, 7)).toBe(true);
		expect(isWorthAHelper(300, () => 60_496, () => 0, 1, 0)).toBe(false);
	});

	it('reads the runnable count only when processes, open files and cores leave the answer open', () => {
		// Reading it walks /proc/self/task: a scan of few processes, files or cores need not pay for it.
		const runnable = vi.fn(() => 0);
		expect(isWorthAHelper(63, () => 60_496, runnable, 2, 0)).toBe(false);
		expect(isWorthAHelper(300, () => 1_200, runnable, 2, 0)).toBe(false);
		expect(isWorthAHelper(300, () => 60_496, runnable, 1, 0)).toBe(false);
		expect(runnable).not.toHaveBeenCalled();
		expect(isWorthAHelper(300, () => 60_496, runnable, 2, 1.54)).toBe(true);
		expect(runnable).toHaveBeenCalledTimes(1);
	});

	it('reads the open-file count only when the processes and cores leave the answer open', () => {
		const openFiles = vi.fn(() => 60_496);
		expect(isWorthAHelper(63, openFiles, () => 0, 2, 0)).toBe(false);
		expect(isWorthAHelper(300, openFiles, () => 0, 1, 0)).toBe(false);
		expect(openFiles).not.toHaveBeenCalled();
		expect(isWorthAHelper(300, openFiles, () => 0, 2, 0)).toBe(true);
		expect(openFiles).toHaveBeenCalledTimes(1);
	});
});

describe('file-nr', () => {
	it('parses the count of open files (Debian 12, kernel 6.18, 50,000 sockets of load)', () => {
		expect(parseFileNr('60496\t0\t2466170\n')).toBe(60_496);
	});

	it('gives null for text it does not know', () => {
		expect(parseFileNr('')).toBeNull();
		expect(parseFileNr('many\t0\t1\n')).toBeNull();
	});

	it('reads at least the files this process holds open', () => {
		const count = readOpenFiles();
		expect(count).not.toBeNull();
		expect(count!).toBeGreaterThan(listenerFd);
	});
});

describe('/proc/loadavg', () => {
	it('reads the count of tasks runnable now (Debian 12, kernel 6.18)', () => {
		expect(parseRunnable('1.54 1.52 3.00 2/611 19934\n')).toBe(2);
		expect(parseRunnable('0.00 0.01 0.05 1/120 4242\n')).toBe(1);
	});

	it('gives null for text it does not know', () => {
		expect(parseRunnable('')).toBeNull();
		expect(parseRunnable('1.54 1.52 3.00 many/611 19934\n')).toBeNull();
	});

	it('counts a busy thread of this process as its own, not as another task', async () => {
		const busy = new Worker('for (;;) {}', {eval: true});
		try {
			await new Promise(resolve => busy.once('online', resolve));
			// This thread, reading, and the looping one.
			expect(readOwnRunnable()).toBeGreaterThanOrEqual(2);
			// Read, here; that our runnable threads are taken out of it, helper-load.test.ts checks on a given /proc.
			expect(readOthersRunnable()).toBeGreaterThanOrEqual(0);
		} finally {
			await busy.terminate();
		}
	});
});
