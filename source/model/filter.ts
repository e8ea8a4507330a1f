import type {Filters} from '../options.js';
import {type Socket, baseProtocol, ipVersion, isConnectionless, isIcmpProto, isLoopback, isPacketProto, isUnixProto} from './types.js';
import {UserError} from '../collect/collector.js';
import {emptyItem, matchesPorts} from './port-list.js';
import {COLUMNS, type ColumnContext} from './columns.js';
import {textMatcher, type TextSearch} from './text-filter.js';
import {carriesIpv4} from './mapped-ipv4.js';
import {isInGroup} from './tally.js';

/**
 * sockstat's filters, as pure functions over a snapshot's sockets.
 *
 * Meanings (sockstat(1), with the gaps it leaves decided the way ss -l does):
 * - -4 / -6 / -u pick families; several combine as OR; none means all. -4 lists IPv6 sockets
 *   that carry IPv4 too, as sockstat -4 lists tcp46 (carriesIpv4). A packet socket is of none
 *   of them (ss -4, -6 and -x list none): only -P packet, or no family, shows it.
 * - -l "listening": a TCP or unix stream/seqpacket socket in LISTEN, or a
 *   connectionless socket (UDP, UDP-Lite, raw, unix dgram) that is bound and has
 *   no peer: that is how a UDP server waits, and sockstat -l lists it (`udp4 *:514 *:*`).
 *   An ICMP echo (ping) socket never is: it gets only the replies to its own echoes
 *   (the kernel answers pings itself), so it serves no one; nor a raw ICMP or ICMPv6
 *   socket (ping and traceroute as root read copies of the ICMP the kernel handles) or
 *   an IPPROTO_RAW one, which receives nothing. FreeBSD sockstat lists no raw socket. A
 *   packet socket is, as `ss -0l` lists it (a sniffer, a DHCP client waiting for frames), but
 *   for protocol 0, which receives no frame (packet(7)).
 * - -c "connected": the socket has a peer (a foreign address, or a unix peer).
 *   -l and -c together show both, as sockstat does.
 * - -p: the local or the foreign port is in one of the ranges; like sockstat,
 *   only Internet sockets with ports (TCP, UDP, UDP-Lite) can match: a raw socket's
 *   number is an IP protocol, a ping socket's an echo identifier.
 * - -P: protocol without the 4/6 suffix (`icmp` for ping sockets), `unix` for every unix type,
 *   or `packet` for both packet types (p_raw, p_dgr).
 * - -L: sockstat's "only Internet sockets whose local and foreign addresses are not
 *   loopback": an inet socket with either end in 127.0.0.0/8 or ::1 is hidden; the
 *   wildcard `*` is no loopback, and unix sockets are not Internet sockets, so stay.
 */

/** Names -P accepts, and what each matches. */
const PROTOCOL_NAMES = ['tcp', 'udp', 'udplite', 'icmp', 'raw', 'unix', 'stream', 'dgram', 'seqpacket', 'packet'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

export {parsePortRange, parsePorts} from './port-list.js';

/** Why -P has no `name` that one may look for there: sockets socktop lists elsewhere, or does not read. */
function unlistedWhy(name: string): string | undefined {
	if (name === 'netlink') return `: ${name} sockets are no table rows, listed only in the PID view (--pid N)`;
	// ss -0's names for the two packet types.
	if (name === 'p_raw' || name === 'p_dgr') return ` (-P packet lists both packet socket types)`;
	return name === 'sctp' ? `: socktop does not read SCTP sockets (use ${PROTOCOL_NAMES.join(', ')})` : undefined;
}

/** `-P tcp,udp,unix` into the distinct protocol names; unknown names are a UserError. */
export function parseProtocols(text: string): ProtocolName[] {
	const names = text.split(',').map(name => name.trim().toLowerCase());
	const result: ProtocolName[] = [];
	for (const name of names) {
		if (!(PROTOCOL_NAMES as readonly string[]).includes(name)) {
			// sockstat's udp4, tcp6: the version is -4/-6's, which combine with -P (and 4/6 in the live view).
			const versioned = /^(tcp|udp|udplite|icmp|raw)(4|6|46)$/.exec(name);
			if (versioned !== null) {
				const [, base, version] = versioned;
				// tcp46 (sockstat's, and the table's, dual-stack listener) is listed by -4 and by -6.
				throw new UserError(`-P takes ${base} without the ${version}; ${version === '46' ? `-4 and -6 both list ${name} sockets` : `add -${version} for IPv${version}`}`);
			}

			const hint = `use ${PROTOCOL_NAMES.join(', ')}`;
			if (name === '') throw emptyItem('-P', text, hint);
			throw new UserError(`-P: unknown protocol '${name}'${unlistedWhy(name) ?? ` (${hint})`}`);
		}

		if (!result.includes(name as ProtocolName)) {
			result.push(name as ProtocolName);
		}
	}

	return result;
}

/** What tells a socket's ends apart: its addresses, ports, state and unix peer. */
export type EndFields = Pick<Socket, 'proto' | 'state' | 'localPort' | 'foreignAddress' | 'foreignPort' | 'path' | 'peerInode' | 'peerPath'>;

/** True when the socket has another end. */
export function isConnected(socket: EndFields): boolean {
	if (isUnixProto(socket.proto)) {
		return (
			socket.peerInode !== null && socket.peerInode > 0
		) || (socket.peerPath !== null && socket.peerPath !== '') || socket.state === 'ESTABLISHED';
	}

	return socket.foreignPort !== null || (socket.foreignAddress !== null && socket.foreignAddress !== '*');
}

/** IPPROTO_RAW: a raw socket that only sends packets it builds, and receives none (raw(7)). */
const ipprotoRaw = 255;

/**
 * A raw socket no one else's packets are for: ICMP's (ICMPv6's on IPv6), which the kernel
 * answers itself, so its holder (ping, traceroute, fping as root) reads copies, and IPPROTO_RAW.
 * A raw socket of another protocol (OSPF's 89, VRRP's 112) is that protocol's end here.
 */
const isServingNoOne = (socket: EndFields): boolean =>
	baseProtocol(socket.proto) === 'raw' && (socket.localPort === ipprotoRaw || socket.localPort === (ipVersion(socket.proto) === 6 ? 58 : 1));

/**
 * True for a server waiting for clients: LISTEN, or a bound connectionless socket without a
 * peer. A TCP socket with a port, no peer and no state (sockstat without -s, as in the 2001
 * article's capture) is, there as in practice, a listener, and so is a unix stream or seqpacket
 * socket with a path, no peer and no state (sockstat, procstat, lsof off Linux).
 */
export function isListening(socket: EndFields): boolean {
	if (socket.state === 'LISTEN') {
		return true;
	}

	// Connected, whatever the protocol (TCP, connected UDP, a unix pair): most sockets of a busy
	// machine, asked on every refresh, so answered before any lookup.
	if (socket.state === 'ESTABLISHED') {
		return false;
	}

	if (socket.state === null && baseProtocol(socket.proto) === 'tcp') {
		return socket.localPort !== null && !isConnected(socket);
	}

	// Sockstat, procstat and lsof off Linux give unix sockets no state; `sockstat -l` takes
	// every bound one without a peer for a listener (gather_unix in usr.bin/sockstat/main.c).
	if (socket.state === null && (socket.proto === 'stream' || socket.proto === 'seqpacket')) {
		return socket.path !== null && socket.path !== '' && !isConnected(socket);
	}

	// packet(7): protocol 0 receives no frame; any other is a receiver, as ss -0l lists it.
	if (isPacketProto(socket.proto)) return socket.localPort !== 0;

	// A ping socket is connectionless but a client: the kernel gave it its identifier (README, -l).
	if (!isConnectionless(socket.proto) || isIcmpProto(socket.proto) || isServingNoOne(socket) || isConnected(socket)) {
		return false;
	}

	return isUnixProto(socket.proto) ? socket.path !== null && socket.path !== '' : socket.localPort !== null;
}

function matchesFamily(socket: Socket, filters: Filters): boolean {
	if (!filters.ipv4 && !filters.ipv6 && !filters.unix) {
		return true;
	}

	const version = ipVersion(socket.proto);
	if (version === 6) return filters.ipv6 || (filters.ipv4 && carriesIpv4(socket));
	return version === 4 ? filters.ipv4 : filters.unix && isUnixProto(socket.proto);
}

/** An Internet socket with a loopback end, local or foreign (what -L hides). */
export function hasLoopbackEnd(socket: Socket): boolean {
	if (isUnixProto(socket.proto)) {
		return false;
	}

	const isLoop = (address: string | null) => address !== null && isLoopback(address);
	return isLoop(socket.localAddress) || isLoop(socket.foreignAddress);
}

function matchesProtocol(socket: Socket, protocols: readonly string[]): boolean {
	const base = baseProtocol(socket.proto);
	return protocols.includes(base) || (isUnixProto(socket.proto) && protocols.includes('unix')) || (isPacketProto(socket.proto) && protocols.includes('packet'));
}

/** `--user`'s rule: the owner's name, or the uid as digits. */
export function matchesUser(socket: Pick<Socket, 'user' | 'uid'>, user: string): boolean {
	if (socket.user === user) {
		return true;
	}

	return /^\d+$/.test(user) && socket.uid === Number(user);
}

/** Without a search given: one namespace's columns, SERVICE empty (the live view passes its own, with names). */
const plainContext: ColumnContext = {serviceName: () => ''};

/**
 * The sockets that pass every filter, in their original order. The free text
 * is matched against `search`'s columns as the table shows them; pass the same
 * search object for the same rows and their text is built once (text-filter.ts).
 */
export function applyFilters(sockets: readonly Socket[], filters: Filters, search: TextSearch = {columns: COLUMNS, context: plainContext}): Socket[] {
	const matchesText = textMatcher(filters.text, search);
	const netns = filters.netns === '' ? 'all' : filters.netns;
	const group = filters.group ?? null;
	return sockets.filter(
		socket =>
			matchesFamily(socket, filters) &&
			(!filters.listening && !filters.connected
				? true
				: (filters.listening && isListening(socket)) || (filters.connected && isConnected(socket))) &&
			(!filters.noLoopback || !hasLoopbackEnd(socket)) &&
			(filters.ports.length === 0 || matchesPorts(socket, filters.ports)) &&
			(filters.protocols.length === 0 || matchesProtocol(socket, filters.protocols)) &&
			(filters.user === null || matchesUser(socket, filters.user)) &&
			(netns === 'all' || (socket.netns ?? 'host') === netns) &&
			(matchesText === null || matchesText(socket)) &&
			(group === null || isInGroup(socket, group, search.context)),
	);
}
