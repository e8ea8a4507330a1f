import {displayWidth, sanitize} from '../format/escape.js';
import {exeGoneNote} from '../model/pid-rows.js';
import type {ProcessDetail, ProcessInfo} from '../model/process.js';
import {type Renamed, unsureText} from '../model/shown-process.js';
import {exitedText} from '../model/signal.js';
import type {TextStyle, Theme} from '../theme.js';

/**
 * What a notice is: that the process is gone (exited, or its PID another's), a read that failed, a warning
 * (what could not be read or is not known, a process that may not be the row's, an old program), or news in the
 * terminal's own style (what --pid asked, what the last key did).
 */
export type NoticeKind = 'gone' | 'error' | 'warning' | 'news';

/** One line of news above the PID view's table, before wrapping. */
export type PidNotice = {readonly text: string; readonly kind: NoticeKind};

/** A notice's style in `theme`: what went wrong its alarm (red, or bold without colours), a warning its warning (yellow, or bold). */
export function noticeStyle(kind: NoticeKind, theme: Theme): TextStyle {
	return kind === 'gone' || kind === 'error' ? theme.alarm : kind === 'warning' ? theme.warning : {};
}

/**
 * A missing tool's line ('unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin') for a
 * width: as it is where it fits, else without the package, else without where it was looked for
 * too ('unix peers and queues: ss not found', one line at 40 columns).
 */
function missingToolNote(line: string, width: number): string {
	const withoutPackage = line.replace(/ \([^)]*\)/u, '');
	const shortest = withoutPackage.replace(/ on PATH or in .*$/u, '');
	return [line, withoutPackage].find(text => displayWidth(text) <= width) ?? shortest;
}

/** exeGoneNote's line, a warning as the others about the process. */
function exeGoneLine(info: ProcessInfo): PidNotice | null {
	const text = exeGoneNote(info);
	return text === null ? null : {text, kind: 'warning'};
}

type Facts = {
	readonly pid: number;
	readonly width: number;
	/** The process has exited (or never existed). */
	readonly isGone: boolean;
	/** The read on screen: the last one of a live process, else its last while alive; null before any. */
	readonly shown: ProcessDetail | null;
	/** The last read in which the process was alive, if any. */
	readonly lastAlive: ProcessDetail | null;
	/** The command of a process that has taken the PID since, else null. */
	readonly reusedBy: string | null;
	/** The process at the PID (reusedBy) may be the row's after exec: socktop could not tell (useProcessDetail's unsure); absent or null otherwise. */
	readonly unsure?: Renamed | null;
	/** A zombie's parent PID (null when unknown); undefined when the process is no zombie. */
	readonly zombieOf: number | null | undefined;
	/** A read that threw, else null. */
	readonly error: string | null;
	/** What the keys last said (usePidKeys), else null. */
	readonly status: string | null;
	/** What the view says of what the command line asked (the thread --pid named), sanitized already; absent: nothing. */
	readonly asked?: readonly string[];
	/** A message from outside the view (job control's), else null; said last, as what the last key did. */
	readonly message?: string | null;
	/** The command of the table's row the view is about (Enter opened it), else null: a process that existed, named when never read alive. */
	readonly rowCommand?: string | null;
};

/**
 * What the PID view says above its table, in order: that the process exited (and what is
 * shown instead), what the view shows of what --pid asked (a thread's process), what could not be read (of the process, of the tool's output), which missing tool leaves unix peers unnamed, a
 * failed read, what the last key did, and a message from outside the view (job control's). Every text is sanitized here.
 */
export function pidNotices({pid, width, isGone, shown, lastAlive, reusedBy, zombieOf, error, status, asked = [], message = null, rowCommand = null, unsure = null}: Facts): PidNotice[] {
	// Never read alive, the process of a table's row is named as the row named it (the title has no name to give).
	const named = shown === null && rowCommand !== null ? ` (${sanitize(rowCommand)})` : '';
	// Not said to have exited: it may be the row's process, after exec. Shown as one that took the PID, as k treats it.
	const isUnsure = isGone && unsure !== null && reusedBy !== null;
	return [
		isUnsure ? {text: `${unsureText(pid, sanitize(reusedBy), sanitize(rowCommand ?? '?'), unsure)}, so shows none of its FDs.`, kind: 'warning' as const} : null,
		isGone && !isUnsure
			? {
					// Never seen alive (--pid of a PID no process has): it may never have existed.
					text: shown === null && reusedBy === null && rowCommand === null ? `No process ${pid}: it has exited or never existed.` : `Process ${pid}${named} has exited${zombieOf === undefined ? '' : `; its parent${zombieOf === null ? '' : ` (PID ${zombieOf})`} has not collected its exit status yet (a zombie)`}${reusedBy === null ? '' : `; PID ${pid} now belongs to another process (${sanitize(reusedBy)})`}${lastAlive === null ? '' : '; its last known FDs are shown dimmed'}.`,
					kind: 'gone' as const,
				}
			: null,
		...asked.map(text => ({text, kind: 'news' as const})),
		// Said of the process alive: a gone one's note above says what is shown.
		!isGone && shown?.process ? exeGoneLine(shown.process) : null,
		shown?.denied ? {text: sanitize(shown.denied), kind: 'warning' as const} : null,
		// As the table's header says it of the same tool's output.
		shown?.unreadOutput === undefined ? null : {text: sanitize(shown.unreadOutput), kind: 'warning' as const},
		// Why unix peers go unnamed ("a peer socktop cannot name"), in the words of the table's header.
		...(shown?.missingTools ?? []).map(line => ({text: missingToolNote(sanitize(line), width), kind: 'warning' as const})),
		error === null ? null : {text: `Could not read PID ${pid}: ${sanitize(error)}`, kind: 'error' as const},
		status === null ? null : {text: sanitize(status), kind: 'news' as const},
		message === null ? null : {text: sanitize(message), kind: 'news' as const},
	].filter(each => each !== null);
}

/** What k says where the view shows no live process: `unsureOf`, the row's command where the process at the PID may be the row's after exec (useProcessDetail's unsure). */
export function killGoneText(pid: number, isNeverRead: boolean, reusedBy: string | null, unsure: {readonly of: string; readonly renamed: Renamed} | null): string {
	// Worded as the banner and the table's k word it (unsureText), the reason included.
	if (unsure !== null && reusedBy !== null) return `Not sending: ${unsureText(pid, sanitize(reusedBy), sanitize(unsure.of), unsure.renamed)}.`;
	return isNeverRead && reusedBy === null ? `No process ${pid} to signal: it has exited or never existed.` : exitedText(pid);
}
