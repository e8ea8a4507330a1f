/**
 * Sockets that share a port: two or more different sockets (not one socket several processes
 * hold, as a forked server's listener) listening on the same protocol, local address and port
 * in one network namespace. /proc does not flag SO_REUSEPORT, but the kernel lets such sockets
 * bind only when every one of them set it (with one owner), or, for UDP, when every one set
 * SO_REUSEADDR; or when each is bound to a different interface (SO_BINDTODEVICE, as in VRFs),
 * which /proc does not show either. An IPv4 listener on 0.0.0.0 beside an IPv6 one on :: is no
 * such group (tcp4 and tcp6 differ): one takes IPv4 clients, the other IPv6 (placePhrase says so).
 */
import {formatPeer} from './pid-rows.js';
import {type EndFields, isListening} from './filter.js';
import type {FdPeer, FileDescriptor} from './process.js';
import {otherProcesses, selectedSocket, sharedInFds, sharedInSnapshot, sharedNote, type SharedSocket} from './shared-socket.js';
import {identityOf} from './summary.js';
import {baseProtocol, type Socket} from './types.js';

/** The other sockets on a socket's port (holders: every process and fd holding one; unseen: those whose holder is not known). */
export type PortSharers = NonNullable<FileDescriptor['portSharers']>;

/** One socket of a process and the other sockets on its port, as PortSharers. */
export type SharedPort = PortSharers & {readonly socket: Socket};

/**
 * The key of the sockets that may share a port with this one: a TCP listener's, or a bound UDP
 * or UDP-Lite socket's without a peer (isListening), with its namespace (`netns`, when the rows
 * mix namespaces), protocol, local address and port; null for any other socket.
 */
export function portGroupKey(socket: EndFields & Pick<Socket, 'localAddress'> & {readonly netns?: string | null}): string | null {
	const base = baseProtocol(socket.proto);
	if ((base !== 'tcp' && base !== 'udp' && base !== 'udplite') || socket.localPort === null || !isListening(socket)) return null;
	return `${socket.netns ?? ''} ${socket.proto} ${socket.localAddress ?? '*'} ${socket.localPort}`;
}

/**
 * From the table's snapshot (a row per holder of each socket): a port-sharing socket of `pid` and the
 * other sockets on its port that `pid` does not hold (killing it leaves those serving the port), their
 * holders one per process. `selected`'s port first. Sockets are told apart by identityOf: a backend
 * that does not tell them apart (sockstat) finds none. Null when the process has none. O(rows).
 */
export function sharedPortInSnapshot(pid: number, sockets: readonly Socket[], selected: Socket | null = null): SharedPort | null {
	const own = new Map<string, Socket>();
	const ownIdentities = new Set<number | string>();
	for (const socket of sockets) {
		if (socket.pid !== pid) continue;
		const identity = identityOf(socket);
		if (identity !== null) ownIdentities.add(identity);
		const key = portGroupKey(socket);
		if (key !== null && (!own.has(key) || socket === selected)) own.set(key, socket);
	}

	if (own.size === 0) return null;
	// Per port of the process: each other socket on it, with the rows holding it (none: its holder is not known).
	const others = new Map<string, Map<number | string, FdPeer[]>>();
	for (const socket of sockets) {
		const key = portGroupKey(socket);
		const identity = key === null || !own.has(key) ? null : identityOf(socket);
		if (identity === null || identity === 0 || ownIdentities.has(identity)) continue;
		const group = others.get(key!) ?? new Map<number | string, FdPeer[]>();
		others.set(key!, group);
		const holders = group.get(identity) ?? [];
		group.set(identity, holders);
		if (socket.pid !== null) holders.push({command: socket.command, pid: socket.pid, fd: socket.fd});
	}

	const found = [...own].flatMap(([key, socket]): SharedPort[] => {
		const group = [...(others.get(key)?.values() ?? [])];
		return group.length === 0 ? [] : [{socket, holders: otherProcesses(group.flat(), pid), unseen: group.filter(holders => holders.length === 0).length}];
	});
	return found.find(each => each.socket === selected) ?? found[0] ?? null;
}

/** 'python3[30389]', 'its own fd 5', …: each holder once a process (a process's own fds each), `selfPid`'s first. */
function holderNames(holders: readonly FdPeer[], selfPid: number | null): string[] {
	const own = holders.filter(holder => holder.pid === selfPid && holder.fd !== null).map(holder => `its own fd ${holder.fd}`);
	const others = otherProcesses(holders, selfPid ?? -1).map(holder => formatPeer({...holder, fd: null}));
	return [...own, ...others];
}

/** Up to this many holders are named, the rest counted. */
const NAMED = 3;

/** 'python3[30389], python3[30390] and 2 others', counting the sockets whose holder is not known with the rest. */
function whoText(names: readonly string[], unseen: number): string {
	const named = names.slice(0, names.length > NAMED + 1 ? NAMED : NAMED + 1);
	const rest = names.length - named.length + unseen;
	if (named.length === 0) return rest === 1 ? 'another socket, whose process socktop cannot see' : `${rest} other sockets, whose processes socktop cannot see`;
	if (rest === 0) return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
	return `${named.join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`;
}

/** What /proc cannot rule out: sockets bound to different interfaces share a port without either option. */
const DEVICE_HEDGE = ' (unless each is bound to its own interface with SO_BINDTODEVICE, which /proc does not show)';

/**
 * The PID view's words for a socket other sockets share its port with (FileDescriptor.portSharers):
 * '; it shares port 6379 with python3[30389] (SO_REUSEPORT): the kernel spreads new connections
 * between their sockets …'; '' for none. `selfPid`: the viewed process, whose own fds are named so.
 */
export function sharedPortPhrase(socket: Pick<Socket, 'proto' | 'localPort'>, sharers: PortSharers | undefined, selfPid: number | null): string {
	if (sharers === undefined || (sharers.holders.length === 0 && sharers.unseen === 0)) return '';
	const names = holderNames(sharers.holders, selfPid);
	// More holders than sockets (a forked server's processes each holding every one): the sockets are
	// counted and their holders named after, or 'with its own fd 5 and python3[26854]' reads as two sockets.
	const count = sharers.sockets ?? 0;
	const who =
		sharers.unseen === 0 && names.length > count && count > 0
			? `${count === 1 ? 'another socket' : `${count} other sockets`}, held by ${whoText(names, 0)}`
			: whoText(names, sharers.unseen);
	const how =
		baseProtocol(socket.proto) === 'tcp'
			? '(SO_REUSEPORT): the kernel spreads new connections between their sockets'
			: '(SO_REUSEPORT, or SO_REUSEADDR on each): a datagram to one address goes to one of their sockets, a broadcast or multicast one to each';
	return `; it shares port ${socket.localPort} with ${who} ${how}${DEVICE_HEDGE}`;
}

/** The kill dialog's line for a port other processes' sockets go on serving: 'port 6379 stays served by python3[30389]'. */
export function sharedPortNote({socket, holders, unseen}: SharedPort): string {
	return `port ${socket.localPort} stays served by ${whoText(holderNames(holders, null), unseen)}`;
}

/**
 * From the PID view's fds (FileDescriptor.portSharers, which the /proc backend finds): a socket of
 * `pid` whose port other processes' sockets share, those holders one per process, the selected
 * fd's first. Null when none is known.
 */
export function sharedPortInFds(pid: number, fds: readonly FileDescriptor[], selectedFd: number | null = null): SharedPort | null {
	const found = fds.flatMap((fd): SharedPort[] => {
		if (fd.socket === null || fd.portSharers === undefined) return [];
		const holders = otherProcesses(fd.portSharers.holders, pid);
		return holders.length === 0 && fd.portSharers.unseen === 0 ? [] : [{socket: fd.socket, holders, unseen: fd.portSharers.unseen}];
	});
	const selected = selectedSocket(fds, selectedFd);
	return found.find(each => each.socket === selected) ?? found[0] ?? null;
}

/**
 * The kill dialog's one line about what outlives the process: a listener other processes hold too
 * (sharedNote: it stays bound), else a port other sockets share (sharedPortNote), else any other
 * socket others hold (it stays open); null for none. Sanitized.
 */
function outlivingNote(shared: SharedSocket | null, port: SharedPort | null): string | null {
	if (shared !== null && (isListening(shared.socket) || port === null)) return sharedNote(shared);
	return port === null ? null : sharedPortNote(port);
}

/** outlivingNote from the table's snapshot (sharedInSnapshot, sharedPortInSnapshot), `selected` the row k was pressed on. */
export const outlivingInSnapshot = (pid: number, sockets: readonly Socket[], selected: Socket | null): string | null =>
	outlivingNote(sharedInSnapshot(pid, sockets, selected), sharedPortInSnapshot(pid, sockets, selected));

/** outlivingNote from the PID view's fds (sharedInFds, sharedPortInFds), `selectedFd` the fd selected. */
export const outlivingInFds = (pid: number, fds: readonly FileDescriptor[], selectedFd: number | null): string | null =>
	outlivingNote(sharedInFds(pid, fds, selectedFd), sharedPortInFds(pid, fds, selectedFd));
