import {useMemo, useRef} from 'react';
import type {Collector} from '../collect/collector.js';
import {hasExited, type ProcessDetail} from '../model/process.js';
import {compareWithShown, type Renamed, type ShownProcess} from '../model/shown-process.js';
import {type Outcome, usePolling} from './use-polling.js';

export type ProcessDetailState = {
	/** The latest read; null until the first one arrives. */
	readonly detail: ProcessDetail | null;
	/**
	 * The last read in which the process existed, kept after it exits so the
	 * view can show its last known FDs (dimmed) instead of an empty screen.
	 */
	readonly lastAlive: ProcessDetail | null;
	/** The last read in which /proc had the process's entry, alive or a zombie: the state last read once it is gone. */
	readonly lastSeen: ProcessDetail | null;
	/** When a read first found the process exited (a zombie, or gone); null while it has not. */
	readonly exitSeen: number | null;
	/** A read that threw (a collector bug, not an expected failure). */
	readonly error: string | null;
	/**
	 * The command of a process that has taken the PID since the one viewed exited
	 * (its start time differs); null otherwise. The view stays on the one it opened.
	 */
	readonly reusedBy: string | null;
	/**
	 * Where the view was opened from a row: the process at the PID runs another command than the row's, and the
	 * row check could not tell whether it took the PID or is the row's after exec (compareWithShown's 'renamed',
	 * with the start of that process). The view shows it as it does one that took the PID, in other words (pidNotices).
	 * Null otherwise, and once another process holds the PID, or none does: the row's has left it then, whichever it was.
	 */
	readonly unsure: Unsure | null;
	/**
	 * Whole seconds the read under way has been running, once it has run for `slowAfterMs`
	 * (a hung lsof), as useSnapshots' slowScanSeconds; null otherwise.
	 */
	readonly slowReadSeconds: number | null;
	/** All of the above, for the view to keep where it leaves it and hand back on coming back (`kept`). */
	readonly reads: ProcessReads;
};

/** ProcessDetailState.unsure. */
export type Unsure = Renamed & {readonly startToken: string};

/** Who holds a PID: a start token, and a command, each as the read that saw it gave them. */
type Holder = {readonly startToken: string | null; readonly command: string | null};

/**
 * The reads so far, with the start of the process first seen at the PID: the one the view is about; and, once
 * that one has left the PID, who held it at the last read (null: none; absent: not known).
 */
type Reads = Omit<ProcessDetailState, 'slowReadSeconds' | 'reads'> & {readonly firstStart: string | null; readonly holder?: Holder | null};

/** What a view of one process has read (ProcessDetailState.reads), as it was when the view left it. */
export type ProcessReads = Reads;

const none: Reads = {detail: null, lastAlive: null, lastSeen: null, exitSeen: null, error: null, reusedBy: null, unsure: null, firstStart: null};

type Target = {readonly collector: Collector; readonly pid: number; readonly shown: ShownProcess | null};

/**
 * The start of a view's process when the row it was opened from had left the PID by then (exited,
 * or another process took the PID since the table's scan): no process's, so every read is of a stranger.
 */
const ROW_GONE = 'the row\'s process had left the PID';

/** What a view's first read judged of the row it was opened from: the start of the row's process, or ROW_GONE; and ProcessDetailState.unsure. */
type Judged = {readonly rowStart: string; readonly unsure: Unsure | null};

/**
 * A read, with (`judged`) the row judged by it, and (`holder`) who held the PID as identify saw it right before;
 * `failed` where the process could not be read, after the row was judged: the judgement stands, and a retry does
 * not ask again; `isUnchanged` where the view's process had left the PID and the same one holds it still (or none).
 */
type Read = {readonly judged?: Judged; readonly holder?: Holder | null} & ({readonly detail: ProcessDetail} | {readonly failed: unknown} | {readonly isUnchanged: true});

/** The view's process has left the PID for good (exited and reaped, or another has the PID): no read finds it again. */
const hasLeft = (reads: Reads): boolean => reads.firstStart !== null && reads.detail !== null && reads.detail.process === null;

const isSameHolder = (now: Holder | null, before: Holder | null): boolean =>
	now === null || before === null ? now === before : now.startToken !== null && now.startToken === before.startToken && now.command === before.command;

async function readProcess(target: Target, reads: Reads): Promise<Read> {
	const {collector, pid, shown} = target;
	if (hasLeft(reads) && collector.identify !== undefined) {
		// Shown as left whoever has the PID: who that is, not the fds of a newcomer (thousands, maybe) the view would not show,
		// unless another holds it since the last read (its command is the one that read gives, as before).
		const holder = await collector.identify(pid);
		if (reads.holder !== undefined && isSameHolder(holder, reads.holder)) return {isUnchanged: true};
		return {detail: await collector.process(pid), holder};
	}

	// Judged once per view, by the first read (off Linux, identify runs ps): its answer is in the reads since.
	if (shown === null || collector.identify === undefined || reads.firstStart !== null) return {detail: await collector.process(pid)};
	// Who has the PID now, against the row: the table may show a row long after its scan (paused), and PIDs are taken again.
	const askedAt = Date.now();
	const now = await collector.identify(pid);
	const sameness = now === null ? null : compareWithShown(now, shown, askedAt);
	const judged = {
		rowStart: sameness?.kind === 'same' ? now!.startToken : ROW_GONE,
		unsure: sameness?.kind === 'renamed' ? {...sameness, startToken: now!.startToken} : null,
	};
	// Not the row's: who holds the PID, for the refreshes after (hasLeft).
	const holder = judged.rowStart === ROW_GONE ? now : undefined;
	try {
		return {detail: await collector.process(pid), judged, holder};
	} catch (error) {
		return {failed: error, judged};
	}
}

/**
 * A read of another process that has taken the PID (its start differs from the one
 * first seen) stands for "exited": the view never slides over to a stranger, whom
 * `k` would then offer to signal under the same PID and often the same name.
 */
function asSeenBy(detail: ProcessDetail, firstStart: string | null): {detail: ProcessDetail; reusedBy: string | null} {
	const start = detail.process?.startToken ?? null;
	if (detail.process === null || firstStart === null || start === null || start === firstStart) return {detail, reusedBy: null};
	return {detail: {...detail, process: null, fds: [], denied: null}, reusedBy: detail.process.command};
}

const failedRead = (previous: Reads, error: unknown): Reads => ({...previous, error: error instanceof Error ? error.message : String(error)});

function addRead(previous: Reads, outcome: Outcome<Read>): Reads {
	if (!outcome.isOk) return failedRead(previous, outcome.error);
	if ('isUnchanged' in outcome.value) return {...previous, error: null};
	const {judged} = outcome.value;
	const unsure = judged?.unsure ?? previous.unsure;
	if ('failed' in outcome.value) return {...failedRead(previous, outcome.value.failed), firstStart: previous.firstStart ?? judged?.rowStart ?? null, unsure};
	const {detail} = outcome.value;
	const firstStart = previous.firstStart ?? judged?.rowStart ?? detail.process?.startToken ?? null;
	const seen = asSeenBy(detail, firstStart);
	const isExited = hasExited(seen.detail);
	// Still the process the row check could not tell from the row's: not once another holds the PID (or none does).
	const isUnsure = unsure !== null && seen.reusedBy !== null && detail.process?.startToken === unsure.startToken;
	return {
		detail: seen.detail,
		lastAlive: isExited ? previous.lastAlive : seen.detail,
		lastSeen: seen.detail.process === null ? previous.lastSeen : seen.detail,
		exitSeen: isExited ? (previous.exitSeen ?? seen.detail.time) : null,
		error: null,
		reusedBy: seen.reusedBy,
		unsure: isUnsure ? unsure : null,
		firstStart,
		// Asked before this read, else as this read found it: the next read asks again, and reads the fds only of another.
		holder: outcome.value.holder !== undefined ? outcome.value.holder : detail.process === null ? null : {startToken: detail.process.startToken, command: detail.process.command},
	};
}

/**
 * Read one process's detail now and every `interval` seconds unless paused, as
 * usePolling reads (one at a time, timed from the start of the last); another
 * PID starts over, and a read of the one before is dropped. `startToken`: the start of the process
 * the view is about, when known before its first read. `kept`: what this PID's view had read when
 * it was left, shown at once on coming back (the next read at once too), instead of "Reading…"
 * for as long as that read takes (a walk of every process's fds when the peers known have aged).
 * `shown`: the table's row the view was opened from, whose process it is about, not a newcomer at its PID.
 */
export function useProcessDetail(collector: Collector, pid: number, interval: number, isPaused: boolean, slowAfterMs?: number, startToken: string | null = null, kept: ProcessReads | null = null, shown: ShownProcess | null = null): ProcessDetailState {
	// Coming back to a process seen before (Esc from the PID view Enter opened from its fd): that one, not a newcomer at its PID.
	const initial = useMemo(() => kept ?? {...none, firstStart: startToken}, [kept, startToken]);
	// A view that knows its process's start (come back to) judged the row when opened: who has the PID is not asked again.
	const rowToJudge = initial.firstStart === null ? shown : null;
	// What is read, kept in a ref, not memoized: React may drop a memoized value, and a new key would start the reads over.
	const target = useRef<Target>({collector, pid, shown: rowToJudge});
	if (target.current.collector !== collector || target.current.pid !== pid || target.current.shown !== rowToJudge) target.current = {collector, pid, shown: rowToJudge};
	const {state, slowSeconds} = usePolling({key: target.current, read: readProcess, reduce: addRead, initial, interval, isPaused, slowAfterMs});
	const {firstStart: _firstStart, holder: _holder, ...reads} = state;
	return {...reads, slowReadSeconds: slowSeconds, reads: state};
}
