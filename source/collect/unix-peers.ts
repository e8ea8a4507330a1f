import type {Socket} from '../model/types.js';
import {isUnixProto, socketInode} from '../model/types.js';

/**
 * Unix peers as the kernel has them, from what `lsof +E` prints (Linux). lsof reads each
 * socket's peer over sock_diag and also writes it the other way round, the first such
 * entry winning (fill_uxpino in lsof's dialects/linux/dsock.c), so a socket without a peer
 * of its own that others are connected to (a datagram server such as /dev/log) shows
 * `->INO=` of one of its clients. A bound datagram socket whose `->INO` names a socket that
 * names it back is such a server when that socket is unbound (nothing can connect to an
 * unbound socket, so the server is not its client) or when other sockets name it too (a
 * socket has one peer): that `->INO` is dropped and the server is UNCONN, as ss and the proc
 * backend say. One bound client alone with its bound server prints exactly as two sockets
 * connected to each other, and is left so. Then each peer is named by the bound path of the
 * socket at its inode, as the proc backend names it (the client of /dev/log shows
 * `-> /dev/log`); a peer lsof did not list (another user's, without root) keeps its inode.
 *
 * A listener has no peer. lsof +E prints one for it all the same: sock_diag's UNIX_DIAG_ICONS,
 * a client whose connection waits in its accept queue (`/tmp/x.sock type=STREAM ->INO=47400533
 * 20480,,6u` with ST=LISTEN), while that client's own record has no `->INO` (its peer is the
 * embryo, which has no inode). The listener's `->INO` is dropped, and the client it names is
 * given the listener's path and isAwaitingAccept, as the proc backend says it.
 */
export function resolveUnixPeers(given: readonly Socket[]): Socket[] {
	const sockets = withListenersLetGo(given);
	// One entry per socket, not per holder: a socket held by several processes is one end.
	const byInode = new Map<number, Socket>();
	for (const socket of sockets) {
		const inode = socketInode(socket);
		if (isUnixProto(socket.proto) && inode !== null && !byInode.has(inode)) byInode.set(inode, socket);
	}

	const namedBy = new Map<number, number>();
	for (const socket of byInode.values()) {
		if (socket.peerInode !== null) namedBy.set(socket.peerInode, (namedBy.get(socket.peerInode) ?? 0) + 1);
	}

	const isServerNamingAClient = (socket: Socket): boolean => {
		const {inode} = socket;
		if (socket.proto !== 'dgram' || socket.path === null || socket.peerInode === null || inode === null) return false;
		const other = byInode.get(socket.peerInode);
		return other?.peerInode === inode && (other.path === null || (namedBy.get(inode) ?? 0) > 1);
	};

	return sockets.map(socket => {
		if (!isUnixProto(socket.proto) || socket.peerInode === null) return socket;
		if (isServerNamingAClient(socket)) {
			return {...socket, peerInode: null, peerPath: null, state: socket.state === 'ESTABLISHED' ? 'UNCONN' : socket.state};
		}

		const peerPath = byInode.get(socket.peerInode)?.path ?? null;
		return peerPath === null ? socket : {...socket, peerPath};
	});
}

/** Listeners without the `->INO` of a waiting client, and that client told where it waits (resolveUnixPeers). */
function withListenersLetGo(sockets: readonly Socket[]): readonly Socket[] {
	const waitingAt = new Map<number, string>();
	let isAnyListenerNaming = false;
	for (const socket of sockets) {
		if (socket.state !== 'LISTEN' || socket.peerInode === null || !isUnixProto(socket.proto)) continue;
		isAnyListenerNaming = true;
		if (socket.path !== null) waitingAt.set(socket.peerInode, socket.path);
	}

	if (!isAnyListenerNaming) return sockets;
	return sockets.map(socket => {
		if (!isUnixProto(socket.proto)) return socket;
		if (socket.state === 'LISTEN') return socket.peerInode === null ? socket : {...socket, peerInode: null, peerPath: null};
		const inode = socketInode(socket);
		const listener = inode === null ? undefined : waitingAt.get(inode);
		if (listener === undefined || socket.peerInode !== null) return socket;
		return {...socket, peerPath: listener, isAwaitingAccept: true};
	});
}
