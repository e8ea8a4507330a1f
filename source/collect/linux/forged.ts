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
		const isForged =
			previous !== undefined &&
			isUnixProto(socket.proto) &&
			socket.inode !== 0 &&
			!ss.peers.has(socket.inode) &&
			previous.path !== null &&
			ss.names.get(previous.inode) !== previous.path;
		previous = isUnixProto(socket.proto) ? socket : undefined;
		if (!isForged) sockets[kept++] = socket;
	}

	sockets.length = kept;
}
