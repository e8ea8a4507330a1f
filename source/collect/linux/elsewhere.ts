/**
 * Sockets a process holds from another network namespace than its own. A socket stays in the
 * namespace it was made in: a process that opened it and then called setns(), or was handed it
 * (systemd's socket activation passes a host socket to a service with PrivateNetwork=), holds a
 * socket its own /proc/PID/net does not list. Socket inodes are the same in every namespace, so
 * the socket is looked up in the others' tables, as the table reads them: ours and the host's
 * first (the usual cases), then each namespace a process of this machine is in.
 *
 *   $ ls -l /proc/7962/fd/3          # listened on *:44927, then setns() into uat-a
 *   lrwx------ 1 root root 64 … 3 -> socket:[37980063]
 *   $ grep -c 37980063 /proc/7962/net/tcp /proc/1/net/tcp
 *   /proc/7962/net/tcp:0
 *   /proc/1/net/tcp:1
 *
 * A socket in no table at all (bound but idle, of another family) would send every refresh of
 * the PID view through every namespace's tables, so an inode found nowhere is not looked for
 * again for NOT_FOUND_MS (not-found.ts); one found is looked for first where it was found.
 */
import {inodeOfLink, labelNamespace, type NamespaceContext, readNamespaceContext} from './netns.js';
import {createNotFound} from './not-found.js';
import {isFailure, readDirectory} from './read.js';
import type {Slicer} from './slice.js';
import {readSocketTables, type RawSocket} from './tables.js';

/**
 * A socket found in another namespace's tables, with that namespace's label (as the NETNS column
 * writes it), its inode, and a way into it (`via`: a process inside, or 'self' for socktop's own),
 * where ss can be asked for its peer (foreign-peers.ts).
 */
export type ForeignSocket = {readonly raw: RawSocket; readonly netns: string; readonly namespace: number; readonly via: number | 'self'};

/** A namespace and a way into it: a process inside, or 'self' for ours. */
type Place = {readonly inode: number; readonly pid: number | 'self'};

const notFound = createNotFound();
const foundIn = new Map<number, Place>();

export const namespaceOf = (pid: number | 'self'): number | null => inodeOfLink(`/proc/${pid}/ns/net`);

/** Ours, the host's, then every other namespace of a process we may read, one member each; lazily, as the /proc walk costs. */
export function* places(context: NamespaceContext): Generator<Place> {
	if (context.selfInode !== null) yield {inode: context.selfInode, pid: 'self'};
	if (context.hostInode !== null) yield {inode: context.hostInode, pid: 1};
	const names = readDirectory('/proc');
	if (isFailure(names)) return;
	for (const name of names) {
		const pid = Number(name);
		if (!Number.isInteger(pid) || pid <= 0) continue;
		// Another user's process hides its ns link (when not root): it is skipped.
		const inode = namespaceOf(pid);
		if (inode !== null) yield {inode, pid};
	}
}

/**
 * The sockets of `inodes` (held by a process whose namespace is `own`, whose tables were read
 * already) that other namespaces' tables list, by inode. Never throws; what is found nowhere
 * is left out.
 */
export async function findForeignSockets(inodes: readonly number[], own: number | null, slicer: Slicer, now = Date.now()): Promise<Map<number, ForeignSocket>> {
	const found = new Map<number, ForeignSocket>();
	const wanted = new Set(inodes.filter(inode => !notFound.isRecent(inode, now)));
	if (wanted.size === 0) return found;
	const context = readNamespaceContext();
	const seen = new Set<number>(own === null ? [] : [own]);
	const remembered = [...wanted].flatMap(inode => foundIn.get(inode) ?? []);
	for (const place of chain(remembered, places(context))) {
		if (wanted.size === 0) break;
		if (seen.has(place.inode)) continue;
		// A remembered member may have exited, or its pid been reused elsewhere.
		if (place.pid !== 'self' && namespaceOf(place.pid) !== place.inode) continue;
		seen.add(place.inode);
		const tables = await readSocketTables(place.pid, slicer);
		for (const raw of tables.sockets) {
			if (!wanted.has(raw.inode)) continue;
			wanted.delete(raw.inode);
			found.set(raw.inode, {raw, netns: labelNamespace(place.inode, context, place.pid === 'self' ? undefined : place.pid), namespace: place.inode, via: place.pid});
			foundIn.set(raw.inode, place);
			notFound.forget(raw.inode);
		}
	}

	// Bounded: the PID view looks at one process at a time.
	if (foundIn.size > 10_000) foundIn.clear();
	notFound.remember(wanted, now);
	return found;
}

/** `first`, then `then`, pulled one at a time: the /proc walk stops as soon as the loop does. */
function* chain<T>(first: Iterable<T>, then: Iterable<T>): Generator<T> {
	yield* first;
	yield* then;
}
