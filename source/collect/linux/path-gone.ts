/**
 * Whether a unix listener's socket file is still at the path it was bound to. /proc/net/unix
 * keeps printing the path after the file is removed (a cleaned /tmp, a second instance's
 * cleanup), and ss and lsof print it as they would any other, but connect() finds no file
 * there: "connection refused". Looked up under /proc/PID/root of a holder, so a process in a
 * container, or with systemd's PrivateTmp, is answered in its own filesystem.
 */
import fs from 'node:fs';
import type {Socket} from '../../model/types.js';
import {isUnixProto} from '../../model/types.js';

/**
 * true when the file at `path` (as `pid` sees the filesystem) is not the listener's: missing,
 * not a socket, or a socket other than `boundFile` (its inode, from ss -xaHe; unknown, any socket
 * file counts as its own); undefined when that cannot be told (EACCES: another user's process).
 */
export function isPathGone(pid: number, path: string, boundFile?: number): boolean | undefined {
	try {
		const file = fs.statSync(`/proc/${pid}/root${path}`);
		return !file.isSocket() || (boundFile !== undefined && boundFile !== file.ino);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' || code === 'ENOTDIR' ? true : undefined;
	}
}

/**
 * A listener whose file may be looked at: bound to an absolute path (a relative one was resolved
 * against a working directory that may have moved since) and held by a process whose root we can
 * look under.
 */
export const isPathListener = (socket: Socket): socket is Socket & {readonly path: string; readonly pid: number} =>
	socket.state === 'LISTEN' && socket.path !== null && socket.path.startsWith('/') && socket.pid !== null && isUnixProto(socket.proto);

/**
 * The table's sockets with `isPathGone: true` on each unix listener whose file is gone. One stat per
 * distinct path in each network namespace (a forked server's workers share one listener; a
 * container's /run/app.sock is another file than the host's), so a refresh costs as many stats as
 * there are listening paths, not rows. `sockets` is changed in place: the caller built it.
 */
export function markGonePaths(sockets: Socket[], isGone: typeof isPathGone = isPathGone): void {
	const answers = new Map<string, boolean | undefined>();
	for (let index = 0; index < sockets.length; index++) {
		const socket = sockets[index]!;
		if (!isPathListener(socket)) continue;
		const key = `${socket.netns ?? ''}\0${socket.path}`;
		let gone = answers.get(key);
		if (!answers.has(key)) {
			gone = isGone(socket.pid, socket.path);
			answers.set(key, gone);
		}

		if (gone === true) sockets[index] = {...socket, isPathGone: true};
	}
}
