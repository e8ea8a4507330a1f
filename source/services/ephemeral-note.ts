import {sanitize} from '../format/escape.js';
import {HOST_NAMESPACE} from '../model/netns.js';
import type {Socket} from '../model/types.js';
import type {PortRange} from '../options.js';
import {connectionDirection, type DirectionHints} from './explain.js';
import {inRange} from './explain-port.js';
import type {PortExplanation} from './types.js';

/** '32768-60999 (net.ipv4.ip_local_port_range)'; inside parentheses already, `separator` ', ' keeps them single. */
const rangeText = (range: PortRange, setting: string | null, separator: ' (' | ', ' = ' ('): string =>
	`${range[0]}-${range[1]}${setting === null ? '' : `${separator}${setting}${separator === ' (' ? ')' : ''}`}`;

const noService = 'no service is named for it';

/** The network namespace of a connection's other end, where it is another than the socket's, and its ephemeral range where known. */
export type PeerSpace = {readonly netns: string; readonly range: PortRange | null};

/** Whose range the ephemeral range is: the socket's network namespace's (each has its own), or this machine's. */
const rangeOwner = (netns: string | null): string =>
	netns === null || netns === HOST_NAMESPACE ? "this machine's" : `network namespace ${sanitize(netns)}'s`;

/**
 * What "ephemeral" means, for the one port of a socket the sentence calls so: the PID view's
 * sentences say "ephemeral port 41276" or "(the client's ephemeral port)", and only this says
 * why such a port is in no services file: the kernel picked it from its ephemeral range, the
 * ports it hands to connections that bound none. Drawn under the selected fd's sentence and
 * under each socket of `--pid N --once`. null when neither end is ephemeral. Pure.
 */
export function ephemeralNote(
	socket: Socket,
	local: PortExplanation | null,
	foreign: PortExplanation | null,
	hints: DirectionHints,
	/** Where the range was set (services/load.ts ephemeralSettingOf); null when given by hand or not known. */
	setting: string | null = null,
	/** Where the other end is, when in another namespace (FdPeer.netns): its client port is that one's pick, not this one's. */
	peer?: PeerSpace,
): string | null {
	const range = hints.ephemeral ?? null;
	// The sentence's own rule for which end is the client, so the note speaks of the same end.
	const direction = connectionDirection(socket, hints, false);
	if (local?.class === 'ephemeral' && local.port !== null) {
		const port = local.port;
		if (direction === 'outgoing') {
			// A source port the program bound (socat's sourceport=) looks the same: nothing records who chose it.
			return range !== null && inRange(port, range)
				? `${port}: an ephemeral port, most likely picked by the kernel for this connection from ${rangeText(range, setting)}, unless the program bound it; ${noService}`
				: `${port}: most likely an ephemeral port, picked by the kernel for this connection (the capture does not say from which range); ${noService}`;
		}

		if (range !== null && inRange(port, range)) {
			return `${port}: in the ephemeral range ${rangeText(range, setting)}, where the kernel picks ports for outgoing connections and for binds to port 0; ${noService}`;
		}
	}

	if (foreign?.class === 'ephemeral' && foreign.port !== null) {
		// This socket is the client: the foreign port is a server's, which bound it (in the range or not).
		if (direction === 'outgoing') {
			return range === null
				? null
				: `${foreign.port}: the server's port, in the ephemeral range ${rangeText(range, setting)}, but bound by the server (its choice, or a bind to port 0), not picked for this connection; ${noService}`;
		}

		if (direction === null) {
			return range !== null && inRange(foreign.port, range)
				? `${foreign.port}: in the ephemeral range ${rangeText(range, setting)}, where the kernel picks ports for outgoing connections and for binds to port 0; ${noService}`
				: null;
		}

		if (peer !== undefined) return clientElsewhereNote(foreign.port, peer, setting);
		if (range !== null && !inRange(foreign.port, range)) {
			// Not this range's pick: the client's kernel has another (another machine's, or another namespace's ip_local_port_range).
			return `${foreign.port}: an ephemeral port, most likely picked by the client's kernel from a range other than ${rangeOwner(socket.netns)} (${rangeText(range, setting, ', ')}): the client is on another machine or in another network namespace; ${noService}`;
		}

		const here = range === null ? '' : ` (here ${rangeText(range, setting, ', ')})`;
		return `${foreign.port}: an ephemeral port, most likely picked by the client's kernel from its range${here}; ${noService}`;
	}

	return null;
}

/** An accepted connection's client port, its client being in another namespace of this machine (`peer`): that namespace's pick. */
function clientElsewhereNote(port: number, peer: PeerSpace, setting: string | null): string {
	const where = `network namespace ${sanitize(peer.netns)}`;
	if (peer.range === null) return `${port}: an ephemeral port, most likely picked by the client's kernel, in ${where} (each namespace has its own range); ${noService}`;
	return inRange(port, peer.range)
		? `${port}: an ephemeral port, most likely picked by the client's kernel from its range (in ${where}: ${rangeText(peer.range, setting, ', ')}); ${noService}`
		: `${port}: the client's port, outside the ephemeral range of its ${where} (${rangeText(peer.range, setting, ', ')}): most likely one the client bound; ${noService}`;
}
