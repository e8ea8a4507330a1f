/**
 * Who holds a given socket or pipe: a walk of every /proc/PID/fd, done only
 * when the PID view has a peer to name (a local TCP connection, a unix socket
 * pair, a pipe). The fd scan a snapshot does is the same walk; this one stops
 * looking at a link as soon as its text is known not to be wanted.
 */
import type {FdPeer} from '../../model/process.js';
import {parseFdinfoAccess} from './fd-link.js';
import {listPids} from './fds.js';
import {isFailure, readHead, readLink, readText} from './read.js';
import type {Slicer} from './slice.js';
import {procBase, readFdTables, type FdTables} from './zombie-leader.js';

/** One holder; for pipes also which end it holds (O_ACCMODE from fdinfo), null when unknown. */
export type FoundHolder = FdPeer & {readonly access: number | null};

/** O_ACCMODE of one fd, from /proc/PID/fdinfo/FD (under procBase for a zombie leader's thread `task`); null when it cannot be read. */
export function readAccess(pid: number | string, fd: number | string, task: string | null = null): number | null {
	const text = readHead(`${procBase(pid, task)}/fdinfo/${fd}`);
	return isFailure(text) ? null : parseFdinfoAccess(text);
}

/** Open modes already read, of one process's fds: by 'FD LINK', so a fd since reopened on another file is read again. */
export type KnownAccess = {readonly pid: number; readonly access: ReadonlyMap<string, number | null>};

/**
 * 'socket:[123]' / 'pipe:[123]' -> every (pid, fd) holding it, with the holder's command. A pipe's
 * open mode is read from its fdinfo, but for the fds `known` has (the viewed process's, just read).
 */
export async function findHolders(links: ReadonlySet<string>, slicer: Slicer, known?: KnownAccess): Promise<Map<string, FoundHolder[]>> {
	const found = new Map<string, FoundHolder[]>();
	if (links.size === 0) {
		return found;
	}

	for (const name of listPids()) {
		// Another user's process without root: EACCES, skipped (its ends stay unnamed).
		const tables = readFdTables(name);
		if (!isFailure(tables)) addHolders(name, tables, links, found, known?.pid === Number(name) ? known.access : undefined);
		if (slicer.isDue()) {
			await slicer.pause();
		}
	}

	return found;
}

/** Add to `found` each fd of `pid`'s tables whose link is one of `links`; `known`: the modes of its fds already read (KnownAccess). */
function addHolders(pid: string, tables: FdTables, links: ReadonlySet<string>, found: Map<string, FoundHolder[]>, known?: ReadonlyMap<string, number | null>): void {
	let command: string | null | undefined;
	// The same (fd, link) in a second table of a zombie leader is not a second holder.
	const seen = tables.length === 1 ? null : new Set<string>();
	for (const {task, directory, fds} of tables) {
		for (const fd of fds) {
			const link = readLink(directory + fd);
			if (isFailure(link)) {
				// One denied link means all are (a process we may list but not inspect): skip the rest, each failure costs.
				if (link.kind === 'denied') break;
				continue;
			}

			const end = `${fd} ${link}`;
			if (!links.has(link) || seen?.has(end) === true) {
				continue;
			}

			seen?.add(end);
			if (command === undefined) {
				const comm = readText(`/proc/${pid}/comm`);
				command = isFailure(comm) ? null : comm.replace(/\n$/, '');
			}

			const holders = found.get(link) ?? [];
			const access = !link.startsWith('pipe:') ? null : known?.has(end) === true ? (known.get(end) ?? null) : readAccess(pid, fd, task);
			holders.push({command, pid: Number(pid), fd: Number(fd), access});
			found.set(link, holders);
		}
	}
}
