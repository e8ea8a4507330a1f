/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,icmp,icmp6,raw,raw6}.
 * Takes text, never paths (read.ts reads). Sample lines (this machine, kernel 6.x):
 *
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:8CA3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1519 1 00000000c5ffd154 100 0 0 10 0
 *   sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    1: 0000000000000000FFFF00000100007F:A2BC 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 41723 1 000000006d0c2c37 20 4 30 10 -1
 *
 * Kernel quirks handled here:
 * - addresses are host-order 32-bit words (see address.ts);
 * - "sl" is %4d, so past 9999 entries the columns shift: offsets are taken
 *   from the end of "sl:", never from the start of the line;
 * - TIME_WAIT and NEW_SYN_RECV entries are not full sockets: inode 0, uid 0
 *   (TIME_WAIT) or the listener's uid (NEW_SYN_RECV), and no holder; an orphan
 *   (a closing socket its program has let go, inode 0) also prints uid 0. That
 *   0 is a placeholder, not root, so an inode-0 entry's uid 0 is reported as
 *   unknown (null), as ss prints none there. Any other uid on an inode-0 entry is
 *   real: a connection waiting in an accept queue (no socket file yet) prints its
 *   listener's uid on kernels that keep it in the sock (6.18 here: uid 65534 for
 *   nobody's listener), and 0 on older ones, where it is unknown too;
 * - every entry has at least one field after the inode (refcount), which is
 *   how a line cut short inside the inode is told from a complete one;
 * - for raw sockets the "port" is the IP protocol number (e.g. 58 = ipv6-icmp);
 * - icmp and icmp6 list ICMP echo ("ping") sockets in udp's format; their "port" is the echo
 *   identifier (the kernel picks one at the first send, or bind() sets it), and a socket is
 *   listed only once it has one. Sample line (test/fixtures/proc/icmp.txt):
 *     25: 0100007F:1234 0100007F:0000 01 00000000:00000000 00:00000000 00000000     0        0 28524096 2 0000000096bc48e6 0
 *   Either table may also list sockets of the other family: see ping-tables.ts.
 * - udp, udplite, icmp and raw (not tcp) end with `drops`, the datagrams dropped since the socket
 *   was made (sk_drops: a full receive buffer, nearly always); the icmp line above dropped none.
 */
import type {InetProto, SocketState} from '../../model/types.js';
import {datagramStateOf, TCP_STATES} from '../../model/types.js';
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
	icmp: 'icmp4',
	icmp6: 'icmp6',
	raw: 'raw4',
	raw6: 'raw6',
} as const satisfies Record<string, InetProto>;

export type InetTable = keyof typeof INET_TABLES;

/** TCP_STATES is in kernel order (TCP_ESTABLISHED = 1 ... TCP_BOUND_INACTIVE = 13). */
/** TCP_SYN_RECV: how /proc/net/tcp prints a request socket, with its listener's uid. */
const SYN_RECV = 3;
const tcpStateOf = (code: number): SocketState | null => TCP_STATES[code - 1] ?? null;

const ipv4Cache = new Map<number, string>();
const ipv6Cache = new Map<string, string>();

/** Decoding is a noticeable share of parse time and most sockets share a few addresses. */
function cachedAddress(text: string, start: number, length: number): string | null {
	if (length === 8) {
		const word = hexValue(text, start, start + 8);
		if (word < 0) return null;
		let address = ipv4Cache.get(word);
		if (address === undefined) {
			address = decodeIpv4(text, start)!;
			if (ipv4Cache.size > 65_536) ipv4Cache.clear();
			ipv4Cache.set(word, address);
		}

		return address;
	}

	const key = text.slice(start, start + length);
	let address = ipv6Cache.get(key);
	if (address === undefined) {
		const decoded = decodeIpv6(key, 0);
		if (decoded === null) return null;
		if (ipv6Cache.size > 65_536) ipv6Cache.clear();
		address = decoded;
		ipv6Cache.set(key, address);
	}

	return address;
}

const space = 32;
const colon = 58;

// Bounds of the field found by nextField (module state instead of a returned pair: no allocation per field).
let fieldStart = 0;
let fieldEnd = 0;

/** Find the next space-separated field at or after `from`, before `lineEnd`. False when there is none. */
function nextField(text: string, from: number, lineEnd: number): boolean {
	let i = from;
	while (i < lineEnd && text.charCodeAt(i) === space) i++;
	if (i >= lineEnd) return false;
	fieldStart = i;
	const end = text.indexOf(' ', i);
	fieldEnd = end === -1 || end > lineEnd ? lineEnd : end;
	return true;
}

/**
 * Parse one table's text (whole, or any run of complete lines) and push one
 * RawSocket per entry onto `into`. Header and empty lines are skipped.
 * Returns how many lines did not parse.
 */
export function parseInetTable(text: string, table: InetTable, into: RawSocket[]): number {
	const proto = INET_TABLES[table];
	const addressLength = table.endsWith('6') ? 32 : 8;
	const isTcp = table === 'tcp' || table === 'tcp6';
	let malformed = 0;
	let lineStart = 0;
	while (lineStart < text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd === -1) lineEnd = text.length;
		const from = lineStart;
		lineStart = lineEnd + 1;
		if (!nextField(text, from, lineEnd)) continue;
		// The header: "  sl  local_address ...".
		if (text.startsWith('sl ', fieldStart)) continue;
		if (!parseEntry(text, fieldEnd, lineEnd, addressLength, !isTcp)) {
			malformed++;
			continue;
		}

		const raw: RawSocket = {
			proto,
			localAddress: entry.localAddress,
			localPort: entry.localPort,
			foreignAddress: entry.foreignAddress,
			foreignPort: entry.foreignPort,
			path: null,
			peerInode: null,
			peerPath: null,
			state: isTcp ? tcpStateOf(entry.state) : datagramStateOf(entry.state),
			uid: entry.inode === 0 && entry.uid === 0 && !(isTcp && entry.state === SYN_RECV) ? null : entry.uid,
			inode: entry.inode,
			rxQueue: entry.rxQueue,
			txQueue: entry.txQueue,
		};
		into.push(entry.drops < 0 ? raw : {...raw, drops: entry.drops});
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
	/** -1: none (tcp's tables have no such column). */
	drops: number;
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
	drops: -1,
};

/**
 * The fields after "sl:" (which ends at `slotEnd`). The kernel prints the
 * first four at fixed widths, " %08X:%04X %08X:%04X %02X %08X:%08X" (IPv6:
 * 32 hex digits per address), so they are read at fixed offsets; the rest
 * (tr:when, retrnsmt, uid, timeout, inode, refcount, ...) vary in width. `hasDrops`: the
 * line ends with `pointer drops` after the refcount (every table but tcp's).
 */
function parseEntry(text: string, slotEnd: number, lineEnd: number, addressLength: number, hasDrops: boolean): boolean {
	const local = slotEnd + 1;
	const remote = local + addressLength + 6;
	const state = remote + addressLength + 6;
	const queues = state + 3;
	const rest = queues + 17;
	if (
		text.charCodeAt(slotEnd - 1) !== colon ||
		text.charCodeAt(slotEnd) !== space ||
		text.charCodeAt(local + addressLength) !== colon ||
		text.charCodeAt(remote - 1) !== space ||
		text.charCodeAt(remote + addressLength) !== colon ||
		text.charCodeAt(state - 1) !== space ||
		text.charCodeAt(queues - 1) !== space ||
		text.charCodeAt(queues + 8) !== colon ||
		text.charCodeAt(rest) !== space ||
		rest >= lineEnd
	) {
		return false;
	}

	const localAddress = cachedAddress(text, local, addressLength);
	const foreignAddress = cachedAddress(text, remote, addressLength);
	const localPort = hexValue(text, local + addressLength + 1, remote - 1);
	const foreignPort = hexValue(text, remote + addressLength + 1, state - 1);
	const stateCode = hexValue(text, state, state + 2);
	const txQueue = hexValue(text, queues, queues + 8);
	const rxQueue = hexValue(text, queues + 9, queues + 17);
	// tr:when, retrnsmt, uid, timeout, inode, and at least one more (refcount), so a cut line is not taken.
	if (!nextField(text, rest, lineEnd) || !nextField(text, fieldEnd, lineEnd) || !nextField(text, fieldEnd, lineEnd)) return false;
	const uid = decimalValue(text, fieldStart, fieldEnd);
	if (!nextField(text, fieldEnd, lineEnd) || !nextField(text, fieldEnd, lineEnd)) return false;
	const inode = decimalValue(text, fieldStart, fieldEnd);
	if (!nextField(text, fieldEnd, lineEnd)) return false;
	const drops = hasDrops && nextField(text, fieldEnd, lineEnd) && nextField(text, fieldEnd, lineEnd) ? decimalValue(text, fieldStart, fieldEnd) : -1;
	if (
		localAddress === null ||
		foreignAddress === null ||
		localPort < 0 ||
		foreignPort < 0 ||
		stateCode < 0 ||
		txQueue < 0 ||
		rxQueue < 0 ||
		uid < 0 ||
		inode < 0
	) {
		return false;
	}

	entry.localAddress = localAddress;
	entry.localPort = localPort === 0 ? null : localPort;
	entry.foreignAddress = foreignAddress;
	entry.foreignPort = foreignPort === 0 ? null : foreignPort;
	entry.state = stateCode;
	entry.uid = uid;
	entry.inode = inode;
	entry.rxQueue = rxQueue;
	entry.txQueue = txQueue;
	entry.drops = drops;
	return true;
}
