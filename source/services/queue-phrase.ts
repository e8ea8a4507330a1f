import type {Socket} from '../model/types.js';
import {listeningKey} from './explain.js';

const bytes = (count: number) => `${count} byte${count === 1 ? '' : 's'}`;

/**
 * What a socket's queues say, in ss's words (Recv-Q, Send-Q), for the end of its sentence;
 * '' when nothing is queued or the queues are not known (unix sockets where ss did not run). For a
 * listener Recv-Q counts the connections whose handshake the kernel finished and that wait
 * for accept(), said against its backlog where known (listenerPhrase). Otherwise each says
 * what the kernel counts there, which is bytes of data only for TCP and a unix stream's
 * Recv-Q: a datagram socket's (UDP, UDP-Lite, ping, raw) are the memory its queued datagrams
 * take (sk_rmem_alloc, sk_wmem_alloc: each datagram's payload and overhead, 1280 for one of
 * 500 bytes), a unix dgram socket's Recv-Q is the size of the next datagram (SIOCINQ), and a
 * unix socket's Send-Q is the memory of what it sent that the other end has not read.
 * TCP's Recv-Q is rcv_nxt - copied_seq, and the peer's FIN takes one sequence number: once
 * it has arrived and until the program reads the end of file (recv() returning 0), Recv-Q N is
 * N - 1 bytes of data and then that end of file, so a client that closed without sending
 * anything leaves Recv-Q 1 on a server that never read. Send-Q (write_seq - snd_una) counts this
 * end's own FIN the same way from close() or shutdown() until the other end acknowledges it, and
 * its own SYN while connecting (ss: `SYN-SENT 0 1`; N > 1 is data sent with the SYN, TCP Fast
 * Open). So does a SYN_RECV socket that connect()ed and met the peer's SYN (a simultaneous
 * open), but not one accepted through TCP Fast Open (the kernel counts its SYN-ACK acknowledged
 * from the start): a SYN_RECV socket on a port of `listening` (DirectionHints.listening) counts
 * data only. A datagram socket's drops (Socket.drops) are said after its queues, while any.
 * `synFate` says where a connection request goes and what becomes of it, in place of "which the
 * other end has not acknowledged yet" (synFatePhrase). `actor` is the holder's name as the
 * sentence says it, raw: callers sanitize.
 */
export function queuePhrase(socket: QueueFields, actor: string, listening?: ReadonlySet<string>, synFate?: string): string {
	const received = socket.rxQueue ?? 0;
	const sent = socket.txQueue ?? 0;
	// LISTEN is TCP's or a unix stream or seqpacket socket's; either counts connections.
	if (socket.state === 'LISTEN') return listenerPhrase(socket, actor);
	const isSynSent = socket.state === 'SYN_SENT' || (socket.state === 'SYN_RECV' && !(socket.localPort !== null && listening?.has(listeningKey(socket.proto, socket.localPort)) === true));
	const words = wordsFor(socket.proto, actor, {isFinReceived: socket.state !== null && finReceived.has(socket.state), isFinSent: socket.state !== null && finSent.has(socket.state), isSynSent, synFate});
	const drops = socket.drops ?? 0;
	const parts = [
		received === 0 ? null : `Recv-Q ${received}: ${words.received(received)}`,
		sent === 0 ? null : `Send-Q ${sent}: ${words.sent(sent)}`,
		drops === 0 ? null : `${drops === 1 ? '1 datagram was' : `${drops} datagrams were`} dropped because the receive buffer was full`,
	].filter(each => each !== null);
	return parts.length === 0 ? '' : `; ${parts.join('; ')}`;
}

type QueueFields = Pick<Socket, 'proto' | 'state' | 'localPort' | 'rxQueue' | 'txQueue' | 'backlog' | 'drops'>;

/**
 * A listener's Recv-Q, against its backlog where known ('Recv-Q 2 of backlog 5'); '' while none wait.
 * Linux queues backlog+1 connections (sk_acceptq_is_full: more than the backlog); then a TCP
 * listener drops new SYNs (the clients stay in SYN_SENT and retry) and a unix client's connect()
 * waits, or fails with EAGAIN when it does not block, until the program accepts one.
 */
function listenerPhrase({proto, rxQueue, backlog}: QueueFields, actor: string): string {
	const received = rxQueue ?? 0;
	if (received === 0) return '';
	const count = `Recv-Q ${received}${backlog === undefined ? '' : ` of backlog ${backlog}`}`;
	if (backlog === undefined || received <= backlog) {
		return `; ${count}: ${received === 1 ? '1 connection waits' : `${received} connections wait`} in its accept queue for ${actor} to accept()`;
	}

	const stalled = proto.startsWith('tcp') ? 'new connections wait in SYN_SENT, their SYNs dropped,' : "new clients' connect() waits (or fails with EAGAIN)";
	return `; ${count}: the accept queue is full (Linux queues backlog+1); ${stalled} until ${actor} calls accept()`;
}

/**
 * Where a connection request waiting on a full listener of this host goes (FileDescriptor.fullListener),
 * after 'its connection request (SYN)': ' to port 5432, whose listener python3[30387] has a full
 * accept queue (6 of backlog 5): the kernel drops the SYN and the client retries'. `listener`:
 * its holder as the sentence names it, or null where not known. Raw: callers sanitize.
 */
export const synFatePhrase = (full: {readonly port: number; readonly waiting: number; readonly backlog: number}, listener: string | null): string =>
	` to port ${full.port}, whose listener${listener === null ? '' : ` ${listener}`} has a full accept queue (${full.waiting} of backlog ${full.backlog}): the kernel drops the SYN and the client retries`;

/**
 * TCP states in which the peer's FIN has arrived (RFC 793): a non-zero Recv-Q there always
 * ends with it, since nothing can follow a FIN. TIME_WAIT has too, but /proc writes 0 queues for it.
 */
const finReceived: ReadonlySet<string> = new Set(['CLOSE_WAIT', 'LAST_ACK', 'CLOSING']);

/**
 * TCP states in which this end has sent (or queued) its FIN and may wait for its acknowledgement;
 * in FIN_WAIT2 and TIME_WAIT it has it.
 */
const finSent: ReadonlySet<string> = new Set(['FIN_WAIT1', 'CLOSING', 'LAST_ACK']);

/** TCP's Send-Q once this end has closed: the data before its FIN, if any, then the FIN. */
const beforeOwnEof = (count: number) =>
	`${count === 1 ? 'its own end of file' : `${bytes(count - 1)} written and then its own end of file`}, which the other end has not acknowledged yet`;

/** TCP's Send-Q while connecting: the SYN, then any data sent with it (TCP Fast Open), then `fate` (synFatePhrase). */
const afterOwnSyn = (count: number, fate = ', which the other end has not acknowledged yet') =>
	`its connection request (SYN)${count === 1 ? '' : ` and then ${bytes(count - 1)} written`}${fate}`;

/** TCP's Recv-Q once the peer's FIN has arrived: the data before it, if any, then the end of file. */
const beforeEof = (count: number, actor: string) =>
	`${count === 1 ? "the peer's end of file" : `${bytes(count - 1)} and then the end of file`}, which ${actor} has not read yet`;

type Words = {readonly received: (count: number) => string; readonly sent: (count: number) => string};

/** How one kind of socket's queue counts read, after 'Recv-Q N: ' and 'Send-Q N: '. */
type TcpEnds = {readonly isFinReceived: boolean; readonly isFinSent: boolean; readonly isSynSent: boolean; readonly synFate?: string};

function wordsFor(proto: Socket['proto'], actor: string, {isFinReceived, isFinSent, isSynSent, synFate}: TcpEnds): Words {
	const unread = `${actor} has not read yet`;
	const unixSent = (count: number) => `what it sent that the other end has not read yet takes ${bytes(count)} of memory`;
	if (proto.startsWith('tcp')) {
		return {
			received: count => (isFinReceived ? beforeEof(count, actor) : `${bytes(count)} received that ${unread}`),
			sent: count => (isFinSent ? beforeOwnEof(count) : isSynSent ? afterOwnSyn(count, synFate) : `${bytes(count)} written that the other end has not acknowledged yet`),
		};
	}

	if (proto === 'stream' || proto === 'seqpacket') {
		return {received: count => `${bytes(count)} received that ${unread}`, sent: unixSent};
	}

	if (proto === 'dgram') {
		return {received: count => `the next datagram ${unread} is ${bytes(count)}`, sent: unixSent};
	}

	return {
		received: count => `datagrams ${unread} hold ${bytes(count)} of its receive buffer`,
		sent: count => `datagrams waiting to be sent hold ${bytes(count)} of its send buffer`,
	};
}
