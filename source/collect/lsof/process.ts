import {byFd, type FdPeer, type FdType, type FileDescriptor, type ProcessDetail, type ProcessInfo} from '../../model/process.js';
import {isUnixProto, type Socket} from '../../model/types.js';
import {listeningKeys} from '../../services/explain.js';
import {resolveUnixPeers} from '../unix-peers.js';
import {type LsofFile, type LsofProcess, parseLsofFields} from './fields.js';
import {fileToSocket, holderOf} from './sockets.js';
import {startTimeOf} from './start-time.js';

/**
 * lsof TYPE words to the model's fd types. Linux prints REG DIR CHR BLK FIFO
 * unix IPv4 IPv6 a_inode sock netlink icmp raw raw6; macOS adds PIPE KQUEUE systm NPOLICY
 * NEXUS CHAN; FreeBSD PIPE KQUEUE PROCDSC. Unknown words stay 'unknown'.
 */
const fdTypes: Readonly<Record<string, FdType>> = {
	REG: 'file',
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
	packet: 'socket',
	a_inode: 'anon',
	KQUEUE: 'anon',
};

/** One end +E names after a file's NAME (Linux lsof): the process, command and fd holding it, and its access mode. */
type Endpoint = {
	readonly pid: number;
	readonly command: string;
	readonly fd: number;
	readonly access: string;
};

/** `22455,python3,3u`; lsof 4.95 leaves the command empty under +c 0 (`22455,,3u`). */
const endpointToken = /^(\d{1,10}),([^,\s]*),(\d{1,10})([rwu]?)$/u;

/**
 * A NAME without what +E added, and the endpoints it named, read from the right:
 *   f7  n127.0.0.1:45214->127.0.0.1:7100 19765,,8u            (a loopback TCP connection's other end)
 *   f3  n/tmp/dg/log.sock type=DGRAM ->INO=33746506 22455,,3u  (a unix socket's; ->INO= stays in the name)
 *   f0  npipe 22412,,1w 22455,,0r                              (every other holder of a pipe, either end)
 */
export function splitEndpoints(name: string): {readonly base: string; readonly endpoints: readonly Endpoint[]} {
	const tokens = name.split(' ');
	const endpoints: Endpoint[] = [];
	while (tokens.length > 1) {
		const match = endpointToken.exec(tokens.at(-1)!);
		if (match === null) break;
		tokens.pop();
		endpoints.unshift({pid: Number(match[1]), command: match[2]!, fd: Number(match[3]), access: match[4]!});
	}

	return {base: tokens.join(' '), endpoints};
}

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

function entryOf(process: LsofProcess, file: LsofFile, fd: number): Entry {
	const {base, endpoints} = splitEndpoints(file.name ?? '');
	const plain = file.name === null ? file : {...file, name: base};
	return {process, file: plain, fd, endpoints, socket: fileToSocket(process, plain)};
}

/**
 * The other end of a socket or pipe from +E's endpoints, as the proc backend picks it: not the
 * fd itself, for a pipe an fd of the other access mode (a forked child holding the same end is
 * no peer), another process before this one. A datagram server's endpoint is one of its
 * clients, which resolveUnixPeers took away: no peer then. The command comes from the
 * endpoint's own record when lsof left it out.
 */
function peerOf(entry: Entry, type: FdType, socket: Socket | null, commands: ReadonlyMap<number, string | null>): FdPeer | null {
	if (socket !== null && isUnixProto(socket.proto) && socket.peerInode === null) {
		return null;
	}

	const {pid} = entry.process;
	const isPipe = type === 'pipe' || type === 'fifo';
	const mine = entry.file.access ?? '';
	const candidates = entry.endpoints.filter(
		each => !(each.pid === pid && each.fd === entry.fd) && (!isPipe || (/^[rw]$/u.test(mine) && each.access !== '' && each.access !== mine)),
	);
	const best = candidates.find(each => each.pid !== pid) ?? candidates[0];
	if (best === undefined) return null;
	return {command: commands.get(best.pid) ?? (best.command === '' ? null : best.command), pid: best.pid, fd: best.fd};
}

function toDescriptor(entry: Entry, socket: Socket | null, commands: ReadonlyMap<number, string | null>): FileDescriptor {
	const {file} = entry;
	const type = fdTypeOf(file);
	const inode = file.inode ?? '';
	// Sockets and pipes are named as /proc/PID/fd shows them when lsof knows the inode.
	const target =
		socket !== null && socket.inode !== null && socket.inode > 0
			? `socket:[${socket.inode}]`
			: type === 'pipe' && /^\d{1,10}$/u.test(inode)
				? `pipe:[${inode}]`
				: (file.name ?? '');
	return {fd: entry.fd, type, target, socket, peer: peerOf(entry, type, socket, commands)};
}

const nameOf = (process: LsofProcess, fd: string): string | null =>
	process.files.find(file => file.fd === fd && !isDenied(file))?.name ?? null;

/**
 * A ProcessDetail from `lsof -nP -F pcuLRftaPnTdi0 [+E] -p PID` output. `startToken`
 * comes from the caller (it is read from ps or /proc, not from lsof). With +E (Linux) lsof
 * also lists the files at the other end of each socket and pipe, in their own processes'
 * records: they name each peer, and tell a unix datagram server from a connected socket
 * as the table does (resolveUnixPeers), which lsof's CONNECTED state alone does not.
 */
export function lsofProcessDetail(text: string, pid: number, time: number, startToken: string | null): ProcessDetail {
	const {processes} = parseLsofFields(text);
	const process = processes.find(candidate => candidate.pid === pid);
	if (process === undefined) {
		return {time, process: null, fds: [], denied: null};
	}

	const entries: Entry[] = [];
	const others: Entry[] = [];
	let deniedCount = 0;
	for (const each of processes) {
		for (const file of each.files) {
			if (isDenied(file)) {
				if (each === process) deniedCount++;
				continue;
			}

			const fd = /^\d{1,10}$/.test(file.fd) ? Number(file.fd) : null;
			if (fd !== null) {
				(each === process ? entries : others).push(entryOf(each, file, fd));
			}
		}
	}

	// resolveUnixPeers keeps the order of what it is given: this process's sockets first.
	const sockets = [...entries, ...others].flatMap(entry => (entry.socket === null ? [] : [entry.socket]));
	const resolved = resolveUnixPeers(sockets);
	const resolvedOf = new Map(sockets.map((socket, index) => [socket, resolved[index]!]));
	const commands = new Map(processes.map(each => [each.pid, each.command]));
	const fds = entries.map(entry => toDescriptor(entry, entry.socket === null ? null : resolvedOf.get(entry.socket)!, commands)).sort(byFd);
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
	return {time, process: info, fds, listening: [...listeningKeys(resolved)], denied};
}
