/**
 * What the PID view says of a unix socket fd beyond its socket: whether a listener's file is gone
 * (FileDescriptor.isPathGone, path-gone.ts), else who may connect to it (socketFile), and whether a named connection was accepted
 * (FileDescriptor.isAccepted).
 */
import fs from 'node:fs';
import type {Socket} from '../../model/types.js';
import {isUnixConnected} from '../../model/types.js';
import type {FileDescriptor} from '../../model/process.js';
import {isPathListener, lookupName, socketFileAt} from './path-gone.js';

/**
 * Whether a unix listener's file is gone (FileDescriptor.isPathGone; path-gone.ts), and where it is
 * not, its mode and owner (socketFile, named with `names`): its file is
 * its own when its inode is the one the listener was bound to (`boundFiles`, from ss -xlHe;
 * without ss, any socket file there is taken as its own). `ssNames`: SsUnix.names, where that ss ran.
 */
export function pathGoneOf(
	pid: number,
	socket: Socket | null,
	boundFiles: ReadonlyMap<number, number>,
	ssNames: ReadonlyMap<number, string> | undefined,
	rawPaths: (pid: number) => ReadonlyMap<number, Buffer>,
	names: OwnerNames = {user: String, group: String},
): Pick<FileDescriptor, 'isPathGone' | 'socketFile'> {
	if (socket === null || !isPathListener({...socket, pid})) return {};
	const name = lookupName({...socket, path: socket.path!}, pid, rawPaths, ssNames);
	if (name === undefined) return {};
	const file = socketFileAt(pid, name, socket.inode === null ? undefined : boundFiles.get(socket.inode));
	if (file === undefined) return {};
	if (file === 'gone') return {isPathGone: true};
	// FileDescriptor.socketFile: who may connect.
	const socketFile = {mode: file.mode & 0o7777, uid: file.uid, user: names.user(file.uid), gid: file.gid, group: names.group(file.gid), isSeenHere: isSameFileHere(name, file)};
	return {isPathGone: false, socketFile};
}

/** Whether `path` in socktop's own mount namespace is the file `file` (the holder's view of it: socketFileAt). */
function isSameFileHere(path: string | Buffer, file: fs.Stats): boolean {
	try {
		const here = fs.lstatSync(path, {throwIfNoEntry: false});
		return here !== undefined && here.ino === file.ino && here.dev === file.dev;
	} catch {
		return false;
	}
}

/** Names for a socket file's owner and group (loadUserNames, loadGroupNames). */
export type OwnerNames = {readonly user: (uid: number) => string; readonly group: (gid: number) => string};

/**
 * FileDescriptor.isAccepted of a connected unix stream or seqpacket socket with a name: true when
 * a listener has the name (an accepted connection carries it); false when its peer carries a
 * listener's name, so this is the client end and bound its own; absent otherwise (the
 * listener may have closed since it accepted, and the name then tells nothing).
 */
export function acceptedOf(socket: Socket | null, listened: ReadonlySet<string | null>): {isAccepted?: boolean} {
	if (socket === null || (socket.proto !== 'stream' && socket.proto !== 'seqpacket') || socket.path === null || socket.state === 'LISTEN' || !isUnixConnected(socket)) {
		return {};
	}

	if (listened.has(socket.path)) return {isAccepted: true};
	return socket.peerPath !== null && listened.has(socket.peerPath) ? {isAccepted: false} : {};
}
