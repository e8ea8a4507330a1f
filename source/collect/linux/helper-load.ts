/**
 * What the fd walk's helper-thread rule (fd-worker.ts isWorthAHelper) reads of the machine:
 * the kernel's open files and the tasks runnable now. Each is read only when the rule asks.
 */
import {isFailure, readDirectory, readText} from './read.js';
import {parseProcStat} from './proc-stat.js';

/** Files open in the whole kernel, the first field of /proc/sys/fs/file-nr; null when unreadable. */
export function readOpenFiles(): number | null {
	const text = readText('/proc/sys/fs/file-nr');
	return isFailure(text) ? null : parseFileNr(text);
}

/**
 * Tasks running or ready to run on the machine now besides this process's own; null when
 * unreadable. Our own threads are taken out: V8 compiles on threads of its own while the
 * first walk starts, and they are not a load the helper would compete with for long.
 */
export function readOthersRunnable(): number | null {
	const text = readText('/proc/loadavg');
	const runnable = isFailure(text) ? null : parseRunnable(text);
	return runnable === null ? null : Math.max(0, runnable - Math.max(1, readOwnRunnable()));
}

/** `1.54 1.52 3.00 2/611 19934` (load averages, runnable/all tasks, last PID: proc(5)) -> 2; null when malformed. */
export function parseRunnable(text: string): number | null {
	const runnable = /^\S+ \S+ \S+ (\d+)\//.exec(text)?.[1];
	return runnable === undefined ? null : Number(runnable);
}

/** This process's threads that are running or ready to run (state R in /proc/self/task/TID/stat), this one included. */
export function readOwnRunnable(): number {
	const tasks = readDirectory('/proc/self/task');
	if (isFailure(tasks)) return 1;
	let running = 0;
	for (const task of tasks) {
		const stat = readText(`/proc/self/task/${task}/stat`);
		if (!isFailure(stat) && parseProcStat(stat)?.state === 'R') running++;
	}

	return running;
}

/** `60496\t0\t2466170` (allocated, free, max: proc_sys_fs(5)) -> 60496; null when malformed. */
export function parseFileNr(text: string): number | null {
	const first = /^(\d+)\s/.exec(text)?.[1];
	return first === undefined ? null : Number(first);
}
