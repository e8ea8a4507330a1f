import {Box} from 'ink';
import {droppedLinesNote} from '../format/dropped.js';
import {displayWidth, fit, sanitize} from '../format/escape.js';
import {columnById} from '../model/columns.js';
import {shortHeader} from '../model/layout.js';
import {filterLineForm} from './filter-line.js';
import {useHeldShort} from '../hooks/use-held-short.js';
import {sortArrow, type SortOrder} from '../model/sort.js';
import type {Summary} from '../model/summary.js';
import type {BackendName, Snapshot} from '../model/types.js';
import type {Filters} from '../options.js';
import type {Theme} from '../theme.js';
import {hiddenWarning, type WarningForm} from './hidden-warning.js';
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
	/** What an unset --netns means: said beside the count, not among the filters (filterLineForm). */
	readonly defaultNetns?: string;
	/** The namespaces of the rows shown where the table has no NETNS column to say them (filterLineForm); none where it has. */
	readonly unlabelledNetns?: readonly string[];
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
function describeFirstScan(backend: BackendName): string {
	return backend === 'proc' ? 'reading /proc…' : backend === 'import' ? 'reading the capture…' : `waiting for ${backend}…`;
}

type TcpCounts = Pick<Summary, 'listen' | 'established' | 'timeWait' | 'closeWait' | 'synSent' | 'synRecv' | 'otherTcp'>;

/**
 * The states named when there are any, between the usual three and 'other', in both forms: a
 * pile of them is a fault 'other' would hide (CLOSE_WAIT: a program that never close()s; SYN_SENT:
 * connects hanging; SYN_RECV: a SYN flood or a full accept queue). ss -s names none of them, and
 * counts CLOSE_WAIT in its 'estab' (the kernel's CurrEstab, RFC 1213's tcpCurrEstab).
 */
const troubleStates = [
	['closeWait', 'close-wait', 'close-w'],
	['synSent', 'syn-sent', 'syn-s'],
	['synRecv', 'syn-recv', 'syn-r'],
] as const;

/** The short form's usual counts, least telling first: they give way where the line is short. */
const dropFirst: ReadonlyArray<keyof TcpCounts> = ['otherTcp', 'timeWait', 'listen', 'established'];

/**
 * The TCP sockets by state: '8 listen, 250 estab, 3 time-wait, 200 close-wait, 3 other' (ss's names, lower case), zero counts
 * left out as in compactTcp's form ('0' when all are), which a line with no room for this says.
 */
export function describeTcp(summary: TcpCounts): string {
	const shown = tcpCounts(summary, false).filter(([, count]) => count > 0);
	return shown.length === 0 ? '0' : shown.map(([, count, word]) => `${count} ${word}`).join(', ');
}

/** Each TCP count with its word, in the order the line says them. */
function tcpCounts(summary: TcpCounts, isCompact: boolean): Array<readonly [keyof TcpCounts, number, string]> {
	return [
		['listen', summary.listen, 'listen'],
		['established', summary.established, 'estab'],
		['timeWait', summary.timeWait, isCompact ? 'time-w' : 'time-wait'],
		...troubleStates.filter(([key]) => summary[key] > 0).map(([key, long, short]) => [key, summary[key], isCompact ? short : long] as const),
		['otherTcp', summary.otherTcp, 'other'],
	];
}

/**
 * describeTcp's short form, for a line with no room for it (80 columns): no zero counts, the states
 * as the STATE column spells them short, '8 listen, 250 estab, 3 time-w, 200 close-w, 3 other'. Longer
 * than `room`, it leaves out the least telling counts (other, time-w, listen, estab, then the
 * smaller named piles) and says so with '…', so a CLOSE_WAIT pile shows at 60 columns, never a
 * count cut in the middle. Also says whether it still names every pile of a fault state.
 */
function compactTcp(summary: TcpCounts, room: number): {readonly text: string; readonly isEveryPile: boolean} {
	let shown = tcpCounts(summary, true).filter(([, count]) => count > 0);
	if (shown.length === 0) return {text: '0', isEveryPile: room >= 1};
	const text = (cut: boolean) => `${shown.map(([, count, word]) => `${count} ${word}`).join(', ')}${cut ? ' …' : ''}`;
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
 * The counts line: 'Sockets 262 (tcp 254, udp 4, unix 4)   TCP: 8 listen, 250 estab, …' where it
 * fits, else the TCP counts in few words; where those would leave out a pile of a fault state (or
 * not fit at all), the breakdown by protocol gives way first: 'Sockets 74  TCP: 1 close-w, 5 syn-s …'.
 * The colon and commas keep 'TCP 28 listen 2018 estab' from reading as 28 TCP sockets.
 */
function countsLine(summary: Summary, width: number): {readonly sockets: string; readonly gap: string; readonly tcp: string} {
	// Compact enough for 80 columns with five-digit counts; UDP-Lite, ping, raw and packet sockets only when there are any.
	const families = [
		`tcp ${summary.tcp}`,
		`udp ${summary.udp}`,
		...(summary.udplite > 0 ? [`udplite ${summary.udplite}`] : []),
		`unix ${summary.unix}`,
		...(summary.icmp > 0 ? [`icmp ${summary.icmp}`] : []),
		...(summary.raw > 0 ? [`raw ${summary.raw}`] : []),
		...(summary.packet > 0 ? [`packet ${summary.packet}`] : []),
	];
	const sockets = `${summary.total} (${families.join(', ')})`;
	const fullTcp = describeTcp(summary);
	if (displayWidth(`Sockets ${sockets}   TCP: ${fullTcp}`) <= width) return {sockets, gap: '   ', tcp: fullTcp};
	const compact = compactTcp(summary, width - displayWidth(`Sockets ${sockets}  TCP: `));
	if (compact.isEveryPile) return {sockets, gap: '  ', tcp: compact.text};
	const total = String(summary.total);
	return {sockets: total, gap: '  ', tcp: compactTcp(summary, width - displayWidth(`Sockets ${total}  TCP: `)).text};
}

type ShortFit = {
	readonly snapshot: Snapshot;
	readonly hostLeast: number;
	readonly time: Segment;
	readonly clock: string;
	readonly paused: readonly Segment[];
	readonly slow: readonly Segment[];
	readonly width: number;
};

/**
 * The short warning whole, and what of the first line gives it room: the interval, then the clock
 * (what socktop cannot see outranks what the user already knows), then the warning's words
 * ('procs'), then a slow scan's note, then the host name. undefined where even that would be cut
 * (a warning is left out, never cut in the middle of its advice).
 */
function fitShortWarning({snapshot, hostLeast, time, clock, paused, slow, width}: ShortFit): {readonly warning: string; readonly notes: Segment[]; readonly hostLeast: number} | undefined {
	const shortOf = (form: WarningForm, skipped = snapshot.skipped) => [hiddenWarning(skipped, form), droppedLinesNote(snapshot, 'terse')].filter(each => each !== null).join('; ');
	const [short, tiny] = [shortOf('short'), shortOf('tiny')];
	// Last, the tiny form without what a table or tool left unread, so that note never takes "run as root" with it.
	const counted = shortOf('tiny', {...snapshot.skipped, unreadableTables: []});
	const ways = [
		{warning: short, notes: [time, ...paused, ...slow], hostLeast},
		{warning: short, notes: [{text: clock}, ...paused, ...slow], hostLeast},
		{warning: short, notes: [...paused, ...slow], hostLeast},
		...[tiny, counted].filter(least => least !== '').flatMap(least => [
			{warning: least, notes: [...paused, ...slow], hostLeast},
			{warning: least, notes: [...paused], hostLeast},
			// No host: the warning starts the line, so nothing may stand before it.
			...(paused.length === 0 ? [{warning: least, notes: [], hostLeast: 0}] : []),
		]),
	];
	return ways.find(way => (way.hostLeast === 0 ? 0 : way.hostLeast + 2) + widthOf(way.notes) + displayWidth(way.warning) <= width);
}

/**
 * Three lines, like top's: who and when (with the "processes hidden" warning),
 * counts by protocol and TCP state, then the sort and filters in force.
 */
export function Header({snapshot, summary, shown, closed = 0, interval, isPaused, sort, filters, defaultNetns, unlabelledNetns, error, slowScan = null, backend = 'proc', isLive = true, width, theme}: Props) {
	// A capture's unread lines come after what the scan could not see (a capture has none of that).
	const join = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : `${a}; ${b}`);
	const warningOf = (named: number) => (snapshot === null ? null : join(hiddenWarning(snapshot.skipped, 'sentence', named), droppedLinesNote(snapshot, 'header')));
	const fullWarning = warningOf(0);
	const host = sanitize(snapshot?.hostname ?? 'socktop');
	const clock = `  ${snapshot === null ? '--:--:--' : formatClock(snapshot.time)}`;
	const time: Segment = {text: `${clock}  ${isLive ? `every ${formatInterval(interval)}` : 'a capture, not refreshed'}`};
	const paused: Segment[] = isPaused ? [{text: '  '}, {text: ' PAUSED ', style: theme.paused}] : [];
	// After PAUSED and before the hidden warning: it explains why the clock has stopped.
	const slow: Segment[] = slowScan === null ? [] : [{text: '  '}, {text: slowScan, style: theme.warning}];
	let notes: Segment[] = [time, ...paused, ...slow];
	let hostLeast = Math.min(displayWidth(host), HOST_MIN_WIDTH);
	if (fullWarning !== null) {
		// The sentence naming two denied processes, or one, or none, where it fits; else the short
		// form, so the advice is never cut off. The `?` screen lists them all.
		const used = displayWidth(host) + widthOf(notes) + 2;
		const sentence = [warningOf(HEADER_NAMED), warningOf(1), fullWarning].find((each): each is string => each !== null && used + displayWidth(each) <= width);
		const fitted = sentence === undefined ? fitShortWarning({snapshot: snapshot!, hostLeast, time, clock, paused, slow, width}) : {warning: sentence, notes, hostLeast};
		if (fitted !== undefined) {
			({notes, hostLeast} = fitted);
			notes.push(...(hostLeast === 0 ? [] : [{text: '  '}]), {text: fitted.warning, style: theme.warning});
		}
	}

	// A long host name or capture path gives way to the notes: a capture's path is cut from the
	// left, as addresses are, so its file name stays; a host name from the right, so the label that
	// tells hosts apart stays (ip-10-20-30-40.eu-west-1.compute.internal).
	const hostRoom = hostLeast === 0 ? 0 : Math.max(hostLeast, width - widthOf(notes));
	const shownHost = hostRoom === 0 ? '' : displayWidth(host) <= hostRoom ? host : isLive ? fit(host, hostRoom) : fit(host, hostRoom, 'left', true);
	const first: Segment[] = [{text: shownHost, style: theme.label}, ...notes];

	const counts = countsLine(summary, width);
	// Nothing read yet: what is being read, or that it was not (the third line says why).
	const unread: Segment[] = [{text: 'Sockets ', style: theme.label}, {text: error === null ? describeFirstScan(backend) : 'none read'}];
	const second: Segment[] = snapshot === null ? unread : [
		{text: 'Sockets ', style: theme.label},
		{text: counts.sockets},
		{text: `${counts.gap}TCP: `, style: theme.label},
		{text: counts.tcp},
	];

	const sorted = columnById(sort.column);
	const lineProps = {sort: `${sorted.header} ${sort.isDescending ? 'desc' : 'asc'}`, sortShort: `${shortHeader(sorted)}${sortArrow(sort)}`, filters, shown: snapshot === null ? null : shown, closed, rows: summary.rows, defaultNetns, unlabelledNetns, width, theme};
	const natural = filterLineForm(lineProps);
	// Short once, the line stays short until the long form has fitted a while (as the columns' widths do), so its wording does not flip as rows close.
	const isShortHeld = useHeldShort(natural.isShort ? ['filter'] : [], snapshot?.time ?? 0, [filters, width]).has('filter');
	const third = isShortHeld && !natural.isShort ? filterLineForm({...lineProps, isShortHeld}).segments : natural.segments;
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
