/**
 * Reads every socket table of one network namespace. /proc/<pid>/net shows
 * the tables of that process's namespace, so passing a pid reads another
 * namespace's sockets through one of its members; 'self' is our own.
 */
import type {Socket} from '../../model/types.js';
import {createBucketHeads, dropMisfiledPings, noteBucketHeads} from './ping-tables.js';
import {interfaceNamesHere} from './interfaces.js';
import {parsePacketRows} from './packet-rows.js';
import {INET_TABLES, type InetTable, parseInetTable} from './proc-net.js';
import {readLines} from './read.js';
import {createSlicer, type Slicer} from './slice.js';
import {parseUnixTable} from './unix.js';

/** A socket as its table describes it, before an owner is attached. /proc always gives the inode. */
export type RawSocket = Omit<Socket, 'user' | 'command' | 'pid' | 'fd' | 'netns' | 'inode'> & {readonly inode: number};

export type SocketTables = {
	sockets: RawSocket[];
	/** Lines of any table that did not parse. */
	malformedLines: number;
	/** e.g. '/proc/net/raw6: EACCES'. */
	unreadableTables: string[];
	/** /proc/net/unix as read, byte for byte (each byte one char); undefined where it could not be read whole. */
	unixText?: string;
};

/**
 * Tables that may be absent without anything being wrong: IPv6 can be
 * disabled, UDP-Lite was removed from recent kernels, ping sockets came in 3.0,
 * and packet sockets are a module (af_packet) that may not be loaded.
 */
const optionalTables: ReadonlySet<string> = new Set(['tcp6', 'udp6', 'udplite', 'udplite6', 'icmp', 'icmp6', 'raw', 'raw6', 'packet']);

const tableNames = [...(Object.keys(INET_TABLES) as InetTable[]), 'unix'] as const;

/** What a table read names a packet socket's interface by: this namespace's names, or none (`if3`: another's, /sys/class/net being ours). */
const namesFor = (pid: number | 'self') => (pid === 'self' ? interfaceNamesHere : () => new Map<number, string>());

/**
 * Remove entries the kernel printed twice, from `sockets[from]` on (one table's
 * rows); keeps the first. The tables are read in several read() calls, and each
 * call resumes by position: a socket that opens or closes meanwhile shifts the
 * rest, so an entry can come twice (seen at once here with a listener opening and
 * closing every millisecond: 9 snapshots in 40 had a row twice) or not at all (a
 * socket that short-lived is missed by any scan). A socket is its inode; entries
 * without one (TIME_WAIT, a connection not yet accepted) are told by their
 * addresses, which are unique in a TCP table; unix ones without an inode (an
 * embryo the kernel accepted) have no addresses and are all kept.
 */
export function dropRepeats(sockets: RawSocket[], from = 0): void {
	const inodes = new Set<number>();
	let tuples: Set<string> | undefined;
	let kept = from;
	for (let index = from; index < sockets.length; index++) {
		const socket = sockets[index]!;
		if (socket.inode !== 0) {
			if (inodes.has(socket.inode)) continue;
			inodes.add(socket.inode);
		} else if (socket.localAddress !== null) {
			tuples ??= new Set();
			const tuple = `${socket.localAddress} ${socket.localPort} ${socket.foreignAddress} ${socket.foreignPort}`;
			if (tuples.has(tuple)) continue;
			tuples.add(tuple);
		}

		sockets[kept++] = socket;
	}

	sockets.length = kept;
}

/**
 * Every inet and unix socket in the namespace of `pid` (default: ours), and its packet sockets
 * `withPacket` (the table's rows; the PID view reads them with netlink's, read-other-sockets.ts).
 * Never throws for unreadable tables.
 */
export async function readSocketTables(
	pid: number | 'self' = 'self',
	slicer: Slicer = createSlicer(),
	withPacket = false,
): Promise<SocketTables> {
	const sockets: RawSocket[] = [];
	const unreadableTables: string[] = [];
	let malformedLines = 0;
	let unixText: string | undefined = '';
	const directory = pid === 'self' ? '/proc/net/' : `/proc/${pid}/net/`;
	// icmp and icmp6 are read one after the other, then each socket kept in its own family's (ping-tables.ts).
	let icmpFrom = 0;
	const heads = {icmp: createBucketHeads(), icmp6: createBucketHeads()};
	for (const table of withPacket ? [...tableNames, 'packet' as const] : tableNames) {
		const path = directory + table;
		const first = sockets.length;
		if (table === 'icmp') icmpFrom = first;
		const failure = await readLines(path, slicer, text => {
			if (table === 'icmp' || table === 'icmp6') noteBucketHeads(text, heads[table]);
			if (table === 'unix') unixText += text;
			malformedLines += table === 'unix' ? parseUnixTable(text, sockets) : table === 'packet' ? parsePacketRows(text, sockets, namesFor(pid)) : parseInetTable(text, table, sockets);
			// A unix name is bytes, not always UTF-8: read as such, parseUnixTable decodes each (unix-name.ts).
		}, table === 'unix' ? 'latin1' : 'utf8');
		dropRepeats(sockets, first);
		if (table === 'icmp6') dropMisfiledPings(sockets, icmpFrom, first, heads);
		if (table === 'unix' && failure !== undefined) unixText = undefined;
		if (failure !== undefined && !(failure.code === 'ENOENT' && optionalTables.has(table))) {
			unreadableTables.push(`${path}: ${failure.code}`);
		}

		if (slicer.isDue()) await slicer.pause();
	}

	return {sockets, malformedLines, unreadableTables, unixText};
}
