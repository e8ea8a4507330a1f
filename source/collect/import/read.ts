import {readFile} from 'node:fs/promises';
import process from 'node:process';
import {UserError} from '../collector.js';

const reasons: Readonly<Record<string, string>> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'is a directory',
	ENOTDIR: 'not a directory',
	ELOOP: 'too many symbolic links',
};

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	}

	return Buffer.concat(chunks).toString('utf8');
}

/**
 * The text of a capture: FILE, or standard input for '-'. Invalid UTF-8 becomes
 * U+FFFD (names are sanitized before display anyway). Failures are UserErrors
 * such as "cannot read FILE: no such file".
 */
export async function readImportText(file: string): Promise<string> {
	if (file === '-') {
		return readStdin();
	}

	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
		throw new UserError(`cannot read ${file}: ${reasons[code] ?? (code || String(error))}`);
	}
}
