/**
 * The other ends of a PID view's pipes and sockets (process.ts): the peers findPeers names, the
 * connections still waiting in a listener's accept queue (a TCP client's, a unix client's), whose
 * peer is the listener's holders, without root, the owners of other ends no process socktop
 * read holds (FileDescriptor.hiddenPeer), the holders of the other sockets on a listener's
 * port (FileDescriptor.portSharers: SO_REUSEPORT), and the connection requests a full local
 * listener drops (FileDescriptor.fullListener), whose peer is that listener's holders too; and
 * how many half-open connections a listener has (FileDescriptor.halfOpen).
 */
import type {FdPeer, FileDescriptor} from '../../model/process.js';
import {portGroupKey, type PortSharers} from '../../model/reuse-port.js';
import {isUnixProto} from '../../model/types.js';
import {holderCount} from '../../services/acceptors.js';
import {acceptBudget, waitsToAccept} from './accept-waiters.js';
import {halfOpenCounts} from './half-open.js';
import type {Across} from './cross-peers.js';
import {acceptQueueListeners, findPeers, unheldPeerUids, type PeerQuery} from './peers.js';
import type {Slicer} from './slice.js';
import type {SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';
import {fullListenerOf, type ListenerFacts} from './listener-facts.js';
import {unixSsFields, type UnixSsFields} from './unix-ss-fields.js';

/**
 * findPeers' answer for `queries`, with `unixFields` (ss's fields of each queried unix socket, by
 * inode: worked out here once, for the listener whose accept queue it waits in and for its row),
 * `awaiting` (the fds of connections not accepted yet: a unix client's, a TCP client's) and
 * `unheldPeers` (fd to the uid of an other end no process socktop read holds; empty as root,
 * which sees every holder), `fullListeners` (fd to the full listener its SYN asks: fullListenerOf,
 * by `inetFacts`, of the listener `synAsked` says it asks: synListeners') and `halfOpen` (a
 * listener's fd to its half-open connections: halfOpenCounts). `across`: other ends in other namespaces (findPeers).
 * Of a listener several processes hold, each holder's FdPeer.waitsToAccept: on the peers of a connection in its
 * queue, and on a listener's coHolders while connections wait, with this process's own in `ownWaits` (by fd).
 */
export async function resolveFdPeers(
	pid: number,
	queries: readonly PeerQuery[],
	sockets: readonly RawSocket[],
	byInode: ReadonlyMap<number, RawSocket>,
	ss: SsUnix | null,
	slicer: Slicer,
	isRoot: boolean,
	inetFacts: ListenerFacts | null = null,
	synAsked: ReadonlyMap<number, RawSocket> = new Map(),
	across?: Across,
) {
	const tcpQueues = acceptQueueListeners(queries.flatMap(query => query.socket ?? []), sockets);
	const unixFields = new Map<number, UnixSsFields>();
	for (const {socket} of queries) if (socket !== null && isUnixProto(socket.proto)) unixFields.set(socket.inode, unixSsFields(socket, ss, byInode));
	const listenerOf = (socket: RawSocket) => (isUnixProto(socket.proto) ? unixFields.get(socket.inode)!.queueOf : tcpQueues.get(socket.inode));
	const awaiting = new Set<number>();
	const fullListeners = new Map<number, NonNullable<FileDescriptor['fullListener']>>();
	const withListeners = queries.map(query => {
		const listener = query.socket === null ? undefined : listenerOf(query.socket);
		const full = listener === undefined && query.socket !== null ? fullListenerOf(synAsked.get(query.socket.inode) ?? null, inetFacts) : null;
		// fullListenerOf found its backlog in inetFacts, or it would not be full.
		if (full !== null) fullListeners.set(query.fd, {port: full.localPort ?? 0, waiting: full.rxQueue ?? 0, backlog: inetFacts?.get(full.inode)?.backlog ?? 0});
		if (listener === undefined) return full === null ? query : {...query, listener: full};
		awaiting.add(query.fd);
		return {...query, listener};
	});
	// Each other socket on one of the process's ports is asked for too, under a number no fd has, so the one walk finds its holders (its coHolders).
	const siblings = portSiblings(queries, sockets);
	const asked = new Map([...new Set([...siblings.values()].flat())].map((socket, index) => [socket.inode, {fd: -1 - index, link: `socket:[${socket.inode}]`, socket}]));
	const found = await findPeers(pid, [...withListeners, ...asked.values()], sockets, ss?.peers ?? null, slicer, across);
	// An other end in another namespace than the fd's socket carries that namespace's label.
	for (const {fd, socket} of [...queries, ...(across?.queries ?? [])]) {
		const netns = socket === null ? undefined : across?.peers.get(socket.inode)?.netns;
		const held = found.peers.get(fd);
		if (netns !== undefined && held !== undefined) found.peers.set(fd, held.map(peer => ({...peer, netns})));
	}

	// Of a listener several processes hold, who waits to accept: for a connection in its queue (the listener's holders are
	// its peers), and for the listener itself while connections wait (this process and its coHolders). Asked once per listener.
	const waiters = new Map<string, boolean | null>();
	// One budget of threads read for the whole view: a listener a thousand prefork workers hold stays a bounded read.
	const budget = acceptBudget();
	const waitsOn = (inode: number, holder: number) => {
		const key = `${inode} ${holder}`;
		if (!waiters.has(key)) waiters.set(key, waitsToAccept(holder, inode, process.arch, '/proc', budget));
		return waiters.get(key)!;
	};
	const withFacts = (holders: readonly FdPeer[], inode: number) => holders.map(holder => ({...holder, waitsToAccept: waitsOn(inode, holder.pid)}));
	const ownWaits = new Map<number, boolean | null>();
	for (const {fd, socket, listener} of withListeners) {
		const holders = found.peers.get(fd);
		if (listener !== undefined && awaiting.has(fd) && holders !== undefined && holderCount(holders) > 1) {
			found.peers.set(fd, withFacts(holders, listener.inode));
		}

		const coHolders = found.coHolders.get(fd);
		const waiting = socket === null ? 0 : ((isUnixProto(socket.proto) ? unixFields.get(socket.inode)?.rxQueue : socket.rxQueue) ?? 0);
		if (socket?.state === 'LISTEN' && waiting > 0 && coHolders !== undefined) {
			found.coHolders.set(fd, withFacts(coHolders, socket.inode));
			ownWaits.set(fd, waitsOn(socket.inode, pid));
		}
	}

	const unheldPeers = isRoot ? new Map<number, number | null>() : unheldPeerUids(withListeners, found, byInode);
	// The process's own fds holding one (one process may hold several sockets of a port: its threads' listeners).
	const ownHolders = new Map(queries.flatMap(({fd, socket}) => (socket === null ? [] : [[socket.inode, {command: null, pid, fd}] as const])));
	const portSharers = new Map<number, PortSharers>();
	for (const [fd, group] of siblings) {
		const holdersOf = (socket: RawSocket): FdPeer[] => [...(ownHolders.has(socket.inode) ? [ownHolders.get(socket.inode)!] : []), ...(found.coHolders.get(asked.get(socket.inode)!.fd) ?? [])];
		portSharers.set(fd, {holders: group.flatMap(holdersOf), unseen: group.filter(socket => holdersOf(socket).length === 0).length, sockets: group.length});
	}

	for (const {fd} of asked.values()) found.coHolders.delete(fd);
	return {...found, unixFields, awaiting, unheldPeers, portSharers, fullListeners, halfOpen: halfOpenCounts(queries, sockets), ownWaits};
}

/**
 * The other sockets (other inodes) on the port of each of the queried port-sharing sockets
 * (portGroupKey: a TCP listener, a bound UDP socket without a peer), by fd; fds without any are
 * left out. One pass over the namespace's tables.
 */
function portSiblings(queries: readonly PeerQuery[], sockets: readonly RawSocket[]): Map<number, RawSocket[]> {
	const wanted = new Map<number, {key: string; inode: number}>();
	for (const {fd, socket} of queries) {
		const key = socket === null ? null : portGroupKey(socket);
		if (key !== null) wanted.set(fd, {key, inode: socket!.inode});
	}

	const byKey = new Map<string, RawSocket[]>();
	for (const {key} of wanted.values()) byKey.set(key, []);
	if (byKey.size > 0) {
		for (const socket of sockets) {
			const key = socket.inode === 0 ? null : portGroupKey(socket);
			if (key !== null) byKey.get(key)?.push(socket);
		}
	}

	const found = new Map<number, RawSocket[]>();
	for (const [fd, {key, inode}] of wanted) {
		const others = byKey.get(key)!.filter(socket => socket.inode !== inode);
		if (others.length > 0) found.set(fd, others);
	}

	return found;
}

/** FileDescriptor's hiddenPeer: the owner of an fd's other end no process socktop read holds, by the table's uid. */
export function hiddenPeerOf(unheldPeers: ReadonlyMap<number, number | null>, fd: number, userName: (uid: number) => string): Pick<FileDescriptor, 'hiddenPeer'> {
	if (!unheldPeers.has(fd)) return {};
	const uid = unheldPeers.get(fd)!;
	return {hiddenPeer: {user: uid === null ? '?' : userName(uid), uid}};
}
