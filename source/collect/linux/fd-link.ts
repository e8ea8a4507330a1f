import type {FdType} from '../../model/process.js';

/**
 * What a /proc/PID/fd/N link says the fd is. Takes the readlink text and,
 * when it could be read, the st_mode of the file behind the fd (stat through
 * the magic link, which works even for deleted files).
 *
 * Real link texts (kernel 6.1):
 *   socket:[27346]            pipe:[88210]
 *   anon_inode:[eventpoll]    anon_inode:[eventfd]    anon_inode:[timerfd]
 *   anon_inode:inotify        anon_inode:[signalfd]   anon_inode:[pidfd]
 *   /memfd:wayland-shm (deleted)
 *   /dev/pts/0   /var/log/syslog   /tmp/x (deleted)
 *   net:[4026531840]          (namespace fds from setns users)
 */

export type FdLink = {
	readonly type: FdType;
	/** Inode for socket:[n] and pipe:[n]; null otherwise. */
	readonly inode: number | null;
};

const S_IFMT = 0o170_000;
const modeTypes = new Map<number, FdType>([
	[0o140_000, 'socket'],
	[0o100_000, 'file'],
	[0o060_000, 'block'],
	[0o040_000, 'dir'],
	[0o020_000, 'char'],
	[0o010_000, 'fifo'],
]);

const socketPrefix = 'socket:[';

/** 'socket:[123]' -> 123; 0 for any other link. The fd walk's test of every link: a prefix, not classifyFdLink's regex. */
export const parseSocketLink = (target: string): number => (target.startsWith(socketPrefix) ? Number(target.slice(socketPrefix.length, -1)) : 0);

/** Classify one fd link. */
export function classifyFdLink(link: string, mode: number | null): FdLink {
	const bracketed = /^(socket|pipe):\[(\d+)\]$/.exec(link);
	if (bracketed !== null) {
		return {type: bracketed[1] === 'socket' ? 'socket' : 'pipe', inode: Number(bracketed[2])};
	}

	if (link.startsWith('anon_inode:')) {
		return {type: 'anon', inode: null};
	}

	// memfd_create(2) names show as a deleted file under '/memfd:'.
	if (link.startsWith('/memfd:')) {
		return {type: 'memfd', inode: null};
	}

	if (!link.startsWith('/')) {
		return {type: 'unknown', inode: null};
	}

	const type = mode === null ? undefined : modeTypes.get(mode & S_IFMT);
	return {type: type ?? 'unknown', inode: null};
}

/**
 * The access mode (O_ACCMODE: 0 read, 1 write, 2 read-write) from /proc/PID/fdinfo/N,
 * which tells a pipe's read end from its write end (the link text is the same for both).
 *   pos:	0
 *   flags:	0100000
 *   mnt_id:	15
 */
export function parseFdinfoAccess(text: string): number | null {
	const match = /^flags:\s*([0-7]+)\s*$/m.exec(text);
	return match?.[1] === undefined ? null : Number.parseInt(match[1], 8) & 3;
}
