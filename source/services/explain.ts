import {type EndFields, isListening as isListeningSocket} from '../model/filter.js';
import type {Socket, SocketState} from '../model/types.js';
import {ipVersion, isIcmpProto, isLoopback, isPortless, isSelfConnected, isUnixProto} from '../model/types.js';
import type {PortRange} from '../options.js';
import {type ExplainContext, explainPort, inRange} from './explain-port.js';
import {serviceProtocol} from './protocol.js';
import {foreignAddressPhrase, type Ipv4Evidence, isOrphanedClose, isWildcard, mappedIpv4, pingSentence, placePhrase, rawSentence} from './phrases.js';
import {unixSentence} from './unix-phrases.js';
import {notAcceptedYet} from './unix-accept-queue.js';
import {STATE_MEANINGS} from './state-phrases.js';
import type {PortExplanation, ServiceTable} from './types.js';

export {explainPort, rangeClass} from './explain-port.js';
export type {ExplainContext, PortRole} from './explain-port.js';

export type SocketExplanation = {
	/** One sentence, e.g. 'sshd listens for TCP connections on port 22 (ssh — …) on every IPv4 address'. */
	readonly sentence: string;
	/** null for unix, raw and ICMP echo (ping) sockets, which have no ports. */
	readonly local: PortExplanation | null;
	readonly foreign: PortExplanation | null;
};

/** What helps tell a connection's direction; every field optional. */
export type DirectionHints = {
	readonly ephemeral?: PortRange | null;
	readonly services?: ServiceTable;
	/** `tcp/22`-style keys (see listeningKey) of this host's listening ports: the surest sign of an accepted connection. */
	readonly listening?: ReadonlySet<string>;
};

/** Key for DirectionHints.listening: 'tcp/22' for a tcp4 or tcp6 listener on port 22. */
export const listeningKey = (proto: string, port: number): string => `${serviceProtocol(proto) ?? proto}/${port}`;

/**
 * Key, in the same set, of an IPv4 listener on every address ('tcp/22 ipv4 *'). Beside it an
 * IPv6 wildcard listener on the port cannot be taking IPv4 too (the two binds would clash),
 * so it is IPv6-only: sshd and nginx open such pairs.
 */
export const ipv4WildcardKey = (proto: string, port: number): string => `${listeningKey(proto, port)} ipv4 *`;

/**
 * Key, in the same set, of an IPv4 client's connection on a TCP port over IPv6: a tcp6 socket
 * with a foreign end whose local address is IPv4-mapped ('tcp/22 ipv4 client'). The IPv6
 * wildcard listener on that port accepted it, so it is not IPv6-only.
 */
export const ipv4ClientKey = (proto: string, port: number): string => `${listeningKey(proto, port)} ipv4 client`;

/**
 * DirectionHints.listening of one namespace's (or one capture's) sockets: the port of every
 * server's end (listeningKey), the IPv4 TCP listeners on every address (ipv4WildcardKey), and
 * the ports with an IPv4 client's connection over IPv6 (ipv4ClientKey).
 * A server's end is a listener as the -l filter and the sentences take it (model/filter.ts
 * isListening: TCP LISTEN, a TCP socket with a port, no peer and no state as sockstat
 * without -s shows a listener, a bound UDP or UDP-Lite socket without a peer, which receives
 * from anyone) that has a port: not a unix socket, nor a raw one (its "port" is an IP protocol).
 */
export function listeningKeys(sockets: Iterable<EndFields & Pick<Socket, 'localAddress'>>): Set<string> {
	const keys = new Set<string>();
	const mappedClients = new Set<string>();
	const mappedListeners = new Set<string>();
	for (const socket of sockets) {
		const port = socket.localPort;
		if (port === null || serviceProtocol(socket.proto) === null) continue;
		const isServer = isListeningSocket(socket);
		if (socket.proto === 'tcp6' && socket.localAddress !== null && mappedIpv4(socket.localAddress) !== null) {
			(isServer ? mappedListeners : socket.foreignPort === null ? null : mappedClients)?.add(ipv4ClientKey(socket.proto, port));
		}

		if (!isServer) continue;
		keys.add(listeningKey(socket.proto, port));
		if (socket.proto === 'tcp4' && socket.localAddress === '*') keys.add(ipv4WildcardKey(socket.proto, port));
	}

	// A listener bound to an IPv4-mapped address (::ffff:0.0.0.0 and the like) accepts such connections itself.
	for (const key of mappedClients) if (!mappedListeners.has(key)) keys.add(key);
	return keys;
}

/** The foreign end is on this host: a loopback address, or the local address itself. */
const isPeerHere = (socket: Socket): boolean =>
	socket.foreignAddress !== null && (isLoopback(socket.foreignAddress) || socket.foreignAddress === socket.localAddress);

/** A connection's direction ('outgoing': this end is the client) and what told it: a listener here, which proves it, or the ports alone (their ranges, their names, their order). */
export type ToldDirection = {readonly direction: 'outgoing' | 'incoming'; readonly basis: 'listener' | 'range' | 'name' | 'order'};

/**
 * Which way a connection goes, seen from this machine, and what told it (ToldDirection), or null
 * when it cannot be told. No kernel table records it, so this is an inference, in order of
 * confidence: a listener here on the local (or else the foreign) port, not on both; one port
 * inside the ephemeral range and the other not; one port named by the services table and the
 * other not; the lower port being the server's.
 */
export function toldDirection(socket: Socket, hints: DirectionHints = {}, isGuessing = true): ToldDirection | null {
	const {localPort, foreignPort} = socket;
	if (localPort === null || foreignPort === null || isUnixProto(socket.proto) || isPortless(socket.proto)) {
		return null;
	}

	// A port this host listens on is the server's end: local means accepted here; foreign
	// means a client here (loopback, or a remote host offering the same service). Both tell
	// nothing when the peer is this host too: a socket that shares a listener's port
	// (SO_REUSEPORT) can dial out from it, and on loopback each end of that connection would
	// then read as accepted. A remote peer's port being listened on here says nothing of it.
	const isLocalListened = hints.listening?.has(listeningKey(socket.proto, localPort)) === true;
	const isForeignListened = hints.listening?.has(listeningKey(socket.proto, foreignPort)) === true;
	if (isLocalListened !== isForeignListened || (isLocalListened && !isPeerHere(socket))) {
		return {direction: isLocalListened ? 'incoming' : 'outgoing', basis: 'listener'};
	}

	const pick = (isLocal: boolean, isForeign: boolean, basis: ToldDirection['basis']): ToldDirection | null =>
		isLocal === isForeign ? null : {direction: isLocal ? 'outgoing' : 'incoming', basis};
	const ephemeral = hints.ephemeral ?? null;
	const byRange = pick(inRange(localPort, ephemeral), inRange(foreignPort, ephemeral), 'range');
	if (byRange !== null) {
		return byRange;
	}

	const {services} = hints;
	if (services !== undefined) {
		// The named end is the server: 'incoming' when only the local port has a name.
		const byName = pick(services.lookup(foreignPort, socket.proto) !== null, services.lookup(localPort, socket.proto) !== null, 'name');
		if (byName !== null) {
			return byName;
		}
	}

	// The last rule is a guess: good enough to pick a SERVICE name, not to state as fact (isGuessing false).
	if (!isGuessing || localPort === foreignPort) return null;
	return {direction: localPort > foreignPort ? 'outgoing' : 'incoming', basis: 'order'};
}

/** toldDirection's direction alone: 'outgoing' (this end is the client), 'incoming' (accepted by a listener here), or null. */
export const connectionDirection = (socket: Socket, hints: DirectionHints = {}, isGuessing = true): 'outgoing' | 'incoming' | null =>
	toldDirection(socket, hints, isGuessing)?.direction ?? null;

/**
 * The port that says what a socket is for: the local port of a listener, a bound UDP socket
 * or an accepted connection; the foreign port of an outgoing connection. null for unix, raw
 * and ping sockets and unbound ones. The live view's SERVICE column looks this up.
 */
export function servicePortOf(socket: Socket, hints: DirectionHints = {}): {port: number; protocol: string} | null {
	const protocol = serviceProtocol(socket.proto);
	if (protocol === null || isUnixProto(socket.proto)) {
		return null;
	}

	const direction = connectionDirection(socket, hints);
	const port = direction === 'outgoing' ? socket.foreignPort : socket.localPort;
	return port === null ? null : {port, protocol};
}

const unknownActor = 'a process socktop cannot see (run as root)';


const protocolNames: Record<string, string> = {tcp: 'TCP', udp: 'UDP'};

/**
 * An unconnected UDP socket on every address and an unnamed port of the ephemeral range reads
 * like a server, but is most often a client: a send before any bind gets such a port (a DNS
 * resolver's query socket). A hedge, as nothing records which.
 */
const clientHedge = '; most likely the kernel picked that port when the socket first sent without binding one, so it is a client (a DNS resolver, say) rather than a server';

/** States whose connection is not simply "connected" (ESTABLISHED, or SYN_SENT, which the verb says): the sentence says what they mean. */
const notedStates: readonly SocketState[] = ['SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'CLOSE'];

/**
 * Said of a FIN_WAIT connection a process still holds: its socket is not closed (the kernel
 * closes one only when its last fd goes), so it was shut down for writing, and may still read.
 */
const halfClosed = '; a process still holds it, so it was shut down for writing (shutdown()), not closed, and may still read';

/**
 * Why a connection in this state is not simply "connected", in STATE_MEANINGS' words; '' for the
 * others. `isHeld`: an fd is known to hold it (a holder, or an inode the kernel gives an open socket).
 */
function stateNote(state: SocketState | null, isHeld: boolean): string {
	// The kernel's NEW_SYN_RECV is SYN_RECV to a user (ss and netstat show it so).
	const shown = state === 'NEW_SYN_RECV' ? 'SYN_RECV' : state;
	if (shown === null || !notedStates.includes(shown)) return '';
	const half = isHeld && (shown === 'FIN_WAIT1' || shown === 'FIN_WAIT2') ? halfClosed : '';
	return ` (${shown}: ${STATE_MEANINGS[shown]}${half})`;
}

/** What its own flag (isV6Only), else this namespace's sockets (listening: listeningKeys), tell of an IPv6 listener on `port` taking IPv4 (placePhrase). */
function ipv4EvidenceOf({proto, isV6Only}: Pick<Socket, 'proto' | 'isV6Only'>, port: number | null, listening: ReadonlySet<string> | undefined): Ipv4Evidence {
	if (proto === 'tcp6' && isV6Only !== undefined) return isV6Only ? 'v6only' : 'dual';
	if (proto !== 'tcp6' || port === null || listening === undefined) return null;
	if (listening.has(ipv4WildcardKey(proto, port))) return 'twin';
	return listening.has(ipv4ClientKey(proto, port)) ? 'client' : null;
}

/**
 * Why an accepted connection is only most likely one: its ports alone tell (ToldDirection), as its port
 * has no listener (a server may close it once it has accepted) or both ports have one with the peer here
 * (a socket may dial out from a listener's port). An outgoing one needs no listener, so is said without.
 */
const unprovenAccept = (port: number, isListened: boolean): string =>
	isListened
		? ', told by its ports alone: both its ports have a listener on this host, so the listeners do not tell which end is the server'
		: `, told by its ports alone: no listener on port ${port} was found (a server may close its listener once it has accepted, as socat without fork does)`;

function inetSentence(
	socket: Socket,
	actor: string,
	ctx: ExplainContext & {readonly listening?: ReadonlySet<string>; readonly linkInterface?: string; readonly listener?: string; readonly isPortShared?: boolean},
): SocketExplanation {
	const protocol = serviceProtocol(socket.proto) ?? socket.proto;
	const name = socket.proto.startsWith('udplite') ? 'UDP-Lite' : (protocolNames[protocol] ?? protocol.toUpperCase());
	const isTcp = protocol === 'tcp';
	const version = ipVersion(socket.proto);
	const {localPort, foreignPort} = socket;
	const foreignAddress = foreignAddressPhrase(socket.foreignAddress ?? '*');

	const isConnected = foreignPort !== null && (!isTcp || socket.state !== 'LISTEN');
	// The -l filter's rule, so the sentence and the filter agree (a stateless sockstat row too).
	const isListening = isTcp && isListeningSocket(socket);
	if (!isConnected) {
		const local = explainPort(localPort, protocol, 'bound', ctx);
		const place = placePhrase(socket.localAddress, version, isListening ? ipv4EvidenceOf(socket, localPort, ctx.listening) : null, socket.netns, ctx.linkInterface ?? null);
		const sentence =
			localPort === null
				? `${actor} has a ${name} socket that is not bound to a port yet`
				: isListening
					? `${actor} listens for ${name} connections on ${local.text} ${place}`
					: isTcp
						? `${actor} has a ${name} socket on ${local.text} ${place}, neither listening nor connected`
						: `${actor} receives ${name} datagrams on ${local.text} ${place}${local.class === 'ephemeral' && isWildcard(socket.localAddress) && ctx.isPortShared !== true ? clientHedge : ''}`;
		return {sentence, local, foreign: isListening ? null : explainPort(null, protocol, 'service', ctx)};
	}

	// Said as fact only when something tells the direction; the lower-port guess gets the neutral sentence.
	const told = toldDirection(socket, {ephemeral: ctx.ephemeral, services: ctx.services, listening: ctx.listening}, false);
	const direction = told?.direction ?? null;
	// A client on this machine (loopback, or the local address) uses this kernel's range: a port outside it was chosen, not picked.
	const isClientHere = isPeerHere(socket);
	const local = explainPort(localPort, protocol, direction === 'outgoing' ? 'local-client' : direction === 'incoming' ? 'bound' : 'unknown', ctx);
	const foreign = explainPort(foreignPort, protocol, direction === 'outgoing' ? 'service' : direction === 'incoming' ? 'remote-client' : 'unknown', ctx, isClientHere);
	const there = `${foreignAddress} ${foreign.text}`;
	const note = isTcp ? stateNote(socket.state, socket.command !== null || (socket.inode ?? 0) > 0) : '';

	// TIME_WAIT never has a holder; the other closing states lose theirs when the program
	// closes first (Linux then shows inode 0; a source without inodes cannot tell), and the
	// kernel finishes the close alone.
	const isOrphan = socket.command === null && isOrphanedClose(socket);
	if (isTcp && (socket.state === 'TIME_WAIT' || isOrphan)) {
		const why = socket.state === 'TIME_WAIT' ? ` (TIME_WAIT: ${STATE_MEANINGS.TIME_WAIT})` : `; the kernel finishes closing it on its own (${socket.state})`;
		return {sentence: `a closed TCP connection between ${local.text} here and ${there}: no process holds it${why}`, local, foreign};
	}

	let sentence: string;
	if (isSelfConnected(socket)) {
		// Its own address and port at both ends: no client and no server to tell apart.
		const both = `${local.text} on ${foreignAddress} is both of its ends`;
		sentence = isTcp
			? `${actor} has a TCP connection to itself: ${both}${note} (a self-connect: TCP's simultaneous open lets a connect() to its own address and port succeed, as when a client keeps retrying a local port of the ephemeral range that nothing listens on)`
			: `${actor} has a ${name} socket connected to itself: ${both}, so it receives what it sends`;
	} else if (direction === 'outgoing' || socket.isAwaitingAccept === true) {
		const verb = !isTcp ? `sends ${name} datagrams` : socket.state === 'SYN_SENT' ? 'is connecting' : 'is connected';
		const queued = socket.isAwaitingAccept === true ? notAcceptedYet(ctx.listener, foreignPort) : '';
		sentence = `${actor} ${verb} from ${local.text} to ${there}${note}${queued}`;
	} else if (direction === 'incoming') {
		sentence = !isTcp
			? `${actor} exchanges ${name} datagrams on ${local.text} with ${there}`
			: told?.basis === 'listener'
				? `${actor} accepted a connection on ${local.text} from ${there}${note}`
				: `${actor} most likely accepted a connection on ${local.text} from ${there}${note}${unprovenAccept(localPort!, ctx.listening?.has(listeningKey(socket.proto, localPort!)) === true)}`;
	} else {
		sentence = `${actor} has a ${name} connection from ${socket.localAddress ?? '*'} ${local.text} to ${there}${note}`;
	}

	return {sentence, local, foreign};
}

/**
 * Explain a socket in one sentence a newcomer understands, with each port explained
 * (explainPort). Pure. Names, paths and comments are returned raw: callers sanitize.
 */
export function explainSocket(
	socket: Socket,
	ctx: ExplainContext & {
		/** True when socktop runs as root, so an unknown holder is not a permission problem. */
		readonly isRoot?: boolean;
		/** This host's listening ports (listeningKey), to tell accepted connections surely. */
		readonly listening?: ReadonlySet<string>;
		/** A named unix stream socket's FileDescriptor.isAccepted. */
		readonly isAccepted?: boolean;
		/** A unix listener's FileDescriptor.isPathGone. */
		readonly isPathGone?: boolean;
		/** FileDescriptor.linkInterface: the interface of the link-local address the socket is bound to. */
		readonly linkInterface?: string;
		/** For a client whose connection waits to be accepted (Socket.isAwaitingAccept): the listener's holder, 'python3[1234]'. */
		readonly listener?: string;
		/** Other sockets are bound to its port too (SO_REUSEPORT): it bound the port itself, it was not given one. */
		readonly isPortShared?: boolean;
	},
): SocketExplanation {
	const actor =
		socket.command ??
		(ctx.isRoot === true ? 'a process socktop cannot see (it may be in another namespace, or gone)' : unknownActor);
	if (isUnixProto(socket.proto)) {
		return {sentence: unixSentence(socket, actor, ctx.isAccepted, ctx.isPathGone, ctx.listener), local: null, foreign: null};
	}

	if (socket.proto.startsWith('raw')) {
		return {sentence: rawSentence(socket, actor), local: null, foreign: null};
	}

	if (isIcmpProto(socket.proto)) {
		return {sentence: pingSentence(socket, actor), local: null, foreign: null};
	}

	return inetSentence(socket, actor, ctx);
}
