import type {FdPeer} from '../../model/process.js';
import {isLoopback, type Socket} from '../../model/types.js';
import {listenerOn} from '../../services/phrases.js';
import type {Endpoint} from './endpoints.js';
import type {HeldSocket} from './mapped-peers.js';

/** A socket of the +E output read for the PID view, with the ends +E (or mapped-peers.ts) named for it. */
type Ended = HeldSocket & {readonly endpoints: readonly Endpoint[]};

/** A TCP client's connection to this host (loopback) that no end was found for. */
const isUnpairedLoopback = (socket: Socket | null, endpoints: readonly Endpoint[]): socket is Socket =>
	socket !== null &&
	endpoints.length === 0 &&
	socket.proto.startsWith('tcp') &&
	socket.state === 'ESTABLISHED' &&
	socket.foreignPort !== null &&
	socket.foreignAddress !== null &&
	isLoopback(socket.foreignAddress);

/** The listener `socket` is a client of, among `sockets`: one on its foreign address (or the wildcard) and port. */
const listenerOf = (socket: Socket, sockets: readonly Socket[]): Socket | null =>
	listenerOn({proto: socket.proto, state: socket.state, localAddress: socket.foreignAddress, localPort: socket.foreignPort, netns: socket.netns}, sockets);

const sameListener = (a: Socket, b: Socket): boolean => a.proto === b.proto && a.localAddress === b.localAddress && a.localPort === b.localPort && a.state === 'LISTEN' && b.state === 'LISTEN';

/**
 * The fds of `own` whose TCP connection waits in a local listener's accept queue, each with the
 * listener's holders (FileDescriptor.isAwaitingAccept, as the proc backend tells it). lsof lists no
 * socket no process holds, so the server's end of such a connection is missing from its output: a
 * loopback connection with no end named by +E, nor by the `-i` selection of its far end
 * (mapped-peers.ts), to a listener lsof lists with connections waiting (`QR`). Told only while the
 * process has no more such connections to that listener than its queue holds: more would mean some
 * were accepted by a process lsof did not read (another user's, without root), and which is not known.
 */
export function awaitingAccept(own: readonly Ended[], all: readonly HeldSocket[]): Map<number, FdPeer[]> {
	const sockets = all.flatMap(each => (each.socket === null ? [] : [each.socket]));
	const byListener = new Map<Socket, Ended[]>();
	for (const each of own) {
		if (!isUnpairedLoopback(each.socket, each.endpoints)) continue;
		const listener = listenerOf(each.socket, sockets);
		if (listener !== null) byListener.set(listener, [...(byListener.get(listener) ?? []), each]);
	}

	const awaiting = new Map<number, FdPeer[]>();
	for (const [listener, clients] of byListener) {
		// One connection may be held on several fds (dup, a fork sharing it): counted once, by its local end.
		const connections = new Set(clients.map(({socket}) => `${socket!.localAddress} ${socket!.localPort}`));
		if (listener.rxQueue === null || connections.size > listener.rxQueue) continue;
		const holders = all.filter(each => each.socket !== null && sameListener(each.socket, listener)).map(each => ({command: each.process.command, pid: each.process.pid, fd: each.fd}));
		for (const client of clients) awaiting.set(client.fd, holders);
	}

	return awaiting;
}
