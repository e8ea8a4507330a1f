import {closeSync, constants, createReadStream, openSync} from 'node:fs';
import process from 'node:process';
import {stat} from 'node:fs/promises';
import {sanitize} from '../format/escape.js';

/** The bytes of a stream, or null as soon as there are more than `limit` (the stream is then closed). */
export async function readUpTo(stream: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer | null> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += buffer.length;
		if (size > limit) {
			// Leaving the loop destroys the stream: an endless source stops being read here.
			return null;
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks);
}

/** What to do if opening a file takes long: a FIFO's open(2) waits for a writer. */
type SlowOpen = {readonly afterMs: number; readonly say: () => void};

/** Where a person may be told something: stderr, a terminal or not. */
export type Telling = NodeJS.WritableStream & {readonly isTTY?: boolean};

/** How long a FIFO may wait for a writer before a person on the terminal is told why nothing happens. */
export const FIFO_NOTICE_MS = 2000;

/** `path` as a shell word: quoted where a shell would split or expand it. */
const shellWord = (path: string) => (/^[\w./-]+$/u.test(path) ? path : `'${path.replaceAll("'", String.raw`'\''`)}'`);

/**
 * For readFileUpTo of `path` where it is a named FIFO, whose open(2) waits for a writer as cat's
 * does: after `afterMs` without one, a terminal on `stderr()` (asked then; null while none may be
 * written to: the live view has the screen) is told what socktop waits for, and `writer`, a
 * command that would write it; where stderr is null, `screen` is, in one line for the screen
 * ('/tmp/fifo is a FIFO: waiting for a writer (cat /etc/services > /tmp/fifo)'). null for anything
 * but a FIFO; a pipe of `<(ssh host ...)` has its writer, so it opens at once, however slow ssh is.
 */
export async function fifoWait(path: string, writer: string, stderr: () => Telling | null, afterMs = FIFO_NOTICE_MS, screen?: (line: string) => void): Promise<SlowOpen | null> {
	if ((await stat(path).catch(() => null))?.isFIFO() !== true) return null;
	const waiting = `${sanitize(path)} is a FIFO: waiting for a writer (${writer} > ${sanitize(shellWord(path))})`;
	return {
		afterMs,
		say() {
			const to = stderr();
			if (to === null) screen?.(waiting);
			else if (to.isTTY === true) to.write(`socktop: ${waiting}, as cat does; Ctrl-C stops\n`);
		},
	};
}

/**
 * A file's bytes read piece by piece, or null past `limit` bytes: `/dev/zero` or an
 * endless pipe stops there instead of filling memory. Rejects with the fs error (ENOENT ...).
 * `slowOpen.say` is called if the file is not open after `slowOpen.afterMs`.
 */
export async function readFileUpTo(path: string, limit: number, slowOpen: SlowOpen | null = null): Promise<Buffer | null> {
	const stream = createReadStream(path, {highWaterMark: 1024 * 1024});
	if (slowOpen !== null) {
		const timer = setTimeout(slowOpen.say, slowOpen.afterMs);
		// Node's exit waits for its threads, one of which is in the FIFO's open(2) until a writer
		// comes: q in the live view (whose --services FIFO had none) left socktop hung after the
		// screen was restored. At exit, socktop is that writer for an instant (a write-only open
		// that does not block, as a reader waits), so the open returns and the exit goes on.
		const release = () => {
			try {
				closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
			} catch {
				// Opened meanwhile, or gone: nothing waits.
			}
		};

		process.on('exit', release);
		const stop = () => {
			clearTimeout(timer);
			process.off('exit', release);
		};

		stream.once('open', stop).once('close', stop);
	}

	return readUpTo(stream, limit);
}

/** '256 MiB': a limit as the messages about it say it. */
export const mebibytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** Errno names a reader of a named file meets, in the words its messages use. */
const failureWords: Readonly<Record<string, string>> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'is a directory',
	ENOTDIR: 'not a directory',
	ELOOP: 'too many symbolic links',
};

/** A failed read's errno name ('ENOENT'), or '' when the error has none. */
export const errorCode = (error: unknown): string =>
	error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';

/**
 * Why a file could not be read, as socktop's messages say it: 'no such file' for ENOENT,
 * 'permission denied', 'is a directory', ...; another errno as its name (EIO), and an error
 * without one as its text.
 */
export function readFailure(error: unknown): string {
	const code = errorCode(error);
	return failureWords[code] ?? (code || String(error));
}
