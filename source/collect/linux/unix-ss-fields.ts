/**
 * What ss adds to a unix socket of /proc/net/unix, decided in one place for the table (index.ts)
 * and the PID view (process.ts): its queues, and the listener in whose accept queue its
 * connection waits. ss prints names raw, so a name with newlines can hold a whole line that looks
 * like ss's own (ss-unix.ts drops every inode found on two lines); a listener's fields are also
 * taken only where its ss line agrees with /proc on its name and on LISTEN, which a forged line
 * about an inode whose own line ss did not print whole (a name with a newline) cannot.
 */
import type {SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';
import {isSameUnixName} from './unix-name.js';

export type UnixSsFields = {
	/** ss's Recv-Q (for a listener: its accept queue); null where ss did not run or list it. */
	readonly rxQueue: number | null;
	/** ss's Send-Q (a listener has none: its backlog limit is no queue). */
	readonly txQueue: number | null;
	/** A listener's backlog (ss's Send-Q there); null for other sockets and where not known. */
	readonly backlog: number | null;
	/** The listener in whose accept queue this socket's connection waits (it has no peer inode yet). */
	readonly queueOf: RawSocket | undefined;
};

/** A socket's fields where ss did not run (or for a socket that is not unix). */
export const noSsFields: UnixSsFields = {rxQueue: null, txQueue: null, backlog: null, queueOf: undefined};

/** Whether ss's line about the listener `raw` says what /proc says of it: LISTEN, under the same name. */
const isTrustedListener = (raw: RawSocket, ss: SsUnix) => raw.state === 'LISTEN' && ss.listeners.has(raw.inode) && raw.path !== null && isSameUnixName(ss.names.get(raw.inode), raw.path);

/** ss's fields for the unix socket `raw` of the tables `byInode` indexes (its namespace's), from that namespace's ss answer. */
export function unixSsFields(raw: RawSocket, ss: SsUnix | null, byInode: ReadonlyMap<number, RawSocket>): UnixSsFields {
	if (ss === null) return noSsFields;
	const isListener = raw.state === 'LISTEN';
	const isUntrusted = isListener && !isTrustedListener(raw, ss);
	const rxQueue = isUntrusted ? null : (ss.rxQueues.get(raw.inode) ?? null);
	const backlog = isListener && !isUntrusted ? (ss.backlogs.get(raw.inode) ?? null) : null;
	const txQueue = ss.txQueues.get(raw.inode) ?? null;
	const waitsOn = ss.waiting.get(raw.inode);
	const listener = waitsOn === undefined ? undefined : byInode.get(waitsOn);
	const queueOf = listener !== undefined && isTrustedListener(listener, ss) ? listener : undefined;
	return {rxQueue, txQueue, backlog, queueOf};
}
