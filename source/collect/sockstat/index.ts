import {hostname} from 'node:os';
import type {ProcessDetail, ProcessInfo} from '../../model/process.js';
import {emptySkipped, type Snapshot} from '../../model/types.js';
import type {Collector} from '../collector.js';
import {parseCount} from '../import/socket-row.js';
import {checkInstalled, type RunTool, runTool, stderrLine, unreadOutput} from '../lsof/run-tool.js';
import {startTimeOf} from '../lsof/start-time.js';
import {readProcessIdentity, sendSignal} from '../signal.js';
import {checkSignal} from '../signal-access.js';
import {parseSockstatJson} from './json.js';
import {parseProcstatFiles} from './procstat.js';
import {parseSockstatText} from './text.js';
import {withSockstatUnixEnds} from './unix-ends.js';
import {NOT_FOUND} from '../tool-path.js';

const sockstatMissing = (command: string): string =>
	`${command} ${NOT_FOUND}: it is part of the FreeBSD base system; elsewhere use --backend proc or --backend lsof`;

/**
 * How to ask sockstat, best first: libxo JSON (FreeBSD 15+, exact fields),
 * then the text table with -w (no cut addresses, FreeBSD 12+), then -s
 * (TCP states, FreeBSD 10+), then no options at all.
 * An older sockstat rejects an unknown option with exit status 1 and a usage line.
 */
const attempts = [
	{args: ['--libxo', 'json', '-s'], parse: parseSockstatJson},
	{args: ['-s', '-w'], parse: parseSockstatText},
	{args: ['-s'], parse: parseSockstatText},
	{args: [], parse: parseSockstatText},
] as const;

export type SockstatOptions = {
	/** Runs sockstat, procstat and ps; tests pass a fake with captured outputs. */
	readonly run?: RunTool;
	readonly readStartToken?: (pid: number) => Promise<string | null>;
	/**
	 * How old, in ms, the table's last sockstat answer may be for the PID view to take its unix
	 * sockets' ends from it instead of running sockstat again: the refresh interval, as the table
	 * keeps refreshing beside the PID view. 0 (the default): only a run still in progress is shared.
	 */
	readonly tableMaxAgeMs?: number;
	/** The clock, in ms; tests pass a fake. */
	readonly now?: () => number;
};

/**
 * `ps -o user=,uid=,ppid=,comm= -p PID`: 'root 0 1 sshd'.
 * null when the process is gone (ps prints nothing and exits 1).
 */
function parsePs(text: string, pid: number): Pick<ProcessInfo, 'user' | 'uid' | 'ppid' | 'command' | 'pid'> | null {
	const [user, uid, ppid, ...command] = text.trim().split(/\s+/);
	if (user === undefined || user === '' || command.length === 0) {
		return null;
	}

	return {pid, user, uid: parseCount(uid), ppid: parseCount(ppid), command: command.join(' ')};
}

/** The FreeBSD backend: sockets from sockstat, a PID's files from procstat -f (its unix sockets' ends from sockstat). */
export function createSockstatCollector(options: SockstatOptions = {}): Collector {
	const run = options.run ?? runTool(sockstatMissing);
	const readStartToken =
		options.readStartToken ?? (async (pid: number) => (await readProcessIdentity(pid))?.startToken ?? null);
	const tableMaxAgeMs = options.tableMaxAgeMs ?? 0;
	const now = options.now ?? Date.now;
	// Remember which form this sockstat understood, so later refreshes run one command.
	let attempt = 0;
	/**
	 * The last sockstat run: `done` is when it answered, null while it runs. The PID view reuses
	 * it rather than run a whole `sockstat` and scan every row a second time in each refresh.
	 */
	let last: {readonly read: ReturnType<typeof readSockstat>; done: number | null} | null = null;
	/** Runs sockstat, and remembers it as the last run (`last`). */
	function runSockstat(): ReturnType<typeof readSockstat> {
		const started = {read: readSockstat(), done: null as number | null};
		last = started;
		void started.read.then(
			() => {
				started.done = now();
			},
			() => {
				// A run that threw is no answer to share: the next asks again.
				if (last === started) last = null;
			},
		);
		return started.read;
	}

	/** The table's answer when one runs now or answered less than tableMaxAgeMs ago, else a new run. */
	function recentSockstat(): ReturnType<typeof readSockstat> {
		if (last !== null && (last.done === null || (now() - last.done < tableMaxAgeMs && now() >= last.done))) return last.read;
		return runSockstat();
	}

	/** Sockstat's table in the first form it understands; `output` is the last run's. */
	async function readSockstat() {
		// A local index: the table and a PID view may ask at once, and must not each skip a form.
		for (let index = attempt; ; index++) {
			const {args, parse} = attempts[index]!;
			const output = await run('sockstat', args);
			if (output.code !== 0 && index < attempts.length - 1) continue;
			attempt = index;
			return {output, ...parse(output.stdout)};
		}
	}

	return {
		name: 'sockstat',
		// Live processes of this machine: the kill dialog may signal them.
		identify: readProcessIdentity,
		signal: sendSignal,
		checkSignal,
		// A fake runner (tests) has no tool to look for.
		...(options.run === undefined ? {checkTool: async () => checkInstalled('sockstat', sockstatMissing)} : {}),
		async snapshot(): Promise<Snapshot> {
			const time = Date.now();
			const {output, sockets, malformedLines, firstMalformed} = await runSockstat();
			const complaint = stderrLine(output);
			const unread = unreadOutput('sockstat', malformedLines, 'line', firstMalformed);
			return {
				time,
				hostname: hostname(),
				backend: 'sockstat',
				sockets,
				skipped: {
					...emptySkipped,
					malformedLines,
					unreadableTables: [...(unread === null ? [] : [unread.note]), ...(output.code !== 0 && complaint ? [complaint] : [])],
					...(unread === null ? {} : {tableShortForms: {[unread.note]: unread.short}}),
					// sockstat lists no process it could not read, as lsof: none is counted, as 0 would claim.
					isDenialUncounted: true,
				},
			};
		},
		async process(pid: number): Promise<ProcessDetail> {
			const time = Date.now();
			// Sockstat too: procstat's name of a unix socket may be its peer's (unix-ends.ts). The
			// table's answer when recent: an end changed since shows at the table's next refresh.
			const [files, ps, startToken, table] = await Promise.all([
				run('procstat', ['-f', String(pid)]),
				run('ps', ['-o', 'user=', '-o', 'uid=', '-o', 'ppid=', '-o', 'comm=', '-p', String(pid)]),
				readStartToken(pid),
				recentSockstat(),
			]);
			const identity = parsePs(ps.stdout, pid);
			if (identity === null) {
				return {time, process: null, fds: [], denied: null};
			}

			const parsed = parseProcstatFiles(files.stdout, {user: identity.user, uid: identity.uid});
			const complaint = stderrLine(files);
			// Procstat says 'procstat: kinfo_getfile(): Operation not permitted' for another user's process.
			const denied =
				files.code !== 0 || /not permitted|denied/i.test(complaint)
					? `procstat could not read the open files of PID ${pid}${complaint ? `: ${complaint.replace(/^procstat:\s*/, '')}` : ''}`
					: null;
			return {
				time,
				process: {
					...identity,
					cmdline: null,
					cmdlineUnreportedBy: 'sockstat',
					state: null,
					startTime: startTimeOf(startToken),
					startToken,
					threads: null,
					cwd: parsed.cwd,
					exe: parsed.exe,
					fdLimit: null,
				},
				fds: withSockstatUnixEnds(parsed.fds, table.sockets, pid),
				denied,
			};
		},
	};
}
