import fs from 'node:fs';

/** The exit code of a hangup (128 + SIGHUP), as shells report it: the SSH session dropped. */
export const HANGUP_EXIT = 129;

/** Major device number 1: /dev/null, /dev/zero and friends, which are not terminals. */
const isMemoryDevice = (rdev: number) => ((rdev >> 8) & 0xf_ff) === 1;

/**
 * Exit with `code`, leaving every terminal among fds 0-2 in the modes it has now. At exit
 * Node puts back the terminal modes it saw at start on each tty among fds 0-2; it skips fds
 * that are closed, so the character-device ones are closed first. Two kinds of exit need it:
 * - after the terminal has gone (an SSH drop: SIGHUP, or EIO on a write): Node aborts when
 *   putting the modes back fails (node::ResetStdio asserts on EIO from a hung-up tty: exit
 *   134 and a native stack trace), and socktop has already restored it if it could;
 * - a one-shot run (the table, --json, --help, an error): it never changes a terminal's modes,
 *   so it has none to put back, and the ones Node saw may be another program's. In
 *   `socktop | less` less has the terminal in raw mode when socktop starts; its q restores the
 *   terminal and closes the pipe, and socktop, ending on that (EPIPE), would set less's raw
 *   mode again: the shell's prompt without echo (`ss | less` never does that).
 * Nothing may be written to a closed fd: the caller has flushed what it wrote.
 */
export function exitLeavingTerminal(code: number): never {
	for (const fd of [0, 1, 2]) {
		try {
			const stat = fs.fstatSync(fd);
			if (stat.isCharacterDevice() && !isMemoryDevice(stat.rdev)) fs.closeSync(fd);
		} catch {
			// Already closed, or not ours to close: Node skips it too.
		}
	}

	process.exit(code);
}
