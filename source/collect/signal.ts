import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {promisify} from 'node:util';
import {parseProcStat} from './linux/proc-stat.js';
import {errorCode} from './read-limited.js';
import {toolEnvironment} from './tool-path.js';

import type {ProcessIdentity, SignalName, SignalResult} from '../model/signal.js';

// The names and shapes are the model's; re-exported for callers that import them from here.
export {SIGNALS, type ProcessIdentity, type SignalName, type SignalResult} from '../model/signal.js';

/** /proc/PID/stat counts in USER_HZ, which Linux fixes at 100 for userspace on every architecture it exposes it to. */
const USER_HZ = 100;

const run = promisify(execFile);

/**
 * Read a PID's start token now; null when the process is gone.
 * Linux: field 22 of /proc/PID/stat (clock ticks after boot), the same token
 * readProcessDetail reports. Elsewhere (lsof/sockstat backends on macOS, FreeBSD):
 * `ps -o lstart=`, a start time to the second, which with the PID is unique enough.
 */
export async function readProcessIdentity(pid: number): Promise<ProcessIdentity | null> {
	if (process.platform === 'linux') {
		try {
			// Read at once, not through libuv's thread pool: a refresh's fd walk may fill it for seconds on a
			// busy host, and the kill dialog (and the check right before a signal) would wait behind it.
			const statText = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const uptimeText = readFileSync('/proc/uptime', 'utf8');
			const stat = parseProcStat(statText);
			// "350735.47 1370604.85": seconds since boot, on the same clock as the start ticks.
			const uptime = Number(uptimeText.split(' ')[0]);
			const ageMs = Number.isFinite(uptime) && stat !== null ? uptime * 1000 - (Number(stat.startTicks) * 1000) / USER_HZ : null;
			return stat === null ? null : {startToken: stat.startTicks, command: stat.comm, ageMs};
		} catch {
			return null;
		}
	}

	try {
		// In the C locale: strftime writes lstart in the user's (French: "ven. 27 nov. 03:29:03 2026"), which Date.parse does not read.
		const {stdout} = await run('ps', ['-o', 'lstart=', '-o', 'comm=', '-p', String(pid)], {env: {...toolEnvironment(), LC_ALL: 'C'}});
		// "Fri Nov 27 03:29:03 2026 /usr/sbin/sshd": lstart is always 5 words.
		const words = stdout.trim().split(/\s+/);
		if (words.length < 5) {
			return null;
		}

		return {startToken: words.slice(0, 5).join(' '), command: words.slice(5).join(' ') || null};
	} catch {
		// Ps exits 1 when the PID does not exist.
		return null;
	}
}

/**
 * Send `signal` to `pid`, but only if the PID still belongs to the process the
 * user saw: the start token is re-read immediately before process.kill and must
 * equal `startToken`. A null token cannot be verified, so nothing is sent.
 * Failures (gone, reused, EPERM) come back as messages, never thrown.
 */
export async function sendSignal(pid: number, signal: SignalName, startToken: string | null): Promise<SignalResult> {
	if (!Number.isSafeInteger(pid) || pid <= 0) {
		return {isSent: false, message: `Not sent: ${pid} is not a process ID.`};
	}

	if (startToken === null) {
		return {isSent: false, message: `Not sent: cannot tell whether PID ${pid} is still the same process.`};
	}

	const now = await readProcessIdentity(pid);
	if (now === null) {
		return {isSent: false, message: `Not sent: PID ${pid} has already exited.`};
	}

	if (now.startToken !== startToken) {
		return {isSent: false, message: `Not sent: PID ${pid} now belongs to another process (it was reused).`};
	}

	try {
		process.kill(pid, signal);
		return {isSent: true, message: `Sent ${signal} to PID ${pid}.`};
	} catch (error) {
		const code = errorCode(error);
		if (code === 'EPERM') {
			return {isSent: false, message: `Not sent: no permission to signal PID ${pid} (run as root or as its user).`};
		}

		if (code === 'ESRCH') {
			return {isSent: false, message: `Not sent: PID ${pid} has already exited.`};
		}

		return {isSent: false, message: `Not sent: ${code || String(error)}.`};
	}
}
