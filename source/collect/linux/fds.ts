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
import {CLAIM, helpWalk, isWorthAHelper, type ProcessScan} from './fd-worker.js';
import {parseStatusOwner, type ProcessOwner} from './owner.js';
import {failureFromCode, isFailure, readDirectory, readLink, readText} from './read.js';
import {createSlicer, type Slicer} from './slice.js';

/** One (pid, fd) holding a socket; `next` chains further holders of the same inode. */
export type Holder = {
	readonly pid: number;
	readonly fd: number;
	readonly owner: ProcessOwner;
	next: Holder | null;
};

export type ProcessWalk = {
	/** Socket inode -> first holder (lowest pid first, as /proc lists them). */
	readonly holders: Map<number, Holder>;
	/** Processes whose fd table we may not read (another user's, without root). */
	readonly deniedProcesses: number;
	/** Their pids: which namespaces they live in can still be told apart (netns.ts). */
	readonly deniedPids: readonly number[];
	/** Processes that exited during the walk. */
	readonly vanishedProcesses: number;
	/** Network namespace inode -> pids in it that hold sockets (pids whose ns link was unreadable are left out). */
	readonly namespaces: Map<number, number[]>;
};

/** A walk under way: the helper thread (if any) has started; `finish` does the main thread's share. */
export type PendingWalk = {
	finish(): Promise<ProcessWalk>;
};

const socketPrefix = 'socket:[';

/**
 * Start walking every process in `pids` (default: all of /proc). The helper
 * thread begins at once, so the caller can read the socket tables before
 * calling `finish()`. Never throws for denied or vanished processes.
 */
export function startProcessWalk(
	slicer: Slicer = createSlicer(),
	options: {readonly pids?: readonly string[]; readonly isParallel?: boolean} = {},
): PendingWalk {
	const pids = options.pids ?? listPids();
	const counter = new Int32Array(new SharedArrayBuffer(4));
	const helped = (options.isParallel ?? isWorthAHelper(pids.length)) ? helpWalk(pids, counter) : Promise.resolve(null);
	return {
		async finish() {
			const scans: ProcessScan[] = [];
			// Indices this thread claimed: if the helper dies, everything else is walked again here.
			const mine = new Uint8Array(pids.length);
			for (let start = Atomics.add(counter, 0, CLAIM); start < pids.length; start = Atomics.add(counter, 0, CLAIM)) {
				const end = Math.min(start + CLAIM, pids.length);
				mine.fill(1, start, end);
				for (let index = start; index < end; index++) {
					const scan = scanProcess(pids, index);
					if (scan !== null) scans.push(scan);
					if (slicer.isDue()) await slicer.pause();
				}
			}

			const theirs = await helped;
			if (theirs === null) {
				for (let index = 0; index < pids.length; index++) {
					if (mine[index] === 1) continue;
					const scan = scanProcess(pids, index);
					if (scan !== null) scans.push(scan);
					if (slicer.isDue()) await slicer.pause();
				}
			} else {
				scans.push(...theirs);
			}

			return tally(pids, scans);
		},
	};
}

/** Walk every process (or `pids`) to the end; see startProcessWalk. */
export async function walkProcesses(slicer: Slicer = createSlicer(), pids?: readonly string[]): Promise<ProcessWalk> {
	return startProcessWalk(slicer, {pids}).finish();
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

/** The same scan fd-worker.ts does, on this thread. null when the process holds no socket. */
function scanProcess(pids: readonly string[], index: number): ProcessScan | null {
	const directory = `/proc/${pids[index]}/fd/`;
	const fds = readDirectory(directory);
	if (isFailure(fds)) return {index, failure: fds.code, found: [], status: null, statusFailure: null, netns: null};
	const found: number[] = [];
	for (const fd of fds) {
		const target = readLink(directory + fd);
		if (typeof target === 'string') {
			if (target.startsWith(socketPrefix)) found.push(Number(target.slice(socketPrefix.length, -1)), Number(fd));
		} else if (target.kind === 'denied') {
			// A listable fd directory whose links are not readable (an LSM or ptrace policy): every link would fail alike.
			return {index, failure: target.code, found: [], status: null, statusFailure: null, netns: null};
		}

		// Otherwise the fd was closed since readdir (or the process is gone, which the status read tells).
	}

	if (found.length === 0) return null;
	const status = readText(`/proc/${pids[index]}/status`);
	const link = readLink(`/proc/${pids[index]}/ns/net`);
	const netns = isFailure(link) ? null : link;
	return isFailure(status)
		? {index, failure: null, found, status: null, statusFailure: status.code, netns}
		: {index, failure: null, found, status, statusFailure: null, netns};
}

/** Holders in pid-list order, whichever thread scanned them, and the counts of what could not be read. */
function tally(pids: readonly string[], scans: ProcessScan[]): ProcessWalk {
	scans.sort((a, b) => a.index - b.index);
	const holders = new Map<number, Holder>();
	let deniedProcesses = 0;
	let vanishedProcesses = 0;
	const deniedPids: number[] = [];
	const namespaces = new Map<number, number[]>();
	for (const scan of scans) {
		const failure = scan.failure ?? scan.statusFailure;
		if (failure !== null) {
			const {kind} = failureFromCode(failure);
			if (kind === 'denied') {
				deniedProcesses++;
				deniedPids.push(Number(pids[scan.index]));
			} else if (kind === 'gone') {
				vanishedProcesses++;
			}

			continue;
		}

		const owner = parseStatusOwner(scan.status ?? '');
		const pid = Number(pids[scan.index]);
		const namespace = scan.netns === null ? null : namespaceInode(scan.netns);
		if (namespace !== null) {
			const members = namespaces.get(namespace);
			if (members === undefined) namespaces.set(namespace, [pid]);
			else members.push(pid);
		}

		const {found} = scan;
		for (let i = 0; i < found.length; i += 2) {
			addHolder(holders, found[i]!, {pid, fd: found[i + 1]!, owner, next: null});
		}
	}

	return {holders, deniedProcesses, deniedPids, vanishedProcesses, namespaces};
}

/** 'net:[4026531840]' -> 4026531840; null for anything else. */
export function namespaceInode(link: string): number | null {
	if (!link.startsWith('net:[') || !link.endsWith(']')) return null;
	const inode = Number(link.slice(5, -1));
	return Number.isSafeInteger(inode) && inode > 0 ? inode : null;
}

function addHolder(holders: Map<number, Holder>, inode: number, holder: Holder): void {
	let last = holders.get(inode);
	if (last === undefined) {
		holders.set(inode, holder);
		return;
	}

	while (last.next !== null) last = last.next;
	last.next = holder;
}
