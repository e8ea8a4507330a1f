/**
 * The external tools the /proc backend runs: `ss` (iproute2) for unix peers (ss-unix.ts), and,
 * as root, `nsenter` (util-linux) to run ss or cat inside another network namespace. Output
 * goes to files, not pipes (run-to-files.ts).
 *
 * A tool found missing is remembered per tool and never started again in this process: a
 * top-like tool would otherwise fork a doomed child on every refresh. Runs asked for together
 * before the first answer (a snapshot asks every namespace at once) all start: waiting for
 * the first would make every first snapshot run its tools one after another, to save a few
 * doomed starts once, and only where a tool is missing. Installing it while
 * socktop runs is rare, and restarting socktop picks it up. It is found missing when its own
 * start fails with ENOENT, or when nsenter cannot find the command it was to run: util-linux
 * then exits 127 (EX_EXEC_ENOENT, "nsenter: failed to execute ss: No such file or directory");
 * nsenter --net searches the same PATH in the same filesystem, so that tool is missing here too.
 *
 * A run that gave no answer otherwise (killed after TIMEOUT_MS, too long an answer, a failure) is not
 * started again, with the same first argument in the same place, until a while later (retryAfter): an ss
 * that keeps timing out would otherwise hold every refresh of the live view 3 s, and fork again each time.
 */
import {performance} from 'node:perf_hooks';
import {type FileRun, runToFiles, type RunOptions} from '../run-to-files.js';
import {NOT_FOUND} from '../tool-path.js';

/**
 * What the backend runs. cat only inside another namespace (readNetSysctlIn), which /proc/sys/net cannot
 * be read for from here; ip only for the interfaces of IPv4 link-local addresses (ipv4-interfaces.ts).
 */
export type Tool = 'ss' | 'nsenter' | 'cat' | 'ip';

/** The snapshot's lines (Skipped.unreadableTables) for a missing tool that leaves unix peers unnamed and their queues unknown (/proc/net/unix has neither); the README quotes both. */
export const MISSING_SS = `unix peers and queues: ss (iproute2) ${NOT_FOUND}`;
export const MISSING_NSENTER = `unix peers and queues in other network namespaces: nsenter (util-linux) ${NOT_FOUND}`;

/** util-linux's exit status when the command it was to execute is not found (EX_EXEC_ENOENT in its c.h). */
const EXEC_ENOENT = 127;

/**
 * The most a tool may print; more, and its answer is not read (unknown, as when it times out). ss's
 * answer is ~55 bytes a unix socket (~150 where a long name pads every line), so this is over
 * 400,000 unix sockets; a local user who makes ss print more than that gets no unix peers named,
 * not socktop's memory.
 */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** How long a tool may run before it is killed (its answer is then unknown). */
const TIMEOUT_MS = 3000;

/**
 * What a run of ss that gave no answer leaves unknown: unix peers and queues (ss -xaH), or the IPv6-only
 * flags that make a listener on :: tcp46 or udp46 (ss -tulnHe: without them it reads tcp6 or udp6).
 */
export type SsAsk = 'unix' | 'v6only';

const UNKNOWN: Record<SsAsk, {readonly line: string; readonly short: string; readonly many: string}> = {
	unix: {line: 'unix peers and queues', short: 'unix peers unknown', many: 'unix sockets'},
	v6only: {line: 'IPv6-only flags (tcp46 or tcp6)', short: 'tcp46 unknown', many: 'listeners'},
};

/** The snapshot's lines for an ss that ran and gave no answer in time or in bounds (`isElsewhere`: in another network namespace, as root); the README quotes them. */
export const ssTroubleLine = (trouble: 'timeout' | 'too long', isElsewhere: boolean, ask: SsAsk = 'unix') =>
	`${UNKNOWN[ask].line}${isElsewhere ? ' in another network namespace' : ''}: ${trouble === 'timeout' ? `ss did not answer within ${TIMEOUT_MS / 1000} s` : `ss printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB (hundreds of thousands of ${UNKNOWN[ask].many}?)`}`;

/**
 * A few words for each of the lines above (Skipped.tableShortForms), for a live header too narrow for
 * the sentence: at 80 columns beside '236 processes hidden (run as root)' it left out both.
 */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
	[MISSING_SS, 'no ss: unix peers unknown'],
	[MISSING_NSENTER, 'no nsenter: other netns unix peers unknown'],
	...(['unix', 'v6only'] as const).flatMap(ask =>
		[false, true].flatMap(isElsewhere => {
			const unknown = `${isElsewhere ? 'other netns ' : ''}${UNKNOWN[ask].short}`;
			return [[ssTroubleLine('timeout', isElsewhere, ask), `ss too slow: ${unknown}`], [ssTroubleLine('too long', isElsewhere, ask), `ss said too much: ${unknown}`]] as const;
		}),
	),
]);

/** The short forms of those of `lines` that have one, by line. */
export const toolShortForms = (lines: readonly string[]): Record<string, string> =>
	Object.fromEntries(lines.flatMap(line => (SHORT_FORMS.has(line) ? [[line, SHORT_FORMS.get(line)!]] : [])));

export type Run = (command: string, args: readonly string[], options: RunOptions) => Promise<FileRun>;

export type Tools = {
	/** What `tool args` printed, or null when it is missing, fails or times out, or failed so lately that it is not run again yet (retryAfter). */
	readonly stdoutOf: (tool: Tool, args: readonly string[]) => Promise<string | null>;
	/** The same, run inside the network namespace of `pid` through nsenter (root only). */
	readonly stdoutIn: (pid: number, tool: Tool, args: readonly string[]) => Promise<string | null>;
	/** The tools found missing so far. */
	readonly missing: () => ReadonlySet<Tool>;
	/**
	 * Whether the last run of `tool` with first argument `first` here (pid null) or in the namespace
	 * of `pid` was killed (timeout) or printed too much: by its first argument, so a second run asked
	 * at once with other arguments (ss -xlHe beside -xaH) does not clear the first one's trouble. It
	 * stands while that run is not started again (retryAfter), until one answers.
	 */
	readonly trouble: (tool: Tool, pid: number | null, first: string) => 'timeout' | 'too long' | undefined;
};

/** Why a run gave no answer, when it ran too long or printed too much. */
const troubleOf = (result: FileRun) => (result.kind !== 'failed' ? undefined : result.code === 'SIGNAL' ? 'timeout' : result.code === 'EFBIG' ? 'too long' : undefined);

/** How long a run that gave no answer `failures` times in a row is not started again: 10 s, doubled each time, up to 160 s. */
const retryAfter = (failures: number): number => Math.min(10_000 * 2 ** (failures - 1), 160_000);

/** The last runs with one first argument in one place that gave no answer: why (trouble), how many in a row, and when to run it again (`now`'s clock). */
type Failed = {readonly trouble: 'timeout' | 'too long' | undefined; readonly failures: number; readonly retryAt: number};

/** Tools run through `run`, on the clock `now` (ms); tests hand in a fake runner and clock. */
export function createTools(run: Run = runToFiles, now: () => number = () => performance.now()): Tools {
	const missing = new Set<Tool>();
	// By 'TOOL PID FIRST-ARGUMENT' ('TOOL FIRST-ARGUMENT' here): kept until that run's next answer there.
	const failed = new Map<string, Failed>();
	const isWaiting = (key: string) => now() < (failed.get(key)?.retryAt ?? 0);
	const remember = (key: string, result: FileRun) => {
		if (result.kind === 'exited' && result.code === 0) {
			failed.delete(key);
			return;
		}

		const failures = (failed.get(key)?.failures ?? 0) + 1;
		failed.set(key, {trouble: troubleOf(result), failures, retryAt: now() + retryAfter(failures)});
	};

	const options = {timeout: TIMEOUT_MS, maxBytes: MAX_OUTPUT_BYTES};
	return {
		async stdoutOf(tool, args) {
			const key = `${tool} ${args[0] ?? ''}`;
			if (missing.has(tool) || isWaiting(key)) return null;
			const result = await run(tool, args, options);
			if (result.kind === 'failed' && result.code === 'ENOENT') missing.add(tool);
			remember(key, result);
			return result.kind === 'exited' && result.code === 0 ? result.stdout : null;
		},
		async stdoutIn(pid, tool, args) {
			const key = `${tool} ${pid} ${args[0] ?? ''}`;
			if (missing.has('nsenter') || missing.has(tool) || isWaiting(key)) return null;
			const result = await run('nsenter', [`--net=/proc/${pid}/ns/net`, '--', tool, ...args], options);
			if (result.kind === 'failed' && result.code === 'ENOENT') missing.add('nsenter');
			if (result.kind === 'exited' && result.code === EXEC_ENOENT) missing.add(tool);
			remember(key, result);
			return result.kind === 'exited' && result.code === 0 ? result.stdout : null;
		},
		missing: () => missing,
		trouble: (tool, pid, first) => failed.get(pid === null ? `${tool} ${first}` : `${tool} ${pid} ${first}`)?.trouble,
	};
}

/** The tools of this process: what is found missing stays missing for all its scans and PID views. */
export const linuxTools = createTools();

/**
 * The line naming the missing tool that leaves unix peers unnamed (MISSING_SS, MISSING_NSENTER):
 * in another network namespace ss runs through nsenter, so nsenter's is named first there;
 * null when neither is missing.
 */
function missingPeerTool(isElsewhere: boolean): string | null {
	const missing = linuxTools.missing();
	if (isElsewhere && missing.has('nsenter')) return MISSING_NSENTER;
	return missing.has('ss') ? MISSING_SS : null;
}

/** The line saying why ss gave no unix peers here (pid null) or in the namespace of `pid`: missing, too slow or too long; null when none is known. */
export function peerToolLine(pid: number | null): string | null {
	// The run that gives every socket's peer (peers.ts askSs): -xaH, or -xH without the listeners' files.
	const trouble = linuxTools.trouble('ss', pid, '-xaH') ?? linuxTools.trouble('ss', pid, '-xH');
	return missingPeerTool(pid !== null) ?? (trouble === undefined ? null : ssTroubleLine(trouble, pid !== null));
}
