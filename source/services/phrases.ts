import type {InterfacesUp} from '../model/process.js';
import type {Socket} from '../model/types.js';
import {isLoopback, isUnixProto} from '../model/types.js';
import {HOST_NAMESPACE} from '../model/netns.js';
import {isWildcard, mappedIpv4} from '../model/mapped-ipv4.js';
import {PID_VIEW_QUEUE, ssQueueWatch, unixQueueListenerOf, unixQueueReason} from './unix-accept-queue.js';
import {halfOpenReason, isHalfOpen} from './half-open.js';
import {acceptorPhrase, byPid, rowHolders} from './acceptors.js';
import {linkLocalPlace} from './link-local.js';
import {orphanReason, timeWaitReason, type CloseContext} from './close-reasons.js';


/** 224.0.0.0/4 and ff00::/8 (and IPv4 multicast mapped into IPv6): a group, not a host's address. */
function isMulticast(address: string): boolean {
	const bare = address.replace(/^\[(.*)\]$/u, '$1').toLowerCase();
	const ipv4 = mappedIpv4(bare) ?? bare;
	const first = /^(\d{1,3})\./u.exec(ipv4)?.[1];
	return (first !== undefined && Number(first) >= 224 && Number(first) <= 239) || /^ff[\da-f]{0,2}:/u.test(bare);
}

/**
 * The other end's address as the sentences say it: an IPv4 address that reached an IPv6
 * socket (::ffff:a.b.c.d) is said to be IPv4, and loopback, this machine.
 */
export function foreignAddressPhrase(address: string): string {
	const ipv4 = mappedIpv4(address);
	if (ipv4 === null) return address;
	return isLoopback(ipv4) ? `${address} (IPv4 loopback: this machine)` : `${address} (the IPv4 address ${ipv4})`;
}

/**
 * ' in network namespace NAME' for a socket of a namespace other than the host's, whose
 * addresses (and abstract unix names) are that namespace's alone; '' for the host's, or
 * when not known (null: lsof, sockstat, captures).
 */
export const namespacePhrase = (netns: string | null | undefined): string =>
	netns === null || netns === undefined || netns === HOST_NAMESPACE ? '' : ` in network namespace ${netns}`;

/** What "every address" comes to where only lo is up, or nothing (FileDescriptor.interfacesUp); `isOther`: not the host's namespace. */
const everyAddressReach = (interfacesUp: InterfacesUp | null, isOther: boolean): string =>
	interfacesUp === 'lo'
		? ` — ${isOther ? 'that namespace has no interface up but lo: reachable only from inside it' : 'no interface is up but lo: not reachable from other machines'}`
		: interfacesUp === 'none'
			? ` — no interface is up${isOther ? ' in that namespace' : ''}, not even lo: nothing can connect, not even from ${isOther ? 'inside' : 'this machine'}, until one is set up`
			: '';

/**
 * What tells whether an IPv6 wildcard listener or UDP server takes IPv4 too: 'twin', an IPv4 wildcard listener
 * on the same port (so this one cannot be taking IPv4: it is IPv6-only); 'client', a connection
 * on its port whose local address is IPv4-mapped (::ffff:a.b.c.d: an IPv4 client it accepted, so
 * it is not IPv6-only); 'v6only' and 'dual', the socket's own IPV6_V6ONLY flag (Socket.isV6Only), set
 * or not; null, nothing.
 */
export type Ipv4Evidence = 'twin' | 'client' | 'v6only' | 'dual' | null;

/**
 * Where a listener or bound socket accepts traffic.
 * An IPv6 wildcard socket also receives IPv4 (as ::ffff:a.b.c.d) unless it is IPv6-only:
 * Linux makes sockets dual-stack by default (net.ipv6.bindv6only=0) and many servers set
 * IPV6_V6ONLY themselves; FreeBSD defaults to IPv6-only (net.inet6.ip6.v6only=1). /proc's
 * tables do not record the flag (ss -e does, which the PID view asks of TCP listeners and unconnected IPv6 UDP sockets), so the
 * phrase says both, unless `evidence` (Ipv4Evidence) tells which.
 * In a namespace other than the host's (`netns`) the addresses are that namespace's, and its
 * loopback is reachable from inside it alone, not from the host either.
 * A link-local address is reachable from its link alone: `linkInterface` names the interface
 * that has it, when known (FileDescriptor.linkInterface). A loopback address is reachable from
 * nowhere while the loopback interface is down (`isLoopbackDown`: FileDescriptor.isLoopbackDown), and
 * every address only from inside its namespace where no interface but lo is up, or from nowhere where
 * none is (`interfacesUp`: FileDescriptor.interfacesUp).
 */
export function placePhrase(
	address: string | null,
	version: 4 | 6 | null,
	evidence: Ipv4Evidence = null,
	netns: string | null = null,
	linkInterface: string | null = null,
	isLoopbackDown = false,
	interfacesUp: InterfacesUp | null = null,
): string {
	const where = namespacePhrase(netns);
	const reach = everyAddressReach(interfacesUp, where !== '');
	const unreachable = isLoopbackDown
		? `${where === '' ? 'the' : "that namespace's"} loopback interface (lo) is down: nothing can connect, not even from ${where === '' ? 'this machine' : 'inside'}, until lo is set up`
		: where === ''
			? 'not reachable from other machines'
			: 'reachable only from inside that namespace';
	if (isWildcard(address)) {
		if (version !== 6) return `on every IPv4 address${where}${reach}`;
		if (evidence === 'v6only') return `on every IPv6 address${where}, and on no IPv4 address: the socket is IPv6-only (IPV6_V6ONLY)${reach}`;
		if (evidence === 'dual') return `on every IPv6 address${where} and every IPv4 address too (the socket is not IPv6-only)${reach}`;
		if (evidence === 'twin') return `on every IPv6 address${where} (IPv4 clients reach the IPv4 socket listening on the same port)${reach}`;
		return evidence === 'client'
			? `on every IPv6 address${where} and every IPv4 address too (a connection from an IPv4 client on this port, at an IPv4-mapped ::ffff: address, shows it is not IPv6-only)${reach}`
			: `on every IPv6 address${where} (and every IPv4 address too, unless the socket is IPv6-only)${reach}`;
	}

	const bound = address!;
	// A multicast address is a group the socket receives, not an address of this host; the bind joins no group, and
	// the group's datagrams reach the host only while a socket of it has joined (IP_ADD_MEMBERSHIP, on that interface).
	if (isMulticast(bound)) return `for the multicast group ${bound}${where}, whose datagrams reach it only while a socket of ${where === '' ? 'this machine' : 'that namespace'} has joined the group (a bind joins none)`;
	const ipv4 = mappedIpv4(bound);
	// An IPv6 socket bound to an IPv4-mapped address takes IPv4 only.
	if (ipv4 === '0.0.0.0') return `on every IPv4 address${where} (IPv4 only, through an IPv6 socket)${reach}`;
	if (ipv4 !== null) {
		return isLoopback(ipv4)
			? `only on the IPv4 loopback address ${ipv4} (as ${bound}, through an IPv6 socket)${where} — ${unreachable}`
			: `only on the IPv4 address ${ipv4} (as ${bound}, through an IPv6 socket)${where}`;
	}

	const linkLocal = linkLocalPlace(bound, where, linkInterface);
	if (linkLocal !== null) return linkLocal;
	return isLoopback(bound) ? `only on the loopback address ${bound}${where} — ${unreachable}` : `only on the address ${bound}${where}`;
}

/** Closing states in which the program may have let go first, leaving the kernel to finish. */
const closingStates: ReadonlySet<string> = new Set(['FIN_WAIT1', 'FIN_WAIT2', 'CLOSING', 'LAST_ACK']);

/**
 * A closing TCP socket its program has let go (Linux then shows inode 0): the kernel finishes the
 * close alone. Only a source that reports inodes tells it (/proc, `ss -e`, `netstat -e`); without
 * them (inode null: `ss -tan`, sockstat) a closing socket may still be held.
 */
export const isOrphanedClose = (socket: Pick<Socket, 'state' | 'inode'>): boolean => socket.inode === 0 && closingStates.has(socket.state ?? '');

/** States in which a connection the listener has not accepted yet can wait in its queue (CLOSE_WAIT: the client has already closed). */
const queuedStates: ReadonlySet<string> = new Set(['ESTABLISHED', 'CLOSE_WAIT']);

type QueueFields = Pick<Socket, 'proto' | 'state' | 'inode' | 'localAddress' | 'localPort' | 'foreignAddress' | 'foreignPort' | 'netns' | 'pid' | 'command' | 'path' | 'rxQueue'>;

/** What listenerOn needs of a socket: a /proc table's entry has no holder or namespace yet (undefined: one table's rows). */
type ListenerFields = Pick<Socket, 'proto' | 'state' | 'localAddress' | 'localPort'> & {readonly netns?: string | null; readonly pid?: number | null};

/**
 * The listener that took the connection `socket` is the server's end of: one of the same protocol in
 * the same namespace on its local port, at its address or the wildcard. One at that very address,
 * then one with a process, comes first (a forked server lists one per holder).
 */
export function listenerOn<T extends ListenerFields>(socket: ListenerFields, sockets: readonly T[]): T | null {
	const listeners = sockets.filter(
		each =>
			each.state === 'LISTEN' &&
			each.proto === socket.proto &&
			each.localPort === socket.localPort &&
			each.netns === socket.netns &&
			(each.localAddress === socket.localAddress || isWildcard(each.localAddress)),
	);
	const rank = (each: T) => (each.localAddress === socket.localAddress ? 0 : 2) + (each.pid === null ? 1 : 0);
	return listeners.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * Whether `socket` is the server's end of a TCP connection no program has accepted yet: no holder
 * and inode 0 (no program has it: accept() has not been called for it; inode null, a source without
 * inodes, tells nothing), in a state a queued connection has. Orphans of a close have inode 0 too,
 * but a close leaves ESTABLISHED at once (FIN_WAIT1), so a listener on its port (listenerOn) decides.
 */
export const isUnacceptedEnd = (socket: Pick<Socket, 'proto' | 'state' | 'inode' | 'localPort'> & {readonly pid?: number | null}): boolean =>
	socket.inode === 0 && (socket.pid ?? null) === null && socket.proto.startsWith('tcp') && queuedStates.has(socket.state ?? '') && socket.localPort !== null;

/**
 * The listener whose accept queue holds `socket`, or null: a TCP connection no program has
 * accepted yet (isUnacceptedEnd) whose local address and port are a listener's (listenerOn).
 */
export function queueListenerOf<T extends QueueFields>(socket: QueueFields, sockets: readonly T[]): T | null {
	return isUnacceptedEnd(socket) ? listenerOn(socket, sockets) : null;
}

/** The listener in whose accept queue `socket` waits (TCP: queueListenerOf; unix: unixQueueListenerOf), or null. */
export const acceptQueueOf = <T extends QueueFields>(socket: QueueFields, sockets: readonly T[]): T | null => queueListenerOf(socket, sockets) ?? unixQueueListenerOf(socket, sockets);

/** Where the rows came from, as the reasons below need it. */
export type RowSource = {
	/** The rows are a capture's (collector.ts isCapture decides): they name no process of this machine. */
	readonly isCapture: boolean;
	readonly isRoot: boolean;
	/** Processes whose fds even root could not read this scan (Skipped.deniedProcesses with deniedAsRoot). */
	readonly unreadableAsRoot?: number;
} & CloseContext;

/**
 * Why a row has no process to open or signal, one line: the kernel holds it
 * (TIME_WAIT, an orphaned close, a half-open handshake), it waits in the accept queue of a
 * listener among `sockets` (its snapshot's rows), the capture names none, or socktop could
 * not read the holder (and whether root would help). All but TIME_WAIT are told by inode 0,
 * so a source without inodes (null) gets the other reasons. `user` and the listener's command
 * come raw from the rows: callers sanitize.
 */
export function noHolderReason<T extends QueueFields>(socket: QueueFields & Pick<Socket, 'user'> & {readonly uid?: number | null}, source: RowSource, sockets: readonly T[] = [], waiters?: ReadonlyMap<number, boolean | null>): string {
	const {state, user} = socket;
	if (state === 'TIME_WAIT') return timeWaitReason(socket, sockets, source);
	if (isOrphanedClose(socket)) return orphanReason(socket, sockets, source);

	if (isHalfOpen(socket)) return halfOpenReason(socket.localPort === null ? null : listenerOn(socket, sockets));

	// Told by inode 0, which only sources with inodes give (/proc, and captures of ss -e or netstat -e).
	const listener = queueListenerOf(socket, sockets);
	if (listener !== null) {
		const server =
			listener.command === null || listener.pid === null
				? `the listener on port ${listener.localPort}`
				: acceptorPhrase(rowHolders(listener, sockets, waiters), byPid, `listening on port ${listener.localPort}`);
		const closed = state === 'CLOSE_WAIT' ? ' (the client has already closed its end)' : '';
		// Where to watch the queue: the listener's PID view counts it, when there is a process to open.
		const watch =
			listener.pid === null
				? ssQueueWatch('ss -lnt', '; rxQueue in --json')
				: PID_VIEW_QUEUE;
		return `No process holds it yet: it waits in the accept queue until ${server} calls accept() for it${closed}. ${watch} means the server is not keeping up.`;
	}

	const unixListener = unixQueueListenerOf(socket, sockets);
	if (unixListener !== null) return unixQueueReason(unixListener, rowHolders(unixListener, sockets, waiters));
	if (source.isCapture) {
		return 'The capture names no process for this socket.';
	}

	if (source.isRoot) {
		const unreadable = source.unreadableAsRoot ?? 0;
		const kinds = [
			'a kernel socket',
			'one held outside this PID namespace',
			...(unreadable === 0 ? [] : [`one held by the ${unreadable === 1 ? 'process' : `${unreadable} processes`} even root could not read (see the header)`]),
			// A unix socket sent with SCM_RIGHTS is in the receiver's queue, in no fd table, until recvmsg() takes it.
			...(isUnixProto(socket.proto) ? ['one in flight: passed over a unix socket (SCM_RIGHTS) and not yet received'] : []),
		];
		const who = unreadable === 0 ? 'No process here holds it' : 'No process socktop could read holds it';
		return `${who}: ${kinds.slice(0, -1).join(', ')}, or ${kinds.at(-1)!}.`;
	}

	// The kernel's own sockets (nfsd's, sock_create_kern) are uid 0's, as root's processes' are.
	return user === '?'
		? 'Its holder could not be read: run as root to see it.'
		: socket.uid === 0
			? `Held by a process of ${user} that socktop cannot read, or by the kernel itself (as nfsd's sockets are): run as root to see which.`
			: `Held by a process of ${user} that socktop cannot read: run as root to see it.`;
}
