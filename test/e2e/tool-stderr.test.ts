import {chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {builtCli, runCli} from '../helpers/run-cli.js';

/**
 * What lsof or sockstat says on stderr reaches the header and the --once note: a tool found
 * on PATH may print an escape there (an OSC that retitles the terminal). Fake tools first on
 * PATH print one and fail; socktop must keep it as text, never as the escape, in
 * skipped.unreadableTables, which the header and the --once note print as given.
 */
const isBuilt = existsSync(builtCli);
const canRun = process.platform !== 'win32' && isBuilt;
if (!canRun) console.warn(`tool-stderr: skipped, needs ${builtCli} (npm run build)`);

const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-fake-tools-'));
for (const tool of ['lsof', 'sockstat']) {
	const file = path.join(directory, tool);
	writeFileSync(file, "#!/bin/sh\nprintf '\\033]2;PWNED\\007 went wrong\\n' >&2\nexit 1\n");
	chmodSync(file, 0o755);
}

afterAll(() => rmSync(directory, {recursive: true, force: true}));

const env = {PATH: `${directory}:${process.env['PATH'] ?? ''}`};

describe.skipIf(!canRun)('a backend tool\'s stderr', () => {
	for (const backend of ['lsof', 'sockstat']) {
		it(`from ${backend} is printed as text, not as the escape it holds`, async () => {
			// The --once note goes to a terminal's stderr only; --json carries the same line.
			const json = await runCli(['--backend', backend, '--json'], {env});
			const document = JSON.parse(json.stdout) as {skipped: {unreadableTables: string[]}};
			expect(document.skipped.unreadableTables).toContain('\\x1b]2;PWNED\\x07 went wrong');
		});
	}
});
