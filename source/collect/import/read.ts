import process from 'node:process';
import {mebibytes, readFailure, readFileUpTo, readUpTo} from '../read-limited.js';
import {UserError} from '../collector.js';

/**
 * The most --import reads. A 50,000-socket capture is ~10 MB and `lsof -F` of every
 * open file on a busy machine a few tens; past this it is no capture (/dev/zero, a
 * log, a disk image), and reading on would end in "Invalid string length".
 */
export const IMPORT_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * The text of a capture: FILE, or standard input for '-', read piece by piece up to
 * `limit` bytes. Invalid UTF-8 becomes U+FFFD (names are sanitized before display
 * anyway). Failures are UserErrors such as "cannot read FILE: no such file".
 */
export async function readImportText(file: string, limit: number = IMPORT_LIMIT_BYTES): Promise<string> {
	const name = file === '-' ? 'stdin' : file;
	let bytes: Buffer | null;
	try {
		bytes = await (file === '-' ? readUpTo(process.stdin, limit) : readFileUpTo(file, limit));
	} catch (error) {
		throw new UserError(`cannot read ${name}: ${readFailure(error)}`);
	}

	if (bytes === null) {
		throw new UserError(`cannot read ${name}: it is over ${mebibytes(limit)}, larger than any socket capture`);
	}

	return bytes.toString('utf8');
}
