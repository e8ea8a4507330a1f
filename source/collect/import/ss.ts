import type {Proto, Socket, SocketState} from '../../model/types.js';
import {unixStateOf} from '../linux/unix.js';
import {resolveUnixPeers} from '../unix-peers.js';
import type {IpProtocolNumbers} from '../../services/ip-protocols.js';
import type {PortNames} from '../../services/names.js';
import {normalizeState, splitEndpoint, splitScope} from './endpoint.js';
import {inetProto, makeSocket, parseCount, type ParseResult, portsFor, rawPortOf} from './socket-row.js';
import {isCutInHolders, splitLine} from './ss-holders.js';

/**
 * iproute2's `ss -tunap` (with or without -H, -e, -n):
 *
 *   Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
 *   tcp   LISTEN 0      511        127.0.0.1:38627      0.0.0.0:*     users:(("node",pid=5689,fd=20))
 *   udp   ESTAB  0      0              [::1]:60645        [::1]:53    users:(("node",pid=5689,fd=23))
 *   tcp   LISTEN 0      4096         0.0.0.0:111        0.0.0.0:*     users:(("rpcbind",pid=609,fd=4),("systemd",pid=1,fd=41))
 *   u_str ESTAB  0      0      /tmp/s.sock 8357              * 8355   users:(("node",pid=5689,fd=26))
 *
 * One row per holder: a socket shared by several processes (systemd socket
 * activation, forked servers) becomes one row for each (pid, fd), as sockstat lists it,
 * and without -e's inode they share a socketId, so the header counts the socket once.
 * Quirks:
 * - `ss -t`, `ss -u` or `ss -w` alone prints no Netid column, and lists one protocol:
 *   raw when a port can only be an IP protocol (listsRawSockets), else UDP when any row
 *   is UNCONN (only datagram sockets are unconnected), else TCP.
 *   `ss -u` alone and state filters drop the State column too: refused, with why.
 * - netlink, packet, vsock, ... rows (`ss -a`) are skipped: socktop shows no netlink or vsock
 *   socket, and packet ones only from /proc (ss writes their EtherType by its own names, `arp:lo`).
 * - Since iproute2 4.x a dual-stack IPv6 wildcard prints as `*`, an IPv4 one as
 *   `0.0.0.0`, an IPv6-only one as `[::]`; older ss printed `*` for IPv4 and
 *   `:::22` for IPv6, which is recognised by the `:::`. A TCP listener's spelling, or -e's
 *   `v6only:N`, tells whether it is IPv6-only (Socket.isV6Only).
 * - `-e` adds `uid:1000 ino:12345 sk:...`, which fill uid and inode (no `uid:`
 *   means 0); on unix rows its `ino:` is the socket file's inode, not the socket's.
 * - Without root there is no Process column for other users' sockets: holder '?'.
 * - `-i` and `-m` add a line of details under each socket, starting with a tab: skipped.
 */
const netids: Readonly<Record<string, 'tcp' | 'udp' | 'udplite' | 'raw' | Proto>> = {
	tcp: 'tcp',
	udp: 'udp',
	udplite: 'udplite',
	raw: 'raw',
	u_str: 'stream',
	u_dgr: 'dgram',
	u_seq: 'seqpacket',
};

type Row = {
	readonly proto: Proto;
	readonly fields: Partial<Socket>;
	/** A unix row whose peer ss printed as inode 0: no peer (a datagram server, which ss still calls ESTAB). */
	readonly hasNoPeer?: boolean;
	/** Text after the addresses that may hold -e's `uid:` and `ino:` (inet only). */
	readonly extra: string;
};

/** The address of an ss endpoint without its port and device: a device after it (`*%lo`, `0.0.0.0%lo`) says nothing of the version. */
const hostOf = (localText: string): string => localText.slice(0, localText.lastIndexOf(':')).replace(/%[^%\]]*$/, '');

/** IP version of an ss endpoint: brackets or colons mean IPv6, and so does a lone `*` in modern ss. */
function versionOf(localText: string, isOldStyle: boolean): 4 | 6 {
	const host = hostOf(localText);
	if (host === '*') {
		return isOldStyle ? 4 : 6;
	}

	return host.includes(':') || host.startsWith('[') ? 6 : 4;
}

/**
 * Whether a TCP listener or an unconnected UDP socket on IPv6 is IPv6-only, where the capture tells:
 * -e's `v6only:1` or `v6only:0`, else the wildcard's spelling since iproute2 4.x (inet_addr_print in
 * ss.c writes an IPv6 wildcard `*` unless the socket is v6only, `[::]` when it is); undefined where
 * neither says.
 */
function v6OnlyOf(proto: Proto, state: SocketState, localText: string, extra: string, isOldStyle: boolean): boolean | undefined {
	if (!(proto === 'tcp6' && state === 'LISTEN') && !(proto === 'udp6' && state === 'UNCONN')) return undefined;
	const flag = /(?:^|\s)v6only:([01])(?:\s|$)/.exec(extra)?.[1];
	if (flag !== undefined) return flag === '1';
	const host = hostOf(localText);
	return isOldStyle ? undefined : host === '*' ? false : host === '[::]' ? true : undefined;
}

/** The name readers of a capture taken without -n: service names, and raw sockets' IP protocol names. */
type Names = {readonly ports?: PortNames; readonly ipProtocols?: IpProtocolNumbers};

function inetRow(kind: 'tcp' | 'udp' | 'udplite' | 'raw', tokens: readonly string[], isOldStyle: boolean, names: Names): Row | null {
	const [localText = '', peerText = ''] = tokens;
	// Without -n ss prints service names (`*:domain`, `127.0.0.1:postgresql`) and IP protocol names (`0.0.0.0:icmp`).
	const portOf = portsFor(names.ports, kind, names.ipProtocols);
	const local = splitEndpoint(localText, ':', portOf);
	const peer = splitEndpoint(peerText, ':', portOf);
	if (local === null || peer === null) {
		return null;
	}

	// A link-local bind's interface (`[fe80::1]%eth0:547`) apart, as the proc backend has it; the foreign end keeps ss's text.
	const {address: localAddress, linkInterface} = splitScope(local.address);
	return {
		proto: inetProto(kind, versionOf(localText, isOldStyle)),
		fields: {localAddress, ...(linkInterface === undefined ? {} : {linkInterface}), localPort: local.port, foreignAddress: peer.address, foreignPort: peer.port},
		extra: tokens.slice(2).join(' '),
	};
}

/** A unix address is at most 108 bytes (sun_path), so both ends and their inodes fit in this. */
const UNIX_ADDRESSES_MAX = 2 * 108 + 2 * 10 + 16;

/**
 * Unix: `path inode peer-path peer-inode`, '*' for no name, read from the right
 * since paths may hold spaces (`/run/my app.sock 8357 * 8355`). The peer's path is
 * nearly always '*'; when it is not, the local inode is taken as the last number
 * that leaves a peer path. -e's `<-> ino:...` after the addresses is the inode of
 * the socket's file, not of the socket, so it is dropped here.
 */
function unixRow(proto: Proto, addresses: string): Row | null {
	const text = addresses.replace(/\s+<->(\s.*)?$/s, '').trim();
	if (text.length > UNIX_ADDRESSES_MAX) return null;
	const match = /^(.*\S)\s+(\d{1,10})\s+\*\s+(\d{1,10})$/s.exec(text) ?? /^(.*\S)\s+(\d{1,10})\s+(\S.*)\s+(\d{1,10})$/s.exec(text);
	if (match === null) return null;
	const [, path = '', inode = '', ...peer] = match;
	const [peerPath, peerInode] = peer.length === 1 ? ['*', peer[0]] : peer;
	return {
		proto,
		fields: {
			path: path === '*' ? null : path,
			inode: Number(inode),
			peerPath: peerPath === '*' || peerPath === undefined ? null : peerPath,
			peerInode: Number(peerInode) || null,
		},
		hasNoPeer: peerInode === '0',
		extra: '',
	};
}

/** Netids of sockets socktop does not show (netlink, packet, vsock, TIPC, XDP, SCTP, MPTCP): skipped, not malformed. */
const otherNetids: ReadonlySet<string> = new Set(['nl', 'p_raw', 'p_dgr', 'v_str', 'v_dgr', 'v_seq', 'xdp', 'tipc', 'sctp', 'mptcp']);

/** The first four fields (netid or state, ...) and the rest of the line as it was. */
const leading = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/s;

/**
 * One line (the `lineNumber`th of the capture): its rows (one per holder), 'other' for a
 * socket kind socktop does not show, or null when it does not parse. `defaultKind` is for
 * captures without a Netid column (`ss -t`, `ss -u`), which list one protocol only.
 */
function parseLine(line: string, lineNumber: number, isOldStyle: boolean, defaultKind: 'tcp' | 'udp' | 'raw', names: Names): Socket[] | 'other' | null {
	const {head, holders, tail} = splitLine(line);
	const tokens = head.trim().split(/\s+/);
	if (otherNetids.has(tokens[0] ?? '')) return 'other';
	const netid = netids[tokens[0] ?? ''];
	const rest = netid === undefined ? tokens : tokens.slice(1);
	const [stateWord = '', recvQ, sendQ, ...endpoints] = rest;
	const state = normalizeState(stateWord);
	const rxQueue = parseCount(recvQ);
	const txQueue = parseCount(sendQ);
	if (state === null || rxQueue === null || txQueue === null) {
		return null;
	}

	const kind = netid ?? defaultKind;
	const isInet = kind === 'tcp' || kind === 'udp' || kind === 'udplite' || kind === 'raw';
	let row: Row | null;
	if (isInet) {
		row = inetRow(kind, endpoints, isOldStyle, names);
	} else {
		const addresses = leading.exec(head)?.[5];
		row = addresses === undefined ? null : unixRow(kind, addresses);
	}

	if (row === null) {
		return null;
	}

	// -e's fields, on inet rows only (a unix row's socket inode is in its address column).
	const extra = isInet ? `${row.extra} ${tail}` : '';
	const inode = parseCount(/(?:^|\s)ino:(\d+)/.exec(extra)?.[1]);
	// -e prints `uid:` only when it is not 0, and `ino:` always: ino without uid is root's.
	const uid = parseCount(/(?:^|\s)uid:(\d+)/.exec(extra)?.[1]) ?? (inode === null ? null : 0);
	const isV6Only = v6OnlyOf(row.proto, state, endpoints[0] ?? '', extra, isOldStyle);
	const base = {
		...row.fields,
		proto: row.proto,
		...(isV6Only === undefined ? {} : {isV6Only}),
		// As the proc backend reads ss: a datagram server with clients is ESTAB there, with peer 0.
		state: unixStateOf(row.proto, state, row.hasNoPeer === true),
		rxQueue,
		// For a listener ss's Send-Q is the backlog it was given, not bytes: kept as such, not as a queue.
		txQueue: state === 'LISTEN' ? null : txQueue,
		...(state === 'LISTEN' ? {backlog: txQueue} : {}),
		uid,
		user: uid === null ? '?' : String(uid),
		...(inode === null ? {} : {inode}),
	};
	if (holders.length === 0) {
		return [makeSocket(base)];
	}

	// Without -e's inode, the line is what tells its holders' rows to be one socket (a forked server's listener).
	const shared = holders.length > 1 && inode === null ? {socketId: `ss line ${lineNumber}`} : {};
	return holders.map(holder => makeSocket({...base, ...shared, command: holder.command, pid: holder.pid, fd: holder.fd}));
}

const isHeader = (line: string): boolean => /^\s*(Netid\s+)?State\s+Recv-Q\s+Send-Q\b/.test(line);

/** A header without a State column: `ss -u` alone, or a state filter (`ss -t state established`). */
const isStatelessHeader = (line: string): boolean => /^\s*(Netid\s+)?Recv-Q\s+Send-Q\s+Local\b/.test(line);

/** A line of such a capture without its header (-H): `[netid] Recv-Q Send-Q local peer`, two counts where the state would be. */
const isStatelessLine = (line: string): boolean =>
	/^\s*(?:(?:tcp|udp|udplite|raw|u_str|u_dgr|u_seq)\s+)?\d{1,10}\s+\d{1,10}\s+\S+\s+\S/.test(line);

const stateless = 'ss printed no State column (it drops it for ss -u alone and for a state filter such as `state listening`); capture with ss -tuanp';

/** The State and Local Address:Port of a line without a Netid: `UNCONN 0 0 0.0.0.0:icmp 0.0.0.0:* ...`. */
const withoutNetid = /^\s*([A-Z][A-Z-\d]*)\s+\d+\s+\d+\s+(\S+)\s/u;

/** The only states ss prints for a raw socket: the kernel's TCP_CLOSE, and TCP_ESTABLISHED once connect()ed. */
const rawStates: ReadonlySet<string> = new Set(['UNCONN', 'ESTAB']);

/**
 * True when a capture without a Netid column is `ss -w` alone (raw sockets), whose rows look
 * like UDP ones: some local "port" can only be an IP protocol, ss's `ipproto-253` or a
 * protocol name (`icmp`, `ospf`) that names no TCP or UDP service. Printed with -n
 * (`0.0.0.0:1`), raw sockets cannot be told from UDP ones on low ports: read as UDP.
 * Such a capture lists one protocol, so one row in a state no raw socket has (LISTEN,
 * TIME-WAIT) says it is `ss -t`, and none of its names is asked of /etc/protocols.
 */
function listsRawSockets(text: string, lines: readonly string[], {ports, ipProtocols}: Names): boolean {
	if (/^\s*Netid\s/mu.test(text)) return false;
	const names: string[] = [];
	for (const line of lines) {
		const [, state, local] = withoutNetid.exec(line) ?? [];
		if (state === undefined || local === undefined) continue;
		if (!rawStates.has(state)) return false;
		const port = local.slice(local.lastIndexOf(':') + 1);
		if (port !== '' && !/^(\d+|\*)$/u.test(port)) names.push(port);
	}

	// A service's name is read as one (l2tp is also 1701/udp): only a name the services table does not know is
	// asked of /etc/protocols (and --import reads it only once a real table has said so).
	const isService = (port: string) => !port.startsWith('ipproto-') && ports !== undefined && (ports(port, 'udp') !== null || ports(port, 'tcp') !== null);
	const protocolOf = rawPortOf(ipProtocols);
	return names.some(port => !isService(port) && protocolOf(port) !== null);
}

/**
 * Parse `ss -tunap` output, one row per holder. Never throws. Captures taken without -n name
 * ports: `ports` reads service names, `ipProtocols` raw sockets' IP protocol names.
 */
export function parseSs(text: string, ports?: PortNames, ipProtocols?: IpProtocolNumbers): ParseResult {
	const names: Names = {ports, ipProtocols};
	const isOldStyle = /\s:::\d/.test(text);
	// Without a Netid column ss lists one protocol; only datagram and raw sockets are ever UNCONN.
	const lines = text.split(/\r?\n/);
	const defaultKind = listsRawSockets(text, lines, names) ? 'raw' : /^\s*UNCONN\s/m.test(text) ? 'udp' : 'tcp';
	const sockets: Socket[] = [];
	let malformedLines = 0;
	let firstMalformed: string | undefined;
	let statelessLines = 0;
	for (let index = 0; index < lines.length; index++) {
		let line = lines[index]!;
		// -i, -m (and -e on packet sockets) print details of the socket above on lines of their own, after a tab: no socket.
		if (line.trim() === '' || isHeader(line) || line.startsWith('\t')) {
			continue;
		}

		// A process name may hold a newline (prctl allows it; at most 15 bytes): the holder list goes on below.
		for (let joined = 0; joined < 15 && index + 1 < lines.length && isCutInHolders(line); joined++) {
			line += `\n${lines[++index]!}`;
		}

		if (isStatelessHeader(line)) {
			return {sockets: [], malformedLines: 0, problem: stateless};
		}

		const rows = parseLine(line, index, isOldStyle, defaultKind, names);
		if (rows === null) {
			malformedLines++;
			firstMalformed ??= line;
			if (isStatelessLine(line)) statelessLines++;
		} else if (rows !== 'other') {
			// Not push(...rows): a line naming ~130k holders would overflow the stack.
			for (const row of rows) sockets.push(row);
		}
	}

	// The same without its header (ss -H): nothing read, and the lines have counts where the state goes.
	if (sockets.length === 0 && statelessLines > 0 && statelessLines === malformedLines) {
		return {sockets: [], malformedLines: 0, problem: stateless};
	}

	// Peers named by the bound path of the socket at their inode, as the proc backend names them.
	return {sockets: resolveUnixPeers(sockets), malformedLines, firstMalformed};
}

/** True when the text has ss's header or its `users:((` holders (import's format detection). */
export function looksLikeSs(text: string): boolean {
	return text.split(/\r?\n/, 20).some(line => isHeader(line) || isStatelessHeader(line)) || /users:\(\("/.test(text);
}
