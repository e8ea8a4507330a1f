import type {Proto, Socket, SocketState} from '../../model/types.js';
import {normalizeState, splitEndpoint} from './endpoint.js';
import {inetProto, makeSocket, parseCount, type ParseResult} from './socket-row.js';

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
 * activation, forked servers) becomes one row for each (pid, fd), as sockstat lists it.
 * Quirks:
 * - `ss -t` or `ss -u` alone prints no Netid column; TCP is assumed unless the
 *   state is UNCONN (only datagram sockets are unconnected).
 * - Since iproute2 4.x a dual-stack IPv6 wildcard prints as `*`, an IPv4 one as
 *   `0.0.0.0`, an IPv6-only one as `[::]`; older ss printed `*` for IPv4 and
 *   `:::22` for IPv6, which is recognised by the `:::`.
 * - `-e` adds `uid:1000 ino:12345 sk:...`, which fill uid and inode.
 * - Without root there is no Process column for other users' sockets: holder '?'.
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

type Holder = {readonly command: string; readonly pid: number; readonly fd: number};

/**
 * `users:(("sshd",pid=185,fd=4),("sshd",pid=190,fd=4))` -> one holder each.
 * Before iproute2 3.x the keys were missing: `users:(("firefox",20586,118))`.
 */
function holdersOf(processText: string): Holder[] {
	const holders: Holder[] = [];
	for (const match of processText.matchAll(/\("((?:[^"\\]|\\.)*)",(?:pid=)?(\d{1,10}),(?:fd=)?(\d{1,10})\)/g)) {
		holders.push({command: match[1]!, pid: Number(match[2]), fd: Number(match[3])});
	}

	return holders;
}

type Row = {
	readonly proto: Proto;
	readonly state: SocketState | null;
	readonly rxQueue: number | null;
	readonly txQueue: number | null;
	readonly fields: Partial<Socket>;
	readonly extra: string;
};

/** IP version of an ss endpoint: brackets or colons mean IPv6, and so does a lone `*` in modern ss. */
function versionOf(localText: string, isOldStyle: boolean): 4 | 6 {
	const host = localText.slice(0, localText.lastIndexOf(':'));
	if (host === '*') {
		return isOldStyle ? 4 : 6;
	}

	return host.includes(':') || host.startsWith('[') ? 6 : 4;
}

function inetRow(kind: 'tcp' | 'udp' | 'udplite' | 'raw', tokens: readonly string[], isOldStyle: boolean): Omit<Row, 'state' | 'rxQueue' | 'txQueue'> | null {
	const [localText = '', peerText = ''] = tokens;
	const local = splitEndpoint(localText);
	const peer = splitEndpoint(peerText);
	if (local === null || peer === null) {
		return null;
	}

	return {
		proto: inetProto(kind, versionOf(localText, isOldStyle)),
		fields: {localAddress: local.address, localPort: local.port, foreignAddress: peer.address, foreignPort: peer.port},
		extra: tokens.slice(2).join(' '),
	};
}

/** Unix: `path inode peer-path peer-inode`, '*' for no name. */
function unixRow(proto: Proto, tokens: readonly string[]): Omit<Row, 'state' | 'rxQueue' | 'txQueue'> | null {
	const [path = '', inode, peerPath = '', peerInode] = tokens;
	const inodeNumber = parseCount(inode);
	if (inodeNumber === null) {
		return null;
	}

	return {
		proto,
		fields: {
			path: path === '*' ? null : path,
			inode: inodeNumber,
			peerPath: peerPath === '*' ? null : peerPath,
			peerInode: parseCount(peerInode) || null,
		},
		extra: tokens.slice(4).join(' '),
	};
}

function parseLine(line: string, isOldStyle: boolean): Socket[] | null {
	const tokens = line.trim().split(/\s+/);
	const netid = netids[tokens[0] ?? ''];
	const rest = netid === undefined ? tokens : tokens.slice(1);
	const [stateWord = '', recvQ, sendQ, ...endpoints] = rest;
	const state = normalizeState(stateWord);
	const rxQueue = parseCount(recvQ);
	const txQueue = parseCount(sendQ);
	if (state === null || rxQueue === null || txQueue === null) {
		return null;
	}

	// No Netid column: `ss -t` or `ss -u` alone.
	const kind = netid ?? (state === 'UNCONN' ? 'udp' : 'tcp');
	const row =
		kind === 'tcp' || kind === 'udp' || kind === 'udplite' || kind === 'raw'
			? inetRow(kind, endpoints, isOldStyle)
			: unixRow(kind, endpoints);
	if (row === null) {
		return null;
	}

	const uid = parseCount(/\buid:(\d+)/.exec(row.extra)?.[1]);
	const inode = parseCount(/\bino:(\d+)/.exec(row.extra)?.[1]);
	const base = {
		...row.fields,
		proto: row.proto,
		state,
		rxQueue,
		txQueue,
		uid,
		user: uid === null ? '?' : String(uid),
		...(inode === null ? {} : {inode}),
	};
	const holders = holdersOf(row.extra);
	if (holders.length === 0) {
		return [makeSocket(base)];
	}

	return holders.map(holder => makeSocket({...base, command: holder.command, pid: holder.pid, fd: holder.fd}));
}

const isHeader = (line: string): boolean => /^\s*(Netid\s+)?State\s+Recv-Q\s+Send-Q\b/.test(line);

/** Parse `ss -tunap` output, one row per holder. Never throws. */
export function parseSs(text: string): ParseResult {
	const isOldStyle = /\s:::\d/.test(text);
	const sockets: Socket[] = [];
	let malformedLines = 0;
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || isHeader(line)) {
			continue;
		}

		const rows = parseLine(line, isOldStyle);
		if (rows === null) {
			malformedLines++;
		} else {
			// Not push(...rows): a line naming ~130k holders would overflow the stack.
			for (const row of rows) sockets.push(row);
		}
	}

	return {sockets, malformedLines};
}

/** True when the text has ss's header or its `users:((` holders (import's format detection). */
export function looksLikeSs(text: string): boolean {
	return text.split(/\r?\n/, 20).some(line => isHeader(line)) || /users:\(\("/.test(text);
}
