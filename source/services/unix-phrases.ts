import type {Socket} from '../model/types.js';
import {isUnixConnected} from '../model/types.js';
import {namespacePhrase} from './phrases.js';
import {awaitingAcceptSentence} from './unix-accept-queue.js';
import type {ListenerHolder} from './acceptors.js';
import type {FileDescriptor} from '../model/process.js';
import {abstractAccessPhrase, socketFilePhrase} from './unix-access.js';

// The PID view's sentences for unix sockets; inet ones are explain.ts's and phrases.ts's, raw and ping ones portless-phrases.ts's.

/**
 * A name Linux gives an unbound unix socket itself (autobind): '@' and five hex digits, on
 * connect or send with SO_PASSCRED set, or a bind to an empty name.
 */
const isAutobindName = (path: string): boolean => /^@[\da-f]{5}$/u.test(path);

/** '/run/x.sock' or '@name': abstract names live in the kernel, not in the filesystem (Linux only). */
function unixName(path: string, kind: string, netns?: string | null): string {
	// Abstract names are per network namespace: another namespace's processes cannot reach one.
	return path.startsWith('@')
		? `abstract unix ${kind} socket ${path} (a name held by the kernel${namespacePhrase(netns)}, not a file)`
		: `unix ${kind} socket ${path}`;
}

/**
 * Unix sockets: a bound path, an abstract name, or unnamed (socketpair, or a client's end).
 * `isAccepted` (FileDescriptor.isAccepted) tells a connected stream socket with a name that a
 * listener has (accepted) from one whose process bound the name itself; unknown, the far
 * commoner accepted connection is said. `isPathGone` (FileDescriptor.isPathGone) says a
 * listener's (or a bound dgram socket's) file is gone, so no client can reach it by its path;
 * `socketFile`, where it is there, who may (unix-access.ts).
 */
export function unixSentence(socket: Socket, actor: string, isAccepted?: boolean, file: Pick<FileDescriptor, 'isPathGone' | 'socketFile'> = {}, listener?: readonly ListenerHolder[]): string {
	const kind = socket.proto;
	const {path, peerPath, peerInode, state} = socket;
	const isConnected = isUnixConnected(socket);
	const {isPathGone} = file;
	// Who else may reach it (FileDescriptor.socketFile; an abstract name has no file).
	const access = (verb?: string) => (path?.startsWith('@') ? abstractAccessPhrase(verb) : file.socketFile === undefined ? '' : socketFilePhrase(file.socketFile, verb));

	if (state === 'LISTEN') {
		if (path === null) return `${actor} listens on an unnamed unix ${kind} socket`;
		// Deleted (a cleaned /tmp, a second instance's cleanup): the socket still listens, but connect() finds no file.
		return isPathGone === true
			? `${actor} listens on the unix ${kind} socket it bound to ${path}, but that file is gone (deleted or replaced): clients cannot connect to it any more`
			: `${actor} listens for connections on the ${unixName(path, kind, socket.netns)}${access()}`;
	}

	if (path !== null) {
		if (isConnected) {
			if (kind === 'dgram') {
				return `${actor} sends datagrams from the ${unixName(path, kind, socket.netns)}${peerPath === null ? '' : ` to ${peerPath}`}`;
			}

			if (isAccepted !== false) return `${actor} has a connection accepted on the ${unixName(path, kind, socket.netns)}`;
			const to = peerPath === null ? '' : ` to the ${unixName(peerPath, kind, socket.netns)}`;
			return isAutobindName(path)
				? `${actor} is connected${to} from ${path}, a name the kernel gave it (autobind: a socket that connects with SO_PASSCRED set gets one, as D-Bus clients do)`
				: `${actor} is connected${to} from ${path}, a name it bound itself (no socket listens on it)`;
		}

		if (kind === 'dgram') {
			// Deleted (sendto() that path finds no file: ENOENT) or replaced (by a restarted syslog's new /dev/log, which then gets them):
			// either way what is sent to the path no longer reaches this socket; senders connected before still reach it.
			return isPathGone === true
				? `${actor} receives datagrams on the unix dgram socket it bound to ${path}, but that file is gone (deleted or replaced): datagrams sent to that path no longer reach it`
				: `${actor} receives datagrams on the ${unixName(path, kind, socket.netns)}${access('send to it')}`;
		}

		// No state (sockstat, procstat, lsof off Linux): bound and unconnected is most likely a listener, as -l takes it.
		return state === null
			? `${actor} has the ${unixName(path, kind, socket.netns)}, bound and not connected: most likely listening (the backend reports no state for unix sockets)`
			: `${actor} has the ${unixName(path, kind, socket.netns)}, bound but neither listening nor connected`;
	}

	if (socket.isAwaitingAccept === true) return awaitingAcceptSentence(socket, actor, listener);
	if (peerPath !== null) {
		return `${actor} is connected to the ${unixName(peerPath, kind, socket.netns)}`;
	}

	if (isConnected) {
		const peer = peerInode === null ? 'a peer socktop cannot name' : `the socket with inode ${peerInode}`;
		return `${actor} has an unnamed unix ${kind} socket connected to ${peer}`;
	}

	return `${actor} has an unnamed unix ${kind} socket that is not connected`;
}
