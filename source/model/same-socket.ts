import type {FileDescriptor} from './process.js';

/** The socket an fd holds as /proc/PID/fd names it (`socket:[N]`); null for other fds, and for a socket whose inode is not known. */
const socketFileOf = (fd: FileDescriptor): string | null => (fd.type === 'socket' && /^socket:\[\d+\]$/u.test(fd.target) ? fd.target : null);

/**
 * `fds` with FileDescriptor.sameSocketAs on each fd that holds the same socket as a lower fd of
 * the process (dup(), dup2(), or the socket inherited twice): the lowest such fd. One socket on
 * fds 3, 5 and 1000 is one socket, said once and counted once.
 */
export function markSameSockets(fds: readonly FileDescriptor[]): FileDescriptor[] {
	const lowest = new Map<string, number>();
	for (const fd of fds) {
		const file = socketFileOf(fd);
		if (file === null || fd.fd === null) continue;
		const known = lowest.get(file);
		if (known === undefined || fd.fd < known) lowest.set(file, fd.fd);
	}

	return fds.map(fd => {
		const file = socketFileOf(fd);
		const first = file === null ? undefined : lowest.get(file);
		return first === undefined || first === fd.fd ? fd : {...fd, sameSocketAs: first};
	});
}

/** '; the same socket as fd 3 (dup()/dup2() or inherited twice)' for an fd markSameSockets marked; '' for any other. */
export const sameSocketPhrase = (fd: Pick<FileDescriptor, 'sameSocketAs'>): string =>
	fd.sameSocketAs === undefined ? '' : `; the same socket as fd ${fd.sameSocketAs} (dup()/dup2() or inherited twice)`;
