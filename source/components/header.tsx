import {Box} from 'ink';
import {deniedNames} from '../format/denied.js';
import {droppedLinesNote} from '../format/dropped.js';
import {displayWidth, fit, sanitize} from '../format/escape.js';
import {columnById} from '../model/columns.js';
import {filterLine} from './filter-line.js';
import type {SortOrder} from '../model/sort.js';
import type {Summary} from '../model/summary.js';
import type {BackendName, Skipped, Snapshot} from '../model/types.js';
import type {Filters} from '../options.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';

/** The header is always this tall, so the table below never moves. */
export const HEADER_LINES = 3;

type Props = {
	readonly snapshot: Snapshot | null;
	readonly summary: Summary;
	/** Rows that pass the filters, not counting closed ones. */
	readonly shown: number;
	/**
	 * Rows of sockets closed since the last refresh, which the table still draws (dimmed) for
	 * one refresh: the footer's 'rows 1-18 of 52' counts them, so the header says how many.
	 */
	readonly closed?: number;
	readonly interval: number;
	readonly isPaused: boolean;
	readonly sort: SortOrder;
	readonly filters: Filters;
	/** What an unset --netns means: said beside the count, not among the filters (filterLine). */
	readonly defaultNetns?: string;
	/** The last scan's failure, if it failed. */
	readonly error: string | null;
	/** The scan under way, when it is taking long: 'waiting for lsof (12s)'. */
	readonly slowScan?: string | null;
	/** The backend, named on the counts line before the first snapshot ('reading /proc…'). */
	readonly backend?: BackendName;
	/** False for a capture (--import): read once, never refreshed. */
	readonly isLive?: boolean;
	readonly width: number;
	readonly theme: Theme;
};

/** Denied processes the first line names at most, where they fit. */
const HEADER_NAMED = 2;

/** Columns the host name (a capture's file path) keeps, cut from the left, however long the notes after it. */
const HOST_MIN_WIDTH = 12;

const widthOf = (segments: readonly Segment[]) => segments.reduce((sum, segment) => sum + displayWidth(segment.text), 0);

const two = (value: number) => String(value).padStart(2, '0');

/** Wall-clock time of a scan, like top's first line (local time, to the second). */
export function formatClock(time: number): string {
	const date = new Date(time);
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** '2s', '0.5s'. */
export function formatInterval(seconds: number): string {
	return `${Number(seconds.toFixed(2))}s`;
}

/**
 * What a scan that is taking long is doing, with its age: the backend's tool by
 * name, since a hung lsof (a dead NFS mount) is the usual cause.
 */
export function describeSlowScan(backend: BackendName, seconds: number): string {
	const doing = backend === 'lsof' || backend === 'sockstat' ? `waiting for ${backend}` : backend === 'proc' ? 'still reading /proc' : 'still reading';
	return `${doing} (${seconds}s)`;
}

/**
 * What the counts line says before the first snapshot, in place of counts that would read as
 * an empty machine ('0 listen, 0 estab'): what is being read.
 */
export function describeFirstScan(backend: BackendName): string {
	return backend === 'proc' ? 'reading /proc…' : backend === 'import' ? 'reading the capture…' : `waiting for ${backend}…`;
}

const plural = (count: number, word: string, ending = 'es') => `${count} ${word}${count === 1 ? '' : ending}`;

/** What the warnings read of a snapshot's Skipped. */
type Unseen = Pick<Skipped, 'deniedProcesses' | 'deniedNamespaces'> & Partial<Pick<Skipped, 'procHidden' | 'deniedAsRoot' | 'unreadableTables' | 'deniedProcessList'>>;

/**
 * What the scan could not see, in one warning, or null: processes whose
 * owners it could not read, and network namespaces whose tables it could not
 * read (their sockets are missing, not shown as the host's), and a /proc
 * mounted to hide other users' processes. `named` denied processes are named
 * (`sshd[812]`), where the backend could tell which; the short form names none.
 */
export function hiddenWarning(skipped: Unseen, isShort = false, named = 0): string | null {
	const warning = isShort ? shortWarning(skipped) : longWarning(skipped, named);
	// What the backend could not read at all (a socket table; lsof without root), after the counts.
	const tables = skipped.unreadableTables ?? [];
	const unread = tables.length === 0 ? null : tables.length === 1 ? tables[0]! : `${tables[0]!} (and ${tables.length - 1} more unreadable)`;
	return warning === null ? unread : unread === null ? warning : `${warning}; ${unread}`;
}

function longWarning(skipped: Unseen, named: number): string | null {
	const counted = countedWarning(skipped, named);
	if (skipped.procHidden === true) {
		// Nothing is counted for processes that do not appear at all, so this comes first.
		const invisible = '/proc is mounted hidepid=2: other users\' processes are invisible — run as root';
		return counted === null ? invisible : `${invisible}; ${counted}`;
	}

	return counted;
}

/** The warning in few words, for a first line that has no room for the sentence (80 columns, a long host name). */
function shortWarning(skipped: Unseen): string | null {
	const counts = [
		skipped.deniedProcesses > 0 ? plural(skipped.deniedProcesses, 'process') : null,
		skipped.deniedNamespaces > 0 ? `${skipped.deniedNamespaces} netns` : null,
	].filter(each => each !== null);
	const counted = counts.length === 0 ? null : skipped.deniedAsRoot === true ? `${counts.join(', ')} unreadable` : `${counts.join(', ')} hidden (run as root)`;
	if (skipped.procHidden === true) return counted === null ? 'hidepid: run as root' : `hidepid; ${counted}`;
	return counted;
}

function countedWarning(skipped: Unseen, named: number): string | null {
	const processes = skipped.deniedProcesses > 0 ? plural(skipped.deniedProcesses, 'process') : null;
	const namespaces = skipped.deniedNamespaces > 0 ? plural(skipped.deniedNamespaces, 'network namespace', 's') : null;
	const names = deniedNames(skipped, named);
	if (skipped.deniedAsRoot === true) {
		// Root was refused too: "run as root" would be wrong advice. The names end the sentence.
		const counts = [processes, namespaces].filter(each => each !== null);
		return counts.length === 0 ? null : `${counts.join(' and ')} unreadable even as root${names === null ? '' : `: ${names}`}`;
	}

	// Next to the count they belong to, so the advice still ends the sentence.
	const inBrackets = names === null ? '' : ` (${names})`;
	if (processes !== null && namespaces !== null) {
		return `${processes}${inBrackets} and ${namespaces} hidden — run as root to see them`;
	}

	if (processes !== null) {
		return `${processes} hidden${inBrackets} — run as root to see which sockets they hold`;
	}

	return namespaces === null ? null : `${namespaces} hidden — run as root to see their sockets`;
}

type TcpCounts = Pick<Summary, 'listen' | 'established' | 'timeWait' | 'closeWait' | 'synSent' | 'synRecv' | 'otherTcp'>;

/**
 * The states named when there are any, between the usual three and 'other', in both forms: a
 * pile of them is a fault 'other' would hide (CLOSE_WAIT: a program that never close()s; SYN_SENT:
 * connects hanging; SYN_RECV: a SYN flood or a full accept queue). ss -s names none of them, and
 * counts CLOSE_WAIT in its 'estab' (the kernel's CurrEstab, RFC 1213's tcpCurrEstab).
 */
const troubleStates = [
	['closeWait', 'close_wait', 'closewait'],
	['synSent', 'syn_sent', 'synsent'],
	['synRecv', 'syn_recv', 'synrecv'],
] as const;

/** The short form's usual counts, least telling first: they give way where the line is short. */
const dropFirst: ReadonlyArray<keyof TcpCounts> = ['otherTcp', 'timeWait', 'listen', 'established'];

/**
 * The TCP sockets by state: '8 listen, 250 estab, 3 time_wait, 200 close_wait, 3 other'. A line
 * with no room for that says compactTcp's form.
 */
export function describeTcp(summary: TcpCounts): string {
	return tcpCounts(summary, false).map(([, count, word]) => `${count} ${word}`).join(', ');
}

/** Each TCP count with its word, in the order the line says them. */
function tcpCounts(summary: TcpCounts, isCompact: boolean): Array<readonly [keyof TcpCounts, number, string]> {
	return [
		['listen', summary.listen, 'listen'],
		['established', summary.established, 'estab'],
		['timeWait', summary.timeWait, isCompact ? 'timewait' : 'time_wait'],
		...troubleStates.filter(([key]) => summary[key] > 0).map(([key, long, short]) => [key, summary[key], isCompact ? short : long] as const),
		['otherTcp', summary.otherTcp, 'other'],
	];
}

/**
 * describeTcp's short form, for a line with no room for it (80 columns): no commas, zero counts
 * or underscores, '8 listen 250 estab 3 timewait 200 closewait 3 other' (ss -s's word). Longer
 * than `room`, it leaves out the least telling counts (other, timewait, listen, estab, then the
 * smaller named piles) and says so with '…', so a CLOSE_WAIT pile shows at 60 columns, never a
 * count cut in the middle. Also says whether it still names every pile of a fault state.
 */
function compactTcp(summary: TcpCounts, room: number): {readonly text: string; readonly isEveryPile: boolean} {
	let shown = tcpCounts(summary, true).filter(([, count]) => count > 0);
	if (shown.length === 0) return {text: '0', isEveryPile: room >= 1};
	const text = (cut: boolean) => [...shown.map(([, count, word]) => `${count} ${word}`), ...(cut ? ['…'] : [])].join(' ');
	if (displayWidth(text(false)) <= room) return {text: text(false), isEveryPile: true};
	// Then the named states, the smallest pile first: the largest is the story.
	const named = troubleStates.map(([key]) => key).sort((a, b) => summary[a] - summary[b]);
	for (const key of [...dropFirst, ...named]) {
		if (shown.length === 1) break;
		shown = shown.filter(([each]) => each !== key);
		if (displayWidth(text(true)) <= room) break;
	}

	const isEveryPile = troubleStates.every(([key]) => summary[key] === 0 || shown.some(([each]) => each === key));
	return {text: text(true), isEveryPile: isEveryPile && displayWidth(text(true)) <= room};
}

/**
 * The counts line: 'Sockets 262 (tcp 254, udp 4, unix 4)   TCP 8 listen, 250 estab, …' where it
 * fits, else the TCP counts in few words; where those would leave out a pile of a fault state (or
 * not fit at all), the breakdown by protocol gives way first: 'Sockets 74  TCP 1 closewait 5 synsent …'.
 */
export function countsLine(summary: Summary, width: number): {readonly sockets: string; readonly gap: string; readonly tcp: string} {
	// Compact enough for 80 columns with five-digit counts; ping and raw sockets only when there are any.
	const families = [
		`tcp ${summary.tcp}`,
		`udp ${summary.udp}`,
		`unix ${summary.unix}`,
		...(summary.icmp > 0 ? [`icmp ${summary.icmp}`] : []),
		...(summary.raw > 0 ? [`raw ${summary.raw}`] : []),
	];
	const sockets = `${summary.total} (${families.join(', ')})`;
	const fullTcp = describeTcp(summary);
	if (displayWidth(`Sockets ${sockets}   TCP ${fullTcp}`) <= width) return {sockets, gap: '   ', tcp: fullTcp};
	const compact = compactTcp(summary, width - displayWidth(`Sockets ${sockets}  TCP `));
	if (compact.isEveryPile) return {sockets, gap: '  ', tcp: compact.text};
	const total = String(summary.total);
	return {sockets: total, gap: '  ', tcp: compactTcp(summary, width - displayWidth(`Sockets ${total}  TCP `)).text};
}

/**
 * Three lines, like top's: who and when (with the "processes hidden" warning),
 * counts by protocol and TCP state, then the sort and filters in force.
 */
export function Header({snapshot, summary, shown, closed = 0, interval, isPaused, sort, filters, defaultNetns, error, slowScan = null, backend = 'proc', isLive = true, width, theme}: Props) {
	// A capture's unread lines come after what the scan could not see (a capture has none of that).
	const join = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : `${a}; ${b}`);
	const warningOf = (named: number) => (snapshot === null ? null : join(hiddenWarning(snapshot.skipped, false, named), droppedLinesNote(snapshot, 'header')));
	const fullWarning = warningOf(0);
	const host = sanitize(snapshot?.hostname ?? 'socktop');
	const clock = `  ${snapshot === null ? '--:--:--' : formatClock(snapshot.time)}`;
	const notes: Segment[] = [{text: `${clock}  ${isLive ? `every ${formatInterval(interval)}` : 'a capture, not refreshed'}`}];
	if (isPaused) {
		notes.push({text: '  '}, {text: ' PAUSED ', style: theme.paused});
	}

	if (slowScan !== null) {
		// Before the hidden warning: it explains why the clock has stopped.
		notes.push({text: '  '}, {text: slowScan, style: theme.warning});
	}

	if (fullWarning !== null) {
		// The sentence naming two denied processes, or one, or none, where it fits; else the short
		// form, so the advice is never cut off. The `?` screen lists them all.
		const used = displayWidth(host) + widthOf(notes) + 2;
		const sentence = [warningOf(HEADER_NAMED), warningOf(1), fullWarning].find(each => each !== null && used + displayWidth(each) <= width);
		const warning = sentence ?? join(hiddenWarning(snapshot!.skipped, true), droppedLinesNote(snapshot!, 'terse'))!;
		// Where even the short form would be cut (40 columns), the interval gives way to it, then the
		// clock: what socktop cannot see outranks what the user already knows. The host keeps its least.
		const least = Math.min(displayWidth(host), HOST_MIN_WIDTH) + 2 + displayWidth(warning);
		if (sentence === undefined && least + widthOf(notes) > width) {
			notes[0] = {text: least + displayWidth(clock) + widthOf(notes.slice(1)) <= width ? clock : ''};
		}

		notes.push({text: '  '}, {text: warning, style: theme.warning});
	}

	// A long host name or capture path gives way to the notes: a capture's path is cut from the
	// left, as addresses are, so its file name stays; a host name from the right, so the label that
	// tells hosts apart stays (ip-10-20-30-40.eu-west-1.compute.internal).
	const hostRoom = Math.max(Math.min(displayWidth(host), HOST_MIN_WIDTH), width - widthOf(notes));
	const shownHost = displayWidth(host) <= hostRoom ? host : isLive ? fit(host, hostRoom) : fit(host, hostRoom, 'left', true);
	const first: Segment[] = [{text: shownHost, style: theme.label}, ...notes];

	const counts = countsLine(summary, width);
	// Nothing read yet: what is being read, or that it was not (the third line says why).
	const unread: Segment[] = [{text: 'Sockets ', style: theme.label}, {text: error === null ? describeFirstScan(backend) : 'none read'}];
	const second: Segment[] = snapshot === null ? unread : [
		{text: 'Sockets ', style: theme.label},
		{text: counts.sockets},
		{text: `${counts.gap}TCP `, style: theme.label},
		{text: counts.tcp},
	];

	const third = filterLine({sort: `${columnById(sort.column).header} ${sort.isDescending ? 'desc' : 'asc'}`, filters, shown: snapshot === null ? null : shown, closed, rows: summary.rows, defaultNetns, width, theme});
	if (error !== null) {
		third.push({text: '   '}, {text: `scan failed: ${sanitize(error)}`, style: theme.warning});
	}

	return (
		<Box flexDirection="column">
			<Line segments={first} width={width} />
			<Line segments={second} width={width} />
			<Line segments={third} width={width} />
		</Box>
	);
}
