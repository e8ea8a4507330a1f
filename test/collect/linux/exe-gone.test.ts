import {spawn} from 'node:child_process';
import {copyFileSync, renameSync, unlinkSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcessInfo} from '../../../source/collect/linux/process-info.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A process whose program file was replaced since it started, as a package upgrade replaces
 * /usr/sbin/nginx under a running nginx: /proc/PID/exe reads '… (deleted)', and the PID view
 * should say that it runs the old program. Real processes, run from a copy of sleep(1).
 */
const isLinux = process.platform === 'linux';
if (!isLinux) console.warn('exeGone tests skipped: they read /proc (Linux only)');
const directory = tempDirectory('exe');

/** A copy of sleep(1) at `name` in the test's directory, started; killed when the test ends. */
async function runCopy(name: string): Promise<{readonly pid: number; readonly file: string}> {
	const file = path.join(directory, name);
	copyFileSync('/bin/sleep', file);
	const child = spawn(file, ['60'], {stdio: 'ignore'});
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	// Until the exec has happened: /proc/PID/exe is the copy, not node.
	for (let tries = 0; readProcessInfo(child.pid!, String)?.exe?.startsWith(file) !== true && tries < 100; tries++) await sleep(10);
	return {pid: child.pid!, file};
}

describe.skipIf(!isLinux)('ProcessInfo.exeGone', () => {
	it('is replaced when a new file was renamed over the program, as an upgrade does', async () => {
		const {pid, file} = await runCopy('server');
		copyFileSync('/bin/sleep', `${file}.new`);
		renameSync(`${file}.new`, file);
		const info = readProcessInfo(pid, String);
		expect(info?.exe).toBe(`${file} (deleted)`);
		expect(info?.exeGone).toBe('replaced');
	});

	it('is removed when nothing is at its path any more', async () => {
		const {pid, file} = await runCopy('gone');
		unlinkSync(file);
		expect(readProcessInfo(pid, String)?.exeGone).toBe('removed');
	});

	it('is absent while the program is on disk, even one named "… (deleted)"', async () => {
		const {pid, file} = await runCopy('named (deleted)');
		const info = readProcessInfo(pid, String);
		expect(info?.exe).toBe(file);
		expect(info).not.toHaveProperty('exeGone');
	});
});
