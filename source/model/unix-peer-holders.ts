import type {PeerHolder, Socket} from './types.js';
import {isUnixProto, socketInode} from './types.js';

/**
 * Each connected unix socket's other end, named by the process holding it, from the snapshot's
 * own rows: a unix peer is a socket of this machine, so its holder is one of the rows (when it
 * could be seen). This is what lets the table write `-> python3[5055]` for an unnamed peer
 * where it could only write `-> socket:[39808606]`, as FreeBSD sockstat writes `-> [5055 3]`.
 *
 * Where several processes hold the other end (a socketpair made before a fork), another
 * process comes before the row's own, then the lowest PID: the PID view's order (peerFields).
 * Sockets without a peer are returned as they are (the same objects), so at 50,000 sockets of
 * which few are unix this costs two passes and a map of the few peers asked about.
 */
export function withUnixPeerHolders(sockets: readonly Socket[]): readonly Socket[] {
	const wanted = new Map<number, PeerHolder[]>();
	for (const socket of sockets) {
		if (socket.peerInode !== null && socket.peerInode > 0 && isUnixProto(socket.proto)) wanted.set(socket.peerInode, []);
	}

	if (wanted.size === 0) return sockets;
	for (const socket of sockets) {
		const inode = socketInode(socket);
		const holders = inode === null || socket.pid === null ? undefined : wanted.get(inode);
		if (holders !== undefined && isUnixProto(socket.proto)) holders.push({command: socket.command, pid: socket.pid!});
	}

	for (const holders of wanted.values()) holders.sort((a, b) => a.pid - b.pid);
	return sockets.map(socket => {
		const holders = socket.peerInode === null || !isUnixProto(socket.proto) ? undefined : wanted.get(socket.peerInode);
		if (holders === undefined || holders.length === 0) return socket;
		const peerHolder = holders.find(holder => holder.pid !== socket.pid) ?? holders[0]!;
		return {...socket, peerHolder};
	});
}
