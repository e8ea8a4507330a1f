import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../../source/collect/collector.js';
import {checkInstalled, runTool, stderrLine} from '../../../source/collect/lsof/run-tool.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

const directory = tempDirectory('run-tool');
const missing = (command: string) => `${command} not found`;

describe('checkInstalled', () => {
	it('finds an executable file in a PATH directory, as spawning it would', async () => {
		writeFileSync(path.join(directory, 'tool'), '#!/bin/sh\n');
		chmodSync(path.join(directory, 'tool'), 0o755);
		await expect(checkInstalled('tool', missing, `/nonexistent${path.delimiter}${directory}`)).resolves.toBeUndefined();
	});

	it('throws the one-line UserError for a missing tool, a file that is not executable, or a directory', async () => {
		writeFileSync(path.join(directory, 'plain'), '');
		chmodSync(path.join(directory, 'plain'), 0o644);
		for (const command of ['absent', 'plain', '.']) {
			await expect(checkInstalled(command, missing, directory)).rejects.toEqual(new UserError(`${command} not found`));
		}
	});
});

describe('stderrLine', () => {
	it('keeps the first line only, its controls made visible', () => {
		expect(stderrLine({stderr: '\u001B]2;PWNED\u0007 bad\nsecond line\n'})).toBe('\\x1b]2;PWNED\\x07 bad');
		expect(stderrLine({stderr: ''})).toBe('');
	});
});

describe('runTool', () => {
	it('reports a tool killed mid-run as a failed run, not a user error (exit 1, not 2)', async () => {
		const failure = await runTool(missing)('sh', ['-c', 'kill -9 $$']).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(Error);
		expect(failure).not.toBeInstanceOf(UserError);
		expect((failure as Error).message).toBe('sh failed: sh was killed (SIGKILL)');
	});
});
