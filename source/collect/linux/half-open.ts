import {isHalfOpen} from '../../services/half-open.js';
import {isWildcard} from '../../model/mapped-ipv4.js';
import type {PeerQuery} from './peers.js';
import type {RawSocket} from './tables.js';

/** A listener's protocol, address ('*' for every one) and port. */
const keyOf = (proto: string, address: string | null, port: number | null) => `${proto} ${isWildcard(address) ? '*' : address} ${port}`;

/**
 * FileDescriptor.halfOpen of the queried TCP listeners: how many half-open connections
 * (isHalfOpen: SYN_RECV, inode 0) `sockets` (their namespace's tables) hold for each, by fd. A
 * connection is its address's listener's, else the wildcard one's on its port, as the kernel
 * looks them up; listeners sharing a port (SO_REUSEPORT) each count all of theirs. One pass over
 * the tables, and none when no listener is asked.
 */
export function halfOpenCounts(queries: readonly PeerQuery[], sockets: readonly RawSocket[]): Map<number, number> {
	const counts = new Map<number, number>();
	const listeners = queries.filter(({socket}) => socket !== null && socket.proto.startsWith('tcp') && socket.state === 'LISTEN');
	if (listeners.length === 0) return counts;
	const listened = new Set<string>();
	const requests: RawSocket[] = [];
	for (const socket of sockets) {
		if (socket.state === 'LISTEN') listened.add(keyOf(socket.proto, socket.localAddress, socket.localPort));
		else if (isHalfOpen(socket)) requests.push(socket);
	}

	const byListener = new Map<string, number>();
	for (const {proto, localAddress, localPort} of requests) {
		const own = keyOf(proto, localAddress, localPort);
		const key = listened.has(own) ? own : keyOf(proto, '*', localPort);
		byListener.set(key, (byListener.get(key) ?? 0) + 1);
	}

	for (const {fd, socket} of listeners) {
		const count = byListener.get(keyOf(socket!.proto, socket!.localAddress, socket!.localPort)) ?? 0;
		if (count > 0) counts.set(fd, count);
	}

	return counts;
}
