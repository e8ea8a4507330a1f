/**
 * A unix connection the listener has not accepted yet, in words. connect() returns as soon as the
 * kernel queues the connection on the listener, so the client's end is connected and held, while
 * the server's end is an "embryo": a socket no process holds and without an inode, which
 * /proc/net/unix lists as CONNECTING with the listener's name (ss lists it not at all), until
 * the listener's process calls accept(). The TCP equivalent is phrases.ts queueListenerOf.
 */
import type {Socket} from '../model/types.js';
import {isUnixProto} from '../model/types.js';
import {acceptorPhrase, byBracket, byPid, holderCount, type ListenerHolder} from './acceptors.js';

type Fields = Pick<Socket, 'proto' | 'state' | 'inode' | 'path' | 'netns' | 'pid' | 'command' | 'rxQueue'>;

/**
 * The listener among `sockets` in whose accept queue `socket` waits, when `socket` is an embryo
 * (CONNECTING, inode 0, no holder): a listener of its type with its name in its namespace. A
 * listener with a queue, then one with a process, comes first (a path taken over by a second
 * listener names both; a forked server lists one per holder).
 */
export function unixQueueListenerOf<T extends Fields>(socket: Fields, sockets: readonly T[]): T | null {
	if (!isUnixProto(socket.proto) || socket.state !== 'CONNECTING' || socket.inode !== 0 || socket.pid !== null || socket.path === null) return null;
	const rank = (each: T) => ((each.rxQueue ?? 1) > 0 ? 0 : 2) + (each.pid === null ? 1 : 0);
	const listeners = sockets.filter(each => each.state === 'LISTEN' && each.proto === socket.proto && each.path === socket.path && each.netns === socket.netns);
	return listeners.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * Where a listener's accept queue is counted, for a listener with a process to open. The PID
 * view says it as a RECV-Q column where it has room, else in the sentence's "Recv-Q 2: 2
 * connections wait …": so it is named as a count, not as a column that may not be drawn; and its
 * backlog beside it (SEND-Q, "Recv-Q 6 of backlog 5"), as full is backlog+1 on Linux.
 */
export const PID_VIEW_QUEUE = "The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux)";

/** Where ss shows a listener's accept queue full, for a listener without a process to open; `json`: what --json has of it. */
export const ssQueueWatch = (ss: string, json: string): string =>
	`A queue that stays full (in ${ss}, the listener's Recv-Q at its Send-Q, the backlog, plus one: Linux queues backlog+1${json})`;

/** Why an embryo (unixQueueListenerOf) has no process: whose accept() it waits for, among the listener's `holders` (acceptorPhrase). Raw: callers sanitize. */
export function unixQueueReason(listener: Fields & {readonly path: string | null}, holders: readonly ListenerHolder[] = []): string {
	const server = listener.pid === null ? `the listener on ${listener.path}` : acceptorPhrase(holders.length === 0 ? [{command: listener.command ?? '?', pid: listener.pid}] : holders, byPid, `listening on ${listener.path}`);
	// A unix socket's Recv-Q comes from ss: where it did not run (null), the PID view cannot say it either.
	const watch =
		listener.pid === null || listener.rxQueue === null
			? ssQueueWatch('ss -xl', listener.rxQueue === null ? '' : '; rxQueue and backlog in --json')
			: PID_VIEW_QUEUE;
	return `No process holds it yet: it is the server's end of a connection waiting in the accept queue until ${server} calls accept() for it. ${watch} means the server is not keeping up.`;
}

/**
 * What a client's sentence adds when its connection waits in a listener's accept queue
 * (Socket.isAwaitingAccept): ', but not accepted yet: …'. `holders`: the listener's holders, where
 * known (FileDescriptor.peer and morePeers), one named as 'python3[1234]'s accept queue', several as
 * acceptorPhrase says who accepts; `port`, a TCP listener's port (null: a unix listener, which the
 * sentence names by its path just before). Raw: callers sanitize.
 */
export function notAcceptedYet(holders: readonly ListenerHolder[] | undefined, port: number | null): string {
	const known = holders ?? [];
	const isOne = holderCount(known) === 1;
	const owner = isOne ? `${byBracket(known[0]!)}'s` : port === null ? "that listener's" : "the listener's";
	const who = known.length === 0 ? 'its process' : isOne ? 'that process' : acceptorPhrase(known, byBracket, null);
	const until = `until ${who} calls accept()`;
	return port === null
		? `, but not accepted yet: the connection waits in ${owner} accept queue ${until}`
		: `, but not accepted yet: the kernel established the connection, which waits in ${owner} accept queue on port ${port} ${until}`;
}

/** The sentence of a unix client whose connection waits to be accepted (Socket.isAwaitingAccept); `holders` as notAcceptedYet's. Raw: callers sanitize. */
export function awaitingAcceptSentence(socket: Pick<Socket, 'proto' | 'peerPath'>, actor: string, holders?: readonly ListenerHolder[]): string {
	return `${actor} is connected to the unix ${socket.proto} socket ${socket.peerPath ?? '?'}${notAcceptedYet(holders, null)}`;
}
