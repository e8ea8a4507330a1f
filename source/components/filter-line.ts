import {displayWidth, fit, sanitize} from '../format/escape.js';
import {describeFilters, isNamespaceFilter} from '../model/filter-words.js';
import {formatPorts} from '../model/list-filter.js';
import {ALL_NAMESPACES} from '../model/netns.js';
import type {Filters} from '../options.js';
import type {Theme} from '../theme.js';
import {cutSegments, type Segment} from './line.js';

/**
 * The active filters as typed (the text filter as `/text`, the switches as sockstat's
 * letters), for a line with no room for the words: '/ssh -lL -p 22'; '' when none.
 */
export function describeFiltersShort(filters: Filters, defaultNetns: string = ALL_NAMESPACES, ports = formatPorts(filters.ports)): string {
	const letters = (
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
		.map(([, letter]) => letter)
		.join('');
	return [
		filters.text === '' ? null : `/${sanitize(filters.text)}`,
		letters === '' ? null : `-${letters}`,
		filters.protocols.length === 0 ? null : `-P ${filters.protocols.join(',')}`,
		filters.ports.length === 0 ? null : `-p ${ports}`,
		filters.user === null ? null : `--user ${sanitize(filters.user)}`,
		isNamespaceFilter(filters, defaultNetns) ? `--netns ${sanitize(filters.netns)}` : null,
	]
		.filter(each => each !== null)
		.join(' ');
}

type LineProps = {
	/** The sort in words: 'COMMAND asc'. */
	readonly sort: string;
	readonly filters: Filters;
	/** Rows that pass the filters, of `rows`; null before the first snapshot, when there is no count to give. */
	readonly shown: number | null;
	/** Closed sockets' rows the table still draws, dimmed, for one refresh (said where the line has room). */
	readonly closed?: number;
	readonly rows: number;
	/** What an unset --netns means (resolveNamespaceFilter): all as root, else socktop's own namespace. */
	readonly defaultNetns?: string;
	readonly width: number;
	readonly theme: Theme;
};

/**
 * The header's third line: the sort, the filters in force and how many rows they pass,
 * 'Sort COMMAND asc   Filter listening "ssh"   showing 3 of 250'. The namespace socktop shows
 * unasked (its own, without root) is no filter the user set: it is said beside the count, 'Filter
 * none   netns host   showing 58 of 58', and in the short form '(3 of 250, netns host)'. Where that does not fit,
 * the filters are never cut away, since they are what hides rows: they go short, the sort
 * (which the table's heading marks too) giving way first, 'filter: /ssh -l (3 of 250)', then a
 * long port list counting what it leaves out (fitShort), and only then are they cut, at their
 * end; the count always shows.
 */
export function filterLine({sort, filters, shown, closed = 0, rows, defaultNetns = ALL_NAMESPACES, width, theme}: LineProps): Segment[] {
	const active = describeFilters(filters, defaultNetns);
	const sortSegments: Segment[] = [{text: 'Sort ', style: theme.label}, {text: sort}];
	const netns = filters.netns === defaultNetns && defaultNetns !== ALL_NAMESPACES ? `netns ${sanitize(defaultNetns)}` : null;
	const showing = `${netns === null ? '' : `   ${netns}`}${shown === null ? '' : `   showing ${shown} of ${rows}`}`;
	const full: Segment[] = [...sortSegments, {text: '   Filter ', style: theme.label}, {text: active.length === 0 ? 'none' : active.join(' ')}, {text: showing}];
	const widthOf = (segments: readonly Segment[]) => segments.reduce((sum, segment) => sum + displayWidth(segment.text), 0);
	// The footer's position counts the closed rows too ('1-18 of 52' under 'showing 47 of 47'): said where it fits.
	const withClosed: Segment[] = closed > 0 ? [...full, {text: `, ${closed} just closed`}] : full;
	if (widthOf(withClosed) <= width) return withClosed;
	if (widthOf(full) <= width) return full;
	if (active.length === 0) {
		// Nothing hides a row: the count says so; the sort is cut before it on the narrowest screens.
		return [...cutSegments(sortSegments, Math.max(0, width - displayWidth(showing))), {text: showing}];
	}

	const count = shown === null ? (netns === null ? '' : ` (${netns})`) : ` (${shown} of ${rows}${netns === null ? '' : `, ${netns}`})`;
	const short = describeFiltersShort(filters, defaultNetns);
	const withSort: Segment[] = [...sortSegments, {text: '   filter: ', style: theme.label}, {text: short}, {text: count}];
	if (widthOf(withSort) <= width) return withSort;
	const room = width - displayWidth('filter: ') - displayWidth(count);
	return [{text: 'filter: ', style: theme.label}, {text: displayWidth(short) <= room ? short : fitShort(filters, defaultNetns, room)}, {text: count}];
}

/**
 * The short filters in `room` columns: a long port list keeps its first ports and says how many
 * more it has ('-p 9102,9103,+3 more'), so what is hidden still counts; else cut at the end.
 */
function fitShort(filters: Filters, defaultNetns: string, room: number): string {
	for (let kept = filters.ports.length - 1; kept >= 0; kept--) {
		const ports = [formatPorts(filters.ports.slice(0, kept)), `+${filters.ports.length - kept} more`].filter(each => each !== '').join(',');
		const short = describeFiltersShort(filters, defaultNetns, ports);
		if (displayWidth(short) <= room) return short;
	}

	return fit(describeFiltersShort(filters, defaultNetns), Math.max(1, room));
}

/**
 * What the table says when no row shows: which keys undo the filters in force, or, where the user
 * set none, that the namespace socktop shows unasked has no sockets (not "no sockets match the
 * filters", which Esc would not change).
 */
export function emptyTableText(filters: Filters, defaultNetns: string = ALL_NAMESPACES): string {
	if (describeFilters(filters, defaultNetns).length > 0) return 'No sockets match the filters (Esc clears the text filter; l c 4 6 u L toggle; n netns; p P edit the port and protocol lists).';
	return filters.netns === defaultNetns && defaultNetns !== ALL_NAMESPACES ? `No sockets in netns ${sanitize(defaultNetns)} (n shows the other namespaces).` : 'No sockets.';
}
