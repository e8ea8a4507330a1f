import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {promisify} from 'node:util';
import {parseStatusRealUid} from './linux/owner.js';
import {loadUserNames} from './linux/users.js';
import {errorCode} from './read-limited.js';
import type {SignalAccess} from '../model/signal.js';

const run = promisify(execFile);

/**
 * Whether socktop may signal `pid` now: kill(pid, 0) sends nothing and answers as a real
 * signal would (ESRCH: gone; EPERM: another user's process, or one even root may not touch).
 * Asked when the kill dialog opens, so that the user learns it before choosing a signal;
 * sendSignal still checks again right before sending. Another error, unknown here, is left
 * for the send to report.
 */
export async function checkSignal(pid: number): Promise<SignalAccess> {
	try {
		process.kill(pid, 0);
		return {kind: 'allowed'};
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ESRCH') return {kind: 'exited'};
		if (code !== 'EPERM') return {kind: 'allowed'};
		return {kind: 'denied', owner: await readRealUser(pid), isRoot: process.getuid?.() === 0};
	}
}

/**
 * The user a process runs as (its real uid, which kill(2) compares), or null when it cannot be read.
 * Linux: the Uid line of /proc/PID/status, named from /etc/passwd (a uid without a name stays
 * a number, 'uid 1001'). Elsewhere: `ps -o ruser=`, which names it (or prints the number).
 */
async function readRealUser(pid: number): Promise<string | null> {
	if (process.platform === 'linux') {
		try {
			const uid = parseStatusRealUid(await readFile(`/proc/${pid}/status`, 'utf8'));
			if (uid === null) return null;
			const name = (await loadUserNames())(uid);
			return name === String(uid) ? `uid ${uid}` : name;
		} catch {
			return null;
		}
	}

	try {
		const {stdout} = await run('ps', ['-o', 'ruser=', '-p', String(pid)]);
		return stdout.trim() || null;
	} catch {
		return null;
	}
}
