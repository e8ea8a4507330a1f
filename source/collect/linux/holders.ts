/**
 * Who holds a given socket or pipe: a walk of every /proc/PID/fd, done only
 * when the PID view has a peer to name (a local TCP connection, a unix socket
 * pair, a pipe). The fd scan a snapshot does is the same walk; this one stops
 * looking at a link as soon as its text is known not to be wanted.
 */
import type {FdPeer} from '../../model/process.js';
import {parseFdinfoAccess} from './fd-link.js';
import {isFailure, readDirectory, readLink, readText} from './read.js';
import type {Slicer} from './slice.js';
import {mayBeZombieLeader, readZombieLeader} from './zombie-leader.js';

/** One holder; for pipes also which end it holds (O_ACCMODE from fdinfo), null when unknown. */
export type FoundHolder = FdPeer & {readonly access: number | null};

/** O_ACCMODE of one fd, from /proc/PID/fdinfo/FD; null when it cannot be read. */
export const readAccess = (pid: number | string, fd: number | string): number | null => readAccessAt(`/proc/${pid}`, fd);

/** readAccess under `base`: /proc/PID, or /proc/PID/task/TID for a zombie leader's thread. */
function readAccessAt(base: string, fd: number | string): number | null {
	const text = readText(`${base}/fdinfo/${fd}`);
	return isFailure(text) ? null : parseFdinfoAccess(text);
}

/** 'socket:[123]' / 'pipe:[123]' -> every (pid, fd) holding it, with the holder's command. */
export async function findHolders(links: ReadonlySet<string>, slicer: Slicer): Promise<Map<string, FoundHolder[]>> {
	const found = new Map<string, FoundHolder[]>();
	if (links.size === 0) {
		return found;
	}

	const pids = readDirectory('/proc');
	if (isFailure(pids)) {
		return found;
	}

	for (const name of pids) {
		if (!/^\d+$/.test(name)) {
			continue;
		}

		// Another user's process without root: EACCES, skipped (its ends stay unnamed).
		const listed = readDirectory(`/proc/${name}/fd`);
		// A zombie leader's fds are in its live threads' tables (zombie-leader.ts); only an empty or denied listing is asked.
		const zombie = mayBeZombieLeader(listed) ? readZombieLeader(name) : null;
		const tables =
			zombie !== null
				? zombie.tables.map(({task, fds}) => ({base: `/proc/${name}/task/${task}`, fds}))
				: isFailure(listed)
					? []
					: [{base: `/proc/${name}`, fds: listed}];
		let command: string | null | undefined;
		// The same (fd, link) in a second table of a zombie leader is not a second holder.
		const seen = zombie === null ? null : new Set<string>();
		for (const {base, fds} of tables) {
			for (const fd of fds) {
				const link = readLink(`${base}/fd/${fd}`);
				if (isFailure(link)) {
					// One denied link means all are (a process we may list but not inspect): skip the rest, each failure costs.
					if (link.kind === 'denied') break;
					continue;
				}

				if (!links.has(link) || seen?.has(`${fd} ${link}`) === true) {
					continue;
				}

				seen?.add(`${fd} ${link}`);
				if (command === undefined) {
					const comm = readText(`/proc/${name}/comm`);
					command = isFailure(comm) ? null : comm.replace(/\n$/, '');
				}

				const holders = found.get(link) ?? [];
				const access = link.startsWith('pipe:') ? readAccessAt(base, fd) : null;
				holders.push({command, pid: Number(name), fd: Number(fd), access});
				found.set(link, holders);
			}
		}

		if (slicer.isDue()) {
			await slicer.pause();
		}
	}

	return found;
}
