import {readlinkSync} from 'node:fs';
import {hostname} from 'node:os';
import process from 'node:process';
import type {ProcessDetail} from '../../model/process.js';
import {emptySkipped, type Snapshot} from '../../model/types.js';
import type {Collector} from '../collector.js';
import {readThreadOwner} from '../linux/thread.js';
import {readProcessIdentity, sendSignal} from '../signal.js';
import {checkSignal} from '../signal-access.js';
import {endpointRead, type EndpointRead, peersHeld, reuseEndpoints} from './endpoint-reuse.js';
import {type LsofProcess, parseLsofFields} from './fields.js';
import {withListed} from './mapped-peers.js';
import {countOtherNetworkNamespaces, otherNamespacesNote, otherNamespacesShort} from './other-namespaces.js';
import {detailOfRead, lsofDetailOf, type LsofRead, missingEndQueries, readLsofOutput} from './process.js';
import {checkInstalled, type RunTool, runTool, stderrLine, unreadOutput} from './run-tool.js';
import {NOT_FOUND} from '../tool-path.js';
import {parseLsofF} from './sockets.js';

/**
 * -n -P: no DNS or service lookups (slow, and the table explains ports itself).
 * +c 0: whole command names. -F fields: p pid, c command, u uid, L login, R ppid,
 * f fd, t type, a access, P protocol, n name, T TCP info (ST=, QR=, QS=),
 * d device, i inode; 0: NUL-separated.
 */
const baseArgs = ['-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0'] as const;

/**
 * +E: each unix socket's peer (`->INO=59378 8769,node,26u`), and for the PID view the other end
 * of loopback connections and pipes, with those ends' files. Only Linux lsof has it (other
 * dialects refuse the option). On the table's `-i -U`, which reads every process anyway, it
 * costs nothing measurable (405 vs 408 ms at 10,000 TCP and 5,000 unix sockets). On the PID
 * view's `-p PID` it makes lsof read every process too: 31 ms against 10 on a host of 72
 * processes (1,244 readlink/openat calls against 189), growing with the host, while the
 * table's scan running beside it reads them all as well. So the PID view runs it only when
 * its answer may have changed (ENDPOINTS_MAX_AGE_MS).
 */
const hasPlusE = (platform: NodeJS.Platform): boolean => platform === 'linux';
const endpointArgs = (platform: NodeJS.Platform): readonly string[] => (hasPlusE(platform) ? ['+E'] : []);

/**
 * How long one +E read of the PID view stands at most. Between +E reads each refresh reads
 * the /proc/PID/fd link of every peer shown (this path is Linux's, as +E is) and runs plain
 * `lsof -p PID`, and keeps +E's endpoints while each peer still holds its end and the process's
 * fds whose names +E extends (pipes, FIFOs, sockets, ptys, eventfds, queues) are the same files
 * (same fd, inode or device, access and name: reuseEndpoints); otherwise +E runs in that same
 * refresh. What a user watching sees:
 * - a peer that exits or closes its end is gone at the next refresh, as with +E each time;
 *   so is an fd closed, and one opened or reused shows its peers at once;
 * - a holder only +E can find waits for the next +E read, up to this long: a peer's fork
 *   inheriting an end already shown (no `+1 more` yet), a holder for an end that had none (a
 *   connection its listener accepts later), another client of a datagram server. The proc
 *   backend also looks again for an end without a peer only after 10 s (peers.ts).
 * The cost: plain `lsof -p PID` reads the process alone, whatever the host's size; a refresh
 * where its pipes or sockets changed runs both lsofs, and so does every refresh of a process
 * whose pipes or sockets change that often (bench/lsof-pid.ts measures it).
 */
const ENDPOINTS_MAX_AGE_MS = 10_000;

/**
 * How long one count of the other network namespaces stands. Counting reads /proc and one
 * /proc/PID/ns/net link per process, synchronously: 3 ms median (11 ms max) at 500 processes
 * on the test VM, blocking keys at every refresh for a note that changes only when a container
 * or an `ip netns` comes or goes. So it is counted on the first snapshot, then at most this often.
 */
const NAMESPACE_COUNT_MAX_AGE_MS = 30_000;

/** What lsof without root lists. */
const OWN_ONLY_NOTE = 'lsof lists only your own sockets — run as root';

/** What lsof, as root, cannot list: sockets without a holder it reads, which the proc backend shows. */
export const NO_HOLDER_NOTE = 'lsof lists no socket without a holder it can read (TIME_WAIT, kernel sockets): use --backend proc to see them';

export const lsofMissing = (command: string): string =>
	`${command} ${NOT_FOUND}: install it (apt install lsof / brew install lsof) or use --backend proc`;

export type LsofOptions = {
	/** Runs lsof; tests pass a fake that returns captured output. */
	readonly run?: RunTool;
	/** The start token for kill safety; defaults to ps / /proc via readProcessIdentity. */
	readonly readStartToken?: (pid: number) => Promise<string | null>;
	/** Which lsof dialect to expect; defaults to this machine's. */
	readonly platform?: NodeJS.Platform;
	/** The clock, in ms: a detail's time and how old the PID view's last +E read is. Tests pass a fake. */
	readonly now?: () => number;
	/** What /proc/PID/fd/FD links to, null when unreadable (Linux, where +E is); tests pass a fake. */
	readonly readFdLink?: (pid: number, fd: number) => string | null;
	/** How many other network namespaces hold a process (Linux, as root); tests pass a fake. */
	readonly countOtherNamespaces?: () => number;
	/** Whether socktop runs as root; defaults to this process's uid. */
	readonly isRoot?: boolean;
	/** The process of a thread ID (Linux's /proc/TID/status); tests pass a fake. */
	readonly readThreadOwner?: Collector['threadOwner'];
};

/** Parses one PID view read's lsof -F outputs, counting the fields socktop could not read. */
type FieldReader = {
	/** The processes of one output; `isMore` for one that adds to the last (the mapped ends'), not one read in its place. */
	readonly parse: (stdout: string, isMore?: boolean) => LsofProcess[];
	/** unreadOutput's note of the fields of the outputs the detail came from that could not be read; null when all were read. */
	readonly unread: () => string | null;
};

function fieldReader(): FieldReader {
	let count = 0;
	let first: string | undefined;
	return {
		parse(stdout, isMore = false) {
			const {processes, malformedLines, firstMalformed} = parseLsofFields(stdout);
			// A +E read in place of the plain one kept (its endpoints changed): that plain one's fields are not the detail's.
			if (!isMore) [count, first] = [0, undefined];
			count += malformedLines;
			first ??= firstMalformed;
			return processes;
		},
		unread: () => unreadOutput('lsof', count, 'field', first)?.note ?? null,
	};
}

function readProcFdLink(pid: number, fd: number): string | null {
	try {
		return readlinkSync(`/proc/${pid}/fd/${fd}`);
	} catch {
		// Closed, exited, or another user's: no longer known to hold that end.
		return null;
	}
}

/** The lsof backend: every inet and unix socket from `lsof -i -U`, every fd of a PID from `lsof -p`. */
export function createLsofCollector(options: LsofOptions = {}): Collector {
	const run = options.run ?? runTool(lsofMissing);
	const platform = options.platform ?? process.platform;
	const readStartToken =
		options.readStartToken ?? (async (pid: number) => (await readProcessIdentity(pid))?.startToken ?? null);
	const now = options.now ?? Date.now;
	const readFdLink = options.readFdLink ?? readProcFdLink;
	const countOtherNamespaces = options.countOtherNamespaces ?? countOtherNetworkNamespaces;
	const isRoot = options.isRoot ?? process.getuid?.() === 0;
	// The PID view's last +E read (ENDPOINTS_MAX_AGE_MS); it views one process at a time.
	let lastRead: EndpointRead | null = null;
	let namespaceCount: {readonly count: number; readonly time: number} | null = null;
	const otherNamespaces = (time: number): number => {
		if (namespaceCount === null || time - namespaceCount.time >= NAMESPACE_COUNT_MAX_AGE_MS || time < namespaceCount.time) {
			namespaceCount = {count: countOtherNamespaces(), time};
		}

		return namespaceCount.count;
	};

	/**
	 * A +E output with the other ends of PID's loopback connections that +E did not name listed too:
	 * an IPv4 client's dual-stack server, and the reverse, which +E pairs in neither direction. One more
	 * lsof, which reads every process as +E does, run only when PID has such a connection; read for PID.
	 */
	const withMappedEnds = async (processes: LsofProcess[], pid: number, fields: FieldReader): Promise<LsofRead> => {
		const read = readLsofOutput(processes, pid, true);
		const queries = missingEndQueries(read);
		if (queries.length === 0) return read;
		const more = await run('lsof', [...baseArgs, '-w', ...queries]);
		return readLsofOutput(withListed(processes, fields.parse(more.stdout, true)), pid, true);
	};

	/** The PID view's read of PID, its lsof outputs parsed by `fields`. */
	const readProcess = async (pid: number, fields: FieldReader): Promise<ProcessDetail> => {
		const time = now();
		const startToken = readStartToken(pid);
		// Not -w here: with it lsof drops the 'Permission denied' entries that say why nothing is listed.
		if (!hasPlusE(platform)) {
			const [output, token] = await Promise.all([run('lsof', [...baseArgs, '-p', String(pid)]), startToken]);
			return lsofDetailOf(fields.parse(output.stdout), pid, time, token, false);
		}

		const kept = lastRead?.pid === pid && time - lastRead.time < ENDPOINTS_MAX_AGE_MS && peersHeld(lastRead, readFdLink) ? lastRead : null;
		if (kept !== null) {
			const [output, token] = await Promise.all([run('lsof', [...baseArgs, '-p', String(pid)]), startToken]);
			const fresh = fields.parse(output.stdout).find(each => each.pid === pid);
			if (fresh === undefined) {
				lastRead = null;
				return lsofDetailOf([], pid, time, token, false);
			}

			const reused = token === kept.startToken ? reuseEndpoints(kept, fresh) : null;
			if (reused !== null) return lsofDetailOf(reused, pid, time, token, true);
		}

		const [output, token] = await Promise.all([run('lsof', [...baseArgs, '+E', '-p', String(pid)]), startToken]);
		const read = await withMappedEnds(fields.parse(output.stdout), pid, fields);
		const detail = detailOfRead(read, time, token);
		lastRead = endpointRead(read.processes, detail, pid, token, time);
		return detail;
	};

	return {
		name: 'lsof',
		// Live processes of this machine: the kill dialog may signal them.
		identify: readProcessIdentity,
		signal: sendSignal,
		checkSignal,
		// A fake runner (tests) has no tool to look for.
		...(options.run === undefined ? {checkTool: async () => checkInstalled('lsof', lsofMissing)} : {}),
		// Linux answers /proc/TID for a thread, whose ID `lsof -p` lists nothing for: --pid TID shows its process, as the proc backend does.
		...(platform === 'linux' ? {threadOwner: options.readThreadOwner ?? (async (id: number) => readThreadOwner(id))} : {}),
		async snapshot(): Promise<Snapshot> {
			const time = now();
			// -i and -U are ORed: inet and unix sockets of every process lsof may see.
			// -w: no warnings about file systems lsof cannot stat.
			const output = await run('lsof', [...baseArgs, '-w', ...endpointArgs(platform), '-i', '-U']);
			const {sockets, malformedLines, firstMalformed} = parseLsofF(output.stdout);
			const unread = unreadOutput('lsof', malformedLines, 'field', firstMalformed);
			// First: an lsof that failed and printed nothing, or whose output socktop cannot read, leaves a table that reads as no sockets.
			const complaint = stderrLine(output);
			const unreadableTables: string[] = [...(output.code !== 0 && output.stdout === '' && complaint ? [complaint] : []), ...(unread === null ? [] : [unread.note])];
			// Without root lsof silently lists only the caller's own processes.
			if (!isRoot) {
				unreadableTables.push(OWN_ONLY_NOTE);
			}

			// As root on Linux it lists every process, but not sockets of other network namespaces.
			const namespaces = isRoot && platform === 'linux' ? otherNamespaces(time) : 0;
			const unseen = otherNamespacesNote(namespaces);
			if (unseen !== null) unreadableTables.push(unseen);
			// Nor, even as root, a socket no process it reads holds (TIME_WAIT; a sandbox's refusal leaves no count either).
			if (isRoot) unreadableTables.push(NO_HOLDER_NOTE);
			const tableShortForms = {
				[OWN_ONLY_NOTE]: 'own sockets only (run as root)',
				[NO_HOLDER_NOTE]: 'TIME_WAIT unlisted (--backend proc)',
				...(unseen === null ? {} : {[unseen]: otherNamespacesShort(namespaces)}),
				...(unread === null ? {} : {[unread.note]: unread.short}),
			};

			return {
				time,
				hostname: hostname(),
				backend: 'lsof',
				sockets,
				// lsof says nothing of the processes it could not read: none is counted, as 0 would claim.
				skipped: {...emptySkipped, malformedLines, unreadableTables, isDenialUncounted: true, tableShortForms},
			};
		},
		async process(pid: number): Promise<ProcessDetail> {
			const fields = fieldReader();
			const detail = await readProcess(pid, fields);
			// Said as the table's header says it: a view of fewer fds than lsof printed is not taken for the whole.
			const unread = fields.unread();
			return unread === null ? detail : {...detail, unreadOutput: unread};
		},
	};
}
