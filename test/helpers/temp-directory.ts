import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

/**
 * A new directory for a test file's sockets and files, `socktop-<tag>-XXXXXX` in the system's
 * temporary one, removed with all it holds once the file's tests have run. Called at a file's top.
 */
export function tempDirectory(tag: string): string {
	const directory = mkdtempSync(path.join(tmpdir(), `socktop-${tag}-`));
	afterAll(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}
