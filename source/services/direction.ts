/**
 * Which way a connection goes (outgoing, incoming) and how surely, from this host's listeners,
 * the ephemeral range, the services file and the ports' order; the listening keys that carry
 * the listeners; and the port a row's SERVICE names. Pure. explain.ts words what these tell.
 */
import {type EndFields, isListening as isListeningSocket} from '../model/filter.js';
import {mappedIpv4} from '../model/mapped-ipv4.js';
import type {Socket} from '../model/types.js';
import {baseProtocol, isLoopback, isPortless, isUnixProto} from '../model/types.js';
import type {PortRange} from '../options.js';
import {inRange} from './explain-port.js';
import {serviceProtocol} from './protocol.js';
import type {ServiceTable} from './types.js';

/** What helps tell a connection's direction; every field optional. */
export type DirectionHints = {
	readonly ephemeral?: PortRange | null;
	readonly services?: ServiceTable;
	/** `tcp/22`-style keys (see listeningKey) of this host's listening ports: the surest sign of an accepted connection. */
	readonly listening?: ReadonlySet<string>;
};

/**
 * Key for DirectionHints.listening: 'tcp/22' for a tcp4 or tcp6 listener on port 22, 'udplite/5701'
 * for a UDP-Lite one (its ports are not UDP's: a UDP socket cannot reach it).
 */
export const listeningKey = (proto: string, port: number): string => `${baseProtocol(proto)}/${port}`;

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
export const isPeerHere = (socket: Socket): boolean =>
	socket.foreignAddress !== null && (isLoopback(socket.foreignAddress) || socket.foreignAddress === socket.localAddress);

/**
 * A connection's direction ('outgoing': this end is the client) and what told it: a listener here, which proves it, or the ports alone
 * (their ranges, their names, their order); and whether its local port has a listener here (told by the ports alone: so has the
 * foreign one, with the peer here too), which the sentence of a connection most likely accepted says.
 */
export type ToldDirection = {readonly direction: 'outgoing' | 'incoming'; readonly basis: 'listener' | 'range' | 'name' | 'order'; readonly isLocalListened: boolean};

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
		return {direction: isLocalListened ? 'incoming' : 'outgoing', basis: 'listener', isLocalListened};
	}

	const pick = (isLocal: boolean, isForeign: boolean, basis: ToldDirection['basis']): ToldDirection | null =>
		isLocal === isForeign ? null : {direction: isLocal ? 'outgoing' : 'incoming', basis, isLocalListened};
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
	return {direction: localPort > foreignPort ? 'outgoing' : 'incoming', basis: 'order', isLocalListened};
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
