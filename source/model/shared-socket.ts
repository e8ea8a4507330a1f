/**
 * A socket the process about to be signalled shares with other processes: a forked server's
 * listener, which its parent and every worker hold, so killing one of them leaves the port
 * bound. The kill dialog says so under its question.
 */
import {formatInetLocal} from '../format/address.js';
import {sanitize} from '../format/escape.js';
import {isListening} from './filter.js';
import {formatPeer} from './pid-rows.js';
import type {FdPeer, FileDescriptor} from './process.js';
import {identityOf} from './summary.js';
import {isUnixProto, type Socket} from './types.js';

/** One socket of the process and the other processes holding it too, one each, lowest PID first. */
export type SharedSocket = {readonly socket: Socket; readonly others: readonly FdPeer[]};

/** One holder per process (its lowest fd), without `pid`'s own, lowest PID first. */
export function otherProcesses(holders: readonly FdPeer[], pid: number): FdPeer[] {
	const byPid = new Map<number, FdPeer>();
	for (const holder of holders) {
		const kept = byPid.get(holder.pid);
		if (holder.pid !== pid && (kept === undefined || (holder.fd ?? Infinity) < (kept.fd ?? Infinity))) byPid.set(holder.pid, holder);
	}

	return [...byPid.values()].sort((a, b) => a.pid - b.pid);
}

/**
 * Of the shared sockets, the one to tell about: a listener, since a port that stays bound is what
 * the user will look for (the selected one if it is one), else the selected socket, else the
 * first. Not simply the selected one: the PID view selects fd 0 first, and a forked server's
 * children often share their parent's stdio sockets too.
 */
function pick(shared: readonly SharedSocket[], selected: Socket | null): SharedSocket | null {
	const listeners = shared.filter(each => isListening(each.socket));
	const isSelected = (each: SharedSocket) => selected !== null && each.socket === selected;
	return listeners.find(isSelected) ?? listeners[0] ?? shared.find(isSelected) ?? shared[0] ?? null;
}

/** The socket of the PID view's selected fd (`selectedFd`), null for none: what sharedInFds and sharedPortInFds tell of first. */
export const selectedSocket = (fds: readonly FileDescriptor[], selectedFd: number | null): Socket | null =>
	selectedFd === null ? null : (fds.find(fd => fd.fd === selectedFd)?.socket ?? null);

/**
 * From the table's snapshot, which has a row per holder of a shared socket: a socket of `pid`
 * that rows of other processes name too (the same inode, or what else tells a socket's rows
 * apart: summary's identityOf, so for every backend whose snapshot tells shared sockets apart).
 * `selected` is the row the user pressed k on. Null when the process shares none.
 */
export function sharedInSnapshot(pid: number, sockets: readonly Socket[], selected: Socket | null = null): SharedSocket | null {
	const holders = new Map<number | string, FdPeer[]>();
	const own = new Map<number | string, Socket>();
	for (const socket of sockets) {
		if (socket.pid === null) continue;
		const identity = identityOf(socket);
		if (identity === null) continue;
		const holder = {command: socket.command, pid: socket.pid, fd: socket.fd};
		const list = holders.get(identity);
		if (list === undefined) holders.set(identity, [holder]);
		else list.push(holder);
		if (socket.pid === pid && (!own.has(identity) || socket === selected)) own.set(identity, socket);
	}

	const shared = [...own].flatMap(([identity, socket]) => {
		const others = otherProcesses(holders.get(identity) ?? [], pid);
		return others.length === 0 ? [] : [{socket, others}];
	});
	return pick(shared, selected);
}

/**
 * From the PID view's fds: a socket of the process that others hold too (FileDescriptor.coHolders,
 * which the /proc backend finds; lsof, sockstat and captures do not say). `selectedFd` is the fd
 * the user had selected. Null when none is shared, or not known to be.
 */
export function sharedInFds(pid: number, fds: readonly FileDescriptor[], selectedFd: number | null = null): SharedSocket | null {
	const shared = fds.flatMap(fd => {
		const others = otherProcesses(fd.coHolders ?? [], pid);
		return fd.socket === null || others.length === 0 ? [] : [{socket: fd.socket, others}];
	});
	return pick(shared, selectedSocket(fds, selectedFd));
}

/** The socket as the table's LOCAL column writes it: `*:8080`, a unix path, or its inode when unnamed. */
function where(socket: Socket): string {
	if (!isUnixProto(socket.proto)) return formatInetLocal(socket);
	if (socket.path !== null && socket.path !== '') return sanitize(socket.path);
	return socket.inode === null || socket.inode === 0 ? `a unix ${socket.proto} socket` : `socket:[${socket.inode}]`;
}

/**
 * One line for the kill dialog: 'python3[986] fd 3 and 4 others also hold *:8080 — it stays bound'.
 * A listener (or a bound datagram socket) stays bound; any other socket stays open.
 */
export function sharedNote({socket, others}: SharedSocket): string {
	const [first, ...rest] = others;
	if (first === undefined) return '';
	const who = rest.length === 0 ? `${formatPeer(first)} also holds` : `${formatPeer(first)} and ${rest.length} other${rest.length === 1 ? '' : 's'} also hold`;
	return `${who} ${where(socket)} — it stays ${isListening(socket) ? 'bound' : 'open'}`;
}
