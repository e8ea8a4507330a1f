import type {Filters} from '../options.js';
import {applyFilters} from './filter.js';
import {describeFilters} from './filter-words.js';
import {packetRowOf} from './other-socket.js';
import type {FileDescriptor, ProcessInfo} from './process.js';
import type {Socket} from './types.js';

/**
 * `--pid N` with the table's socket filters (-4 -6 -u -l -c -L -p -P --user), read as
 * `lsof -a -p N -i` reads its options: they narrow which fds are listed, to the socket fds
 * the table would list under them, a packet socket's too (its `other`, judged as its table row).
 * Every other fd (files, pipes, netlink sockets, which no table row is) is hidden while one is
 * in force, and the view says how many.
 */
export type FdFilter = {
	/** The filters in force, in the live header's words ('listening', 'port 443'). */
	readonly active: readonly string[];
	/** The fds that pass, in their order. */
	readonly fds: readonly FileDescriptor[];
	/** How many of the fds read they hide. */
	readonly hidden: number;
};

/**
 * Not --netns: a process's sockets are in its own namespace, which the table's default (the
 * host's, without root) would hide whole. Not the live view's `/` text, which --pid never sets.
 */
const socketFiltersOf = (filters: Filters): Filters => ({...filters, netns: 'all', text: ''});

/** The process the fds are of, for a packet fd's row (--user). */
type Holder = Pick<ProcessInfo, 'user' | 'uid' | 'command' | 'pid'> | null;

/** `fds` under the socket filters of `filters`; null when none is in force (every fd is listed). */
export function filterFds(fds: readonly FileDescriptor[], filters: Filters | undefined, holder: Holder = null): FdFilter | null {
	if (filters === undefined) return null;
	const socketFilters = socketFiltersOf(filters);
	const active = describeFilters(socketFilters);
	if (active.length === 0) return null;
	const rows = new Map<FileDescriptor, Socket>();
	for (const fd of fds) {
		const row = fd.socket ?? packetRowOf(fd, holder);
		if (row !== null) rows.set(fd, row);
	}

	const kept = new Set(applyFilters([...rows.values()], socketFilters));
	const shown = fds.filter(fd => rows.has(fd) && kept.has(rows.get(fd)!));
	return {active, fds: shown, hidden: fds.length - shown.length};
}

/**
 * The line that says so: 'Filters in force: listening, port 443; they hide 12 of the 15 fds read';
 * of a process whose fds could not be read, only the filters (the view says why none were read).
 */
export const fdFilterNote = (filter: FdFilter): string =>
	filter.fds.length + filter.hidden === 0
		? `Filters in force: ${filter.active.join(', ')} (no fds were read)`
		: `Filters in force: ${filter.active.join(', ')}; they hide ${filter.hidden} of the ${filter.fds.length + filter.hidden} fds read`;
