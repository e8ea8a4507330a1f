/**
 * Asking ss (iproute2) about unix sockets, here or in another process's network namespace, and
 * reading a namespace's /proc/sys/net: the tools the PID view and the table run besides /proc.
 */
import {withCutListeners} from './ss-cut.js';
import type {SsAnswer} from './ss-unix.js';
import {linuxTools} from './tools.js';

/**
 * ss's answer (SsAnswer), or null when ss is missing or fails (then unix peers are not named).
 * Its output goes to a file, not a pipe (see run-to-files.ts): the scan running
 * meanwhile would list a pipe's socketpair as a socket of socktop's own.
 */
export const runSsUnix = async (withFiles = false, kept?: ListenersKept): Promise<SsAnswer | null> =>
	askSs(async args => linuxTools.stdoutOf('ss', args), withFiles, kept);

/** `ss -xH` inside the network namespace of `pid` (ss answers for its own namespace only); the same two runs with `withFiles`. */
export const runSsUnixIn = async (pid: number, withFiles = false, kept?: ListenersKept): Promise<SsAnswer | null> =>
	askSs(async args => linuxTools.stdoutIn(pid, 'ss', args), withFiles, kept);

/**
 * The last answer about the listeners (ss -xlHe, with what ss-cut.ts asked besides) and the namespace's
 * /proc/net/unix as read just before it was asked. While a refresh reads that table byte for byte again,
 * ss would tell the same of the listeners: a listener's file is fixed at bind(), and a client joins or
 * leaves an accept queue only with lines of the table changing (connect() changes the client's state
 * and adds the server's end with inode 0; accept() gives that end its inode; a close removes a line).
 * So it is not asked again: one fork of socktop and one ss less a refresh (~6 ms of CPU at 10,000
 * sockets; two more through nsenter for each other namespace). ss -xaH still runs every time: the
 * queues change with the table unchanged.
 */
export type ListenersMemory = {unixText?: string; listening?: string};

/** A ListenersMemory and the unix table this scan read (undefined where it could not be read: then ss is asked). */
export type ListenersKept = {readonly memory: ListenersMemory; readonly unixText: string | undefined};

/**
 * `-xH`; with the listeners and the file each was bound to (parseSsUnix's `files`), `-xaH` and
 * `-xlHe` at once: -e only where it is read, on the listeners' lines (SsAnswer says why), and a third
 * run only where that answer lacks listeners behind a long accept queue (withCutListeners). Without
 * `listening` (it failed), the peers and queues are still known, not the files nor who waits where.
 * With `kept`, the listeners' answer is taken from it instead while the unix table is the same (ListenersMemory).
 */
export async function askSs(run: (args: readonly string[]) => Promise<string | null>, withFiles: boolean, kept?: ListenersKept): Promise<SsAnswer | null> {
	const known = withFiles && kept?.unixText !== undefined && kept.memory.unixText === kept.unixText ? kept.memory.listening : undefined;
	const [all, listening] = await Promise.all([run(withFiles ? ['-xaH'] : ['-xH']), withFiles && known === undefined ? run(['-xlHe']) : null]);
	if (all === null) return null;
	if (known !== undefined) return {all, listening: known};
	const answer = listening === null ? {all, listening} : await withCutListeners(run, all, listening);
	if (withFiles && kept !== undefined) {
		kept.memory.unixText = kept.unixText;
		kept.memory.listening = answer.listening ?? undefined;
	}

	return answer;
}

/**
 * A file of /proc/sys/net as the network namespace of `pid` sees it (those files answer
 * for the namespace of whoever reads them).
 */
export const readNetSysctlIn = async (pid: number, file: string): Promise<string | null> => linuxTools.stdoutIn(pid, 'cat', [`/proc/sys/net/${file}`]);
