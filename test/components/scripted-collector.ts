import type {Collector, SnapshotRequest} from '../../source/collect/collector.js';
import {readProcessIdentity, sendSignal} from '../../source/collect/signal.js';
import {checkSignal} from '../../source/collect/signal-access.js';
import type {ProcessDetail} from '../../source/model/process.js';
import type {ProcessIdentity} from '../../source/model/signal.js';
import type {Snapshot} from '../../source/model/types.js';

/**
 * A collector the test drives: each snapshot() waits until the test pushes the
 * next snapshot, so a test decides exactly when a refresh happens.
 */
export class ScriptedCollector implements Collector {
	readonly name = 'proc' as const;
	scans = 0;
	/** What each scan was asked for beyond the table (SnapshotRequest), in order. */
	readonly requests: Array<SnapshotRequest | undefined> = [];
	private readonly queue: Snapshot[] = [];
	/** The snapshots handed out, oldest first: the rows the table may show. */
	private readonly scanned: Snapshot[] = [];
	private waiting: ((snapshot: Snapshot) => void) | null = null;

	constructor(first?: Snapshot) {
		if (first !== undefined) {
			this.queue.push(first);
		}
	}

	push(snapshot: Snapshot): void {
		if (this.waiting === null) {
			this.queue.push(snapshot);
		} else {
			const resolve = this.waiting;
			this.waiting = null;
			resolve(snapshot);
		}
	}

	async snapshot(request?: SnapshotRequest): Promise<Snapshot> {
		this.scans++;
		this.requests.push(request);
		const next = this.queue.shift();
		if (next !== undefined) {
			this.scanned.push(next);
			return next;
		}

		return new Promise(resolve => {
			this.waiting = snapshot => {
				this.scanned.push(snapshot);
				resolve(snapshot);
			};
		});
	}

	async process(pid: number): Promise<ProcessDetail> {
		return {time: Date.now(), process: null, fds: [], denied: `test: no process ${pid}`};
	}

	/**
	 * Who holds PID N on the fixtures' machine, never this one's (its PID 640 may be anything): the process
	 * process(N) reads (none: null), with its start token, so the PID view takes those reads for it. Where a
	 * scan handed out named N, it is that row's process: its command, started an hour before the last such scan.
	 */
	readonly identify = async (pid: number): Promise<ProcessIdentity | null> => {
		const {process: found} = await this.process(pid);
		if (found === null || found.startToken === null) return null;
		const scan = this.scanned.findLast(snapshot => snapshot.sockets.some(socket => socket.pid === pid));
		const row = scan?.sockets.find(socket => socket.pid === pid);
		if (scan === undefined || row === undefined) return {startToken: found.startToken, command: found.command, ageMs: null};
		return {startToken: found.startToken, command: row.command, ageMs: Date.now() - scan.time + 3_600_000};
	};

	// Signals reach this machine's real processes, as the proc backend's do; sendSignal checks the start token
	// against this machine's, so one identify made up is never sent.
	readonly signal = sendSignal;
	readonly checkSignal = checkSignal;
}

/** Scripted snapshots whose rows are this machine's processes (children a test spawned): who holds a PID is read from /proc. */
export class RealProcessCollector extends ScriptedCollector {
	override readonly identify = readProcessIdentity;
}
