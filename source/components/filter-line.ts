import {displayWidth, fit, sanitize} from '../format/escape.js';
import {describeFilters, isNamespaceFilter, isUnaskedNamespace} from '../model/filter-words.js';
import {groupWords} from '../model/tally.js';
import {formatPorts} from '../model/list-filter.js';
import {ALL_NAMESPACES, hasOtherNamespace} from '../model/netns.js';
import {asSentence} from '../model/unseen.js';
import type {Filters} from '../options.js';
import type {Theme} from '../theme.js';
import type {Segment} from './line.js';

/**
 * The active filters as typed (the text filter as `/text`, the switches as sockstat's
 * letters), for a line with no room for the words: '/ssh -lL -p 22'; '' when none.
 */
function describeFiltersShort(filters: Filters, defaultNetns: string = ALL_NAMESPACES, ports = formatPorts(filters.ports)): string {
	const letters = switchLetters(filters).join('');
	return [
		filters.text === '' ? null : `/${sanitize(filters.text)}`,
		letters === '' ? null : `-${letters}`,
		filters.protocols.length === 0 ? null : `-P ${filters.protocols.join(',')}`,
		filters.ports.length === 0 ? null : `-p ${ports}`,
		filters.user === null ? null : `--user ${sanitize(filters.user)}`,
		isNamespaceFilter(filters, defaultNetns) ? `--netns ${sanitize(filters.netns)}` : null,
		filters.group === undefined || filters.group === null ? null : groupWords(filters.group),
	]
		.filter(each => each !== null)
		.join(' ');
}

/** The switches in force, by their letters (sockstat's, and the live view's keys that toggle them): ['l', 'L']. */
const switchLetters = (filters: Filters): string[] =>
	(
		[
			[filters.listening, 'l'],
			[filters.connected, 'c'],
			[filters.ipv4, '4'],
			[filters.ipv6, '6'],
			[filters.unix, 'u'],
			[filters.noLoopback, 'L'],
		] as const
	)
		.filter(([isOn]) => isOn)
		.map(([, letter]) => letter);

/** Namespaces named beside the count at most; more are counted ('in 3 netns'). */
const NAMED_NAMESPACES = 2;

/**
 * The namespaces shown, where nothing else says them: the one socktop chose unasked ('netns host',
 * without root), or, where the table has no NETNS column (too narrow: it gives way first) and no
 * filter names one, those of the rows when they are not the host's alone ('netns blue', 'netns
 * host,blue', 'in 3 netns'): a container's '*:53' must not read as the host's. Rows all the host's
 * need no word, as a table without NETNS is the host's.
 */
function namespaceNote(filters: Filters, defaultNetns: string, unlabelled: readonly string[]): string | null {
	if (isUnaskedNamespace(filters, defaultNetns)) return `netns ${sanitize(defaultNetns)}`;
	if (isNamespaceFilter(filters, defaultNetns) || !hasOtherNamespace(unlabelled)) return null;
	return unlabelled.length <= NAMED_NAMESPACES ? `netns ${unlabelled.map(label => sanitize(label)).join(',')}` : `in ${unlabelled.length} netns`;
}

type LineProps = {
	/** The sort in words: 'COMMAND asc'. */
	readonly sort: string;
	/** The sort as the table's heading marks it, for a narrow line: 'COMMAND▲', 'LOCAL▼'; absent: the words alone. */
	readonly sortShort?: string;
	readonly filters: Filters;
	/** Rows that pass the filters, of `rows`; null before the first snapshot, when there is no count to give. */
	readonly shown: number | null;
	/** Closed sockets' rows the table still draws, dimmed, for one refresh: said at every width, as the footer counts them. */
	readonly closed?: number;
	readonly rows: number;
	/** What an unset --netns means (resolveNamespaceFilter): all as root, else socktop's own namespace. */
	readonly defaultNetns?: string;
	/** The namespaces of the rows shown (rowNamespaces), where the table has no NETNS column to say them. */
	readonly unlabelledNetns?: readonly string[];
	readonly width: number;
	readonly theme: Theme;
	/** The short form even where the long one fits ('filter: -c (3 of 9)', not 'Filter connected'): it was needed lately (holdShort). */
	readonly isShortHeld?: boolean;
};

/**
 * The header's third line: the sort, the filters in force and how many rows they pass,
 * 'Sort COMMAND asc   Filter listening "ssh"   showing 3 of 250'. The namespace socktop shows
 * unasked (its own, without root) is no filter the user set: it is said beside the count, 'Filter
 * none   netns host   showing 58 of 58', and in the short form '(3 of 250, netns host)'; so are the namespaces
 * of the rows where the table has no NETNS column to say them (namespaceNote). Where that does not fit,
 * the filters are never cut away, since they are what hides rows: they go short, the sort
 * going short ('Sort COMMAND▲', 'COMMAND▲': the table's heading, which never drops the sort column,
 * marks it so), then giving way first, 'filter: /ssh -l (3 of 250)', then a
 * long port list counting what it leaves out but keeping a whole port ('-p 47001,+11 more'), then
 * the netns socktop chose, then the last whole port ('-p +12 more'), and only then are they cut,
 * at their end. The count always shows, with the closed rows the table still draws added to it, as
 * the footer's position counts them: ' + 3 just closed', or ' + 3 closed' where the line is short
 * ('showing 47 of 47 + 3 just closed' over 'rows 1-18 of 50'). Given with whether it is in a short
 * form (not 'Sort … Filter … showing …'): the header holds that form a while (isShortHeld), so the
 * wording does not flip as closed rows come and go.
 */
export function filterLineForm({sort, sortShort, filters, shown, closed = 0, rows, defaultNetns = ALL_NAMESPACES, unlabelledNetns = [], width, theme, isShortHeld = false}: LineProps): {readonly segments: Segment[]; readonly isShort: boolean} {
	const active = describeFilters(filters, defaultNetns);
	const sortSegments: Segment[] = [{text: 'Sort ', style: theme.label}, {text: sort}];
	// Shorter, whole: 'Sort COMMAND▲', then 'COMMAND▲' (the table's heading has the same); never cut ('Sort CO…' said little).
	const shortSorts: Segment[][] = sortShort === undefined ? [] : [[{text: 'Sort ', style: theme.label}, {text: sortShort}], [{text: sortShort}]];
	const netns = namespaceNote(filters, defaultNetns, unlabelledNetns);
	// The footer's position counts the closed rows too ('1-18 of 19213' under 'showing 19210 of
	// 19210'), so the count adds them at every width, in fewer words where the line is short: a '+',
	// not a comma, so that the two numbers add up to the footer's.
	const closedWords = closed > 0 ? [` + ${closed} just closed`, ` + ${closed} closed`] : [''];
	const showingOf = (closedWord: string) => `${netns === null ? '' : `   ${netns}`}${shown === null ? '' : `   showing ${shown} of ${rows}${closedWord}`}`;
	const widthOf = (segments: readonly Segment[]) => segments.reduce((sum, segment) => sum + displayWidth(segment.text), 0);
	const full = (closedWord: string): Segment[] => [...sortSegments, {text: '   Filter ', style: theme.label}, {text: active.length === 0 ? 'none' : active.join(' ')}, {text: showingOf(closedWord)}];
	const whole = isShortHeld ? undefined : closedWords.map(full).find(each => widthOf(each) <= width);
	if (whole !== undefined) return {segments: whole, isShort: false};
	return {segments: shortLine(), isShort: true};

	function shortLine(): Segment[] {
		if (active.length === 0) {
			// Nothing hides a row: the count says so; the sort is cut before it on the narrowest screens.
			const showing = closedWords.map(showingOf).find(each => displayWidth(each) <= width) ?? countBeforeNetns(netns, shown === null ? '' : `   showing ${shown} of ${rows}${closedWords.at(-1)!}`, width);
			const room = width - displayWidth(showing);
			// Where not even 'COMMAND▲' fits, the count alone.
			const sorted = [sortSegments, ...shortSorts].find(each => widthOf(each) <= room);
			return sorted === undefined ? [{text: showing.trimStart()}] : [...sorted, {text: showing}];
		}

		const closedWord = closedWords.at(-1)!;
		const countOf = (isNetns: boolean) => (shown === null ? (netns === null || !isNetns ? '' : ` (${netns})`) : ` (${shown} of ${rows}${closedWord}${netns === null || !isNetns ? '' : `, ${netns}`})`);
		const short = describeFiltersShort(filters, defaultNetns);
		const withSort = [sortSegments, ...shortSorts].map((sorted): Segment[] => [...sorted, {text: '   filter: ', style: theme.label}, {text: short}, {text: countOf(true)}]).find(each => widthOf(each) <= width);
		if (withSort !== undefined) return withSort;
		const line = (filterText: string, count: string): Segment[] => [{text: 'filter: ', style: theme.label}, {text: filterText}, {text: count}];
		const roomBeside = (count: string) => width - displayWidth('filter: ') - displayWidth(count);
		// A port list keeps a whole port and counts the rest before the netns socktop chose gives way, and
		// that before the list keeps no port ('-p +12 more') or the filters are cut at their end.
		for (const [isNetns, leastKept] of [[true, 1], [false, 1], [false, 0]] as const) {
			const count = countOf(isNetns);
			if (displayWidth(short) <= roomBeside(count)) return line(short, count);
			const fitted = fitPorts(filters, defaultNetns, roomBeside(count), leastKept);
			if (fitted !== null) return line(fitted, count);
		}

		const count = countOf(false);
		return line(fit(short, Math.max(1, roomBeside(count))), count);
	}
}

/** Fewer columns than this left for the namespaces: they go whole ('netns h…' says nothing). */
const LEAST_NETNS = 8;

/**
 * The namespaces note and the count where both do not fit `width`: the note is cut at its end,
 * or goes, never the count ('netns host,blue-…   showing 2091 of 2091', not '… showing 20…').
 */
function countBeforeNetns(netns: string | null, count: string, width: number): string {
	const room = width - displayWidth(count) - 3;
	return netns === null || room < LEAST_NETNS ? count : `   ${fit(netns, room)}${count}`;
}

/**
 * The short filters in `room` columns with a long port list keeping its first ports (at least
 * `leastKept`) and saying how many more it has ('-p 9102,9103,+3 more'), so what is hidden still
 * counts; null where that does not fit.
 */
function fitPorts(filters: Filters, defaultNetns: string, room: number, leastKept: number): string | null {
	for (let kept = filters.ports.length - 1; kept >= leastKept; kept--) {
		const ports = [formatPorts(filters.ports.slice(0, kept)), `+${filters.ports.length - kept} more`].filter(each => each !== '').join(',');
		const short = describeFiltersShort(filters, defaultNetns, ports);
		if (displayWidth(short) <= room) return short;
	}

	return null;
}

/** The keys that undo the filters in force, each only where its filter is set: 'p edits the port list; n changes the netns'. */
function undoKeys(filters: Filters, defaultNetns: string): string {
	const letters = switchLetters(filters);
	const lists = filters.ports.length > 0 && filters.protocols.length > 0 ? 'p P edit the port and protocol lists' : filters.ports.length > 0 ? 'p edits the port list' : 'P edits the protocol list';
	const hasGroup = filters.group !== undefined && filters.group !== null;
	return [
		hasGroup ? `Esc clears the group${filters.text === '' ? '' : ', then the text filter'}` : null,
		filters.text === '' || hasGroup ? null : 'Esc clears the text filter',
		letters.length === 0 ? null : `${letters.join(' ')} toggle${letters.length === 1 ? 's' : ''}`,
		filters.ports.length === 0 && filters.protocols.length === 0 ? null : lists,
		isNamespaceFilter(filters, defaultNetns) ? 'n changes the netns' : null,
		filters.user === null ? null : 'no key changes --user',
	]
		.filter(each => each !== null)
		.join('; ');
}

/**
 * Why a port nothing here shows may still be taken: a TCP socket bound and not listening is in no
 * table /proc has (fd-sentence.ts says it of such an fd), so bind() of its port fails all the same.
 */
const UNLISTED_BOUND = "A socket bound without listen() is in no kernel table, so no row shows its port (nor ss -a or lsof -i); its process's PID view (--pid PID) lists it.";

/** A port filter that a TCP socket could pass: -P allows tcp, and the families are not unix alone. */
const mayHideBoundTcp = (filters: Filters): boolean =>
	filters.ports.length > 0 && (filters.protocols.length === 0 || filters.protocols.includes('tcp')) && !(filters.unix && !filters.ipv4 && !filters.ipv6);

/**
 * What the table says when no row shows: the filters in force and the keys that undo them, or, where the user
 * set none, that the namespace socktop shows unasked has no sockets (not "no sockets match the
 * filters", which Esc would not change), or `unseen`, what they asked for that socktop could not read. After the
 * filters, `hidden` (hiddenByStateNote), and for a port filter that a socket bound without listen() is in no table.
 */
export function emptyTableText(filters: Filters, defaultNetns: string = ALL_NAMESPACES, unseen: string | null = null, hidden: string | null = null): string {
	// Rows the filters asked for that socktop could not read (model/unseen.ts): not "none match".
	if (unseen !== null) return asSentence(unseen);
	const active = describeFilters(filters, defaultNetns);
	if (active.length > 0) return [`No sockets match the filters: ${active.join(', ')} (${undoKeys(filters, defaultNetns)}).`, hidden, mayHideBoundTcp(filters) ? UNLISTED_BOUND : null].filter(each => each !== null).join(' ');
	return isUnaskedNamespace(filters, defaultNetns) ? `No sockets in netns ${sanitize(defaultNetns)} (n shows the other namespaces).` : 'No sockets.';
}
