import type {PortRange} from '../options.js';
import type {Socket} from '../model/types.js';
import {ipVersion, isLoopback} from '../model/types.js';
import {mappedIpv4} from '../model/mapped-ipv4.js';
import {HOST_NAMESPACE, namespaceOf} from '../model/netns.js';
import {inRange} from './explain-port.js';

/**
 * What Enter says of a closing TCP socket no process holds, beyond that the kernel holds it: how long
 * it lasts on Linux, and what it does meanwhile, checked on Linux 6.18 with python sockets (see
 * test/collect/linux/close-reasons.test.ts).
 */

/** What the closing-state reasons need of a row: a /proc row's fields, and its holder where it has one. */
export type CloseFields = Pick<Socket, 'proto' | 'state' | 'localAddress' | 'localPort' | 'foreignAddress' | 'foreignPort' | 'netns' | 'pid' | 'command'>;

/** What the reasons need to know of the machine: the client port range and net.ipv4.tcp_fin_timeout, null where not known (a capture's). */
export type CloseContext = {readonly ephemeral?: PortRange | null; readonly finTimeout?: number | null};


/**
 * A TIME_WAIT socket: 60 s on Linux (TCP_TIMEWAIT_LEN, a constant), from the peer's last FIN: one it
 * re-sends (its ACK of ours was lost) restarts the wait (RFC 793; seen lasting minutes), and while it lasts Linux refuses
 * a bind() of its local port on its address or the wildcard ("Address already in use"), unless both
 * the new socket and the one that closed (a server's connection inherits its listener's) set
 * SO_REUSEADDR, or both SO_REUSEPORT (as the old listener's). That part is said where a server may bind the port: a listener has it, or it is not
 * a client port of the ephemeral range (a client's port is the kernel's pick, which no server binds). While
 * a listener has the port, bind() fails for it anyway (SO_REUSEADDR or not): then it is said of a restart of that server.
 */
export function timeWaitReason(socket: CloseFields, sockets: readonly CloseFields[], ctx: CloseContext): string {
	const lasts = "No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends.";
	const {localPort: port, localAddress: address} = socket;
	if (port === null || address === null) return lasts;
	const isListened = sockets.some(each => each.state === 'LISTEN' && each.proto === socket.proto && each.localPort === port && each.netns === socket.netns);
	if (!isListened && inRange(port, ctx.ephemeral ?? null)) return lasts;
	// An IPv4 one blocks the IPv6 wildcard too (a dual-stack bind takes IPv4).
	// While the listener lives it holds the port anyway: the TIME_WAIT matters to a restart of its server.
	if (isListened) return `${lasts} A server restarted on port ${port} meanwhile gets "Address already in use" from bind() unless its new listener and the old one both set SO_REUSEADDR (or both SO_REUSEPORT).`;
	const wildcards = ipVersion(socket.proto) === 6 ? '::' : '0.0.0.0 or ::';
	return `${lasts} Until then Linux refuses bind() of port ${port} on ${address}, ${wildcards} ("Address already in use") unless it and the old socket (a server's listener) both set SO_REUSEADDR, or both SO_REUSEPORT.`;
}

/** The other end of `socket`'s connection among `sockets`, when it is a socket of this machine that a process holds. */
function localPeerOf(socket: CloseFields, sockets: readonly CloseFields[]): CloseFields | null {
	return (
		sockets.find(
			each =>
				each.pid !== null &&
				each.proto === socket.proto &&
				each.netns === socket.netns &&
				each.localAddress === socket.foreignAddress &&
				each.localPort === socket.foreignPort &&
				each.foreignAddress === socket.localAddress &&
				each.foreignPort === socket.localPort,
		) ?? null
	);
}

/**
 * An orphaned close (the program closed it; inode 0): the kernel finishes it. In FIN_WAIT2 it waits
 * for the other end to close: that end's holder when it is a local socket socktop sees (in
 * CLOSE_WAIT: the leak that leaves these behind), and Linux drops an orphaned FIN_WAIT2 after
 * net.ipv4.tcp_fin_timeout (its value read here, when known).
 */
export function orphanReason(socket: CloseFields, sockets: readonly CloseFields[], ctx: CloseContext): string {
	const {state} = socket;
	const closes = `No process holds it: the program closed it and the kernel finishes the close (${state})`;
	if (state !== 'FIN_WAIT2') return `${closes}.`;
	const peer = localPeerOf(socket, sockets);
	const waits = peer === null ? '' : `, waiting for ${peer.command ?? '?'}[${peer.pid}], whose end is in ${peer.state ?? '?'}, to close`;
	const limit = ctx.finTimeout === null || ctx.finTimeout === undefined ? '' : ` Linux drops an orphaned FIN_WAIT2 after net.ipv4.tcp_fin_timeout (${ctx.finTimeout} s here).`;
	return `${closes}${waits}.${limit}`;
}

/**
 * A TCP listener on a loopback address also holds its port on the wildcard: while it listens, Linux
 * refuses bind() of that port on 0.0.0.0 (an IPv4 one's) or :: ("Address already in use"), SO_REUSEADDR
 * on either or not, unless both set SO_REUSEPORT as one user; another loopback address (127.0.0.2) is free.
 * '' for any other socket, and for one whose source gives no inode (null): FreeBSD's sockstat and lsof off
 * Linux, whose systems let a bind() with SO_REUSEADDR take the wildcard beside it (in_pcbbind_setup
 * looks for an exact match only then).
 */
export function wildcardBindNote(socket: Pick<Socket, 'proto' | 'state' | 'localAddress' | 'localPort' | 'netns'> & {readonly inode?: number | null}): string {
	const {localAddress: address, localPort: port} = socket;
	if (socket.inode === null || !socket.proto.startsWith('tcp') || socket.state !== 'LISTEN' || address === null || port === null || !isLoopback(address) || address === 'localhost' || mappedIpv4(address) !== null) return '';
	const wildcards = ipVersion(socket.proto) === 6 ? '::' : '0.0.0.0 (or a dual-stack ::)';
	// Ports are per namespace: another namespace's wildcard is free.
	const there = namespaceOf(socket) === HOST_NAMESPACE ? '' : ' in that namespace';
	return `; while it listens, Linux refuses bind() of port ${port} on ${wildcards}${there} ("Address already in use"), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user`;
}
