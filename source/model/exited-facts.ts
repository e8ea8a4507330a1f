import {sanitize} from '../format/escape.js';
import {type Fact, fdCountOf, formatAge, formatClock, formatCmdline, processFacts, stateOf} from './pid-rows.js';
import type {ProcessDetail, ProcessInfo} from './process.js';

/** What the PID view has read of a process it has seen exit (useProcessDetail's reads). */
export type ExitReads = {
	/** The latest read: a zombie's entry, or none (gone from /proc, or its PID another process's). */
	readonly latest: ProcessDetail;
	/** The last read in which it was alive; null when it never was. */
	readonly lastAlive: ProcessDetail | null;
	/** The last read in which /proc had its entry, alive or a zombie; null when none did. */
	readonly lastSeen: ProcessDetail | null;
	/** When a read first found it exited (null: not known, the latest read's time stands). */
	readonly exitSeen: number | null;
};

/** Before a fact the view holds from an earlier read than the facts beside it. */
const LAST_KNOWN = '(last known) ';

/**
 * When it ran: '2026-11-28 04:49:00, exited by 04:49:11 (11s later)', the exit being seen by the
 * first read that found it exited (it may have exited any time since the read before). The day
 * is said once where both times are on it.
 */
function ranText(info: ProcessInfo, exitSeen: number): string {
	const by = formatClock(exitSeen);
	if (info.startTime === null) return `? (exited by ${by})`;
	const start = formatClock(info.startTime);
	const end = by.slice(0, 10) === start.slice(0, 10) ? by.slice(11) : by;
	return `${start}, exited by ${end} (${formatAge(exitSeen - info.startTime)} later)`;
}

/**
 * The facts of a process seen to exit (hasExited), so they agree with the banner above them. A
 * zombie: its own last read (state Z, its parent now, no open fds), with the command line, cwd
 * and exe it no longer has from its last read alive, marked as last known. Gone from /proc (or
 * its PID taken by another process: `latest.process` null): the last read alive (else the
 * zombie's), its fd count, socket tally, command line, cwd and exe marked as last known (as the
 * zombie's were), and its state the last one read ('exited (last read: Z (zombie))'). Either way Started says when it ran: from its start until the exit was seen, not
 * an age frozen at an earlier read. null when there is no read of it to show.
 */
export function exitedFacts({latest, lastAlive, lastSeen, exitSeen}: ExitReads): readonly Fact[] | null {
	const alive = lastAlive?.process ?? null;
	const zombie = latest.process;
	const seen = exitSeen ?? latest.time;
	if (zombie !== null) {
		// A zombie's namespace link is gone with its files: the last one read stands.
		const facts = processFacts(zombie, fdCountOf(latest), latest.time, latest.netns ?? lastAlive?.netns ?? null);
		const was: Partial<Record<string, string | null>> =
			alive === null
				? {}
				: {
						Cmdline: formatCmdline(zombie.cmdline) === null ? formatCmdline(alive.cmdline) : null,
						Cwd: zombie.cwd === null && alive.cwd !== null ? sanitize(alive.cwd) : null,
						Exe: zombie.exe === null && alive.exe !== null ? sanitize(alive.exe) : null,
					};
		return facts.map(fact => {
			if (fact.label === 'Started') return {label: fact.label, value: ranText(zombie, seen)};
			const value = was[fact.label];
			return value === null || value === undefined ? fact : {label: fact.label, value: LAST_KNOWN + value};
		});
	}

	const last = lastAlive ?? lastSeen;
	const info = last?.process ?? null;
	if (last === null || info === null) return null;
	const state = stateOf(lastSeen?.process ?? info);
	// What it had at that read and has no more, as the zombie's facts mark them, with its fds: not where the read had none.
	const lastKnown = new Set(['Open FDs', 'Sockets', ...(formatCmdline(info.cmdline) === null ? [] : ['Cmdline']), ...(info.cwd === null ? [] : ['Cwd']), ...(info.exe === null ? [] : ['Exe'])]);
	return processFacts(info, fdCountOf(last), last.time, last.netns ?? null).map(fact =>
		fact.label === 'State'
			? {label: fact.label, value: `exited (last read: ${state})`}
			: lastKnown.has(fact.label)
				? {label: fact.label, value: LAST_KNOWN + fact.value}
				: fact.label === 'Started'
					? {label: fact.label, value: ranText(info, seen)}
					: fact,
	);
}
