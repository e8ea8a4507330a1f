/**
 * Which processes the fd walk was refused, by name. /proc/PID/fd needs ptrace access, but
 * /proc/PID/stat and /proc/PID/status are readable by anyone (proc(5)), so a user without root,
 * or root under an LSM that refuses it, can still say whose fds it could not read:
 *
 *   $ setpriv --reuid=65534 --regid=65534 --clear-groups ls /proc/1/fd
 *   ls: cannot open directory '/proc/1/fd': Permission denied
 *   $ setpriv --reuid=65534 --regid=65534 --clear-groups head -1 /proc/1/status
 *   Name:	systemd
 *
 * The status file's Uid is the effective uid, as USER is everywhere else; the owner of
 * /proc/PID is not: the kernel makes it root for a process that is not dumpable.
 */
import {DENIED_LIST_LIMIT, type DeniedProcess} from '../../model/types.js';
import {parseStatusOwner} from './owner.js';
import {isKernelThread, parseProcStat} from './proc-stat.js';
import {isFailure, readText} from './read.js';

/** How /proc is read; tests hand in fixture text. null: the file could not be read. */
export type DeniedReader = {
	readonly stat: (pid: number) => string | null;
	readonly status: (pid: number) => string | null;
};

const procReader: DeniedReader = {
	stat: pid => orNull(readText(`/proc/${pid}/stat`)),
	status: pid => orNull(readText(`/proc/${pid}/status`)),
};

const orNull = (text: ReturnType<typeof readText>): string | null => (isFailure(text) ? null : text);

export type DeniedProcesses = {
	/** The denied pids that may hide sockets: kernel threads dropped (their fd directory is root's alone, and empty). */
	readonly pids: readonly number[];
	/** The first `limit` of them by PID, named. */
	readonly list: readonly DeniedProcess[];
};

/**
 * Drop kernel threads from the walk's denied pids and name the first `limit` left, lowest
 * PID first. Every denied pid costs one read of its stat (the kernel-thread test), which the
 * count needed already; only the named ones cost a second read, of status, so a user without
 * root on a busy host pays for 20 files, not for every process.
 */
export function describeDenied(
	deniedPids: readonly number[],
	userName: (uid: number) => string,
	limit = DENIED_LIST_LIMIT,
	read: DeniedReader = procReader,
): DeniedProcesses {
	const pids: number[] = [];
	const list: DeniedProcess[] = [];
	for (const pid of [...deniedPids].sort((a, b) => a - b)) {
		const statText = read.stat(pid);
		const stat = statText === null ? null : parseProcStat(statText);
		// A process gone since the walk counts as it did before: not a kernel thread.
		if (stat !== null && isKernelThread(stat)) continue;
		pids.push(pid);
		if (list.length >= limit) continue;
		const statusText = read.status(pid);
		const owner = statusText === null ? null : parseStatusOwner(statusText);
		const uid = owner?.uid ?? null;
		list.push({pid, command: owner?.command ?? stat?.comm ?? null, user: uid === null ? '?' : userName(uid), uid});
	}

	return {pids, list};
}
