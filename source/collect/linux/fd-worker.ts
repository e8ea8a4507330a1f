/**
 * A second thread for the /proc/<pid>/fd walk. The walk is one readlink per
 * fd, kernel-bound (C is no faster), so on a multi-core machine the only way
 * to make it faster is to run it on two cores: this worker and the main
 * thread take processes from one shared counter until none are left, while
 * the main thread also reads the socket tables. Part of the I/O layer with
 * read.ts; it returns raw text and errno names, and the main thread parses
 * and classifies them, so there is one parser and one error policy.
 *
 * The worker is a plain-JS string run with `eval: true`, so it works the same
 * from source (tsx, vitest) and from the esbuild bundle, with no extra file
 * to ship. It is started once and kept (unref'd) for the live view's refreshes.
 */
import {availableParallelism, loadavg} from 'node:os';
import {Worker} from 'node:worker_threads';

/** What one process's fd table held; only processes with a failure or a socket are reported. */
export type ProcessScan = {
	/** Position of the pid in the list being walked. */
	readonly index: number;
	/** errno name when /proc/<pid>/fd could not be listed (EACCES, ENOENT, ...). */
	readonly failure: string | null;
	/** Socket inode, fd, inode, fd, ... */
	readonly found: readonly number[];
	/** /proc/<pid>/status text, or its errno name, when a socket was found. */
	readonly status: string | null;
	readonly statusFailure: string | null;
	/** The /proc/<pid>/ns/net link ('net:[4026531840]') when a socket was found and it was readable. */
	readonly netns: string | null;
	/**
	 * A denied listing's /proc/PID uid (null: it could not be stat'ed), where the scan stat'ed it to tell
	 * whether it may be a zombie leader (mayBeZombieLeader): withExitedDenials takes it, not stat'ing again.
	 */
	readonly owner?: number | null;
	/** A zombie leader's live thread whose fd table, ns link and /proc/TID/net stand for the process's (zombie-leader.ts). */
	readonly task?: string;
	/**
	 * Set by the helper alone: the fd directory listed nothing or was denied, and the ns link is
	 * gone, as for a zombie leader (zombie-leader.ts). The main thread scans it again, reading its
	 * threads' tables.
	 */
	readonly isZombieLeader?: true;
};

/** Processes claimed per Atomics.add: small enough to balance, large enough to be cheap. */
export const CLAIM = 4;

/**
 * The worker's test for a zombie leader (zombie-leader.ts), with its errno helper `codeOf`: `zombieCheck(pid, failure, fds)`
 * tells, of an fd directory that listed `fds` or failed with the errno name `failure`, whether it is a zombie leader's,
 * and, for a denied listing, /proc/PID's uid (`owner`; null: it could not be stat'ed). It decides as readFdTables
 * does with ownerOfProcess, mayBeZombieLeader and readZombieLeader, which this worker, run from a string, cannot
 * import; test/collect/linux/zombie-check.test.ts runs both on the same answers of /proc, so they cannot drift
 * apart. Uses the `fs` and `ourUid` of the text around it.
 */
export const zombieCheckSource = String.raw`
const codeOf = error => {
	if (typeof error?.code !== 'string') throw error;
	return error.code;
};
// /proc/PID's uid (null: it could not be stat'ed), asked of a denied listing.
const ownerOf = pid => {
	try {
		return fs.statSync('/proc/' + pid, {throwIfNoEntry: false})?.uid ?? null;
	} catch (error) {
		codeOf(error);
		return null;
	}
};
// As readZombieLeader, one readlink decides: an exited leader has no ns/net link.
const hasExitedLeader = pid => {
	try {
		fs.readlinkSync('/proc/' + pid + '/ns/net');
		return false;
	} catch (error) {
		const code = codeOf(error);
		return code === 'ENOENT' || code === 'ESRCH';
	}
};
// As mayBeZombieLeader: a listing that listed nothing, or was denied and /proc/PID is our own, may be a zombie leader's.
const zombieCheck = (pid, failure, fds) => {
	const owner = failure === 'EACCES' || failure === 'EPERM' ? ownerOf(pid) : undefined;
	const mayBe = failure === null ? fds.length === 0 : owner === ourUid;
	return {owner, isZombieLeader: mayBe && hasExitedLeader(pid)};
};
`;

const source = String.raw`
// Errors here are expected and counted, never shown: skip the stack capture that makes each cost ~50 us.
Error.stackTraceLimit = 0;
const {parentPort} = require('node:worker_threads');
const fs = require('node:fs');
const CLAIM = ${CLAIM};
const ourUid = process.geteuid();
${zombieCheckSource}
parentPort.on('message', ({id, pids, counter}) => {
	const claim = new Int32Array(counter);
	const scans = [];
	for (;;) {
		const start = Atomics.add(claim, 0, CLAIM);
		if (start >= pids.length) break;
		const end = Math.min(start + CLAIM, pids.length);
		for (let index = start; index < end; index++) {
			const directory = '/proc/' + pids[index] + '/fd/';
			let fds;
			let failure = null;
			try {
				fds = fs.readdirSync(directory);
			} catch (error) {
				failure = codeOf(error);
			}
			const {owner, isZombieLeader} = zombieCheck(pids[index], failure, fds);
			if (isZombieLeader) {
				// The main thread reads its threads' tables.
				scans.push({index, failure: null, found: [], status: null, statusFailure: null, netns: null, isZombieLeader: true});
				continue;
			}
			if (failure !== null) {
				scans.push({index, failure, found: [], status: null, statusFailure: null, netns: null, ...(owner === undefined ? {} : {owner})});
				continue;
			}
			const found = [];
			let denied = null;
			for (const fd of fds) {
				let target;
				try {
					target = fs.readlinkSync(directory + fd);
				} catch (error) {
					const code = codeOf(error);
					if (code === 'EACCES' || code === 'EPERM') {
						denied = code;
						break;
					}
					continue;
				}
				if (target.startsWith('socket:[')) found.push(Number(target.slice(8, -1)), Number(fd));
			}
			if (denied !== null) {
				scans.push({index, failure: denied, found: [], status: null, statusFailure: null, netns: null});
				continue;
			}
			if (found.length === 0) continue;
			let status = null;
			let statusFailure = null;
			try {
				status = fs.readFileSync('/proc/' + pids[index] + '/status', 'utf8');
			} catch (error) {
				statusFailure = codeOf(error);
			}
			let netns = null;
			try {
				netns = fs.readlinkSync('/proc/' + pids[index] + '/ns/net');
			} catch {}
			scans.push({index, failure: null, found, status, statusFailure, netns});
		}
	}
	parentPort.postMessage({id, scans});
});
`;

let worker: Worker | null | undefined;
// Tags each request, so two snapshots in flight at once (live table and PID view) each get their own answer.
let lastRequest = 0;
let inFlight = 0;

/** Open files (kernel-wide) below which a helper costs more than it saves: see isWorthAHelper. */
export const HELPER_MIN_OPEN_FILES = 10_000;

/**
 * Whether a helper thread pays off. It takes 40-60 ms to start and ~12 ms of
 * wall time to start and stop, and the walk is one readlink per open fd, so
 * the length of the walk decides (measured, bench/RESULTS.md, third session:
 * with ~400 open files a one-shot took 137 ms with a helper and 125 without;
 * at 10,000 sockets 256 and 266; at 50,000 572 and 714). The kernel's count of
 * open files (/proc/sys/fs/file-nr; null when unreadable) is that length
 * before the walk starts; the process count stands in when it cannot be read.
 * And a core must have nothing else to do now: beside a busy core the two
 * threads only compete with each other and the scan gets slower (at 50,000
 * sockets beside one busy loop on 2 cores: 1008 ms with a helper, 868 without;
 * the table read took 1.5-2x as long beside the walk at a load average of 15).
 * `othersRunnable` reads how many other tasks are running or ready to run right
 * now (/proc/loadavg's fourth field, less this process's running threads); where
 * it cannot be read (null), the 1-minute load average stands in. The load
 * average alone lagged both ways: a benchmark running one command after another
 * holds it at ~1.5 on 2 cores though the other core is idle whenever socktop
 * runs (737 ms without the helper it then refused, 613 with it), and a loop
 * started 20 s ago has not raised it yet.
 */
export const isWorthAHelper = (
	processes: number,
	openFiles: () => number | null,
	othersRunnable: () => number | null,
	cores = availableParallelism(),
	load = loadavg()[0]!,
): boolean => {
	// The readers are asked only when what is known already leaves the answer open, othersRunnable last: it reads a file per thread of this process.
	if (processes < 64 || cores < 2 || (openFiles() ?? Infinity) < HELPER_MIN_OPEN_FILES) return false;
	const others = othersRunnable();
	// The walk takes this thread's core and the helper's: the others must leave both.
	return others === null ? load < cores - 0.5 : others <= cores - 2;
};

/**
 * Stop the helper thread when no walk is using it, giving back its heap (tens
 * of MB after a walk of 50,000 sockets). A later walk that wants a helper
 * starts a new one.
 */
export function releaseHelper(): void {
	if (worker !== undefined && worker !== null && inFlight === 0) {
		void worker.terminate();
		worker = undefined;
	}
}

/** A walk the helper thread was asked to help with. */
export type Help = {
	/** Its scans; null when no helper could run (the caller's own loop then simply claims everything). */
	readonly scans: Promise<ProcessScan[] | null>;
	/**
	 * Stop waiting for an answer the caller knows is empty: it claimed every
	 * process itself, before the helper (still starting, ~40-60 ms) claimed any.
	 * `scans` resolves with [] at once, and the helper no longer keeps the process alive.
	 */
	abandon(): void;
};

/**
 * Let the helper thread take processes from `counter` (an Int32Array over a
 * SharedArrayBuffer, next index to claim) until `pids` is exhausted.
 */
export function helpWalk(pids: readonly string[], counter: Int32Array): Help {
	if (worker === undefined) {
		try {
			const started = new Worker(source, {eval: true, stdout: false, stderr: false});
			started.unref();
			// A helper that crashed or exited is not restarted: the main thread walks alone from then on.
			const forget = () => {
				if (worker === started) worker = null;
			};

			started.on('error', forget);
			started.on('exit', forget);
			worker = started;
		} catch {
			worker = null;
		}
	}

	const helper = worker;
	if (helper === null) return {scans: Promise.resolve(null), abandon() {}};
	const id = ++lastRequest;
	let abandon = () => {};
	const scans = new Promise<ProcessScan[] | null>(resolve => {
		let isDone = false;
		const done = (scans: ProcessScan[] | null) => {
			if (isDone) return;
			isDone = true;
			helper.off('message', onMessage);
			helper.off('error', onError);
			helper.off('exit', onError);
			if (--inFlight === 0) helper.unref();
			resolve(scans);
		};

		const onMessage = (answer: {id: number; scans: ProcessScan[]}) => {
			if (answer.id === id) done(answer.scans);
		};

		const onError = () => {
			done(null);
		};

		helper.on('message', onMessage);
		helper.on('error', onError);
		helper.on('exit', onError);
		// Keep the process alive until the answers are in; unref'd again afterwards.
		if (inFlight++ === 0) helper.ref();
		helper.postMessage({id, pids, counter: counter.buffer});
		abandon = () => {
			done([]);
		};
	});
	return {scans, abandon: () => abandon()};
}
