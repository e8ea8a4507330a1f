/**
 * A process whose main thread has exited while other threads run on (a "zombie leader":
 * a Go program, a C program that called pthread_exit() in main, some daemons). The kernel
 * drops the leader's fd table, namespaces and fs on its exit, so /proc/PID/fd lists nothing
 * and /proc/PID/ns/net, /proc/PID/net and /proc/PID/cwd are gone, while the live threads
 * still hold every fd: ss -p and lsof then show its sockets without a holder. Each live
 * thread's fd table is at /proc/PID/task/TID/fd (kernel 6.18):
 *
 *   $ grep -E '^(State|Threads)' /proc/26032/status
 *   State:	Z (zombie)
 *   Threads:	2
 *   $ ls /proc/26032/fd                       # nothing (as its owner without root: EACCES)
 *   $ readlink /proc/26032/ns/net             # ENOENT
 *   $ readlink /proc/26032/task/26080/fd/3
 *   socket:[35794528]
 */
import {type Failure, isFailure, readDirectory, readLink, readStat} from './read.js';

/** One fd table of a process: the fd names its directory listed. */
export type FdTable = {
	/**
	 * null: the process's own (/proc/PID/fd). Else a zombie leader's live thread whose table this
	 * is; the first table's thread stands for the process: /proc/PID/task/TID shows its
	 * namespace, socket tables, cwd and fdinfo.
	 */
	readonly task: string | null;
	/** Where its links are read, ending in '/': fdDirectory(pid, task). */
	readonly directory: string;
	readonly fds: readonly string[];
};

/** A process's fd tables, never none. A zombie leader's are each distinct one of its threads' (almost always one: see readZombieLeader). */
export type FdTables = readonly [FdTable, ...FdTable[]];

/**
 * Where a process's per-thread entries (fd, fdinfo, ns, net, cwd, cmdline, ...) are read: /proc/PID,
 * or /proc/PID/task/TID for a zombie leader's live thread `task`, its own being gone.
 */
export const procBase = (pid: number | string, task: string | null): string => (task === null ? `/proc/${pid}` : `/proc/${pid}/task/${task}`);

/** The directory of a process's fd table, ending in '/': /proc/PID/fd/, or /proc/PID/task/TID/fd/ for its thread `task`. */
export const fdDirectory = (pid: number | string, task: string | null): string => `${procBase(pid, task)}/fd/`;

/** Our effective uid: of the fd directories denied to us, only our own processes' may be zombie leaders we can read (mayBeZombieLeader). */
const ourUid = process.geteuid?.() ?? -1;

/**
 * Whether /proc/PID/fd's answer may be a zombie leader's: nothing listed, or, for its owner
 * without root, denied (the kernel gives a process without a memory map of its own to root:
 * task_dump_owner()). Without root every other user's process is denied too, so a denied
 * listing asks `ownerOf` (/proc/PID's uid, null when unknown; it keeps the process's euid, as
 * only the 0500 entries go to root) and may be one only when that is `ours` (our euid):
 * another user's costs that one stat (2-3 us), not a failing readlink (7-13 us with its
 * exception). An empty listing as root (a kernel thread) pays one readlink that succeeds
 * (~3.5 us: 0.2 ms per walk with 61 kernel threads); a process with a table of its own pays
 * nothing. The helper thread decides the same from its own text (fd-worker.ts's zombieCheckSource):
 * zombie-check.test.ts holds the two alike.
 */
export const mayBeZombieLeader = (listed: readonly string[] | Failure, ownerOf: () => number | null, ours = ourUid): boolean =>
	isFailure(listed) ? listed.kind === 'denied' && ownerOf() === ours : listed.length === 0;

/** /proc/PID's uid (null: it could not be stat'ed) once known; undefined until then. */
export type Owner = {uid?: number | null};

/**
 * The fd tables of `pid`: its own, /proc/PID/fd, or, for a zombie leader, each distinct live
 * thread's (readZombieLeader). The listing's failure when there is none to read: a process
 * gone, or another user's (denied). A process with a table of its own costs one readdir: only
 * an empty or denied listing asks more (mayBeZombieLeader). `owner`: /proc/PID's uid when the
 * caller has stat'ed it already (the remembered walk does), else a denied listing stats it and
 * leaves it there, for the caller (withExitedDenials) not to stat it again.
 */
export function readFdTables(pid: string, owner: Owner = {}): FdTables | Failure {
	const directory = fdDirectory(pid, null);
	const fds = readDirectory(directory);
	const ownerOf = () => (owner.uid === undefined ? (owner.uid = ownerOfProcess(pid)) : owner.uid);
	const threads = mayBeZombieLeader(fds, ownerOf) ? readZombieLeader(pid) : null;
	if (threads !== null) return threads;
	return isFailure(fds) ? fds : [{task: null, directory, fds}];
}

/**
 * The fd tables of `pid`'s live threads when its main thread has exited; null for every other
 * process. Ask only when mayBeZombieLeader says so (readFdTables does), or when an fd link
 * that was readable is not any more. Then one readlink decides: a live leader
 * (a kernel thread, a process with no file open) still has its ns/net link, another user's
 * process refuses it (EACCES), and an exited leader has none (ENOENT, as a process that is
 * gone, which has no threads to list either).
 *
 * Threads share one fd table unless one was made without CLONE_FILES (or called
 * unshare(CLONE_FILES)): that one has a table of its own. So each thread's table is listed
 * (one getdents each), and one listing the same fd numbers as a table already kept is taken
 * for that table, as a shared one is, and not read again; a private table that differs from
 * its origin only in what an fd number now holds is missed that way. An empty table (a
 * thread on its way out) is skipped.
 */
export function readZombieLeader(pid: string): FdTables | null {
	const namespace = readLink(`/proc/${pid}/ns/net`);
	if (!isFailure(namespace) || namespace.kind !== 'gone') return null;
	const tasks = readDirectory(`/proc/${pid}/task`);
	if (isFailure(tasks)) return null;
	const tables: FdTable[] = [];
	const listings = new Set<string>();
	for (const task of tasks) {
		if (task === pid) continue;
		const directory = fdDirectory(pid, task);
		const fds = readDirectory(directory);
		if (isFailure(fds) || fds.length === 0) continue;
		// The kernel lists fds in ascending order, so one table lists alike from any of its threads.
		const listing = fds.join(' ');
		if (listings.has(listing)) continue;
		listings.add(listing);
		tables.push({task, directory, fds});
	}

	const [first, ...others] = tables;
	return first === undefined ? null : [first, ...others];
}

/** The uid /proc/PID belongs to (the process's euid); null when it cannot be stat'ed. */
export function ownerOfProcess(pid: string): number | null {
	const stat = readStat(`/proc/${pid}`);
	return isFailure(stat) ? null : stat.uid;
}
