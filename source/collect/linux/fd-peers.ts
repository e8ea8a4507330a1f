/**
 * The other ends of a PID view's pipes and sockets (process.ts): the peers findPeers names, the
 * connections still waiting in a listener's accept queue (a TCP client's, a unix client's), whose
 * peer is the listener's holders, and, without root, the owners of other ends no process socktop
 * read holds (FileDescriptor.hiddenPeer).
 */
import type {FileDescriptor} from '../../model/process.js';
import {isUnixProto} from '../../model/types.js';
import {acceptQueueListeners, findPeers, unheldPeerUids, type PeerQuery} from './peers.js';
import type {Slicer} from './slice.js';
import type {SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';
import {unixSsFields} from './unix-ss-fields.js';

/**
 * findPeers' answer for `queries`, with `tcpQueues` (a TCP client's inode to the listener whose
 * accept queue it waits in), `awaiting` (the fds of connections not accepted yet) and
 * `unheldPeers` (fd to the uid of an other end no process socktop read holds; empty as root,
 * which sees every holder).
 */
export async function resolveFdPeers(
	pid: number,
	queries: readonly PeerQuery[],
	sockets: readonly RawSocket[],
	byInode: ReadonlyMap<number, RawSocket>,
	ss: SsUnix | null,
	slicer: Slicer,
	isRoot: boolean,
) {
	const tcpQueues = acceptQueueListeners(queries.flatMap(query => query.socket ?? []), sockets);
	const listenerOf = (socket: RawSocket) => (isUnixProto(socket.proto) ? unixSsFields(socket, ss, byInode).queueOf : tcpQueues.get(socket.inode));
	const awaiting = new Set<number>();
	const withListeners = queries.map(query => {
		const listener = query.socket === null ? undefined : listenerOf(query.socket);
		if (listener === undefined) return query;
		awaiting.add(query.fd);
		return {...query, listener};
	});
	const found = await findPeers(pid, withListeners, sockets, ss?.peers ?? null, slicer);
	const unheldPeers = isRoot ? new Map<number, number | null>() : unheldPeerUids(withListeners, found, byInode);
	return {...found, tcpQueues, awaiting, unheldPeers};
}

/** FileDescriptor's hiddenPeer: the owner of an fd's other end no process socktop read holds, by the table's uid. */
export function hiddenPeerOf(unheldPeers: ReadonlyMap<number, number | null>, fd: number, userName: (uid: number) => string): Pick<FileDescriptor, 'hiddenPeer'> {
	if (!unheldPeers.has(fd)) return {};
	const uid = unheldPeers.get(fd)!;
	return {hiddenPeer: {user: uid === null ? '?' : userName(uid), uid}};
}
