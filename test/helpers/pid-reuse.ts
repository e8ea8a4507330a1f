import {readFileSync, writeFileSync} from 'node:fs';

const lastPid = '/proc/sys/kernel/ns_last_pid';

/**
 * Whether this test may steer the next PID the kernel hands out (root, and a
 * writable /proc/sys: containers often mount it read-only). Checked by writing
 * the current value back, which changes nothing.
 */
export const canForcePidReuse = (() => {
	if (process.platform !== 'linux' || process.getuid?.() !== 0) {
		return false;
	}

	try {
		writeFileSync(lastPid, readFileSync(lastPid, 'utf8').trim());
		return true;
	} catch {
		return false;
	}
})();

/** Make `pid` the next PID the kernel gives out (if nothing else forks first). */
export function nextPidWillBe(pid: number): void {
	writeFileSync(lastPid, String(pid - 1));
}
