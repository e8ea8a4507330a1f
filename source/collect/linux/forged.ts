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
	if (ss === null) return;
	let kept = 0;
	let previous: RawSocket | undefined;
	for (const socket of sockets) {
		const isForged = previous !== undefined && isForgedAfter(previous, socket, ss);
		previous = isUnixProto(socket.proto) ? socket : undefined;
		if (!isForged) sockets[kept++] = socket;
	}

	sockets.length = kept;
}

/** Whether `socket`, right after the unix entry `previous` in the tables, is the rest of previous's name. */
const isForgedAfter = (previous: RawSocket, socket: RawSocket, ss: SsUnix) =>
	isUnixProto(socket.proto) && socket.inode !== 0 && !ss.peers.has(socket.inode) && previous.path !== null && !isSameUnixName(ss.names.get(previous.inode), previous.path);

/**
 * dropForgedUnix with an answer of ss that may be older than the tables: a first scan asks ss
 * alongside the /proc read, so a named socket opened between the two, followed by another new
 * one, is in neither ss's names nor its inodes, and would look forged. Where the answer is older
 * (`isOlder`) and would drop anything, ss is asked again (after the tables, so it has seen every
 * socket they list that is still open) and that answer is used, for this and for all else;
 * else `ss` is. A real forgery costs one more ss run; none, nothing.
 */
export async function dropForgedAfterAsking(sockets: RawSocket[], ss: SsUnix | null, isOlder: boolean, askAgain: () => Promise<SsUnix | null>): Promise<SsUnix | null> {
	let answer = ss;
	if (answer !== null && isOlder && sockets.some((socket, index) => index > 0 && isUnixProto(sockets[index - 1]!.proto) && isForgedAfter(sockets[index - 1]!, socket, answer!))) {
		answer = await askAgain();
	}

	dropForgedUnix(sockets, answer);
	return answer;
}
