/**
 * Entries of /proc/net/unix that a name forged. The kernel prints a name raw, newlines and all,
 * so a socket bound at "/tmp/x\n0000000000000000: 00000002 00000000 00010000 0001 01 12345 /y"
 * reads as a socket /tmp/x followed by a listener /y of inode 12345 that does not exist. ss
 * (sock_diag) knows every unix socket of its namespace with its whole name: an entry it does not
 * list, right after a named entry whose name ss did not print whole on one line, is the rest of
 * that name, not a socket.
 */
import {isUnixProto} from '../../model/types.js';
import type {SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';
import {isSameUnixName} from './unix-name.js';

/**
 * Remove from `sockets` (one namespace's tables, in their order) each unix entry `ss` shows to be
 * forged, as above; nothing without ss's answer. A socket opened after ss answered is not in it
 * either, but is dropped only right after a name ss did not confirm.
 */
export function dropForgedUnix(sockets: RawSocket[], ss: SsUnix | null): void {
	if (ss !== null) dropIndexes(sockets, forgedIndexes(sockets, ss));
}

/** Remove the entries at `forged` (forgedIndexes) from `sockets`, keeping the others' order. */
function dropIndexes(sockets: RawSocket[], forged: ReadonlySet<number>): void {
	if (forged.size === 0) return;
	let kept = 0;
	for (const [index, socket] of sockets.entries()) {
		if (!forged.has(index)) sockets[kept++] = socket;
	}

	sockets.length = kept;
}

/** The indexes in `sockets` of the entries ss shows to be forged: each right after a unix entry whose name ss did not confirm. */
function forgedIndexes(sockets: readonly RawSocket[], ss: SsUnix): Set<number> {
	const forged = new Set<number>();
	for (let index = 1; index < sockets.length; index++) {
		const previous = sockets[index - 1]!;
		if (isUnixProto(previous.proto) && isForgedAfter(previous, sockets[index]!, ss)) forged.add(index);
	}

	return forged;
}

/** Whether `socket`, right after the unix entry `previous` in the tables, is the rest of previous's name. */
const isForgedAfter = (previous: RawSocket, socket: RawSocket, ss: SsUnix) =>
	isUnixProto(socket.proto) && socket.inode !== 0 && !isListed(socket, ss) && previous.path !== null && !isSameUnixName(ss.names.get(previous.inode), previous.path);

/** ss printed `socket` as its own: on a line, or on pieces of one that its name's newlines cut (splitNames), with /proc's name. */
const isListed = (socket: RawSocket, ss: SsUnix) =>
	ss.listed.has(socket.inode) || (socket.path !== null && isSameUnixName(ss.splitNames.get(socket.inode), socket.path));

/**
 * dropForgedUnix with an answer of ss that may be older than the tables: a first scan asks ss
 * alongside the /proc read, so a named socket opened between the two, followed by another new
 * one, is in neither ss's names nor its inodes, and would look forged. Where the answer is older
 * (`isOlder`) and would drop anything, ss is asked again (after the tables, so it has seen every
 * socket they list that is still open) and that answer is used, for this and for all else;
 * else `ss` is. A real forgery costs one more ss run; none, nothing.
 */
export async function dropForgedAfterAsking(sockets: RawSocket[], ss: SsUnix | null, isOlder: boolean, askAgain: () => Promise<SsUnix | null>): Promise<SsUnix | null> {
	if (ss === null) return null;
	// One pass over the tables per answer: the one that decides whether to ask again drops too when `ss` is kept.
	const forged = forgedIndexes(sockets, ss);
	if (!isOlder || forged.size === 0) {
		dropIndexes(sockets, forged);
		return ss;
	}

	const answer = await askAgain();
	dropForgedUnix(sockets, answer);
	return answer;
}
