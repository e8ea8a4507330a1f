import {byFd, type FdType, type FileDescriptor, type ProcessDetail, type ProcessInfo} from '../../model/process.js';
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

function toDescriptor(process: LsofProcess, file: LsofFile, fd: number): FileDescriptor {
	const socket = fileToSocket(process, file);
	const type = fdTypeOf(file);
	// Sockets are named as /proc/PID/fd shows them when lsof knows the inode.
	const target = socket !== null && socket.inode !== null && socket.inode > 0 ? `socket:[${socket.inode}]` : (file.name ?? '');
	return {fd, type, target, socket};
}

const nameOf = (process: LsofProcess, fd: string): string | null =>
	process.files.find(file => file.fd === fd && !isDenied(file))?.name ?? null;

/**
 * A ProcessDetail from `lsof -nP -F pcuLRftaPnTdi0 -p PID` output. `startToken`
 * comes from the caller (it is read from ps or /proc, not from lsof).
 */
export function lsofProcessDetail(text: string, pid: number, time: number, startToken: string | null): ProcessDetail {
	const process = parseLsofFields(text).processes.find(candidate => candidate.pid === pid);
	if (process === undefined) {
		return {time, process: null, fds: [], denied: null};
	}

	const fds: FileDescriptor[] = [];
	let deniedCount = 0;
	for (const file of process.files) {
		if (isDenied(file)) {
			deniedCount++;
			continue;
		}

		const fd = /^\d{1,10}$/.test(file.fd) ? Number(file.fd) : null;
		if (fd !== null) {
			fds.push(toDescriptor(process, file, fd));
		}
	}

	fds.sort(byFd);
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
	return {time, process: info, fds, denied};
}
