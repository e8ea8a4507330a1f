import {spawnSync} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const ab = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/ab.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [ab, ...args], {encoding: 'utf8'});

describe('bench/ab.mjs', () => {
	it('runs each command the given number of times and prints a row per command', () => {
		const {status, stdout} = run('--runs', '3', 'true', `${process.execPath} -e 0`);
		expect(status).toBe(0);
		const rows = stdout.trim().split('\n').slice(2);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatch(/^\| true \| [\d.]+ \| [\d.]+ \| 3 \|$/);
		expect(rows[1]).toContain(`| ${process.execPath} -e 0 |`);
	});

	it('fails with the usage line when given no command or a bad run count', () => {
		for (const args of [[], ['--runs', 'x', 'true']]) {
			const {status, stderr} = run(...args);
			expect(status).toBe(2);
			expect(stderr).toMatch(/^usage: node bench\/ab\.mjs/);
		}
	});
});
