/**
 * Parser of /proc/PID/stat (proc(5)). Takes text; never reads files.
 *
 * A real line (Debian 12, kernel 6.1):
 *   6739 (cat) R 6736 6736 2850 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 31824 3133440 380 ...
 *
 * The command (field 2) is in parentheses and may itself contain spaces and ')'
 * (prctl PR_SET_NAME accepts any bytes), so the fields after it are found from
 * the LAST ')' on the line, as procps does.
 */

export type ProcStat = {
	readonly pid: number;
	/** Field 2 without the parentheses: the 15-byte comm. */
	readonly comm: string;
	/** Field 3: one letter, e.g. 'S'. */
	readonly state: string;
	/** Field 4. */
	readonly ppid: number;
	/** Field 9: the kernel's PF_* flags of the task. */
	readonly flags: number;
	/** Field 20. */
	readonly threads: number;
	/** Field 22: start time in clock ticks after boot, kept as text (it can exceed 2^53 only in theory, but it is an identity). */
	readonly startTicks: string;
};

const toInt = (text: string | undefined): number | null => {
	if (text === undefined || !/^-?\d+$/.test(text)) {
		return null;
	}

	// A value past 2^53 is not a PID or count the kernel wrote; the line is damaged.
	return Number.isSafeInteger(Number(text)) ? Number(text) : null;
};

/** Parse /proc/PID/stat; null when the text is truncated or not a stat line. */
export function parseProcStat(text: string): ProcStat | null {
	const open = text.indexOf('(');
	const close = text.lastIndexOf(')');
	if (open < 1 || close < open) {
		return null;
	}

	const pid = toInt(text.slice(0, open).trim());
	const rest = text.slice(close + 1).trim().split(/\s+/);
	// Field n (1-based, as proc(5) numbers them) is rest[n - 3].
	const state = rest[0];
	const ppid = toInt(rest[1]);
	const flags = toInt(rest[6]);
	const threads = toInt(rest[17]);
	const startTicks = rest[19];
	if (pid === null || pid <= 0 || state === undefined || !/^[A-Za-z]$/.test(state) || ppid === null || ppid < 0 || flags === null || flags < 0 || threads === null || threads < 0) {
		return null;
	}

	// Field 23 must follow, so a line cut inside field 22 is not taken for a shorter start time.
	if (startTicks === undefined || !/^\d+$/.test(startTicks) || rest[20] === undefined) {
		return null;
	}

	return {pid, comm: text.slice(open + 1, close), state, ppid, flags, threads, startTicks};
}

/** PF_KTHREAD (include/linux/sched.h): a kernel thread, which has no fd table of its own. */
const PF_KTHREAD = 0x00_20_00_00;

/** True for a kernel thread (kthreadd's children): its /proc/PID/fd is closed to all but root, and empty. */
export const isKernelThread = (stat: ProcStat): boolean => Math.floor(stat.flags / PF_KTHREAD) % 2 === 1;

/** The words ps(1) and proc(5) give each state letter. */
const stateWords: Record<string, string> = {
	R: 'running',
	S: 'sleeping',
	D: 'disk sleep',
	Z: 'zombie',
	T: 'stopped',
	t: 'tracing stop',
	X: 'dead',
	x: 'dead',
	K: 'wakekill',
	W: 'waking',
	P: 'parked',
	I: 'idle',
};

/** 'S' -> 'S (sleeping)'; unknown letters stay bare. */
export function describeState(letter: string): string {
	const word = stateWords[letter];
	return word === undefined ? letter : `${letter} (${word})`;
}

/**
 * The boot time from /proc/stat's `btime` line (seconds since the epoch).
 *   btime 1795749843
 */
export function parseBootTime(text: string): number | null {
	const match = /^btime\s+(\d+)\s*$/m.exec(text);
	return match?.[1] === undefined ? null : Number(match[1]);
}
