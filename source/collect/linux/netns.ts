/**
 * Network namespaces. Each namespace has its own socket tables; the kernel
 * shows them at /proc/<pid>/net for any process inside, so the fd walk's
 * processes are grouped by the inode of /proc/<pid>/ns/net and each foreign
 * namespace's tables are read once, through one of its members. Socket
 * inodes are global, so the walk's holder map attributes all of them.
 *
 * Labels, in order: 'host' (the namespace of pid 1; see readNamespaceContext
 * for when its link is unreadable), an `ip netns` name other than 'host' (/run/netns/<name> pins the namespace, so
 * its inode is the namespace's), a container (cgroup.ts), else 'netns:[inode]'
 * as the kernel writes it. A name a runtime made up (isGeneratedPin) comes after
 * the container, which says more.
 *
 * Without root, another user's process hides its fds and its ns/net link,
 * but not /proc/<pid>/net/tcp: each namespace has its own proc entries, so
 * the inode of that file tells namespaces apart. That is how the namespaces
 * of unreadable processes are counted (never read into the host's table).
 *
 *   $ stat -c '%i %n' /proc/self/net/tcp /proc/7005/net/tcp   # as nobody
 *   4026531910 /proc/self/net/tcp
 *   4026532202 /proc/7005/net/tcp
 */
import {parseContainerLabel} from './cgroup.js';
import {isFailure, readDirectory, readInode, readLink, readText} from './read.js';
import type {Slicer} from './slice.js';
import {readSocketTables, type SocketTables} from './tables.js';

export type NamespaceContext = {
	/** Our own namespace: its tables are /proc/net. null when the link is unreadable. */
	readonly selfInode: number | null;
	/** Pid 1's namespace; null when it cannot be told (then hostTables may still tell it). */
	readonly hostInode: number | null;
	/**
	 * The inode of pid 1's /proc/1/net/tcp, which any process of the same namespace shares (see
	 * tableInode): how the host's namespace is told when pid 1's ns link is not readable. null
	 * when hostInode is known, or /proc/1 is not there to stat (hidepid).
	 */
	readonly hostTables?: number | null;
	/** `ip netns` names by namespace inode. */
	readonly names: ReadonlyMap<number, string>;
};

export type NamespaceTables = {
	readonly label: string;
	/** The namespace's inode (null for ours when its link is unreadable): its identity, as labels need not be unique. */
	readonly inode: number | null;
	readonly tables: SocketTables;
	/** The process whose /proc/PID/net the tables came from: a way into the namespace. */
	readonly pid?: number;
};

/** A network namespace's inode, or its label where the inode is not known: what caches kept by namespace are keyed by. */
export type NamespaceKey = number | string;

/** `space`'s NamespaceKey: labels are for reading and need not be unique; inodes are. */
export const namespaceKey = (space: NamespaceTables): NamespaceKey => space.inode ?? space.label;

/** 'net:[4026531840]' -> 4026531840; null for anything else. */
export function namespaceInode(link: string): number | null {
	if (!link.startsWith('net:[') || !link.endsWith(']')) return null;
	const inode = Number(link.slice(5, -1));
	return Number.isSafeInteger(inode) && inode > 0 ? inode : null;
}

/** The namespace inode a /proc/PID/ns/* link names; null when it cannot be read. */
export const inodeOfLink = (path: string): number | null => {
	const link = readLink(path);
	return isFailure(link) ? null : namespaceInode(link);
};

/**
 * Where we are, where the host is, and the names `ip netns add` gave. The host is pid 1's
 * namespace. Its ns link is root's alone (and refused even to root by some sandboxes and
 * LSMs), but /proc/1/net/tcp can be stat'ed by anyone, and its inode is the same for every
 * process of one namespace: equal to ours, we are in the host's; else the host is the
 * namespace whose member's tables have that inode (labelNamespace). Only where /proc/1 cannot
 * be seen at all (hidepid) is ours taken for the host's, unless an `ip netns` name pins ours:
 * `ip netns exec blue socktop` is then in blue, not on the host.
 */
export function readNamespaceContext(): NamespaceContext {
	const selfInode = inodeOfLink('/proc/self/ns/net');
	const names = new Map<number, string>();
	const entries = readDirectory('/run/netns');
	if (!isFailure(entries)) {
		for (const name of entries) {
			const inode = readInode(`/run/netns/${name}`);
			if (!isFailure(inode) && !names.has(inode)) names.set(inode, name);
		}
	}

	const hostLink = inodeOfLink('/proc/1/ns/net');
	if (hostLink !== null) return {selfInode, hostInode: hostLink, names};
	const hostTables = tableInode(1);
	if (hostTables !== null) return hostTables === tableInode('self') ? {selfInode, hostInode: selfInode, names} : {selfInode, hostInode: null, hostTables, names};
	const isNamed = selfInode !== null && names.has(selfInode);
	return {selfInode, hostInode: isNamed ? null : selfInode, names};
}

/** Whether the namespace `inode` is the host's; `pid`, a process inside, tells it when pid 1's link could not. */
function isHost(inode: number, context: NamespaceContext, pid: number | undefined): boolean {
	if (context.hostInode !== null) return inode === context.hostInode;
	const hostTables = context.hostTables ?? null;
	return hostTables !== null && pid !== undefined && tableInode(pid) === hostTables;
}

/**
 * A /run/netns name a container runtime made up, a UUID: rootful Podman's `netns-UUID`,
 * containerd's CNI `cni-UUID`, CRI-O's bare UUID. The container label says more than it.
 */
const isGeneratedPin = (name: string): boolean => /^(?:cni-|netns-)?[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/iu.test(name);

/**
 * The label a namespace is shown with; `pid` is a process inside it, for its cgroup. `host` is
 * the host's alone: a namespace `ip netns add host` made is called by its container or inode,
 * else it would be merged with the host's in the table, in --netns host and in --json.
 */
export function labelNamespace(inode: number | null, context: NamespaceContext, pid?: number): string {
	if (inode === null || isHost(inode, context, pid)) return 'host';
	const pinned = context.names.get(inode);
	const name = pinned === 'host' ? undefined : pinned;
	if (name !== undefined && !isGeneratedPin(name)) return name;
	if (pid !== undefined) {
		const cgroup = readText(`/proc/${pid}/cgroup`);
		const container = isFailure(cgroup) ? null : parseContainerLabel(cgroup);
		if (container !== null) return container;
	}

	return name ?? `netns:[${inode}]`;
}

/**
 * The tables of every namespace other than ours that holds a socket some
 * visible process has open. A namespace none of whose members can be read
 * (permission) is counted in `deniedNamespaces`; one whose members all exited
 * meanwhile is dropped.
 */
export async function readOtherNamespaces(
	namespaces: ReadonlyMap<number, readonly number[]>,
	context: NamespaceContext,
	slicer: Slicer,
): Promise<{spaces: NamespaceTables[]; deniedNamespaces: number}> {
	const spaces: NamespaceTables[] = [];
	let deniedNamespaces = 0;
	for (const [inode, pids] of namespaces) {
		if (inode === context.selfInode) continue;
		let isDenied = false;
		for (const pid of pids) {
			const tables = await readSocketTables(pid, slicer, true);
			// A pid reused by a process elsewhere since the walk would show the wrong tables.
			if (inodeOfLink(`/proc/${pid}/ns/net`) !== inode) continue;
			if (tables.sockets.length === 0 && tables.unreadableTables.length > 0) {
				isDenied ||= tables.unreadableTables.some(each => each.endsWith(': EACCES') || each.endsWith(': EPERM'));
				continue;
			}

			spaces.push({label: labelNamespace(inode, context, pid), inode, tables, pid});
			isDenied = false;
			break;
		}

		if (isDenied) deniedNamespaces++;
	}

	return {spaces, deniedNamespaces};
}

/** The inode of a process's /proc/<pid>/net/tcp: the same for every process of one namespace. */
const tableInode = (pid: number | 'self'): number | null => {
	const inode = readInode(`/proc/${pid}/net/tcp`);
	return isFailure(inode) ? null : inode;
};

/**
 * How many namespaces hold only processes we could not read: those of
 * `deniedPids` other than ours and than every namespace in `namespaces` (the
 * walk's readable members, whose tables were read or counted already).
 * One stat per denied process; nothing to do as root.
 */
export function countHiddenNamespaces(deniedPids: readonly number[], namespaces: ReadonlyMap<number, readonly number[]>): number {
	if (deniedPids.length === 0) return 0;
	const known = new Set<number>();
	const self = tableInode('self');
	if (self !== null) known.add(self);
	for (const pids of namespaces.values()) {
		for (const pid of pids) {
			const inode = tableInode(pid);
			if (inode !== null) {
				known.add(inode);
				break;
			}
		}
	}

	const hidden = new Set<number>();
	for (const pid of deniedPids) {
		// A process gone since the walk has no entry to stat: it is not counted.
		const inode = tableInode(pid);
		if (inode !== null && !known.has(inode)) hidden.add(inode);
	}

	return hidden.size;
}
