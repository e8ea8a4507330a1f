import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {promisify} from 'node:util';
import {parseStatusRealUid} from './linux/owner.js';
import {parseProcStat} from './linux/proc-stat.js';
import {loadUserNames} from './linux/users.js';
import {errorCode} from './read-limited.js';
import {toolEnvironment} from './tool-path.js';
import {isZombie} from '../model/process.js';
import type {SignalAccess, ZombieParent} from '../model/signal.js';

const run = promisify(execFile);

/**
 * Whether socktop may signal `pid` now: kill(pid, 0) sends nothing and answers as a real
 * signal would (ESRCH: gone; EPERM: another user's process, or one even root may not touch).
 * It succeeds on a zombie too, which no signal moves, so Linux's /proc/PID/stat is read to tell
 * one (`platform` is for tests; elsewhere there is no /proc and a zombie stays `allowed`).
 * Asked when the kill dialog opens, so that the user learns it before choosing a signal;
 * sendSignal still checks again right before sending. Another error, unknown here, is left
 * for the send to report.
 */
export async function checkSignal(pid: number, platform: NodeJS.Platform = process.platform): Promise<SignalAccess> {
	let code: string | undefined;
	try {
		process.kill(pid, 0);
	} catch (error) {
		code = errorCode(error);
		if (code === 'ESRCH') return {kind: 'exited'};
	}

	// Before EPERM: another user's zombie has exited all the same, and running as them would not help.
	const zombie = platform === 'linux' ? await readZombie(pid) : null;
	if (zombie !== null) return zombie;
	if (code !== 'EPERM') return {kind: 'allowed'};
	return {kind: 'denied', owner: await readRealUser(pid), isRoot: process.getuid?.() === 0};
}

/**
 * `zombie` with its parent when /proc/PID/stat says Z, else null (not a zombie, a zombie leader whose
 * threads run on, or unreadable). The parent's command is its /proc/PPID/comm, null when unreadable.
 */
async function readZombie(pid: number): Promise<SignalAccess | null> {
	let stat;
	try {
		// Sync, as readProcessIdentity reads: not queued behind a refresh's fd walk in the thread pool.
		stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return null;
	}

	if (stat === null || !isZombie(stat)) return null;
	// PID 0: no parent in this PID namespace (the zombie is the namespace's init, or its parent is outside).
	if (stat.ppid === 0) return {kind: 'zombie', parent: null};
	let command: string | null;
	try {
		command = readFileSync(`/proc/${stat.ppid}/comm`, 'utf8').replace(/\n$/, '') || null;
	} catch {
		command = null;
	}

	const parent: ZombieParent = {pid: stat.ppid, command};
	return {kind: 'zombie', parent};
}

/**
 * The user a process runs as (its real uid, which kill(2) compares), or null when it cannot be read.
 * Linux: the Uid line of /proc/PID/status, named from /etc/passwd (a uid without a name stays
 * a number, 'uid 1001'). Elsewhere: `ps -o ruser=`, which names it (or prints the number).
 */
async function readRealUser(pid: number): Promise<string | null> {
	if (process.platform === 'linux') {
		try {
			const uid = parseStatusRealUid(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (uid === null) return null;
			const name = (await loadUserNames())(uid);
			return name === String(uid) ? `uid ${uid}` : name;
		} catch {
			return null;
		}
	}

	try {
		const {stdout} = await run('ps', ['-o', 'ruser=', '-p', String(pid)], {env: toolEnvironment()});
		return stdout.trim() || null;
	} catch {
		return null;
	}
}
