import fs from 'node:fs';

/** The exit code of a hangup (128 + SIGHUP), as shells report it: the SSH session dropped. */
export const HANGUP_EXIT = 129;

/** Major device number 1: /dev/null, /dev/zero and friends, which are not terminals. */
const isMemoryDevice = (rdev: number) => ((rdev >> 8) & 0xf_ff) === 1;

/**
 * Exit after the terminal has gone (an SSH drop: SIGHUP, or EIO on a write).
 * At exit Node puts back the terminal modes it saw at start on each tty among
 * fds 0-2, and aborts when that fails (node::ResetStdio asserts on EIO from a
 * hung-up tty: exit 134 and a native stack trace). It skips fds that are
 * closed, so the character-device ones are closed first. Nothing can be shown
 * on a terminal that is gone, and socktop has already restored it if it could.
 */
export function exitAfterHangup(): never {
	for (const fd of [0, 1, 2]) {
		try {
			const stat = fs.fstatSync(fd);
			if (stat.isCharacterDevice() && !isMemoryDevice(stat.rdev)) fs.closeSync(fd);
		} catch {
			// Already closed, or not ours to close: Node skips it too.
		}
	}

	process.exit(HANGUP_EXIT);
}
