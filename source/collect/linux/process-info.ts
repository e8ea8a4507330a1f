/**
 * The process facts of the PID view, read from /proc/PID/{stat,status,cmdline,
 * cwd,exe,limits}. Only what cannot be read is null: a process of another user
 * still shows its stat, status and cmdline (world-readable), not cwd or exe.
 */
import type {ProcessInfo} from '../../model/process.js';
import {exeGoneOf} from './exe-gone.js';
import {parseLimit} from './limits.js';
import {describeState, parseBootTime, parseProcStat} from './proc-stat.js';
import {parseProcStatus} from './proc-status.js';
import {isFailure, readLink, readText} from './read.js';
import {procBase} from './zombie-leader.js';

/**
 * USER_HZ: the unit of /proc/PID/stat's starttime. The kernel fixes it at 100
 * on every architecture Linux supports today (`getconf CLK_TCK` says 100), and
 * Node has no sysconf() to ask.
 */
const CLOCK_TICKS = 100;

let bootTime: number | null | undefined;

/** Boot time in ms since the epoch; read once, it does not change while the machine is up. */
function readBootTime(): number | null {
	if (bootTime === undefined) {
		const text = readText('/proc/stat');
		const seconds = isFailure(text) ? null : parseBootTime(text);
		bootTime = seconds === null ? null : seconds * 1000;
	}

	return bootTime;
}

/** argv from /proc/PID/cmdline: NUL-separated, with a trailing NUL; empty for kernel threads. */
export function parseCmdline(text: string): string[] {
	const args = text.split('\0');
	if (args.at(-1) === '') {
		args.pop();
	}

	return args;
}

/** A link's target, or null when it cannot be read (another user's process: EACCES). */
function linkOrNull(path: string): string | null {
	const target = readLink(path);
	return isFailure(target) ? null : target;
}

/**
 * Read one process's facts. null when it does not exist (ENOENT on its stat).
 * `userName` turns a uid into a name (the caller owns the passwd cache). `task`: a live
 * thread of a process whose main thread has exited (zombie-leader.ts), whose command line,
 * cwd, exe and limits are the process's (the leader's own are gone with it).
 */
export function readProcessInfo(pid: number, userName: (uid: number) => string, task: string | null = null): ProcessInfo | null {
	const base = `/proc/${pid}`;
	const files = procBase(pid, task);
	const statText = readText(`${base}/stat`);
	const stat = isFailure(statText) ? null : parseProcStat(statText);
	if (stat === null) {
		return null;
	}

	const statusText = readText(`${base}/status`);
	const status = isFailure(statusText) ? null : parseProcStatus(statusText);
	const cmdlineText = readText(`${files}/cmdline`);
	const limitsText = readText(`${files}/limits`);
	const limit = isFailure(limitsText) ? undefined : parseLimit(limitsText, 'Max open files');
	const boot = readBootTime();
	const uid = status?.uid ?? null;
	const exe = linkOrNull(`${files}/exe`);
	const exeGone = exeGoneOf(files, exe);

	return {
		pid,
		ppid: status?.ppid ?? stat.ppid,
		user: uid === null ? '?' : userName(uid),
		uid,
		// Status Name and stat comm are the same 15-byte comm; status escapes newlines, stat does not.
		command: status?.name ?? stat.comm,
		cmdline: isFailure(cmdlineText) ? null : parseCmdline(cmdlineText),
		state: status?.state ?? describeState(stat.state),
		startTime: boot === null ? null : boot + (Number(stat.startTicks) * 1000) / CLOCK_TICKS,
		startToken: stat.startTicks,
		threads: status?.threads ?? stat.threads,
		...(status?.nsPid === null || status?.nsPid === undefined ? {} : {nsPid: status.nsPid}),
		cwd: linkOrNull(`${files}/cwd`),
		exe,
		...(exeGone === undefined ? {} : {exeGone}),
		fdLimit: limit?.soft ?? null,
	};
}
