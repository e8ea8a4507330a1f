import type {ProcessDetail} from '../model/process.js';
import type {ThreadOwner} from '../model/thread.js';
import type {BackendName, Snapshot} from '../model/types.js';
import type {ProcessIdentity, SignalAccess, SignalName, SignalResult} from '../model/signal.js';

/** What a backend found for `--netns LABEL` (Collector.findNamespace). */
export type NamespaceSearch = {
	/** true: a namespace has this label now, sockets or not; false: none has (a typo); null: cannot tell (hidden processes). */
	readonly isFound: boolean | null;
	/** The labels of the namespaces found, host first: what the user may have meant. */
	readonly labels: readonly string[];
	/**
	 * The label the table gives the namespace asked for, where it was asked by another spelling of its
	 * inode (`net:[N]`, `N`, `[N]`, or `netns:[N]` of a namespace with a name); absent: the label as asked.
	 */
	readonly label?: string;
};

/** What a snapshot reads on request only, beyond what the live view's refreshes read. */
export type SnapshotRequest = {
	/**
	 * Each TCP listener's backlog and IPv6-only flag (Socket.backlog, isV6Only), and an IPv6 UDP server's flag, which /proc does not
	 * give: the /proc backend runs ss -tulnHe for them (listener-facts.ts). A one-shot's --json asks.
	 */
	readonly withListenerFacts?: boolean;
	/**
	 * The label of the one network namespace whose rows will be shown (`--netns NAME`, resolved); absent or
	 * `all`: every one. The /proc backend asks ss (through nsenter, as root) in that namespace alone: the
	 * others' rows carry what their tables say without it (unix peers unnamed, tcp6 for tcp46).
	 */
	readonly netns?: string;
};

/**
 * One backend: the only code that does I/O. Every call returns plain data;
 * expected failures (vanished processes, permission errors, malformed lines)
 * are counted in the result, never thrown.
 */
export type Collector = {
	readonly name: BackendName;
	/** Every socket on the machine, one row per holder. */
	snapshot(request?: SnapshotRequest): Promise<Snapshot>;
	/** Every fd of one process, for the PID view. */
	process(pid: number): Promise<ProcessDetail>;
	/**
	 * The process a thread ID belongs to (`--pid TID`), or null for a process's own ID or one
	 * that names nothing. Absent for lsof off Linux and sockstat (macOS has no thread IDs among its PIDs,
	 * FreeBSD numbers threads apart) and captures, whose IDs are all processes'.
	 */
	threadOwner?(id: number): Promise<ThreadOwner | null>;
	/**
	 * Who holds a PID now (start token, command, age), or null when it is gone. Absent
	 * for sources whose processes are not live here (an --import capture).
	 */
	identify?(pid: number): Promise<ProcessIdentity | null>;
	/**
	 * Send a signal, only if the PID still has `startToken`; failures come back as
	 * messages. Absent, like identify, when there is nothing live to signal.
	 */
	signal?(pid: number, signal: SignalName, startToken: string | null): Promise<SignalResult>;
	/**
	 * Whether socktop may signal a PID now (kill(pid, 0)): asked as the kill dialog opens, so a
	 * process socktop may not signal is said at once, not after the menu and y. Absent like signal.
	 */
	checkSignal?(pid: number): Promise<SignalAccess>;
	/**
	 * Which of a listener's holders (by PID) waits to accept from the socket of `inode` now: true, in
	 * accept() or an epoll wait on it; false, known not to; null, not known (collect/linux/accept-waiters.ts).
	 * Asked for a listener several processes hold, when a sentence about its accept queue is shown. The proc
	 * backend only: lsof, sockstat and captures cannot tell, and their sentences name every holder.
	 */
	acceptWaiters?(pids: readonly number[], inode: number): Promise<ReadonlyMap<number, boolean | null>>;
	/**
	 * Whether a network namespace has this label (`--netns NAME`). Absent for backends
	 * that see only their own namespace (lsof, sockstat, a capture): every row is the host's.
	 */
	findNamespace?(label: string): Promise<NamespaceSearch>;
	/**
	 * The label of the network namespace socktop runs in, as snapshots label it ('host', or
	 * `blue` under `ip netns exec blue`). Absent where every row is the host's, as for findNamespace.
	 */
	ownNamespace?(): string;
	/**
	 * Throws a UserError (one line, exit 2) when the tool this backend runs is not installed:
	 * asked before the live view opens. Absent where no tool is needed (proc, a capture).
	 */
	checkTool?(): Promise<void>;
};

/** An --import capture: never refreshed, and its rows name no process of this machine. The one place that says so. */
export const isCapture = (collector: Pick<Collector, 'name'>): boolean => collector.name === 'import';

/** A user-facing failure (missing tool, unsupported platform): one line, exit code 2. */
export class UserError extends Error {
	override readonly name = 'UserError';
}
