/**
 * A read that a process's exit overlapped. The kernel takes an exiting process apart in steps
 * (do_exit): PF_EXITING is set first, then its memory goes (from then on /proc gives its fd
 * directory to root: without root, a link its owner read a moment ago says EACCES), then its
 * files (the links say ENOENT, its sockets leave the tables), and it is a zombie until reaped.
 * A read of it that overlapped that is torn, part whole and part gone, and looks like a live
 * process with fewer files and sockets "neither listening nor connected", or like one whose files
 * are denied. Asked after a read, whether the process has begun exiting tells: an exit that
 * begins after it does not reach back into what the read saw.
 */
import type {ProcessDetail} from '../../model/process.js';
import {hasExited} from '../../model/process.js';
import type {ProcessScan} from './fd-worker.js';
import {parseProcStat, type ProcStat} from './proc-stat.js';
import {isFailure, readDirectory, readText} from './read.js';
import {ownerOfProcess} from './zombie-leader.js';

/** PF_EXITING (include/linux/sched.h): set as a task starts to exit, before its memory and files go. */
const PF_EXITING = 0x4;

/** What hasBegunExiting reads (injectable for tests): /proc/PID/stat, or /proc/PID/task/TID/stat, as text. */
export type StatReader = {
	readonly stat: (path: string) => string | null;
	readonly tasks: (pid: string) => readonly string[] | null;
};

const procReader: StatReader = {
	stat(path) {
		const text = readText(path);
		return isFailure(text) ? null : text;
	},
	tasks(pid) {
		const tasks = readDirectory(`/proc/${pid}/task`);
		return isFailure(tasks) ? null : tasks;
	},
};

/** A task on its way out: flagged exiting, a zombie, or dead. */
const isTaskExiting = (stat: ProcStat): boolean => stat.state === 'Z' || stat.state === 'X' || stat.state === 'x' || Math.floor(stat.flags / PF_EXITING) % 2 === 1;

/**
 * Whether process `pid` has begun exiting: gone from /proc, its PID another process's (a start
 * other than `startToken`), or every one of its threads exiting or a zombie. One read of its
 * stat while its main thread is not exiting; only a main thread that is (a process exiting, or
 * one whose main thread called pthread_exit() while others run on) has its threads read.
 */
export function hasBegunExiting(pid: number | string, startToken: string | null = null, read: StatReader = procReader): boolean {
	const text = read.stat(`/proc/${pid}/stat`);
	if (text === null) return true;
	const stat = parseProcStat(text);
	if (stat === null) return false;
	if (startToken !== null && stat.startTicks !== startToken) return true;
	if (!isTaskExiting(stat)) return false;
	if (stat.threads <= 1) return true;
	const tasks = read.tasks(String(pid));
	return (
		tasks === null ||
		tasks.every(task => {
			const taskText = read.stat(`/proc/${pid}/task/${task}/stat`);
			const taskStat = taskText === null ? null : parseProcStat(taskText);
			return taskText === null || (taskStat !== null && isTaskExiting(taskStat));
		})
	);
}

/** A read of a process that is not there (exited, or never was). */
export const goneDetail = (pid: number): ProcessDetail => ({time: Date.now(), pid, process: null, fds: [], denied: null});

/**
 * The PID view's read of `pid` (`read`), never a torn one: when the process began exiting
 * while it was read, it is read again, which finds it a zombie or gone (a read of it as it
 * exited, the one the view shows as its exit), or, while its exit still goes on, it is taken
 * as gone. The view then keeps showing its last whole read as its last known state.
 */
export async function readWhole(pid: number, read: (pid: number) => Promise<ProcessDetail>, isExiting: typeof hasBegunExiting = hasBegunExiting): Promise<ProcessDetail> {
	const detail = await read(pid);
	const start = detail.process?.startToken ?? null;
	if (detail.process === null || hasExited(detail) || !isExiting(pid, start)) return detail;
	const again = await read(pid);
	return hasExited(again) || again.process?.startToken !== start ? again : goneDetail(pid);
}

/** Our effective uid: without root, the only processes denied to us that exiting explains are our own. */
const ourUid = process.geteuid?.() ?? -1;

/**
 * Whether a process the walk was denied is our own (its /proc/PID's uid: `owner`, where the walk
 * stat'ed it, else a stat) and has begun exiting (then its stat).
 */
function isOwnExiting(pid: string, owner?: number | null): boolean {
	const uid = owner === undefined ? ownerOfProcess(pid) : owner;
	return (uid === null || uid === ourUid) && hasBegunExiting(pid);
}

/**
 * The table walk's scans, with a process that was denied to it and has begun exiting since
 * counted as vanished (ESRCH), not denied: without root, an exiting process of our own denies us
 * its fd directory and links (and a zombie's stays denied). Another user's is denied to us
 * exiting or not, and is not asked.
 */
export function withExitedDenials(pids: readonly string[], scans: ProcessScan[], isExiting: (pid: string, owner?: number | null) => boolean = isOwnExiting): ProcessScan[] {
	return scans.map(scan => ((scan.failure === 'EACCES' || scan.failure === 'EPERM') && isExiting(pids[scan.index]!, scan.owner) ? {...scan, failure: 'ESRCH'} : scan));
}
