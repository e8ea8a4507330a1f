/**
 * A half-open TCP connection: the kernel got a client's SYN on a listener's port, answered it
 * (SYN-ACK) and waits for the client's final ACK. Until then it is a request the kernel keeps for
 * the listener (its SYN queue), not a socket: /proc/net/tcp lists it as SYN_RECV with inode 0 and
 * no process holds it; with the ACK it joins the listener's accept queue (phrases.ts
 * queueListenerOf), where accept() takes it. A SYN_RECV socket a process holds (a simultaneous
 * open, TCP Fast Open) is no such request.
 */
import type {Socket} from '../model/types.js';

export const isHalfOpen = (socket: Pick<Socket, 'proto' | 'state' | 'inode'>): boolean =>
	socket.inode === 0 && socket.proto.startsWith('tcp') && (socket.state === 'SYN_RECV' || socket.state === 'NEW_SYN_RECV');

/** What a pile of them that stays means, after "Many" (the kernel logs "possible SYN flooding" as the SYN queue overflows). */
const PILE = 'that stay mean clients that never answer: a SYN flood (see net.ipv4.tcp_syncookies), or SYN-ACKs lost on the way back';

/**
 * Why a half-open connection (isHalfOpen) has no process, naming its listener where one is known
 * (phrases.ts listenerOn). Raw: callers sanitize.
 */
export function halfOpenReason(listener: Pick<Socket, 'command' | 'pid' | 'localPort'> | null): string {
	const server = listener === null ? 'its listener' : listener.command === null || listener.pid === null ? 'the listener' : `${listener.command} (PID ${listener.pid})`;
	const port = listener === null ? '' : ` on port ${listener.localPort}`;
	return `No process holds it yet: the kernel answered the client's SYN and waits for its final ACK (SYN_RECV); then it joins the accept queue of ${server}${port}. Many ${PILE}.`;
}

/** After a TCP listener's sentence: its half-open connections (FileDescriptor.halfOpen), '' for none. */
export function halfOpenPhrase(count: number | undefined): string {
	if (count === undefined || count === 0) return '';
	const connections = count === 1 ? '1 connection to its port is' : `${count} connections to its port are`;
	return `; ${connections} half-open (SYN_RECV): the kernel answered ${count === 1 ? "its SYN and waits for the client's" : "their SYNs and waits for each client's"} final ACK, which puts the connection in the accept queue; many ${PILE}`;
}
