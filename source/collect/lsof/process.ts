import {markSameSockets} from '../../model/same-socket.js';
import {byFd, isOtherEnd, peerFields, type FdPeer, type FdType, type FileDescriptor, type ProcessDetail, type ProcessInfo} from '../../model/process.js';
import {isUnixProto, socketInode, type Socket} from '../../model/types.js';
import {listeningKeys} from '../../services/explain.js';
import {resolveUnixPeers} from '../unix-peers.js';
import {type Endpoint, type ListedFile, splitEndpoints} from './endpoints.js';
import {type LsofFile, type LsofProcess, parseLsofFields} from './fields.js';
import {mappedEndQueries, mappedEndpoints} from './mapped-peers.js';
import {lsofOtherSocket} from './other-socket.js';
import {fileToSocket, holderOf} from './sockets.js';
import {startTimeOf} from './start-time.js';

/**
 * lsof TYPE words to the model's fd types. Linux prints REG DIR CHR BLK FIFO
 * unix IPv4 IPv6 a_inode sock netlink pack icmp raw raw6, and PSXMQ for a POSIX message queue
 * (a file to /proc); macOS adds PIPE KQUEUE systm NPOLICY NEXUS CHAN; FreeBSD PIPE KQUEUE
 * PROCDSC. Unknown words stay 'unknown'.
 */
const fdTypes: Readonly<Record<string, FdType>> = {
	REG: 'file',
	PSXMQ: 'file',
	DIR: 'dir',
	CHR: 'char',
	BLK: 'block',
	FIFO: 'fifo',
	PIPE: 'pipe',
	unix: 'socket',
	IPv4: 'socket',
	IPv6: 'socket',
	sock: 'socket',
	icmp: 'socket',
	raw: 'socket',
	raw6: 'socket',
	netlink: 'socket',
	// Linux lsof 4.95 prints a packet socket's TYPE as `pack` (other-socket.ts).
	pack: 'socket',
	packet: 'socket',
	a_inode: 'anon',
	KQUEUE: 'anon',
};

function fdTypeOf(file: LsofFile): FdType {
	const name = file.name ?? '';
	// Linux: an anonymous pipe is a FIFO named 'pipe'; a memfd is a REG under /memfd:.
	if (file.type === 'FIFO' && name === 'pipe') {
		return 'pipe';
	}

	if (file.type === 'REG' && name.startsWith('/memfd:')) {
		return 'memfd';
	}

	return fdTypes[file.type ?? ''] ?? 'unknown';
}

/** What lsof prints when it could not look (another user's process, without root). */
const isDenied = (file: LsofFile): boolean => /Permission denied|can't read|no permission/i.test(file.name ?? '');

/** One numbered fd of the output, its NAME without the endpoints (+E), and its socket before unix peers are resolved. */
type Entry = {
	readonly process: LsofProcess;
	readonly file: LsofFile;
	readonly fd: number;
	readonly endpoints: readonly Endpoint[];
	readonly socket: Socket | null;
};

/** `listed` is null when lsof ran without +E: then no NAME has endpoints, however it ends. */
function entryOf(process: LsofProcess, file: LsofFile, fd: number, listed: ListedFile | null): Entry {
	const {base, endpoints} = listed === null ? {base: file.name, endpoints: []} : splitEndpoints(file, listed);
	const plain = file.name === null ? file : {...file, name: base};
	return {process, file: plain, fd, endpoints, socket: fileToSocket(process, plain)};
}

/** What /proc/PID/fd would read for an entry's socket or pipe (`socket:[n]`, `pipe:[n]`); null when lsof does not tell. */
function heldFile(entry: Entry): string | null {
	const inode = entry.socket === null ? null : socketInode(entry.socket);
	if (inode !== null) return `socket:[${inode}]`;
	return fdTypeOf(entry.file) === 'pipe' && /^\d{1,10}$/u.test(entry.file.inode ?? '') ? `pipe:[${entry.file.inode}]` : null;
}

/** heldFile of the fd `fd` of process `pid` in the same lsof output; null when it is not listed. */
type HeldFiles = (pid: number, fd: number) => string | null;

/**
 * Every holder of the other end of a socket or anonymous pipe from +E's endpoints, as the proc
 * backend finds them: not the fd itself, for a socket not a holder of this same socket (+E names a
 * socket connected to itself as its own peer, with every process sharing it), for a pipe an fd of
 * the other access mode (a forked child holding the same end is no peer); ranked by peerFields. A named FIFO's, a pty's, an eventfd's and a
 * message queue's endpoints are their other holders, which /proc names no peer of. A datagram
 * server's endpoint is one of its clients, which resolveUnixPeers took away: no peer then. The
 * command comes from the endpoint's own record when lsof left it out.
 */
function peersOf(entry: Entry, type: FdType, socket: Socket | null, commands: ReadonlyMap<number, string | null>, files: HeldFiles): FdPeer[] {
	if ((type !== 'pipe' && type !== 'socket') || (socket !== null && isUnixProto(socket.proto) && socket.peerInode === null)) {
		return [];
	}

	const {pid} = entry.process;
	const isPipe = type === 'pipe';
	// lsof's access letters: r, w, or u (both: no one end of a pipe).
	const mine = entry.file.access === 'r' || entry.file.access === 'w' ? entry.file.access : null;
	const self = {pid, fd: entry.fd, file: heldFile(entry), access: mine};
	const candidates = entry.endpoints.filter(each => isOtherEnd({...each, file: files(each.pid, each.fd), access: each.access === '' ? null : each.access}, self, isPipe));
	return candidates.map(each => ({command: commands.get(each.pid) ?? (each.command === '' ? null : each.command), pid: each.pid, fd: each.fd}));
}

function toDescriptor(entry: Entry, socket: Socket | null, commands: ReadonlyMap<number, string | null>, files: HeldFiles): FileDescriptor {
	const {file} = entry;
	const type = fdTypeOf(file);
	const inode = file.inode ?? '';
	const other = lsofOtherSocket(file);
	const otherInode = other?.inode ?? '';
	const socketNumber = socket === null ? (/^\d{1,10}$/u.test(otherInode) ? otherInode : null) : socketInode(socket);
	// Sockets and pipes are named as /proc/PID/fd shows them when lsof knows the inode.
	const target =
		socketNumber !== null
			? `socket:[${socketNumber}]`
			: type === 'pipe' && /^\d{1,10}$/u.test(inode)
				? `pipe:[${inode}]`
				: (file.name ?? '');
	return {fd: entry.fd, type, target, socket, ...(other === undefined ? {} : {other: other.other}), ...peerFields(peersOf(entry, type, socket, commands, files), entry.process.pid)};
}

const nameOf = (process: LsofProcess, fd: string): string | null =>
	process.files.find(file => file.fd === fd && !isDenied(file))?.name ?? null;

/**
 * A ProcessDetail from `lsof -nP -F pcuLRftaPnTdi0 [+E] -p PID` output. `startToken`
 * comes from the caller (it is read from ps or /proc, not from lsof). With +E (Linux,
 * `isPlusE`) lsof also lists the files at the other end of each socket and pipe, in their own
 * processes' records: they name each peer, and tell a unix datagram server from a connected
 * socket as the table does (resolveUnixPeers), which lsof's CONNECTED state alone does not.
 * Without +E (macOS, FreeBSD) every NAME is read whole.
 */
export function lsofProcessDetail(text: string, pid: number, time: number, startToken: string | null, isPlusE: boolean): ProcessDetail {
	return lsofDetailOf(parseLsofFields(text).processes, pid, time, startToken, isPlusE);
}

/** What lsofDetailOf reads of an output: PID's record, its numbered fds and the other processes', and how many of PID's entries were denied. */
type ReadOutput = {readonly process: LsofProcess; readonly entries: readonly Entry[]; readonly others: readonly Entry[]; readonly deniedCount: number};

function readOutput(processes: readonly LsofProcess[], pid: number, isPlusE: boolean): ReadOutput | null {
	const process = processes.find(candidate => candidate.pid === pid);
	if (process === undefined) return null;
	const numbered: Array<{readonly process: LsofProcess; readonly file: LsofFile; readonly fd: number}> = [];
	let deniedCount = 0;
	for (const each of processes) {
		for (const file of each.files) {
			if (isDenied(file)) {
				if (each === process) deniedCount++;
				continue;
			}

			if (/^\d{1,10}$/.test(file.fd)) numbered.push({process: each, file, fd: Number(file.fd)});
		}
	}

	const byKey = new Map(numbered.map(each => [`${each.process.pid}/${each.fd}`, each.file]));
	const listed: ListedFile | null = isPlusE ? (endpointPid, fd) => byKey.get(`${endpointPid}/${fd}`) : null;
	const entries: Entry[] = [];
	const others: Entry[] = [];
	for (const each of numbered) {
		(each.process === process ? entries : others).push(entryOf(each.process, each.file, each.fd, listed));
	}

	// A loopback connection between the address families, which +E leaves unpaired (mapped-peers.ts).
	const all = [...entries, ...others];
	const paired = isPlusE ? entries.map(entry => (entry.endpoints.length > 0 ? entry : {...entry, endpoints: mappedEndpoints(entry, all)})) : entries;
	return {process, entries: paired, others, deniedCount};
}

/** An output read for PID (readOutput) with the output itself: what missingEndQueries and detailOfRead share, read once. */
export type LsofRead = {readonly processes: readonly LsofProcess[]; readonly pid: number; readonly read: ReadOutput | null};

export const readLsofOutput = (processes: readonly LsofProcess[], pid: number, isPlusE: boolean): LsofRead => ({processes, pid, read: readOutput(processes, pid, isPlusE)});

/**
 * The lsof `-i` selections (`-i TCP@127.0.0.1:18450`) that would list the other ends of PID's loopback
 * connections that a +E output (read with isPlusE) names no holder of, which may be in the other
 * address family; none when every one has its end.
 */
export function missingEndQueries({read}: LsofRead): string[] {
	return read === null ? [] : mappedEndQueries(read.entries);
}

/** lsofProcessDetail of output already parsed (parseLsofFields), or put together from two runs (endpoint-reuse.ts). */
export function lsofDetailOf(processes: readonly LsofProcess[], pid: number, time: number, startToken: string | null, isPlusE: boolean): ProcessDetail {
	return detailOfRead(readLsofOutput(processes, pid, isPlusE), time, startToken);
}

/** lsofDetailOf of an output already read. */
export function detailOfRead({processes, pid, read}: LsofRead, time: number, startToken: string | null): ProcessDetail {
	if (read === null) {
		return {time, process: null, fds: [], denied: null};
	}

	const {process, entries, others, deniedCount} = read;
	// resolveUnixPeers keeps the order of what it is given: this process's sockets first.
	const sockets = [...entries, ...others].flatMap(entry => (entry.socket === null ? [] : [entry.socket]));
	const resolved = resolveUnixPeers(sockets);
	const resolvedOf = new Map(sockets.map((socket, index) => [socket, resolved[index]!]));
	const commands = new Map(processes.map(each => [each.pid, each.command]));
	const heldFiles = new Map([...entries, ...others].map(entry => [`${entry.process.pid}/${entry.fd}`, heldFile(entry)]));
	const files: HeldFiles = (endpointPid, fd) => heldFiles.get(`${endpointPid}/${fd}`) ?? null;
	const fds = entries.map(entry => toDescriptor(entry, entry.socket === null ? null : resolvedOf.get(entry.socket)!, commands, files)).sort(byFd);
	const holder = holderOf(process);
	const info: ProcessInfo = {
		pid,
		ppid: process.ppid,
		user: holder.user,
		uid: holder.uid,
		command: process.command ?? '?',
		cmdline: null,
		cmdlineUnreportedBy: 'lsof',
		state: null,
		startTime: startTimeOf(startToken),
		startToken,
		threads: null,
		cwd: nameOf(process, 'cwd'),
		exe: nameOf(process, 'txt'),
		fdLimit: null,
	};
	const denied =
		deniedCount > 0 && fds.length === 0
			? `lsof could not read the open files of PID ${pid}: permission denied (run as root or as its user)`
			: deniedCount > 0
				? `lsof could not read ${deniedCount} entries of PID ${pid}: permission denied`
				: null;
	// The listeners among what lsof listed (the process's own: +E adds only the far ends of connections),
	// so a connection to one of them is told to be accepted, though not all of its namespace's are known.
	return {time, process: info, fds: markSameSockets(fds), listening: [...listeningKeys(resolved)], denied};
}
