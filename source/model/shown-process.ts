/**
 * Is the process at a PID now the one a table row showed? The kill dialog asks before it
 * offers a signal, the PID view before it shows a row's process: on a busy machine a PID is
 * taken again within minutes (pid_max 32768), and a paused table shows its rows for as long.
 */
import type {ProcessIdentity} from './signal.js';

/**
 * The row the user acted on: its command (null: the row has none, as lsof's may not; judged by age alone), and when the
 * snapshot it came from was scanned (null: not known).
 */
export type ShownProcess = {readonly command: string | null; readonly shownAt: number | null};

/**
 * Linux measures a process's age in 10 ms ticks (start time and uptime each cut
 * down), so it can read up to ~20 ms young: a process started just before the
 * frame must not be refused as a newcomer. A PID reused that fast is still
 * caught by the command check.
 */
const AGE_SLACK_MS = 20;

/**
 * 'same': the process shown, whatever it calls itself now (`renamedTo`: prctl PR_SET_NAME, or
 * another program run since it started before the frame); 'younger': it started after the frame
 * was scanned, another process that took the PID; 'renamed': it runs another command, and it
 * started about when the frame was scanned (`isAgeKnown`) or its age is not known (ps off Linux):
 * another process that took the PID, or the one shown after exec of another program, which
 * socktop cannot tell apart (unsureText). Neither is offered a signal nor shown as the row's.
 */
export type Sameness = {readonly kind: 'same'; readonly renamedTo: string | null} | {readonly kind: 'younger'} | Renamed;

/** compareWithShown's 'renamed'. */
export type Renamed = {readonly kind: 'renamed'; readonly isAgeKnown: boolean};

/** `now` (read at `askedAt`, ms since the epoch) against the row `shown`. */
export function compareWithShown(now: ProcessIdentity, shown: ShownProcess, askedAt: number): Sameness {
	// How much older than the frame the process is (negative: younger); null when either age is unknown.
	const olderBy = shown.shownAt !== null && typeof now.ageMs === 'number' ? now.ageMs - (askedAt - shown.shownAt) : null;
	const isRenamed = now.command !== null && shown.command !== null && !sameCommand(now.command, shown.command);
	if (olderBy !== null && olderBy + AGE_SLACK_MS < 0) return {kind: 'younger'};
	// Only the name can tell: a process that started about when the frame was scanned, or an age not known.
	if (isRenamed && (olderBy === null || olderBy < AGE_SLACK_MS)) return {kind: 'renamed', isAgeKnown: olderBy !== null};
	return {kind: 'same', renamedTo: isRenamed ? now.command : null};
}

/**
 * A 'renamed' verdict in words (names sanitized), without a full stop: the process at `pid` runs `now`, not the row's `shown`,
 * and socktop cannot tell whether it took the PID or is the row's after exec (a shell script that execs python reads so).
 */
export function unsureText(pid: number, now: string, shown: string, {isAgeKnown}: Renamed): string {
	// What it cannot tell first, so that a line cut at 40 columns keeps it, and why last.
	return `socktop cannot tell whether PID ${pid}, which now runs ${now}, is the row's ${shown} after exec or another process ${isAgeKnown ? '(it started as the table was read)' : '(no start time here)'}`;
}

/** The lengths a table cuts a command to: lsof's 9 characters, Linux's comm 15, FreeBSD's 19. */
const CUT_LENGTHS = new Set([9, 15, 19]);

/** `longer` is `shorter` cut at a table's length, or `shorter` with a title after it ('nginx: worker'); not 'sh' of 'sshd'. */
function isCutOrTitled(longer: string, shorter: string): boolean {
	if (shorter.length === 0 || !longer.startsWith(shorter)) return false;
	return CUT_LENGTHS.has(shorter.length) || /[^\w.-]/u.test(longer[shorter.length]!);
}

/**
 * Tables may show a command cut short, so such a prefix counts as the same. Off Linux `now` is ps's comm, which on
 * macOS is the path the program was started by ('/usr/sbin/sshd'): its file name counts.
 */
function sameCommand(now: string, shown: string): boolean {
	const isPrefix = (command: string) => command === shown || isCutOrTitled(command, shown) || isCutOrTitled(shown, command);
	return isPrefix(now) || (now.includes('/') && isPrefix(now.slice(now.lastIndexOf('/') + 1)));
}
