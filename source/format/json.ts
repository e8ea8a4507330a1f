import type {Skipped, Snapshot, Socket} from '../model/types.js';
import {stringifyJson} from './escape.js';

/**
 * The --json document. Socket objects keep every field of the Socket type
 * under the same names, with null where a value does not apply or is unknown,
 * so `jq` filters can rely on each key being present. stringifyJson escapes
 * control characters (\u001b etc.) as JSON requires, and also C1 controls, bidi
 * overrides and invisible characters, so hostile names stay inert in a terminal.
 */
export type JsonDocument = {
	/** When the scan started, ISO 8601 in UTC. */
	readonly time: string;
	readonly hostname: string;
	readonly backend: Snapshot['backend'];
	readonly sockets: readonly Socket[];
	readonly skipped: Skipped;
};

/** Build the document for a snapshot and the sockets that passed the filters. */
export function toJsonDocument(snapshot: Snapshot, sockets: readonly Socket[] = snapshot.sockets): JsonDocument {
	return {
		time: new Date(snapshot.time).toISOString(),
		hostname: snapshot.hostname,
		backend: snapshot.backend,
		sockets: sockets.map(socket => ({
			proto: socket.proto,
			localAddress: socket.localAddress,
			localPort: socket.localPort,
			foreignAddress: socket.foreignAddress,
			foreignPort: socket.foreignPort,
			path: socket.path,
			peerInode: socket.peerInode,
			peerPath: socket.peerPath,
			state: socket.state,
			user: socket.user,
			uid: socket.uid,
			command: socket.command,
			pid: socket.pid,
			fd: socket.fd,
			inode: socket.inode,
			rxQueue: socket.rxQueue,
			txQueue: socket.txQueue,
			netns: socket.netns,
		})),
		skipped: {...snapshot.skipped, unreadableTables: [...snapshot.skipped.unreadableTables]},
	};
}

/**
 * The document as text, newline-terminated. `indent` 0 gives one compact line
 * (what pipes get: smaller and faster at 50k sockets); 2 is for reading.
 */
export function formatJson(snapshot: Snapshot, sockets: readonly Socket[] = snapshot.sockets, indent = 0): string {
	return stringifyJson(toJsonDocument(snapshot, sockets), indent) + '\n';
}
