/**
 * The fd walk's result: each socket inode's holders, chained in (pid, fd)
 * order as a walk of /proc in pid order finds them, and the counts of what
 * could not be read. Built from the scans of both threads (fds.ts,
 * fd-worker.ts), whichever order they arrive in.
 */
import type {ProcessScan} from './fd-worker.js';
import {namespaceInode} from './netns.js';
import {parseStatusOwner, type ProcessOwner} from './owner.js';
import {failureFromCode} from './read.js';

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
	/**
	 * Network namespace inode -> a way into it for each process holding sockets there: its pid, or a
	 * zombie leader's live thread's id (/proc/TID/net shows the same tables, and nsenter -t takes it).
	 * Processes whose ns link was unreadable are left out.
	 */
	readonly namespaces: Map<number, number[]>;
	/** How many fd links a walk with a memory read (a recalled walk reads only those it did not know); null without one. */
	readonly linksRead: number | null;
};

/** Holders in pid-list order, whichever thread scanned them, and the counts of what could not be read. Pure: exported for tests. */
export function tally(pids: readonly string[], scans: ProcessScan[], linksRead: number | null): ProcessWalk {
	scans.sort((a, b) => a.index - b.index);
	const holders = new Map<number, Holder>();
	// The last holder of each socket with more than one, so appending is O(1) (a listener of 20,000 forked workers).
	const tails = new Map<number, Holder>();
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
			// A zombie leader's /proc/PID/net is gone: its live thread's is the way in.
			const member = scan.task === undefined ? pid : Number(scan.task);
			const members = namespaces.get(namespace);
			if (members === undefined) namespaces.set(namespace, [member]);
			else members.push(member);
		}

		const {found} = scan;
		for (let i = 0; i < found.length; i += 2) {
			addHolder(holders, tails, found[i]!, {pid, fd: found[i + 1]!, owner, next: null});
		}
	}

	return {holders, deniedProcesses, deniedPids, vanishedProcesses, namespaces, linksRead};
}

/** Add a holder where (pid, fd) order puts it, as a walk in pid order would have. */
export function insertHolder(holders: Map<number, Holder>, inode: number, holder: Holder): void {
	const first = holders.get(inode);
	const isBefore = (a: Holder, b: Holder) => a.pid < b.pid || (a.pid === b.pid && a.fd < b.fd);
	if (first === undefined || isBefore(holder, first)) {
		holder.next = first ?? null;
		holders.set(inode, holder);
		return;
	}

	let last = first;
	while (last.next !== null && isBefore(last.next, holder)) last = last.next;
	// Held already: a zombie leader's second table was read at the same fd (scanProcess in fds.ts).
	const isSame = (other: Holder | null) => other !== null && other.pid === holder.pid && other.fd === holder.fd;
	if (isSame(last) || isSame(last.next)) return;
	holder.next = last.next;
	last.next = holder;
}

/** Append `holder` to the socket's list; `tails` knows the last one of each list longer than one. */
function addHolder(holders: Map<number, Holder>, tails: Map<number, Holder>, inode: number, holder: Holder): void {
	const first = holders.get(inode);
	if (first === undefined) {
		holders.set(inode, holder);
		return;
	}

	const last = first.next === null ? first : tails.get(inode)!;
	last.next = holder;
	tails.set(inode, holder);
}
