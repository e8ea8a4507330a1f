/**
 * The other end of a process's connections and pipes, for the PID view:
 * - inet: a connection whose both ends are on this machine (loopback, or to
 *   one of its own addresses) appears twice in the tables, local and foreign
 *   swapped; the matching entry's inode is the peer socket.
 * - unix: the kernel reports a unix socket's peer only via sock_diag, so `ss -xH`
 *   is run when installed (see ss-unix.ts); without ss unix peers stay unnamed.
 * - pipes: an fd holding the same pipe:[inode] at the other end: fdinfo's access
 *   mode tells the read end from the write end (forked children often hold the
 *   same end as their parent, which is not a peer).
 * Each peer inode is then looked up in every process's fd table (holders.ts); every
 * holder is kept, as forked processes share the ends they inherit (peerFields orders them).
 * A socket connected to itself (a unix datagram socket connected to its own name: ss gives
 * its own inode as its peer) finds only its own holders there, which isOtherEnd leaves out.
 */
import {isOtherEnd, type FdPeer} from '../../model/process.js';
import type {Across} from './cross-peers.js';
import {baseProtocol, isUnixProto} from '../../model/types.js';
import {isUnacceptedEnd, listenerOn} from '../../services/phrases.js';
import {findHolders} from './holders.js';
import {isFailure, readLink} from './read.js';
import type {Slicer} from './slice.js';
import type {RawSocket} from './tables.js';
import {readZombieLeader} from './zombie-leader.js';

/** One fd of the viewed process that may have a peer. */
export type PeerQuery = {
	readonly fd: number;
	/** 'socket:[n]' or 'pipe:[n]' as read from the fd link. */
	readonly link: string;
	readonly socket: RawSocket | null;
	/**
	 * A pipe's open mode (O_ACCMODE, readAccess: which end it is) as read with its fd, null when unknown:
	 * the match below and the walk (findHolders' `known`) take it, not reading its fdinfo again.
	 */
	readonly access?: number | null;
	/**
	 * The listener in whose accept queue this socket's connection waits, not accepted yet (acceptQueueListeners;
	 * unix: unixSsFields' queueOf): its holders are named as the peer, since no process holds the other end yet.
	 */
	readonly listener?: RawSocket;
};

/** ::ffff:127.0.0.1 (a v4 client accepted by a dual-stack listener) and 127.0.0.1 are the same end. */
const plain = (address: string | null) => (address ?? '*').replace(/^::ffff:(?=\d+\.)/i, '');
export const endKey = (proto: string, fromAddress: string | null, fromPort: number | null, toAddress: string | null, toPort: number | null) =>
	`${baseProtocol(proto)} ${plain(fromAddress)} ${fromPort} ${plain(toAddress)} ${toPort}`;

/** Inode of the socket at the other end of a connection within the same tables; null when not local. */
export function inetPeerInodes(queries: readonly PeerQuery[], sockets: readonly RawSocket[]): Map<number, number> {
	const wanted = queries.filter(
		query => query.socket !== null && !isUnixProto(query.socket.proto) && (query.socket.foreignPort ?? 0) !== 0,
	);
	const peers = new Map<number, number>();
	if (wanted.length === 0) {
		return peers;
	}

	const byEnds = new Map<string, number>();
	for (const socket of sockets) {
		if (socket.inode !== 0 && socket.foreignPort !== null && socket.foreignPort !== 0 && !isUnixProto(socket.proto)) {
			byEnds.set(endKey(socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort), socket.inode);
		}
	}

	for (const {socket} of wanted) {
		const mine = socket!;
		const other = byEnds.get(endKey(mine.proto, mine.foreignAddress, mine.foreignPort, mine.localAddress, mine.localPort));
		if (other !== undefined && other !== mine.inode) {
			peers.set(mine.inode, other);
		}
	}

	return peers;
}

/**
 * The listener each TCP client among `clients` waits on, by the client's inode: its connection's
 * server end, in the same tables (`sockets`), is one no program has accepted yet (isUnacceptedEnd:
 * inode 0, queued) on a listener's port (listenerOn), so connect() returned while accept() has not.
 * An orphan of a close that has inode 0 too is not ESTABLISHED, or has no listener, so it is not taken.
 */
export function acceptQueueListeners(clients: readonly RawSocket[], sockets: readonly RawSocket[]): Map<number, RawSocket> {
	const found = new Map<number, RawSocket>();
	const wanted = clients.filter(socket => socket.proto.startsWith('tcp') && socket.state === 'ESTABLISHED' && socket.inode !== 0 && socket.foreignPort !== null);
	if (wanted.length === 0) return found;
	const unaccepted = new Map<string, RawSocket>();
	for (const socket of sockets) {
		if (isUnacceptedEnd(socket)) unaccepted.set(endKey(socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort), socket);
	}

	// One listener lookup (a pass over the tables) per port asked, not per client: a client process may
	// have thousands of connections waiting in one queue.
	const listeners = new Map<string, RawSocket | null>();
	for (const client of wanted) {
		const server = unaccepted.get(endKey(client.proto, client.foreignAddress, client.foreignPort, client.localAddress, client.localPort));
		if (server === undefined) continue;
		const key = `${server.proto} ${server.localAddress ?? '*'} ${server.localPort}`;
		if (!listeners.has(key)) listeners.set(key, listenerOn(server, sockets));
		const listener = listeners.get(key)!;
		if (listener !== null) found.set(client.inode, listener);
	}

	return found;
}

/**
 * Peers of the queried fds, keyed by fd: every holder of each other end, unordered. `unixAll` is every unix socket's peer inode as ss
 * told it (parseSsUnix; null: unknown); the unix peer inodes found are also returned, keyed
 * by the local inode. `coHolders`: for each queried socket, the other processes holding that
 * same socket (a forked server's parent and siblings), lowest PID first; found in the same
 * walk as the peers, and cached alike. `across`: the other ends found in other namespaces, and the fds of sockets of other namespaces.
 */
export async function findPeers(
	pid: number,
	ownQueries: readonly PeerQuery[],
	sockets: readonly RawSocket[],
	unixAll: ReadonlyMap<number, number> | null,
	slicer: Slicer,
	across: Across = {queries: [], peers: new Map()},
): Promise<{peers: Map<number, readonly FdPeer[]>; unixPeerInodes: Map<number, number>; coHolders: Map<number, readonly FdPeer[]>; inetPeers: ReadonlyMap<number, number>}> {
	const inet = inetPeerInodes(ownQueries, sockets);
	for (const [local, peer] of across.peers) inet.set(local, peer.inode);
	const queries = [...ownQueries, ...across.queries];
	const unixPeerInodes = new Map<number, number>();
	// Which link to look for, per queried fd.
	const wanted = new Map<number, string>();
	for (const query of queries) {
		const {socket} = query;
		if (socket === null) {
			wanted.set(query.fd, query.link);
			continue;
		}

		// Not accepted yet: no process holds the other end, the listener's holders are the ones to name.
		if (query.listener !== undefined) wanted.set(query.fd, `socket:[${query.listener.inode}]`);
		const peerInode = isUnixProto(socket.proto) ? (across.unixPeers?.get(socket.inode) ?? unixAll?.get(socket.inode)) : inet.get(socket.inode);
		if (peerInode !== undefined) {
			// 0: ss says it has no peer; kept, so the PID view can say so too.
			if (peerInode !== 0 && query.listener === undefined) wanted.set(query.fd, `socket:[${peerInode}]`);
			if (isUnixProto(socket.proto)) {
				unixPeerInodes.set(socket.inode, peerInode);
			}
		}
	}

	const peers = new Map<number, readonly FdPeer[]>();
	const now = Date.now();
	const ownLinks = new Map(queries.map(query => [query.fd, query.link]));
	// Its pipes' open modes, by 'FD LINK' as the walk meets them.
	const ownAccess = new Map(queries.flatMap(query => (query.access === undefined ? [] : [[`${query.fd} ${query.link}`, query.access] as const])));
	// An end this process holds itself (a socketpair, a pipe to itself) is checked against the links just read.
	const held: Held = {pid, links: ownLinks};
	const missing = new Map<number, string>();
	for (const [fd, link] of wanted) {
		const cached = fromCache(`${pid}/${fd}/${link}`, link, now, held);
		if (cached === undefined) {
			missing.set(fd, link);
		} else if (cached.length > 0) {
			peers.set(fd, cached);
		}
	}

	// This fd's own socket, held by other processes too: who keeps it (and its port) open when this one exits.
	const coHolders = new Map<number, readonly FdPeer[]>();
	const missingOwn = new Map<number, string>();
	for (const query of queries) {
		if (query.socket === null) continue;
		const cached = fromCache(`${pid}/${query.fd}/own/${query.link}`, query.link, now, held);
		if (cached === undefined) {
			missingOwn.set(query.fd, query.link);
		} else if (cached.length > 0) {
			coHolders.set(query.fd, cached);
		}
	}

	if (missing.size === 0 && missingOwn.size === 0) {
		return {peers, unixPeerInodes, coHolders, inetPeers: inet};
	}

	// One walk finds both: the other ends' holders and this process's sockets' other holders.
	const holders = await findHolders(new Set([...missing.values(), ...missingOwn.values()]), slicer, {pid, access: ownAccess});
	// Room for every key of this process (two per socket fd) and as many of the view before it.
	const bound = Math.max(CACHE_ENTRIES, 4 * queries.length);
	for (const [fd, link] of missingOwn) {
		const found = (holders.get(link) ?? [])
			.filter(holder => holder.pid !== pid)
			.map(holder => ({command: holder.command, pid: holder.pid, fd: holder.fd}))
			.sort((a, b) => a.pid - b.pid || (a.fd ?? 0) - (b.fd ?? 0));
		if (found.length > 0) coHolders.set(fd, found);
		toCache(`${pid}/${fd}/own/${link}`, found, now, bound);
	}

	for (const [fd, link] of missing) {
		const isPipe = link.startsWith('pipe:');
		const mine = isPipe ? (ownAccess.get(`${fd} ${link}`) ?? null) : null;
		const self = {pid, fd, file: ownLinks.get(fd) ?? null, access: mine};
		const candidates = (holders.get(link) ?? []).filter(holder => isOtherEnd({...holder, file: link}, self, isPipe));
		const found = candidates.map(holder => ({command: holder.command, pid: holder.pid, fd: holder.fd}));
		if (found.length > 0) {
			peers.set(fd, found);
		}

		toCache(`${pid}/${fd}/${link}`, found, now, bound);
	}

	return {peers, unixPeerInodes, coHolders, inetPeers: inet};
}

/**
 * The uid of each local connection's other end that no process socktop read holds, by the
 * queried fd: its socket is in the tables (`inetPeers`, inetPeerInodes; a unix one's by ss,
 * `unixPeers`), its holder is not among `peers`. Without root that is another user's process,
 * which root would name; the table's uid says whose (null for unix: /proc/net/unix and ss
 * print none). A connection still waiting to be accepted has no holder to find: not counted.
 */
export function unheldPeerUids(
	queries: readonly PeerQuery[],
	found: {readonly inetPeers: ReadonlyMap<number, number>; readonly unixPeerInodes: ReadonlyMap<number, number>; readonly peers: ReadonlyMap<number, readonly FdPeer[]>},
	byInode: ReadonlyMap<number, RawSocket>,
): Map<number, number | null> {
	const uids = new Map<number, number | null>();
	for (const {fd, socket, listener} of queries) {
		if (socket === null || listener !== undefined || found.peers.has(fd)) continue;
		const peerInode = found.inetPeers.get(socket.inode) ?? found.unixPeerInodes.get(socket.inode);
		const peer = peerInode === undefined || peerInode === 0 ? undefined : byInode.get(peerInode);
		if (peer !== undefined) uids.set(fd, peer.uid);
	}

	return uids;
}

/**
 * The PID view asks again every refresh, and a walk of every process's fds is
 * the costly part (hundreds of ms on a busy host), so answers are kept: the holders
 * while each one's fd still points at the same socket or pipe (a readlink each checks;
 * one that closed or exited, as a recycled prefork child does, sends for a new walk),
 * "no peer found" (empty) for a while (the other end may be unreadable, or appear later).
 * A process that forks after the walk is not counted until then. The other processes holding an
 * fd's own socket (coHolders) are kept the same way, under their own key.
 */
const NOT_FOUND_MS = 10_000;
/**
 * Entries kept at least; a process with more socket fds gets room for twice its keys (findPeers),
 * else its own answers would clear the cache during every refresh, each sending for a new walk.
 */
const CACHE_ENTRIES = 20_000;
const cache = new Map<string, {readonly peers: readonly FdPeer[]; readonly time: number}>();

/** The queried process and the link of each of its fds, as just read. */
type Held = {readonly pid: number; readonly links: ReadonlyMap<number, string>};

/**
 * The holders kept under `key` ('PID/FD/LINK' for an fd's other end, 'PID/FD/own/LINK' for its own socket's other holders), each still holding `link`:
 * one of `own`'s fds by the link just read, another process's by a readlink.
 */
function fromCache(key: string, link: string, now: number, own: Held): readonly FdPeer[] | undefined {
	const entry = cache.get(key);
	if (entry === undefined) {
		return undefined;
	}

	if (entry.peers.length === 0) {
		return now - entry.time < NOT_FOUND_MS ? entry.peers : undefined;
	}

	const isHeld = (peer: FdPeer) => {
		if (peer.pid === own.pid && peer.fd !== null && own.links.has(peer.fd)) return own.links.get(peer.fd) === link;
		const still = readLink(`/proc/${peer.pid}/fd/${peer.fd}`);
		if (!isFailure(still)) return still === link;
		// Gone, or held by a zombie leader's threads (its own fd entries are gone, or root's: zombie-leader.ts).
		const threads = still.kind === 'other' ? null : readZombieLeader(String(peer.pid));
		return threads !== null && threads.some(({directory}) => readLink(directory + peer.fd) === link);
	};

	if (entry.peers.every(peer => isHeld(peer))) {
		return entry.peers;
	}

	cache.delete(key);
	return undefined;
}

function toCache(key: string, peers: readonly FdPeer[], now: number, bound: number): void {
	// Bounded: the PID view looks at one process at a time.
	if (cache.size > bound) cache.clear();
	cache.set(key, {peers, time: now});
}
