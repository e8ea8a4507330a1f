import {describe, expect, it} from 'vitest';
import {hasBegunExiting, readWhole, type StatReader, withExitedDenials} from '../../../source/collect/linux/exiting.js';
import type {ProcessScan} from '../../../source/collect/linux/fd-worker.js';
import type {ProcessDetail, ProcessInfo} from '../../../source/model/process.js';

// /proc/PID/stat lines as kernel 6.x writes them: field 9 the PF_* flags (0x400100 a live task's, 0x400104
// with PF_EXITING), field 20 the threads, field 22 the start in ticks.
const stat = (pid: number, state: string, flags: number, threads = 1, start = 500) => `${pid} (python3) ${state} 1 ${pid} ${pid} 0 -1 ${flags} 0 0 0 0 0 0 0 0 20 0 ${threads} 0 ${start} 0 0 18446744073709551615 0 0 0\n`;
const LIVE = 0x40_01_00;
const EXITING = 0x40_01_04;

/** A /proc of stat texts by path; a path missing from it is gone. */
const procOf = (stats: Record<string, string>, tasks: Record<string, string[]> = {}): StatReader => ({
	stat: path => stats[path] ?? null,
	tasks: pid => tasks[pid] ?? null,
});

describe('hasBegunExiting', () => {
	it('is false for a live process, after one read of its stat', () => {
		const reads: string[] = [];
		const proc = procOf({'/proc/812/stat': stat(812, 'S', LIVE, 4)});
		expect(hasBegunExiting(812, '500', {...proc, stat: path => (reads.push(path), proc.stat(path))})).toBe(false);
		expect(reads).toEqual(['/proc/812/stat']);
	});

	it('is true once it is flagged exiting (files still closing), a zombie, gone, or its PID another process', () => {
		expect(hasBegunExiting(812, '500', procOf({'/proc/812/stat': stat(812, 'R', EXITING)}))).toBe(true);
		expect(hasBegunExiting(812, '500', procOf({'/proc/812/stat': stat(812, 'Z', EXITING)}))).toBe(true);
		expect(hasBegunExiting(812, '500', procOf({}))).toBe(true);
		expect(hasBegunExiting(812, '500', procOf({'/proc/812/stat': stat(812, 'S', LIVE, 1, 900)}))).toBe(true);
	});

	it('asks every thread when the main one is exiting: a process exits when all do, not when main calls pthread_exit()', () => {
		const tasks = {812: ['812', '813']};
		const mainOnly = {'/proc/812/stat': stat(812, 'Z', EXITING, 2), '/proc/812/task/812/stat': stat(812, 'Z', EXITING, 2), '/proc/812/task/813/stat': stat(813, 'S', LIVE, 2)};
		expect(hasBegunExiting(812, '500', procOf(mainOnly, tasks))).toBe(false);
		const all = {...mainOnly, '/proc/812/task/813/stat': stat(813, 'R', EXITING, 2)};
		expect(hasBegunExiting(812, '500', procOf(all, tasks))).toBe(true);
		// A thread gone meanwhile has exited too.
		const {'/proc/812/task/813/stat': _gone, ...withoutIt} = mainOnly;
		expect(hasBegunExiting(812, '500', procOf(withoutIt, tasks))).toBe(true);
	});
});

const info = (state: string, startToken = '500'): ProcessInfo => ({
	pid: 812,
	ppid: 1,
	user: 'nobody',
	uid: 65_534,
	command: 'python3',
	cmdline: ['python3', 'server.py'],
	state,
	startTime: null,
	startToken,
	threads: 1,
	cwd: null,
	exe: null,
	fdLimit: 1024,
});
const detailOf = (process: ProcessInfo | null, fdCount: number, denied: string | null = null): ProcessDetail => ({time: 1, pid: 812, process, fds: [], fdCount, denied});

describe('readWhole', () => {
	const reader = (...details: ProcessDetail[]) => {
		const reads = {count: 0};
		return {reads, read: async () => details[reads.count++]!};
	};

	it('gives a read the process came through alive, read once', async () => {
		const {reads, read} = reader(detailOf(info('S (sleeping)'), 1384));
		expect((await readWhole(812, read, () => false)).fdCount).toBe(1384);
		expect(reads.count).toBe(1);
	});

	it('reads again a process that began exiting during the read, and gives that read: a zombie, or gone', async () => {
		const torn = detailOf(info('S (sleeping)'), 1384, "333 of PID 812's 1384 fds could not be read (permission denied); run socktop as root to see them.");
		const zombie = detailOf(info('Z (zombie)'), 0);
		expect(await readWhole(812, reader(torn, zombie).read, () => true)).toBe(zombie);
		const gone = detailOf(null, 0);
		expect(await readWhole(812, reader(torn, gone).read, () => true)).toBe(gone);
	});

	it('takes a process still exiting at the second read as gone, and another at its PID as that one (the view tells it)', async () => {
		const torn = detailOf(info('S (sleeping)'), 1384);
		expect(await readWhole(812, reader(torn, torn).read, () => true)).toMatchObject({pid: 812, process: null, fds: [], denied: null});
		const other = detailOf(info('S (sleeping)', '900'), 3);
		expect(await readWhole(812, reader(torn, other).read, () => true)).toBe(other);
	});

	it('does not ask of a read that found it exited already', async () => {
		const zombie = detailOf(info('Z (zombie)'), 0);
		const asked: number[] = [];
		expect(await readWhole(812, reader(zombie).read, pid => (asked.push(Number(pid)), true))).toBe(zombie);
		expect(asked).toEqual([]);
	});
});

describe('withExitedDenials', () => {
	const scan = (index: number, failure: string | null): ProcessScan => ({index, failure, found: [], status: null, statusFailure: null, netns: null});

	it('counts a process denied to the walk as vanished when it has begun exiting, and asks of no other', () => {
		const asked: string[] = [];
		const scans = [scan(0, 'EACCES'), scan(1, 'EACCES'), scan(2, 'ENOENT'), scan(3, null)];
		const settled = withExitedDenials(['812', '900', '901', '902'], scans, pid => (asked.push(pid), pid === '812'));
		expect(settled.map(each => each.failure)).toEqual(['ESRCH', 'EACCES', 'ENOENT', null]);
		expect(asked).toEqual(['812', '900']);
	});
});
