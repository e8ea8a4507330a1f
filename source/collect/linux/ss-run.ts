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
export const runSsUnix = async (withFiles = false): Promise<SsAnswer | null> => askSs(async args => linuxTools.stdoutOf('ss', args), withFiles);

/** `ss -xH` inside the network namespace of `pid` (ss answers for its own namespace only); the same two runs with `withFiles`. */
export const runSsUnixIn = async (pid: number, withFiles = false): Promise<SsAnswer | null> => askSs(async args => linuxTools.stdoutIn(pid, 'ss', args), withFiles);

/**
 * `-xH`; with the listeners and the file each was bound to (parseSsUnix's `files`), `-xaH` and
 * `-xlHe` at once: -e only where it is read, on the listeners' lines (SsAnswer says why), and a third
 * run only where that answer lacks listeners behind a long accept queue (withCutListeners). Without
 * `listening` (it failed), the peers and queues are still known, not the files nor who waits where.
 */
async function askSs(run: (args: readonly string[]) => Promise<string | null>, withFiles: boolean): Promise<SsAnswer | null> {
	const [all, listening] = await Promise.all([run(withFiles ? ['-xaH'] : ['-xH']), withFiles ? run(['-xlHe']) : null]);
	if (all === null) return null;
	return listening === null ? {all, listening} : withCutListeners(run, all, listening);
}

/**
 * A file of /proc/sys/net as the network namespace of `pid` sees it (those files answer
 * for the namespace of whoever reads them).
 */
export const readNetSysctlIn = async (pid: number, file: string): Promise<string | null> => linuxTools.stdoutIn(pid, 'cat', [`/proc/sys/net/${file}`]);
