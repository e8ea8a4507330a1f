import {execFile} from 'node:child_process';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';

/**
 * An SSH link that stalls without dropping: the pty fills and no one reads it. socktop must still end
 * at once on a signal or q, not hang in a write until the link comes back (it wrote blocking, as Node
 * writes to a terminal, and Node handles signals and keys on the event loop the write held).
 */
const hasPython = spawnSync('python3', ['--version']).status === 0;
const canRun = process.platform === 'linux' && hasPython && isBuilt;
if (!canRun) {
	console.warn(`stalled-link: skipped, needs Linux, python3 and a build at ${cliPath}`);
}

const helper = fileURLToPath(new URL('../helpers/stalled-pty.py', import.meta.url));

type Stalled = {code: number | null; seconds: number; wchan: string; left: boolean};

async function stall(ending: string): Promise<Stalled> {
	return new Promise((resolve, reject) => {
		execFile('python3', [helper, ending, process.execPath, cliPath, '-d', '0.5'], {timeout: 120_000}, (error, stdout) => {
			if (error !== null) {
				reject(error);
				return;
			}

			resolve(JSON.parse(stdout) as Stalled);
		});
	});
}

describe.skipIf(!canRun)('a terminal that stops reading', () => {
	it.concurrent.each([
		{ending: 'SIGTERM', code: 143},
		{ending: 'SIGINT', code: 130},
		{ending: 'q', code: 0},
	])('$ending still ends socktop, with $code, within its second for the terminal to read the rest', async ({ending, code}) => {
		const stalled = await stall(ending);
		expect(stalled.wchan).not.toBe('wait_woken');
		expect(stalled.code).toBe(code);
		expect(stalled.seconds).toBeLessThan(3);
	});
});
