/**
 * Reads every socket table of one network namespace. /proc/<pid>/net shows
 * the tables of that process's namespace, so passing a pid reads another
 * namespace's sockets through one of its members; 'self' is our own.
 */
import type {Socket} from '../../model/types.js';
import {INET_TABLES, type InetTable, parseInetTable} from './proc-net.js';
import {readLines} from './read.js';
import {createSlicer, type Slicer} from './slice.js';
import {parseUnixTable} from './unix.js';

/** A socket as its table describes it, before an owner is attached. */
export type RawSocket = Omit<Socket, 'user' | 'command' | 'pid' | 'fd' | 'netns'>;

export type SocketTables = {
	sockets: RawSocket[];
	/** Lines of any table that did not parse. */
	malformedLines: number;
	/** e.g. '/proc/net/raw6: EACCES'. */
	unreadableTables: string[];
};

/**
 * Tables that may be absent without anything being wrong: IPv6 can be
 * disabled, and UDP-Lite was removed from recent kernels.
 */
const optionalTables: ReadonlySet<string> = new Set(['tcp6', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6']);

const tableNames = [...(Object.keys(INET_TABLES) as InetTable[]), 'unix'] as const;

/** Every inet and unix socket in the namespace of `pid` (default: ours). Never throws for unreadable tables. */
export async function readSocketTables(
	pid: number | 'self' = 'self',
	slicer: Slicer = createSlicer(),
): Promise<SocketTables> {
	const sockets: RawSocket[] = [];
	const unreadableTables: string[] = [];
	let malformedLines = 0;
	const directory = pid === 'self' ? '/proc/net/' : `/proc/${pid}/net/`;
	for (const table of tableNames) {
		const path = directory + table;
		const failure = await readLines(path, slicer, text => {
			malformedLines += table === 'unix' ? parseUnixTable(text, sockets) : parseInetTable(text, table, sockets);
		});
		if (failure !== undefined && !(failure.code === 'ENOENT' && optionalTables.has(table))) {
			unreadableTables.push(`${path}: ${failure.code}`);
		}

		if (slicer.isDue()) await slicer.pause();
	}

	return {sockets, malformedLines, unreadableTables};
}
