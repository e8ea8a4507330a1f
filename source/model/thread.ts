import {sanitize} from '../format/escape.js';

/**
 * A thread ID given as a PID (`--pid TID`, copied from `top -H`, `ps -L` or a log line) and
 * the process it belongs to. Linux answers /proc/TID for any thread, so the PID view would
 * read the thread as if it were a process: its fds are the process's, but its PID and name
 * are not. The view shows the process instead, and says so.
 */
export type ThreadOwner = {
	/** The thread ID that was asked for. */
	readonly tid: number;
	/** The thread's own name (its comm, set by pthread_setname_np), null when not read. */
	readonly name: string | null;
	/** The process: the thread group's ID (Tgid), its main thread's. */
	readonly pid: number;
	/** The process's command, null when not read. */
	readonly command: string | null;
};

/** The one line every output gives a thread asked for: 'PID 1235 is a thread of 1234 (python3); showing the process'. Sanitized. */
export const threadNote = (owner: ThreadOwner): string =>
	`PID ${owner.tid} is a thread of ${owner.pid}${owner.command === null ? '' : ` (${sanitize(owner.command)})`}; showing the process`;
