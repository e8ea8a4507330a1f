/**
 * The only file I/O of the /proc backend. Everything a scan expects to fail
 * (another user's process: EACCES/EPERM; a process or fd that went away:
 * ENOENT/ESRCH) comes back as a `Failure` value instead of an exception, so a
 * snapshot can count it and move on. Sync calls on purpose: on /proc each one
 * is a few microseconds of kernel time, and the promise API costs more than
 * the syscall (measured: ~3.5x slower for a /proc/<pid>/fd walk). Callers
 * keep the event loop responsive with a `Slicer`.
 */
import fs from 'node:fs';
import type {Slicer} from './slice.js';

/** Why a read failed. 'denied' and 'gone' are the expected ones. */
export type FailureKind = 'denied' | 'gone' | 'other';

export class Failure {
	constructor(
		readonly code: string,
		readonly kind: FailureKind,
	) {}
}

const known = new Map<string, Failure>();

function failureOf(error: unknown): Failure {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	if (typeof code !== 'string') {
		// Not an errno error: a bug, not something to count.
		throw error;
	}

	return failureFromCode(code);
}

/** The Failure for an errno name ('EACCES', 'ENOENT', ...), e.g. one a worker thread reported. */
export function failureFromCode(code: string): Failure {
	let failure = known.get(code);
	if (failure === undefined) {
		// ENOENT and ESRCH are how a vanished /proc/<pid> (or a closed fd) answers.
		const kind: FailureKind =
			code === 'EACCES' || code === 'EPERM' ? 'denied' : code === 'ENOENT' || code === 'ESRCH' ? 'gone' : 'other';
		failure = new Failure(code, kind);
		known.set(code, failure);
	}

	return failure;
}

/** True when a read helper returned a failure instead of data. */
export const isFailure = (value: unknown): value is Failure => value instanceof Failure;

/** Whole small file (/proc/<pid>/status, /etc/passwd) as UTF-8 text. */
export function readText(path: string): string | Failure {
	try {
		return fs.readFileSync(path, 'utf8');
	} catch (error) {
		return failureOf(error);
	}
}

/** One buffer for readHead: its callers read one small file at a time, and decode it at once. */
const head = Buffer.alloc(256);

/**
 * The first bytes of a file (at most 256) as text: what a caller needs of /proc/PID/fdinfo/N,
 * read once per fd, at a third of readText's cost (no fstat, no growing buffer).
 */
export function readHead(path: string): string | Failure {
	let handle: number | undefined;
	try {
		handle = fs.openSync(path, 'r');
		return head.toString('latin1', 0, fs.readSync(handle, head, 0, head.length, 0));
	} catch (error) {
		return failureOf(error);
	} finally {
		if (handle !== undefined) fs.closeSync(handle);
	}
}

/** Directory entry names, unsorted. */
export function readDirectory(path: string): string[] | Failure {
	try {
		return fs.readdirSync(path);
	} catch (error) {
		return failureOf(error);
	}
}

/** Target of a symlink, e.g. 'socket:[12345]' for /proc/<pid>/fd/<n>. */
export function readLink(path: string): string | Failure {
	try {
		return fs.readlinkSync(path);
	} catch (error) {
		return failureOf(error);
	}
}

/**
 * A file's stat (its inode and owner). A file that is not there (a process gone) is a Failure
 * without an exception, whose making costs more than the stat (measured on /proc: ~7 us, against 2-3).
 */
export function readStat(path: string): fs.Stats | Failure {
	try {
		return fs.statSync(path, {throwIfNoEntry: false}) ?? failureFromCode('ENOENT');
	} catch (error) {
		return failureOf(error);
	}
}

/** Inode number of a file (for /run/netns/<name>: the namespace it pins). */
export function readInode(path: string): number | Failure {
	try {
		return fs.statSync(path).ino;
	} catch (error) {
		return failureOf(error);
	}
}

/**
 * A large /proc table (/proc/net/tcp can be tens of MB), handed to `onText`
 * in pieces that each end on a line boundary, pausing through the slicer
 * between reads. The kernel's seq_file answers about one page per read() no
 * matter the buffer size, so pieces are joined up to ~256 KiB before parsing.
 * `encoding` 'latin1' hands over each byte as one char (/proc/net/unix: names are bytes).
 * Returns a Failure when the file cannot be opened or read.
 */
export async function readLines(
	path: string,
	slicer: Slicer,
	onText: (text: string) => void,
	encoding: 'utf8' | 'latin1' = 'utf8',
): Promise<Failure | undefined> {
	let fd: number;
	try {
		fd = fs.openSync(path, 'r');
	} catch (error) {
		return failureOf(error);
	}

	const buffer = Buffer.allocUnsafe(256 * 1024);
	// Bytes of an unfinished last line carried into the next piece (UTF-8 safe: split only at '\n').
	let carry: Buffer | null = null;
	try {
		for (;;) {
			let filled = 0;
			let count = 0;
			// Fill the buffer with as many page-sized reads as fit.
			while (filled < buffer.length - 8192) {
				count = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
				if (count === 0) break;
				filled += count;
			}

			const chunk: Buffer = carry === null ? buffer.subarray(0, filled) : Buffer.concat([carry, buffer.subarray(0, filled)]);
			const end = count === 0 ? chunk.length : chunk.lastIndexOf(10) + 1;
			if (end > 0) onText(chunk.toString(encoding, 0, end));
			carry = end < chunk.length ? Buffer.from(chunk.subarray(end)) : null;
			if (count === 0) {
				// EOF: a last line without '\n' was already passed on above.
				return undefined;
			}

			if (slicer.isDue()) await slicer.pause();
		}
	} catch (error) {
		return failureOf(error);
	} finally {
		fs.closeSync(fd);
	}
}
