/**
 * Who holds each socket: walks /proc/<pid>/fd of every process and collects
 * the fds whose link reads `socket:[<inode>]`, as ss -p, lsof and fuser do.
 *
 *   $ readlink /proc/812/fd/3
 *   socket:[20531]
 *
 * Cost is one readlink per fd, about 3-7 us of kernel time each on a small
 * VM (a C loop is no faster than Node's readlinkSync), so the walk is the
 * largest part of a snapshot. On two or more cores a helper thread
 * (fd-worker.ts) walks alongside the main thread; the main thread's share
 * runs in slices so the event loop stays live.
 */
import {withExitedDenials} from './exiting.js';
import {parseSocketLink} from './fd-link.js';
import {CLAIM, helpWalk, isWorthAHelper, type ProcessScan} from './fd-worker.js';
import {readOpenFiles, readOthersRunnable} from './helper-load.js';
import {isFailure, readDirectory, readLink, readStat, readText} from './read.js';
import {createSlicer, type Slicer} from './slice.js';
import {tally, type ProcessWalk} from './tally.js';
import {keepRecall, startRecall, type Recall, type RememberedProcess, type WalkMemory} from './walk-memory.js';
import {type Owner, procBase, readFdTables} from './zombie-leader.js';

/** A walk under way: the helper thread (if any) has started; `finish` does the main thread's share. */
export type PendingWalk = {
	finish(): Promise<ProcessWalk>;
};

/**
 * Start walking every process in `pids` (default: all of /proc). The helper
 * thread begins at once, so the caller can read the socket tables before
 * calling `finish()`. Never throws for denied or vanished processes.
 */
export function startProcessWalk(
	slicer: Slicer = createSlicer(),
	options: {
		readonly pids?: readonly string[];
		readonly isParallel?: boolean;
		/** Remember what this walk reads (on this thread only: the helper does not remember). */
		readonly memory?: WalkMemory;
		/** Reuse the links `memory` holds instead of reading them. */
		readonly isRecalled?: boolean;
	} = {},
): PendingWalk {
	const pids = options.pids ?? listPids();
	const {memory} = options;
	const started = Date.now();
	const recall: Recall | null = memory === undefined ? null : startRecall(memory, options.isRecalled === true);
	const counter = new Int32Array(new SharedArrayBuffer(4));
	const help = recall === null && (options.isParallel ?? isWorthAHelper(pids.length, readOpenFiles, readOthersRunnable)) ? helpWalk(pids, counter) : null;
	return {
		async finish() {
			const scans: ProcessScan[] = [];
			// Indices this thread claimed: if the helper dies, everything else is walked again here.
			const mine = new Uint8Array(pids.length);
			let mineCount = 0;
			for (let start = Atomics.add(counter, 0, CLAIM); start < pids.length; start = Atomics.add(counter, 0, CLAIM)) {
				const end = Math.min(start + CLAIM, pids.length);
				mine.fill(1, start, end);
				mineCount += end - start;
				for (let index = start; index < end; index++) {
					const scan = scanProcess(pids, index, recall);
					if (scan !== null) scans.push(scan);
					if (slicer.isDue()) await slicer.pause();
				}
			}

			// A short walk is over before the helper has even started: it has nothing to add, so do not wait for it.
			if (mineCount === pids.length) help?.abandon();
			const theirs = help === null ? null : await help.scans;
			if (theirs === null) {
				for (let index = 0; index < pids.length; index++) {
					if (mine[index] === 1) continue;
					const scan = scanProcess(pids, index, recall);
					if (scan !== null) scans.push(scan);
					if (slicer.isDue()) await slicer.pause();
				}
			} else {
				await takeHelperScans(theirs, index => scanProcess(pids, index, recall), slicer, scans);
			}

			if (memory !== undefined && recall !== null) keepRecall(memory, recall, started);

			// A process denied to the walk because it was exiting is counted as vanished (exiting.ts).
			return tally(pids, withExitedDenials(pids, scans), recall?.linksRead ?? null);
		},
	};
}

/**
 * Add the helper thread's scans to `scans`. It only notices a zombie leader: `rescan` reads its
 * threads' tables here, in one place, and as one can be large (a Go server with thousands of
 * sockets), the slicer may pause after each.
 */
export async function takeHelperScans(theirs: readonly ProcessScan[], rescan: (index: number) => ProcessScan | null, slicer: Slicer, scans: ProcessScan[]): Promise<void> {
	// Not push(...theirs): a spread of ~130k elements overflows the stack.
	for (const scan of theirs) {
		if (scan.isZombieLeader !== true) {
			scans.push(scan);
			continue;
		}

		const mine = rescan(scan.index);
		if (mine !== null) scans.push(mine);
		if (slicer.isDue()) await slicer.pause();
	}
}

/** Numeric entries of /proc: one per process (threads are hidden under /proc/<pid>/task). */
export function listPids(): string[] {
	const entries = readDirectory('/proc');
	if (isFailure(entries)) return [];
	return entries.filter(name => {
		const code = name.charCodeAt(0);
		return code >= 48 && code <= 57;
	});
}

/**
 * The same scan fd-worker.ts does, on this thread, reusing and recording
 * links through `recall` when given. null when the process holds no socket.
 */
function scanProcess(pids: readonly string[], index: number, recall: Recall | null = null): ProcessScan | null {
	const pid = pids[index]!;
	// The remembered links of this process when it is the same process as last time, else a new map (or none).
	let remembered: RememberedProcess | undefined;
	let isKnown = false;
	// The stat of /proc/PID also gives its owner, which readFdTables may want: it is not read twice, nor again
	// by withExitedDenials for a denied process (readFdTables leaves in `owner` what it stat'ed itself).
	const owner: Owner = {};
	if (recall !== null) {
		const stat = readStat(`/proc/${pid}`);
		if (!isFailure(stat)) {
			const identity = stat.ino;
			owner.uid = stat.uid;
			const before = recall.before?.get(pid);
			isKnown = before !== undefined && before.identity === identity;
			remembered = isKnown ? before! : {identity, links: new Map<string, number>(), task: null};
			recall.after.set(pid, remembered);
		}
	}

	const tables = readFdTables(pid, owner);
	if (isFailure(tables)) {
		recall?.after.delete(pid);
		return {index, failure: tables.code, found: [], status: null, statusFailure: null, netns: null, ...(owner.uid === undefined ? {} : {owner: owner.uid})};
	}

	// A zombie leader's first table is remembered as the process's own: links remembered from another
	// (the leader's own, or that of a thread that has exited since) may not be this one's.
	const {task} = tables[0];
	const isSameTable = isKnown && remembered!.task === task;
	if (remembered !== undefined && !isSameTable) {
		remembered.links.clear();
		remembered.task = task;
	}

	const found: number[] = [];
	for (let at = 0; at < tables.length; at++) {
		const {directory, fds} = tables[at]!;
		// Another table (a thread made without CLONE_FILES) is read whole each time, as one map of fd -> inode
		// cannot hold two tables, and adds only its sockets the first does not hold at the same fd.
		const isFirst = at === 0;
		const more = isFirst ? found : [];
		const denied = scanTable(directory, fds, isFirst ? remembered?.links : undefined, isFirst && isSameTable, recall, more);
		if (denied !== null) {
			recall?.after.delete(pid);
			return {index, failure: denied, found: [], status: null, statusFailure: null, netns: null};
		}

		if (!isFirst) addMissing(found, more);
	}

	return found.length === 0 ? null : withStatus(pid, index, found, task);
}

/**
 * Read one fd table's socket links into `found` (inode, fd, inode, fd, ...). With `links`, the
 * remembered ones are reused when `isKnown`, what is read is remembered, and closed fds are
 * forgotten. Returns the errno name when the links may not be read, else null.
 */
function scanTable(directory: string, fds: readonly string[], links: Map<string, number> | undefined, isKnown: boolean, recall: Recall | null, found: number[]): string | null {
	// Remembered fds still open: when fewer than remembered, closed ones are forgotten below.
	let kept = 0;
	for (const fd of fds) {
		const remembered = isKnown ? links!.get(fd) : undefined;
		if (remembered !== undefined) {
			kept++;
			if (remembered !== 0) found.push(remembered, Number(fd));
			continue;
		}

		if (recall !== null) recall.linksRead++;
		const target = readLink(directory + fd);
		if (typeof target === 'string') {
			const inode = parseSocketLink(target);
			if (links !== undefined) {
				links.set(fd, inode);
				kept++;
			}

			if (inode !== 0) found.push(inode, Number(fd));
		} else if (target.kind === 'denied') {
			// A listable fd directory whose links are not readable (an LSM or ptrace policy): every link would fail alike.
			return target.code;
		}

		// Otherwise the fd was closed since readdir (or the process is gone, which the status read tells).
	}

	if (links !== undefined && links.size > kept) {
		const open = new Set(fds);
		for (const fd of links.keys()) if (!open.has(fd)) links.delete(fd);
	}

	return null;
}

/** Append the (inode, fd) pairs of `more` that `found` does not hold yet. */
function addMissing(found: number[], more: readonly number[]): void {
	const held = new Set<string>();
	for (let i = 0; i < found.length; i += 2) held.add(`${found[i]} ${found[i + 1]}`);
	for (let i = 0; i < more.length; i += 2) if (!held.has(`${more[i]} ${more[i + 1]}`)) found.push(more[i]!, more[i + 1]!);
}

/**
 * The scan of a process holding sockets: its status (the command and owner come from the
 * process, whichever thread's table held them) and its network namespace, through `task`
 * when its main thread has exited (its own ns link is gone then).
 */
function withStatus(pid: string, index: number, found: number[], task: string | null): ProcessScan {
	const status = readText(`/proc/${pid}/status`);
	const link = readLink(`${procBase(pid, task)}/ns/net`);
	const netns = isFailure(link) ? null : link;
	const scan: ProcessScan = isFailure(status)
		? {index, failure: null, found, status: null, statusFailure: status.code, netns}
		: {index, failure: null, found, status, statusFailure: null, netns};
	return task === null ? scan : {...scan, task};
}
