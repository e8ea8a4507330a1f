/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}.
 * Takes text, never paths (read.ts reads). Sample lines (this machine, kernel 6.x):
 *
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:8CA3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1519 1 00000000c5ffd154 100 0 0 10 0
 *   sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    1: 0000000000000000FFFF00000100007F:A2BC 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 41723 1 000000006d0c2c37 20 4 30 10 -1
 *
 * Kernel quirks handled here:
 * - addresses are host-order 32-bit words (see address.ts);
 * - "sl" is %4d, so past 9999 entries the columns shift: fields are found by
 *   spaces, never by offset;
 * - TIME_WAIT and NEW_SYN_RECV entries are not full sockets: inode 0, uid 0
 *   (TIME_WAIT) or the listener's uid (NEW_SYN_RECV), and no holder;
 * - every entry has at least one field after the inode (refcount), which is
 *   how a line cut short inside the inode is told from a complete one;
 * - for raw sockets the "port" is the IP protocol number (e.g. 58 = ipv6-icmp).
 */
import type {InetProto, SocketState} from '../../model/types.js';
import {TCP_STATES} from '../../model/types.js';
import {decodeIpv4, decodeIpv6} from './address.js';
import {decimalValue, hexValue} from './digits.js';
import type {RawSocket} from './tables.js';

/** The table files and the sockstat name of what each holds. */
export const INET_TABLES = {
	tcp: 'tcp4',
	tcp6: 'tcp6',
	udp: 'udp4',
	udp6: 'udp6',
	udplite: 'udplite4',
	udplite6: 'udplite6',
	raw: 'raw4',
	raw6: 'raw6',
} as const satisfies Record<string, InetProto>;

export type InetTable = keyof typeof INET_TABLES;

/** TCP_STATES is in kernel order (TCP_ESTABLISHED = 1 ... TCP_BOUND_INACTIVE = 13). */
const tcpStateOf = (code: number): SocketState | null => TCP_STATES[code - 1] ?? null;
// Datagram and raw sockets reuse TCP_ESTABLISHED (1) for connected and TCP_CLOSE (7) otherwise.
const datagramStateOf = (code: number): SocketState => (code === 1 ? 'ESTABLISHED' : 'UNCONN');

const addressCache = new Map<string, string>();

/** Decoding is a noticeable share of parse time and most sockets share a few addresses. */
function cachedAddress(text: string, start: number, length: number): string | null {
	const key = text.slice(start, start + length);
	let address = addressCache.get(key);
	if (address === undefined) {
		const decoded = length === 8 ? decodeIpv4(key, 0) : decodeIpv6(key, 0);
		if (decoded === null) return null;
		if (addressCache.size > 65_536) addressCache.clear();
		address = decoded;
		addressCache.set(key, address);
	}

	return address;
}

const isSpace = (code: number) => code === 32 || code === 9;

/**
 * Parse one table's text (whole, or any run of complete lines) and push one
 * RawSocket per entry onto `into`. Header and empty lines are skipped.
 * Returns how many lines did not parse.
 */
export function parseInetTable(text: string, table: InetTable, into: RawSocket[]): number {
	const proto = INET_TABLES[table];
	const addressLength = table.endsWith('6') ? 32 : 8;
	const isTcp = table === 'tcp' || table === 'tcp6';
	// Start/end of up to 11 fields of the current line, reused across lines.
	const starts = new Int32Array(11);
	const ends = new Int32Array(11);
	let malformed = 0;
	let lineStart = 0;
	while (lineStart < text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd === -1) lineEnd = text.length;
		let fields = 0;
		let i = lineStart;
		while (fields < 11) {
			while (i < lineEnd && isSpace(text.charCodeAt(i))) i++;
			if (i >= lineEnd) break;
			starts[fields] = i;
			while (i < lineEnd && !isSpace(text.charCodeAt(i))) i++;
			ends[fields++] = i;
		}

		lineStart = lineEnd + 1;
		if (fields === 0) continue;
		// The header: "  sl  local_address ...".
		if (text.startsWith('sl', starts[0]!) && fields > 1 && text.charCodeAt(starts[1]!) === 108) continue;
		const socket = fields === 11 ? parseEntry(text, starts, ends, addressLength) : null;
		if (socket === null) {
			malformed++;
			continue;
		}

		into.push({
			proto,
			localAddress: socket.localAddress,
			localPort: socket.localPort,
			foreignAddress: socket.foreignAddress,
			foreignPort: socket.foreignPort,
			path: null,
			peerInode: null,
			peerPath: null,
			state: isTcp ? tcpStateOf(socket.state) : datagramStateOf(socket.state),
			uid: socket.uid,
			inode: socket.inode,
			rxQueue: socket.rxQueue,
			txQueue: socket.txQueue,
		});
	}

	return malformed;
}

type Entry = {
	localAddress: string;
	localPort: number | null;
	foreignAddress: string;
	foreignPort: number | null;
	state: number;
	uid: number;
	inode: number;
	rxQueue: number;
	txQueue: number;
};

// One scratch object: parseEntry's result is copied out before the next line.
const entry: Entry = {
	localAddress: '',
	localPort: null,
	foreignAddress: '',
	foreignPort: null,
	state: 0,
	uid: 0,
	inode: 0,
	rxQueue: 0,
	txQueue: 0,
};

/** Fields: 0 "sl:", 1 local, 2 remote, 3 st, 4 tx:rx, 5 tr:when, 6 retrnsmt, 7 uid, 8 timeout, 9 inode, 10 refcount. */
function parseEntry(text: string, starts: Int32Array, ends: Int32Array, addressLength: number): Entry | null {
	const localStart = starts[1]!;
	const remoteStart = starts[2]!;
	if (
		ends[1]! - localStart !== addressLength + 5 ||
		ends[2]! - remoteStart !== addressLength + 5 ||
		text.charCodeAt(localStart + addressLength) !== 58 ||
		text.charCodeAt(remoteStart + addressLength) !== 58 ||
		text.charCodeAt(ends[0]! - 1) !== 58
	) {
		return null;
	}

	const localAddress = cachedAddress(text, localStart, addressLength);
	const foreignAddress = cachedAddress(text, remoteStart, addressLength);
	const localPort = hexValue(text, localStart + addressLength + 1, ends[1]!);
	const foreignPort = hexValue(text, remoteStart + addressLength + 1, ends[2]!);
	const state = ends[3]! - starts[3]! === 2 ? hexValue(text, starts[3]!, ends[3]!) : -1;
	const queues = starts[4]!;
	const txQueue = ends[4]! - queues === 17 && text.charCodeAt(queues + 8) === 58 ? hexValue(text, queues, queues + 8) : -1;
	const rxQueue = txQueue < 0 ? -1 : hexValue(text, queues + 9, queues + 17);
	const uid = decimalValue(text, starts[7]!, ends[7]!);
	const inode = decimalValue(text, starts[9]!, ends[9]!);
	if (
		localAddress === null ||
		foreignAddress === null ||
		localPort < 0 ||
		foreignPort < 0 ||
		state < 0 ||
		rxQueue < 0 ||
		uid < 0 ||
		inode < 0
	) {
		return null;
	}

	entry.localAddress = localAddress;
	entry.localPort = localPort === 0 ? null : localPort;
	entry.foreignAddress = foreignAddress;
	entry.foreignPort = foreignPort === 0 ? null : foreignPort;
	entry.state = state;
	entry.uid = uid;
	entry.inode = inode;
	entry.rxQueue = rxQueue;
	entry.txQueue = txQueue;
	return entry;
}
