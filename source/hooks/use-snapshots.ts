import type {Collector} from '../collect/collector.js';
import type {Snapshot} from '../model/types.js';
import {type Outcome, usePolling} from './use-polling.js';

export type Snapshots = {
	/** The latest scan; null until the first one finishes. */
	readonly current: Snapshot | null;
	/** The scan before it, for new/gone marks; null on the first. */
	readonly previous: Snapshot | null;
	/** Why the last scan failed, in one line; null when it worked. Old rows stay shown. */
	readonly error: string | null;
	/**
	 * When the scans of `current` and `previous` ended (ms since the epoch; a Snapshot's `time` is when it
	 * started): a process in a snapshot may have started while its scan ran (seconds at 10k sockets).
	 */
	readonly endedAt: {readonly current: number | null; readonly previous: number | null};
	/**
	 * Whole seconds the scan under way has been running, once it has run for
	 * `slowAfterMs` (a hung lsof on a dead NFS mount, a huge machine); null otherwise.
	 * Without it the only sign would be a clock that stopped.
	 */
	readonly slowScanSeconds: number | null;
};

type Scans = Omit<Snapshots, 'slowScanSeconds'>;

const empty: Scans = {current: null, previous: null, error: null, endedAt: {current: null, previous: null}};

type Scan = {readonly snapshot: Snapshot; readonly endedAt: number};

/**
 * The scan's end as its start (`time`) plus how long it took: the clock of `time`, which a capture or a test may set.
 * `netns`: the namespace the table shows (SnapshotRequest.netns: ss is asked there alone).
 */
const scan = async (collector: Collector, netns: string | undefined): Promise<Scan> => {
	const startedAt = Date.now();
	const snapshot = await collector.snapshot(netns === undefined ? undefined : {netns});
	return {snapshot, endedAt: snapshot.time + (Date.now() - startedAt)};
};

function addScan(last: Scans, outcome: Outcome<Scan>): Scans {
	if (outcome.isOk) return {current: outcome.value.snapshot, previous: last.current, error: null, endedAt: {current: outcome.value.endedAt, previous: last.endedAt.current}};
	const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
	return {...last, error: message.split('\n')[0] ?? message};
}

/**
 * Scan with `collector` every `interval` seconds, as usePolling reads: one scan
 * at a time (a 50k-socket scan slower than the interval delays the next one
 * instead of piling up), the wait measured from the start of the last scan, as
 * top does; no scan while paused once one has finished, and on resume a scan
 * that is due starts at once. `netns`, the namespace the table shows (`n`), is where ss
 * is asked: another starts a scan at once, so its rows get ss's facts without waiting.
 */
export function useSnapshots(collector: Collector, interval: number, isPaused: boolean, slowAfterMs?: number, netns?: string): Snapshots {
	const read = async (key: Collector) => scan(key, netns);
	const {state, slowSeconds} = usePolling({key: collector, read, reduce: addScan, initial: empty, interval, isPaused, slowAfterMs, asked: netns});
	return {...state, slowScanSeconds: slowSeconds};
}
