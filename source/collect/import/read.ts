import process from 'node:process';
import {FIFO_NOTICE_MS, fifoWait, mebibytes, readFailure, readFileUpTo, readUpTo, type Telling} from '../read-limited.js';
import {UserError} from '../collector.js';

/**
 * The most --import reads. A 50,000-socket capture is ~10 MB and `lsof -F` of every
 * open file on a busy machine a few tens; past this it is no capture (/dev/zero, a
 * log, a disk image), and reading on would end in "Invalid string length".
 */
const IMPORT_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * The text of a capture: FILE, or standard input for '-', read piece by piece up to
 * `limit` bytes. Invalid UTF-8 becomes U+FFFD (names are sanitized before display
 * anyway). Failures are UserErrors such as "cannot read FILE: no such file". A terminal on
 * `stdin`, or on `stderr` while FILE waits for a writer, is told on `stderr` what socktop waits for.
 */
export async function readImportText(
	file: string,
	limit: number = IMPORT_LIMIT_BYTES,
	stdin: NodeJS.ReadableStream & {readonly isTTY?: boolean} = process.stdin,
	stderr: Telling = process.stderr,
	fifoNoticeMs = FIFO_NOTICE_MS,
): Promise<string> {
	const name = file === '-' ? 'stdin' : file;
	// A terminal on stdin (`socktop --import -` typed alone) would wait in silence: say for what, as `python -` does not.
	if (file === '-' && stdin.isTTY === true) {
		stderr.write('socktop: reading a capture from stdin until Ctrl-D (or pipe one: ss -tunap | socktop --import -)\n');
	}

	let bytes: Buffer | null;
	try {
		// A named FIFO no one writes to blocks open(2), as it does cat: wait too, and say so (fifoWait).
		bytes = await (file === '-' ? readUpTo(stdin, limit) : readFileUpTo(file, limit, await fifoWait(file, 'ss -tunap', () => stderr, fifoNoticeMs)));
	} catch (error) {
		throw new UserError(`cannot read ${name}: ${readFailure(error)}`);
	}

	if (bytes === null) {
		throw new UserError(`cannot read ${name}: it is over ${mebibytes(limit)}, larger than any socket capture`);
	}

	return bytes.toString('utf8');
}
