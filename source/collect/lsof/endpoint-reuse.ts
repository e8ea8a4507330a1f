import type {ProcessDetail} from '../../model/process.js';
import {socketInode} from '../../model/types.js';
import {isExtendedByPlusE} from './endpoints.js';
import type {LsofFile, LsofProcess} from './fields.js';
import {fileToSocket} from './sockets.js';

/**
 * What one `lsof +E -p PID` of the PID view found, kept so that the next refreshes can run
 * `lsof -p PID` without +E (index.ts says when): its output stands for a new +E read while it
 * shows the same files in PID's fds that +E extends (reuseEndpoints), and every peer shown
 * still holds its end (peersHeld).
 */
export type EndpointRead = {
	readonly pid: number;
	readonly startToken: string | null;
	/** When it was read, by the collector's clock. */
	readonly time: number;
	/** The +E output: PID's record, and the endpoints' processes with their files at the other ends. */
	readonly processes: readonly LsofProcess[];
	/**
	 * The fds of other processes the PID view named as peers, each with what its /proc/PID/fd
	 * link reads while it holds that end (`pipe:[33746436]`, `socket:[34545546]`); null where
	 * lsof's fields do not tell it, which no later check can confirm.
	 */
	readonly peers: ReadonlyArray<{readonly pid: number; readonly fd: number; readonly link: string | null}>;
};

/** What readlink(/proc/PID/fd/FD) reads for an lsof file: a socket by its inode, an anonymous pipe by its own. */
function linkOf(process: LsofProcess, file: LsofFile): string | null {
	const socket = fileToSocket(process, file);
	const inode = socket === null ? null : socketInode(socket);
	if (inode !== null) return `socket:[${inode}]`;
	return file.type === 'FIFO' && file.inode !== null && /^\d{1,10}$/u.test(file.inode) ? `pipe:[${file.inode}]` : null;
}

/** The EndpointRead of a +E output and the detail made of it; null when PID is not in it (gone). */
export function endpointRead(processes: readonly LsofProcess[], detail: ProcessDetail, pid: number, startToken: string | null, time: number): EndpointRead | null {
	if (!processes.some(each => each.pid === pid)) return null;
	// PID's own fds are checked with its record: only other processes' need a look.
	const peers = detail.fds.flatMap(fd => [...(fd.peer ? [fd.peer] : []), ...(fd.morePeers ?? [])]).filter(peer => peer.pid !== pid && peer.fd !== null);
	return {
		pid,
		startToken,
		time,
		processes,
		peers: peers.map(peer => {
			const process = processes.find(each => each.pid === peer.pid);
			const file = process?.files.find(each => each.fd === String(peer.fd));
			return {pid: peer.pid, fd: peer.fd!, link: process === undefined || file === undefined ? null : linkOf(process, file)};
		}),
	};
}

/** True while every peer the read showed still holds its end; `readFdLink` reads /proc/PID/fd/FD, null when it cannot (closed, exited). */
export const peersHeld = (read: EndpointRead, readFdLink: (pid: number, fd: number) => string | null): boolean =>
	read.peers.every(peer => peer.link !== null && readFdLink(peer.pid, peer.fd) === peer.link);

const isNumbered = (file: LsofFile): boolean => /^\d{1,10}$/u.test(file.fd);

/** The files of a record whose NAME +E extends, by fd. */
const extendedFiles = (process: LsofProcess): Map<string, LsofFile> =>
	new Map(process.files.filter(file => isNumbered(file) && isExtendedByPlusE(file.type)).map(file => [file.fd, file]));

/** The same open file: a pipe's inode, a socket's (lsof prints an inet socket's as its DEVICE), opened the same way. */
const isSameFile = (a: LsofFile, b: LsofFile): boolean =>
	a.type === b.type && a.device === b.device && a.inode === b.inode && a.access === b.access;

/** +E only appends to a NAME: `pipe` becomes `pipe 22412,,1w`, `type=STREAM` `type=STREAM ->INO=59378 8769,,26u`. */
const isExtensionOf = (extended: string | null, plain: string | null): boolean =>
	extended === plain || (extended !== null && plain !== null && extended.startsWith(`${plain} `));

/**
 * The processes of the +E read with PID's record as `lsof -p PID` prints it now (`fresh`), its fds
 * that +E extends named as +E named them; null when PID's fds that +E extends are other files
 * than +E saw (one opened or closed, or its number reused), as then their ends are not known.
 */
export function reuseEndpoints(read: EndpointRead, fresh: LsofProcess): LsofProcess[] | null {
	const before = extendedFiles(read.processes.find(each => each.pid === read.pid)!);
	const after = extendedFiles(fresh);
	if (after.size !== before.size) return null;
	for (const [fd, file] of after) {
		const old = before.get(fd);
		if (old === undefined || !isSameFile(old, file) || !isExtensionOf(old.name, file.name)) return null;
	}

	const mine = {...fresh, files: fresh.files.map(file => (after.has(file.fd) ? {...file, name: before.get(file.fd)!.name} : file))};
	return [mine, ...read.processes.filter(each => each.pid !== read.pid)];
}
