/**
 * The remembered walk: what a collector keeps of its fd walks (fds.ts) between
 * the live view's refreshes, so that a refresh reads only the fd links it does
 * not know, and the checks that catch what the memory cannot see.
 */
import {parseSocketLink} from './fd-link.js';
import {readLink} from './read.js';
import type {RawSocket} from './tables.js';
import {insertHolder, type Holder, type ProcessWalk} from './tally.js';
import {fdDirectory} from './zombie-leader.js';

/**
 * What a collector remembers of its last walk, so that a live view's refresh
 * need not read every link again: readlink is most of a walk's cost, and
 * between two refreshes few fds change. A refresh still lists every
 * /proc/<pid>/fd (new fd numbers are read) and checks each process's identity
 * (a pid reused by a new process starts from nothing); what it cannot see
 * from that is caught afterwards (settleRecall, for readLinuxSnapshot):
 * - an fd number reused for a new socket after its old socket closed: the
 *   remembered inode is gone from the tables, so that link is read again
 *   (recheckRecalled);
 * - an fd number that held a file and now holds a socket: the socket shows
 *   up with no holder that was not there before, and the whole walk is redone;
 * - an fd number whose socket stays open in another process (a forked
 *   server's) reused for a file, or dup2 onto another open socket: nothing
 *   shows it, so every link is read again at least every FULL_WALK_MS.
 */
export type WalkMemory = {
	/** pid -> the inode of /proc/<pid> (a new process with the same pid gets a new one) and its links. */
	processes: Map<string, RememberedProcess>;
	/** Socket inodes in the tables that no readable process held after the last walk. */
	unheld: ReadonlySet<number>;
	/** Snapshots taken with this memory (readLinuxSnapshot counts them). */
	walks: number;
	/** When the last walk that read every link started (ms since the epoch). */
	lastFull: number;
};

/**
 * One process's fd links: fd -> socket inode, 0 for anything that is not a socket. `task` is
 * the thread whose table they were read from when the main thread has exited (zombie-leader.ts),
 * null while it has not.
 */
export type RememberedProcess = {readonly identity: number; readonly links: Map<string, number>; task: string | null};

/** Every link is read again at least this often, whatever the memory says. */
export const FULL_WALK_MS = 20_000;

export const createWalkMemory = (): WalkMemory => ({processes: new Map(), unheld: new Set(), walks: 0, lastFull: 0});

/**
 * How the next walk with `memory` runs: 'first' (no memory yet: the helper
 * thread may join in, nothing is remembered, so a one-shot run pays nothing
 * for it), 'full' (every link read on this thread, all remembered) or
 * 'recall' (remembered links reused).
 */
export function planWalk(memory: WalkMemory | undefined, now: number): 'first' | 'full' | 'recall' {
	if (memory === undefined || memory.walks === 0) return 'first';
	return memory.processes.size === 0 || now - memory.lastFull >= FULL_WALK_MS ? 'full' : 'recall';
}

/**
 * The links a scan reads from and writes to; null when nothing is remembered.
 * A process whose identity is unchanged keeps its RememberedProcess, updated
 * in place, so a refresh in which nothing changed allocates nothing for it.
 */
export type Recall = {
	readonly before: ReadonlyMap<string, RememberedProcess> | null;
	readonly after: Map<string, RememberedProcess>;
	linksRead: number;
};

/** The Recall of a walk with `memory`: reusing its links when `isRecalled`, else reading every one. */
export const startRecall = (memory: WalkMemory, isRecalled: boolean): Recall => ({before: isRecalled ? memory.processes : null, after: new Map(), linksRead: 0});

/**
 * After the walk that `recall` served (started at `started`): what it read becomes `memory`'s
 * links (processes it did not see are forgotten), and a walk that read every link is the last full one.
 */
export function keepRecall(memory: WalkMemory, recall: Recall, started: number): void {
	memory.processes = recall.after;
	if (recall.before === null) memory.lastFull = started;
}

/**
 * After a recalled walk: every holder whose socket is no longer in the tables
 * (`isLive` says which are) may hold a new socket on the same fd number now,
 * so its link is read again; a new socket found there is added to the
 * holders and to `memory`. Returns how many links were read.
 */
export function recheckRecalled(walk: ProcessWalk, isLive: (inode: number) => boolean, memory: WalkMemory): number {
	const stale: Holder[] = [];
	for (const [inode, first] of walk.holders) {
		if (isLive(inode)) continue;
		for (let holder: Holder | null = first; holder !== null; holder = holder.next) stale.push(holder);
	}

	for (const {pid, fd, owner} of stale) {
		const remembered = memory.processes.get(String(pid));
		// A zombie leader's links were read from a live thread's table (zombie-leader.ts): its first, the
		// one remembered. A second table's links are read afresh by every walk, so one is stale only if its
		// socket closed during the walk; reading the first table's fd then adds what that table holds (a
		// holder already found, insertHolder keeps one), and a new socket the second holds stays unheld,
		// so the walk is redone (settleRecall).
		const task = remembered?.task ?? null;
		const target = readLink(fdDirectory(pid, task) + fd);
		const links = remembered?.links;
		if (typeof target !== 'string') {
			links?.delete(String(fd));
			continue;
		}

		const inode = parseSocketLink(target);
		links?.set(String(fd), inode);
		if (inode !== 0 && isLive(inode)) insertHolder(walk.holders, inode, {pid, fd, owner, next: null});
	}

	return stale.length;
}

/** A namespace's socket tables, as readLinuxSnapshot has them. */
type Space = {readonly tables: {readonly sockets: readonly RawSocket[]}};

/** Socket inodes in the tables with no holder in `walk` (inode 0 is no socket: TIME_WAIT, NEW_SYN_RECV). */
export function unheldInodes(spaces: readonly Space[], walk: ProcessWalk): Set<number> {
	const unheld = new Set<number>();
	for (const {tables} of spaces) {
		for (const raw of tables.sockets) {
			if (raw.inode !== 0 && !walk.holders.has(raw.inode)) unheld.add(raw.inode);
		}
	}

	return unheld;
}

/**
 * Settle a recalled walk: links whose socket has closed are read again (the fd
 * may hold a new socket now). It stands if every socket in the tables then has
 * a holder or had none at the last walk either: the sockets without one are
 * returned. null when it does not stand.
 */
export function settleRecall(walk: ProcessWalk, spaces: readonly Space[], memory: WalkMemory): Set<number> | null {
	const live = new Set<number>();
	for (const {tables} of spaces) for (const raw of tables.sockets) live.add(raw.inode);
	recheckRecalled(walk, inode => live.has(inode), memory);
	const unheld = unheldInodes(spaces, walk);
	for (const inode of unheld) {
		if (!memory.unheld.has(inode)) return null;
	}

	return unheld;
}
