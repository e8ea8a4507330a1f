/**
 * The table's rows of one namespace's sockets (readLinuxSnapshot): a unix socket's peer from ss's
 * answer, and a row for each holder of a socket, written out field by field.
 */
import type {Socket} from '../../model/types.js';
import type {SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';
import type {Holder} from './tally.js';
import {unixStateOf} from './unix.js';

/** A unix socket's other end; `isAwaitingAccept`: the connection waits in the accept queue of the listener `path` names (inode null: the embryo has none). */
export type Peer = {readonly inode: number | null; readonly path: string | null; readonly isAwaitingAccept?: true};

/** This namespace's unix sockets by inode. */
export function unixByInode(sockets: readonly RawSocket[]): Map<number, RawSocket> {
	const unix = new Map<number, RawSocket>();
	for (const socket of sockets) if (socket.localAddress === null) unix.set(socket.inode, socket);
	return unix;
}

/**
 * Unix socket inode -> the socket at the other end, from `ss -xH` output.
 * Only peers that are themselves in the table are trusted, since a path
 * with spaces and digits in it can shift ss's columns.
 */
export function unixPeers(unix: ReadonlyMap<number, RawSocket>, ss: SsUnix | null): Map<number, Peer | null> {
	const peers = new Map<number, Peer | null>();
	if (ss === null) return peers;
	for (const [local, peer] of ss.peers) {
		if (!unix.has(local)) continue;
		// null: ss says it has no peer.
		const other = peer === 0 ? null : unix.get(peer);
		if (other !== undefined) peers.set(local, other === null ? null : {inode: peer, path: other.path});
	}

	return peers;
}

/** A row as withOwner builds it, before it is handed out. */
type Row = {-readonly [K in keyof Socket]: Socket[K]};

/**
 * Written out field by field, and the rarer rows' fields (a unix client waiting to be accepted, a unix
 * listener with its backlog, a datagram socket with its drops, a guessed ping socket) added to that
 * one object: a spread, a second copy of the row, is measurably slower at 100k rows.
 */
export function withOwner(raw: RawSocket, user: string, holder: Holder | null, peer: Peer | null | undefined, netns: string, rxQueue: number | null, txQueue: number | null, backlog: number | undefined, linkInterface: string | undefined): Socket {
	const socket: Row = {
		proto: raw.proto,
		localAddress: raw.localAddress,
		localPort: raw.localPort,
		foreignAddress: raw.foreignAddress,
		foreignPort: raw.foreignPort,
		path: raw.path,
		peerInode: peer?.inode ?? raw.peerInode,
		peerPath: peer?.path ?? raw.peerPath,
		state: peer === null ? unixStateOf(raw.proto, raw.state, true) : raw.state,
		user,
		uid: holder?.owner.uid ?? raw.uid,
		command: holder === null ? null : holder.owner.command,
		pid: holder === null ? null : holder.pid,
		fd: holder === null ? null : holder.fd,
		inode: raw.inode,
		rxQueue,
		txQueue,
		netns,
	};
	if (linkInterface !== undefined) socket.linkInterface = linkInterface;
	if (peer?.isAwaitingAccept === true) {
		socket.isAwaitingAccept = true;
	} else if (backlog !== undefined) {
		socket.backlog = backlog;
	} else {
		if (raw.isFamilyGuessed === true) socket.isFamilyGuessed = true;
		if (raw.drops !== undefined) socket.drops = raw.drops;
	}

	return socket;
}
