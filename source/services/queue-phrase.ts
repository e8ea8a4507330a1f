import type {Socket} from '../model/types.js';

const bytes = (count: number) => `${count} byte${count === 1 ? '' : 's'}`;

/**
 * What a socket's queues say, in ss's words (Recv-Q, Send-Q), for the end of its sentence;
 * '' when nothing is queued or the queues are not known (unix sockets from /proc). For a TCP
 * listener Recv-Q counts the connections whose handshake the kernel finished and that wait
 * for accept(); its Send-Q (ss: the backlog limit; /proc: 0) is not said. For a connection,
 * the bytes received that the program has not read, and the bytes written that the other
 * end has not acknowledged (TCP; sent or not yet) or that wait to be sent (datagrams).
 * `actor` is the holder's name as the sentence says it, raw: callers sanitize.
 */
export function queuePhrase(socket: Pick<Socket, 'proto' | 'state' | 'rxQueue' | 'txQueue'>, actor: string): string {
	const received = socket.rxQueue ?? 0;
	const sent = socket.txQueue ?? 0;
	const isTcp = socket.proto.startsWith('tcp');
	if (isTcp && socket.state === 'LISTEN') {
		if (received === 0) return '';
		const waiting = received === 1 ? '1 connection waits' : `${received} connections wait`;
		return `; Recv-Q ${received}: ${waiting} in its accept queue for ${actor} to accept()`;
	}

	const parts = [
		received === 0 ? null : `Recv-Q ${received}: ${bytes(received)} received that ${actor} has not read yet`,
		sent === 0 ? null : `Send-Q ${sent}: ${bytes(sent)} ${isTcp ? 'written that the other end has not acknowledged yet' : 'waiting to be sent'}`,
	].filter(each => each !== null);
	return parts.length === 0 ? '' : `; ${parts.join('; ')}`;
}
