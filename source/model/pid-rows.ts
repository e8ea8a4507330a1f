import {formatEndpoint, formatInetLocal, formatUnixLocal, formatUnixPeer} from '../format/address.js';
import {sanitize} from '../format/escape.js';
import {queueCells} from './fd-columns.js';
import {isConnected} from './filter.js';
import {otherSocketCells} from './other-socket.js';
import {fdLabel, type FdPeer, type FdType, type FileDescriptor, isZombie, isZombieLeader, type ProcessDetail, type ProcessInfo} from './process.js';
import {HOST_NAMESPACE} from './netns.js';
import {protoCell} from './mapped-ipv4.js';
import {socketTally} from './socket-tally.js';
import {isSelfConnected, isUnixProto, type Socket} from './types.js';

/**
 * Pure text for the PID view and `--pid N --once`: what each fd is, and the
 * process facts, already sanitized (fd targets and command lines are chosen by
 * whoever runs the process, so they may hold escape sequences).
 */

export type FdRow = {
	readonly fd: string;
	readonly type: string;
	/** Path, pipe/anon name, or a socket's local end. */
	readonly target: string;
	/** A socket's foreign end, or the process holding the other end. */
	readonly foreign: string;
	readonly state: string;
	/** ss's Recv-Q of a socket (queueCells); '' for other fds and where it is not known. */
	readonly recvQ: string;
	/** ss's Send-Q of a socket (queueCells); '' for other fds, a listener's, and where it is not known. */
	readonly sendQ: string;
	/** How many more processes hold the other end that `foreign` names (its `(+N more)`); absent for none. */
	readonly moreHolders?: number;
};

/** FdRow's text cells, one per column of the FD table. */
export type FdColumn = Exclude<keyof FdRow, 'moreHolders'>;

const typeLabels: Record<FdType, string> = {
	file: 'file',
	dir: 'dir',
	char: 'chr dev',
	block: 'blk dev',
	pipe: 'pipe',
	fifo: 'fifo',
	socket: 'socket',
	anon: 'anon',
	memfd: 'memfd',
	unknown: '?',
};

/**
 * 'nginx[1234] fd 6', or without the fd when it could not be read; 'fd 6 (same process)' for its own other end;
 * then, for an end in another network namespace, 'in netns uatctr-a' ('in netns:[4026532]' for a label that says it).
 */
export function formatPeer(peer: FdPeer, selfPid?: number): string {
	const where = peer.netns === undefined ? '' : ` in ${peer.netns.startsWith('netns:') ? '' : 'netns '}${sanitize(peer.netns)}`;
	if (peer.pid === selfPid && peer.fd !== null) {
		return `fd ${peer.fd} (same process)${where}`;
	}

	const name = peer.command === null ? '?' : sanitize(peer.command);
	return `${name}[${peer.pid}]${peer.fd === null ? '' : ` fd ${peer.fd}`}${where}`;
}

/**
 * A connection's other end on this machine whose holder socktop could not read (FileDescriptor.hiddenPeer):
 * 'a socket of root's that socktop cannot read'; of a unix one, whose owner no table says, 'a socket held by a process that socktop cannot read'.
 */
export const hiddenPeerPhrase = ({user}: NonNullable<FileDescriptor['hiddenPeer']>): string =>
	`${user === '?' ? 'a socket held by a process' : `a socket of ${sanitize(user)}'s`} that socktop cannot read`;

/** The end of a peer note that counts the other end's other holders: ' (+3 more)'; '' for none. */
export const moreHoldersText = (count: number): string => (count === 0 ? '' : ` (+${count} more)`);

/**
 * The table's peer note: '→ nginx[100] fd 5', with '(+3 more)' when others hold that end too; '' for no peer.
 * A connection not accepted yet (FileDescriptor.isAwaitingAccept), or asked of a full listener (fullListener),
 * names the listener's holder: '→ python3[1234] (listener)'.
 */
function peerNote(descriptor: Pick<FileDescriptor, 'peer' | 'morePeers' | 'isAwaitingAccept' | 'fullListener'>, selfPid?: number): string {
	const peer = descriptor.peer ?? null;
	if (peer === null) return '';
	const named = descriptor.isAwaitingAccept === true || descriptor.fullListener !== undefined ? `${formatPeer({...peer, fd: null})} (listener)` : formatPeer(peer, selfPid);
	return `→ ${named}${moreHoldersText(descriptor.morePeers?.length ?? 0)}`;
}

/** FdRow's moreHolders: the count peerNote wrote, when it wrote one. */
const moreHoldersOf = (descriptor: Pick<FileDescriptor, 'peer' | 'morePeers'>): Pick<FdRow, 'moreHolders'> => {
	const count = descriptor.peer === null || descriptor.peer === undefined ? 0 : (descriptor.morePeers?.length ?? 0);
	return count === 0 ? {} : {moreHolders: count};
};

/** How many of an end's other holders a sentence names before it counts the rest. */
const NAMED_MORE = 4;

/**
 * ', also held by nginx[101] fd 5 and nginx[102] fd 5' for the holders of an fd's other end
 * after its first (FileDescriptor.morePeers), the first few named and the rest counted; '' for none.
 */
export function alsoHeldBy(morePeers: readonly FdPeer[] | undefined, selfPid?: number): string {
	if (morePeers === undefined || morePeers.length === 0) return '';
	const named = morePeers.slice(0, morePeers.length > NAMED_MORE + 1 ? NAMED_MORE : NAMED_MORE + 1).map(peer => formatPeer(peer, selfPid));
	const rest = morePeers.length - named.length;
	const last = rest > 0 ? `${rest} more` : named.pop()!;
	return `, also held by ${named.length === 0 ? '' : `${named.join(', ')} and `}${last}`;
}

/**
 * '; the same socket is also held by python3[1001] fd 3, python3[1002] fd 3 (+2 more)' for a socket
 * other processes hold too (FileDescriptor.coHolders), the first few named and the rest counted; '' for none.
 */
export function coHeldBy(coHolders: readonly FdPeer[] | undefined): string {
	if (coHolders === undefined || coHolders.length === 0) return '';
	const named = coHolders.slice(0, coHolders.length > NAMED_MORE + 1 ? NAMED_MORE : NAMED_MORE + 1).map(holder => formatPeer(holder));
	return `; the same socket is also held by ${named.join(', ')}${moreHoldersText(coHolders.length - named.length)}`;
}

function socketCells(socket: Socket, descriptor: Pick<FileDescriptor, 'peer' | 'morePeers' | 'isPathGone' | 'isAwaitingAccept' | 'fullListener'>, selfPid?: number): Pick<FdRow, 'type' | 'target' | 'foreign' | 'state' | 'recvQ' | 'sendQ'> {
	const state = socket.state ?? '';
	const queues = queueCells(socket);
	const toPeer = peerNote(descriptor, selfPid);
	if (isUnixProto(socket.proto)) {
		// A listener whose file is gone reads '(deleted)' after its path, as in the table.
		const isPathGone = socket.isPathGone === true || descriptor.isPathGone === true;
		const local = socket.path === null ? '(unnamed)' : socket.path === '' ? '' : formatUnixLocal({path: socket.path, isPathGone});
		// With no holder to name, the other end as the table writes it (`-> socket:[N]`, `-> ?` for a
		// connected end nobody can name); a listener's `-` and `(not connected)` are left to STATE.
		// The arrow differs on purpose: the table's cells are sockstat's text (`->`, also in pipes);
		// the PID view draws its '→' glyph, which glyphs.ts makes '>' where the locale is not UTF-8.
		const tableText = formatUnixPeer(socket);
		const far = toPeer || (tableText.startsWith('-> ') ? `→ ${tableText.slice(3)}` : '');
		return {type: `unix ${socket.proto}`, target: local, foreign: far, state, ...queues};
	}

	// The table's endpoint text: '*' for a wildcard, '?' for an address the backend could not tell.
	// A connected raw or ping socket has a foreign address and no port (127.0.0.1:*).
	const foreign = isConnected(socket) ? formatEndpoint(socket.foreignAddress, socket.foreignPort) : '*:*';
	// Connected to itself: the tables list it once, so no other fd is found at the other end.
	const far = toPeer || (isSelfConnected(socket) ? '→ itself' : '');
	return {
		// tcp46 or udp46 as the table's PROTO says it, for a dual-stack listener on :: (protoCell).
		type: protoCell(socket),
		target: formatInetLocal(socket),
		foreign: far ? `${foreign} ${far}` : foreign,
		state,
		...queues,
	};
}

/** One table row per fd; `selfPid` is the viewed process, so a peer inside it is named as such. */
export function fdRow(descriptor: FileDescriptor, selfPid?: number): FdRow {
	if (descriptor.socket !== null) {
		return {fd: fdLabel(descriptor.fd, descriptor.mode), ...socketCells(descriptor.socket, descriptor, selfPid), ...moreHoldersOf(descriptor)};
	}

	const other = descriptor.other === undefined ? null : otherSocketCells(descriptor.other);
	return {
		fd: fdLabel(descriptor.fd, descriptor.mode),
		type: other?.type ?? typeLabels[descriptor.type],
		target: other?.target ?? sanitize(descriptor.target),
		foreign: peerNote(descriptor, selfPid),
		state: '',
		recvQ: '',
		sendQ: '',
		...moreHoldersOf(descriptor),
	};
}

/**
 * An fd's explanation after what matches it to its row: 'fd 6: …', or for a socket without
 * an fd number (a netstat capture) its row's type and target, 'tcp4 *:22: …'. `when` goes
 * before the colon: ' when last read' for the fds of a process that has exited.
 */
export function fdSentenceLine(descriptor: FileDescriptor, sentence: string, selfPid?: number, when = ''): string {
	if (descriptor.fd !== null) return `fd ${descriptor.fd}${when}: ${sentence}`;
	const row = fdRow(descriptor, selfPid);
	return `${row.type} ${row.target}${when}: ${sentence}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time 'YYYY-MM-DD HH:MM:SS', as ps -o lstart users read it. */
export function formatClock(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** '45s', '12m 3s', '5h 2m', '3d 4h': the two largest units, as uptime-style tools do. */
export function formatAge(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	const days = Math.floor(seconds / 86_400);
	const hours = Math.floor((seconds % 86_400) / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	if (days > 0) {
		return `${days}d ${hours}h`;
	}

	if (hours > 0) {
		return `${hours}h ${minutes}m`;
	}

	return minutes > 0 ? `${minutes}m ${seconds % 60}s` : `${seconds}s`;
}

/** Argv as ps shows it: arguments joined by spaces, each sanitized. */
export function formatCmdline(cmdline: readonly string[] | null): string | null {
	if (cmdline === null || cmdline.length === 0) {
		return null;
	}

	return cmdline.map(arg => sanitize(arg)).join(' ');
}

export type Fact = {
	readonly label: string;
	readonly value: string;
	/** A shorter value the live header shows where the whole one does not fit its line. */
	readonly short?: string;
};

/** The state as /proc gives it; a zombie leader's says why a running process is Z. */
export function stateOf(info: ProcessInfo): string {
	if (info.state === null) return '?';
	if (!isZombieLeader(info)) return sanitize(info.state);
	// Short enough to show whole beside PID, PPID and User at 80 columns; Threads, next to
	// it, counts the leader with the threads that run on.
	return 'Z (main thread exited)';
}

/** Why there is no command line: the source never gives one, the process exited, or /proc had none to read. */
function cmdlineAbsence(info: ProcessInfo): string {
	if (info.cmdlineUnreportedBy !== undefined) return `(not reported by ${sanitize(info.cmdlineUnreportedBy)})`;
	return isZombie(info) ? '(none: it has exited)' : '(none: kernel thread or unreadable)';
}

/** Why a cwd or exe is missing: as for the command line. */
function pathAbsence(info: ProcessInfo): string {
	if (info.cmdlineUnreportedBy !== undefined) return `(not reported by ${sanitize(info.cmdlineUnreportedBy)})`;
	return isZombie(info) ? '(none: it has exited)' : '(unreadable)';
}

/**
 * What the PID view says of a process whose program file was deleted since it started
 * (ProcessInfo.exeGone), which Exe shows as the kernel writes it, '/usr/sbin/nginx (deleted)': the
 * process still runs the old program, as lsof's 'txt … (deleted)' and checkrestart tell; null otherwise.
 */
export function exeGoneNote(info: ProcessInfo): string | null {
	if (info.exeGone === undefined || info.exe === null) return null;
	const since = `${sanitize(info.exe.replace(/ \(deleted\)$/u, ''))} was ${info.exeGone === 'replaced' ? 'replaced' : 'deleted'} since ${sanitize(info.command)} started`;
	if (info.exeGone === 'replaced') return `${since} (a package upgrade?): it still runs the old program; restart it to run the new one.`;
	return info.exeGone === 'removed'
		? `${since}: it still runs the old program, which is no longer on disk.`
		: `${since} (replaced, as by an upgrade, or removed): it still runs the old program.`;
}

/**
 * How many fds a process has open (null: unknown), whether they are its sockets only (ProcessDetail.isSocketsOnly),
 * and its socket fds counted by state and kind (socketTally; null when it has none).
 */
export type FdCount = {readonly count: number | null; readonly isSocketsOnly: boolean; readonly sockets?: string | null};

/**
 * The process block: label/value pairs in display order; unreadable facts say so. `netns`
 * (ProcessDetail.netns) adds a Netns fact when it is not the host's: every sentence of the view
 * is then about that namespace's addresses. The host's goes unsaid, as the table drops its NETNS
 * column when every row is the host's, so the common case keeps its first line at 80 columns.
 */
export function processFacts(info: ProcessInfo, fds: FdCount, now: number, netns: string | null = null): readonly Fact[] {
	const unknown = '?';
	const started =
		info.startTime === null ? unknown : `${formatClock(info.startTime)} (${formatAge(now - info.startTime)} ago)`;
	const limit = info.fdLimit === null ? '' : ` of ${info.fdLimit} (soft limit)`;
	return [
		{label: 'PID', value: String(info.pid)},
		{label: 'PPID', value: info.ppid === null ? unknown : String(info.ppid)},
		{label: 'User', value: `${sanitize(info.user)}${info.uid === null ? '' : ` (uid ${info.uid})`}`},
		...(netns === null || netns === HOST_NAMESPACE ? [] : [{label: 'Netns', value: sanitize(netns)}]),
		// The number a container's ps and logs know it by; the live header says just the number where the line is short.
		...(info.nsPid === undefined ? [] : [{label: 'NSpid', value: `${info.nsPid} (its PID in its own PID namespace)`, short: String(info.nsPid)}]),
		{label: 'Command', value: sanitize(info.command)},
		{label: 'Cmdline', value: formatCmdline(info.cmdline) ?? cmdlineAbsence(info)},
		{label: 'State', value: stateOf(info)},
		{label: 'Started', value: started},
		{label: 'Threads', value: info.threads === null ? unknown : String(info.threads)},
		{label: 'Cwd', value: info.cwd === null ? pathAbsence(info) : sanitize(info.cwd)},
		{label: 'Exe', value: info.exe === null ? pathAbsence(info) : sanitize(info.exe)},
		{
			label: 'Open FDs',
			// A capture lists sockets only: their count is not the process's open files.
			value:
				fds.isSocketsOnly && fds.count !== null
					? `${unknown} (the capture lists ${fds.count} socket${fds.count === 1 ? '' : 's'})`
					: `${fds.count ?? unknown}${limit}`,
		},
		...(fds.sockets === null || fds.sockets === undefined ? [] : [{label: 'Sockets', value: fds.sockets}]),
	];
}

/** Open fds: the directory's count when known, unknown when nothing could be listed; and whether they are sockets only. */
export function fdCountOf(detail: ProcessDetail): FdCount {
	const isSocketsOnly = detail.isSocketsOnly === true;
	const sockets = socketTally(detail.fds);
	if (detail.fdCount !== undefined) {
		return {count: detail.fdCount, isSocketsOnly, sockets};
	}

	return {count: detail.denied !== null && detail.fds.length === 0 ? null : detail.fds.length, isSocketsOnly, sockets};
}
