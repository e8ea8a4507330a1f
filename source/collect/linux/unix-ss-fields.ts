/**
 * What ss adds to a unix socket of /proc/net/unix, decided in one place for the table (index.ts)
 * and the PID view (process.ts): its queues, and the listener in whose accept queue its
 * connection waits.
 */
import type {SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';

export type UnixSsFields = {
	/** ss's Recv-Q (for a listener: its accept queue); null where ss did not run or list it. */
	readonly rxQueue: number | null;
	/** ss's Send-Q (a listener has none: its backlog limit is no queue). */
	readonly txQueue: number | null;
	/** The listener in whose accept queue this socket's connection waits (it has no peer inode yet). */
	readonly queueOf: RawSocket | undefined;
};

const none: UnixSsFields = {rxQueue: null, txQueue: null, queueOf: undefined};

/** ss's fields for the unix socket `raw` of the tables `byInode` indexes (its namespace's), from that namespace's ss answer. */
export function unixSsFields(raw: RawSocket, ss: SsUnix | null, byInode: ReadonlyMap<number, RawSocket>): UnixSsFields {
	if (ss === null) return none;
	const rxQueue = ss.rxQueues.get(raw.inode) ?? null;
	const txQueue = ss.txQueues.get(raw.inode) ?? null;
	const waitsOn = ss.waiting.get(raw.inode);
	const queueOf = waitsOn === undefined ? undefined : byInode.get(waitsOn);
	return {rxQueue, txQueue, queueOf};
}
