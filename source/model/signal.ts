/**
 * Signals as data: what the kill dialog offers and what sending one reports.
 * The sending itself is a backend's (collect/signal.ts), handed to the views
 * through the Collector, so a view never reaches the OS.
 */

/** The signals the kill dialog offers, in menu order (TERM first: the polite default). */
export const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'] as const;
export type SignalName = (typeof SIGNALS)[number];

/** What happened, in one line for the status bar. */
export type SignalResult = {
	readonly isSent: boolean;
	readonly message: string;
};

/** Who a PID belongs to right now: enough to tell a reused PID from the one the user saw. */
export type ProcessIdentity = {
	readonly startToken: string;
	/** The kernel's short command name (comm), as the tables show it. */
	readonly command: string | null;
	/**
	 * How long ago the process started, in ms (Linux: /proc/uptime minus the start
	 * ticks, both on the boot clock); null or absent when unknown. A process younger
	 * than the frame the user acted on was not in that frame.
	 */
	readonly ageMs?: number | null;
};

/** A zombie's parent: its PID, and its command (comm), or null when that could not be read. */
export type ZombieParent = {readonly pid: number; readonly command: string | null};

/**
 * Whether socktop may signal a PID right now, asked with kill(pid, 0) before the dialog offers
 * anything: `exited` for ESRCH, `denied` for EPERM, with the owner (its real uid, which the
 * kernel compares with ours) named, or null when it could not be read; `isRoot` when socktop
 * runs as root, so that running as root is no advice. `zombie` for a process that has exited
 * but whose parent has not reaped it: kill(pid, 0) succeeds on it, yet any signal does nothing.
 */
export type SignalAccess =
	| {readonly kind: 'allowed'}
	| {readonly kind: 'exited'}
	| {readonly kind: 'zombie'; readonly parent: ZombieParent | null}
	| {readonly kind: 'denied'; readonly owner: string | null; readonly isRoot: boolean};

/** 'python3[986]': the process the dialog is about, as the PID view names holders. */
const target = (pid: number, command: string) => `${command}[${pid}]`;

/**
 * Why socktop may not signal a process, and what would let it, in one line:
 * 'socktop may not signal python3[986] (user alice): run as root or as alice.'
 * `command` must be sanitized already; `owner` is sanitized by the caller too.
 */
export function deniedText(pid: number, command: string, owner: string | null, isRoot: boolean): string {
	if (isRoot) return `socktop may not signal ${target(pid, command)} even as root (the kernel said EPERM).`;
	if (owner === null) return `socktop may not signal ${target(pid, command)} (not yours): run as root or as its user.`;
	return `socktop may not signal ${target(pid, command)} (user ${owner}): run as root${owner === 'root' ? '' : ` or as ${owner}`}.`;
}

/** A process gone before anything was sent, in the words of the PID view's banner ('Process 812 has exited'). */
export const exitedText = (pid: number): string => `Process ${pid} has exited; there is nothing to signal.`;

/**
 * Why signalling a zombie does nothing, and what would end it, in one line:
 * 'python3[986] has exited and is a zombie: its parent, bash[900], has not reaped it; signal the
 * parent, or it goes when the parent does.' The parent is named by PID alone when its command
 * could not be read, and left out when not even its PID could. `command` and the parent's must
 * be sanitized already.
 */
export function zombieText(pid: number, command: string, parent: ZombieParent | null): string {
	const who = parent === null ? 'its parent' : `its parent, ${parent.command === null ? `PID ${parent.pid}` : target(parent.pid, parent.command)},`;
	return `${target(pid, command)} has exited and is a zombie: ${who} has not reaped it; signal the parent, or it goes when the parent does.`;
}
