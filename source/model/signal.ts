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
