import {createReadStream} from 'node:fs';
import process from 'node:process';
import {UserError} from '../collector.js';

const reasons: Readonly<Record<string, string>> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'is a directory',
	ENOTDIR: 'not a directory',
	ELOOP: 'too many symbolic links',
};

/**
 * The most --import reads. A 50,000-socket capture is ~10 MB and `lsof -F` of every
 * open file on a busy machine a few tens; past this it is no capture (/dev/zero, a
 * log, a disk image), and reading on would end in "Invalid string length".
 */
export const IMPORT_LIMIT_BYTES = 256 * 1024 * 1024;

const mebibytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** The bytes of a stream, or null as soon as there are more than `limit` (the stream is then closed). */
async function readUpTo(stream: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer | null> {
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

/**
 * The text of a capture: FILE, or standard input for '-', read piece by piece up to
 * `limit` bytes. Invalid UTF-8 becomes U+FFFD (names are sanitized before display
 * anyway). Failures are UserErrors such as "cannot read FILE: no such file".
 */
export async function readImportText(file: string, limit: number = IMPORT_LIMIT_BYTES): Promise<string> {
	const name = file === '-' ? 'stdin' : file;
	let bytes: Buffer | null;
	try {
		bytes = await readUpTo(file === '-' ? process.stdin : createReadStream(file, {highWaterMark: 1024 * 1024}), limit);
	} catch (error) {
		const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
		throw new UserError(`cannot read ${name}: ${reasons[code] ?? (code || String(error))}`);
	}

	if (bytes === null) {
		throw new UserError(`cannot read ${name}: it is over ${mebibytes(limit)}, larger than any socket capture`);
	}

	return bytes.toString('utf8');
}
