import fs from 'node:fs';
import tty from 'node:tty';

/**
 * The controlling terminal, for keys when stdin is a pipe (`ss -tunap | socktop
 * --import -`), as less and fzf read it; null when there is none (cron, CI).
 */
export function openControllingTerminal(): NodeJS.ReadStream | null {
	try {
		return new tty.ReadStream(fs.openSync('/dev/tty', 'r')) as NodeJS.ReadStream;
	} catch {
		return null;
	}
}

/**
 * Whether this process's group is its terminal's foreground one (after `fg`), not a background
 * job (after `bg`, or the SIGCONT of `kill %1`). Null where that cannot be told (no /proc, as on
 * macOS; no controlling terminal).
 */
export function isForegroundJob(): boolean | null {
	try {
		return isForegroundIn(fs.readFileSync('/proc/self/stat', 'utf8'));
	} catch {
		return null;
	}
}

/** isForegroundJob from a /proc/PID/stat line: its pgrp and tpgid fields, equal in the foreground; null without a terminal. */
export function isForegroundIn(stat: string): boolean | null {
	// After "pid (comm) ", whose name may hold spaces and parentheses: state ppid pgrp session tty_nr tpgid.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const [pgrp, tpgid] = [Number(fields[2]), Number(fields[5])];
	return tpgid > 0 ? pgrp === tpgid : null;
}

/**
 * Whether `fd` is a pseudo-terminal's slave (an SSH session, tmux, screen, a terminal emulator): Node
 * (libuv) then writes to it through a file of its own, opened again from its name, so making that one
 * non-blocking leaves the shell's as it was. A console or serial line is written through the shell's
 * own; false off Linux (no /proc), and where it cannot be told.
 */
export function isPseudoTerminal(fd: number | undefined): boolean {
	try {
		return fd !== undefined && fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('/dev/pts/');
	} catch {
		return false;
	}
}
