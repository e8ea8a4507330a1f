import {isListening as isListeningSocket} from '../model/filter.js';
import type {Socket, SocketState} from '../model/types.js';
import {ipVersion, isIcmpProto, isSelfConnected, isUnixProto} from '../model/types.js';
import {type ExplainContext, explainPort} from './explain-port.js';
import {ipv4ClientKey, ipv4WildcardKey, isPeerHere, toldDirection} from './direction.js';
import {serviceProtocol} from './protocol.js';
import {foreignAddressPhrase, type Ipv4Evidence, isOrphanedClose, placePhrase} from './phrases.js';
import {pingSentence, rawSentence} from './portless-phrases.js';
import {isWildcard} from '../model/mapped-ipv4.js';
import {unixSentence} from './unix-phrases.js';
import {notAcceptedYet} from './unix-accept-queue.js';
import type {ListenerHolder} from './acceptors.js';
import type {InterfacesUp, SocketFile} from '../model/process.js';
import {STATE_MEANINGS} from './state-phrases.js';
import {wildcardBindNote} from './close-reasons.js';
import type {PortExplanation} from './types.js';

export {explainPort, rangeClass} from './explain-port.js';
export {connectionDirection, ipv4ClientKey, ipv4WildcardKey, listeningKey, listeningKeys, servicePortOf, toldDirection, type DirectionHints, type ToldDirection} from './direction.js';
export type {ExplainContext, PortRole} from './explain-port.js';

export type SocketExplanation = {
	/** One sentence, e.g. 'sshd listens for TCP connections on port 22 (ssh — …) on every IPv4 address'. */
	readonly sentence: string;
	/** null for unix, raw and ICMP echo (ping) sockets, which have no ports. */
	readonly local: PortExplanation | null;
	readonly foreign: PortExplanation | null;
};

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
 * Said of a connection past its FIN a process still holds: its socket is not closed (the kernel
 * closes one only when its last fd goes), so it was shut down for writing. In FIN_WAIT it may
 * still read; in LAST_ACK and CLOSING the other side's FIN came too: it reads what is left, then end-of-file.
 */
const halfClosed = '; a process still holds it, so it was shut down for writing (shutdown()), not closed';
const halfNotes: Partial<Record<SocketState, string>> = {
	FIN_WAIT1: `${halfClosed}, and may still read`,
	FIN_WAIT2: `${halfClosed}, and may still read`,
	LAST_ACK: `${halfClosed}; the other side closed first, so it reads only what is left, then end-of-file`,
	CLOSING: `${halfClosed}; the other side closed too, so it reads only what is left, then end-of-file`,
};

/**
 * Why a connection in this state is not simply "connected", in STATE_MEANINGS' words; '' for the
 * others. `isHeld`: an fd is known to hold it (a holder, or an inode the kernel gives an open socket).
 */
function stateNote(state: SocketState | null, isHeld: boolean): string {
	// The kernel's NEW_SYN_RECV is SYN_RECV to a user (ss and netstat show it so).
	const shown = state === 'NEW_SYN_RECV' ? 'SYN_RECV' : state;
	if (shown === null || !notedStates.includes(shown)) return '';
	const half = isHeld ? (halfNotes[shown] ?? '') : '';
	return ` (${shown}: ${STATE_MEANINGS[shown]}${half})`;
}

/**
 * What its own flag (isV6Only: a TCP listener's, an unconnected UDP socket's), else this namespace's
 * sockets (listening: listeningKeys; TCP only), tell of an IPv6 listener on `port` taking IPv4 (placePhrase).
 */
function ipv4EvidenceOf({proto, isV6Only}: Pick<Socket, 'proto' | 'isV6Only'>, port: number | null, listening: ReadonlySet<string> | undefined): Ipv4Evidence {
	if ((proto === 'tcp6' || proto === 'udp6') && isV6Only !== undefined) return isV6Only ? 'v6only' : 'dual';
	if (proto !== 'tcp6' || port === null || listening === undefined) return null;
	if (listening.has(ipv4WildcardKey(proto, port))) return 'twin';
	return listening.has(ipv4ClientKey(proto, port)) ? 'client' : null;
}

/**
 * Why an accepted connection is only most likely one: its ports alone tell (ToldDirection), as its port
 * has no listener (a server may close it once it has accepted) or both ports have one with the peer here
 * (a socket may dial out from a listener's port). An outgoing one needs no listener, so is said without.
 */
/**
 * What a connected datagram socket's connect() did, after its peer: UDP has no handshake, so it only fixed
 * the peer, and the kernel then hands the socket only that peer's datagrams (udp(7); compute_score).
 */
const fixedPeer = (name: string): string => `; connect() fixed its peer (${name} has no handshake), so only that peer's datagrams reach it`;

const unprovenAccept = (port: number, isListened: boolean): string =>
	isListened
		? ', told by its ports alone: both its ports have a listener on this host, so the listeners do not tell which end is the server'
		: `, told by its ports alone: no listener on port ${port} was found (a server may close its listener once it has accepted, as socat without fork does)`;

function inetSentence(
	socket: Socket,
	actor: string,
	ctx: ExplainContext & {readonly listening?: ReadonlySet<string>; readonly linkInterface?: string; readonly isLoopbackDown?: boolean; readonly interfacesUp?: InterfacesUp; readonly listener?: readonly ListenerHolder[]; readonly isPortShared?: boolean},
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
		const place = placePhrase(socket.localAddress, version, isListening || !isTcp ? ipv4EvidenceOf(socket, localPort, ctx.listening) : null, socket.netns, ctx.linkInterface ?? null, ctx.isLoopbackDown === true, ctx.interfacesUp ?? null);
		const sentence =
			localPort === null
				? `${actor} has a ${name} socket that is not bound to a port yet`
				: isListening
					? `${actor} listens for ${name} connections on ${local.text} ${place}${wildcardBindNote(socket)}`
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
		sentence = `${actor} ${verb} from ${local.text} to ${there}${note}${queued}${isTcp ? '' : fixedPeer(name)}`;
	} else if (told?.direction === 'incoming') {
		sentence = !isTcp
			? `${actor} exchanges ${name} datagrams on ${local.text} with ${there}${fixedPeer(name)}`
			: told.basis === 'listener'
				? `${actor} accepted a connection on ${local.text} from ${there}${note}`
				: `${actor} most likely accepted a connection on ${local.text} from ${there}${note}${unprovenAccept(localPort!, told.isLocalListened)}`;
	} else {
		sentence = `${actor} has a ${name} connection from ${socket.localAddress ?? '*'} ${local.text} to ${there}${note}${isTcp ? '' : fixedPeer(name)}`;
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
		/** A unix listener's FileDescriptor.socketFile: its file's mode and owner. */
		readonly socketFile?: SocketFile;
		/** FileDescriptor.linkInterface: the interface of the link-local address the socket is bound to. */
		readonly linkInterface?: string;
		/** FileDescriptor.isLoopbackDown: its namespace's loopback interface is down, so nothing reaches its loopback address. */
		readonly isLoopbackDown?: boolean;
		/** FileDescriptor.interfacesUp: on every address, in a namespace with no interface up but lo, or none. */
		readonly interfacesUp?: InterfacesUp;
		/** For a client whose connection waits to be accepted (Socket.isAwaitingAccept): the listener's holders (notAcceptedYet). */
		readonly listener?: readonly ListenerHolder[];
		/** Other sockets are bound to its port too (SO_REUSEPORT): it bound the port itself, it was not given one. */
		readonly isPortShared?: boolean;
	},
): SocketExplanation {
	const actor =
		socket.command ??
		(ctx.isRoot === true ? 'a process socktop cannot see (it may be in another namespace, or gone)' : unknownActor);
	if (isUnixProto(socket.proto)) {
		return {sentence: unixSentence(socket, actor, ctx.isAccepted, {isPathGone: ctx.isPathGone, socketFile: ctx.socketFile}, ctx.listener), local: null, foreign: null};
	}

	if (socket.proto.startsWith('raw')) {
		return {sentence: rawSentence(socket, actor), local: null, foreign: null};
	}

	if (isIcmpProto(socket.proto)) {
		return {sentence: pingSentence(socket, actor), local: null, foreign: null};
	}

	return inetSentence(socket, actor, ctx);
}
