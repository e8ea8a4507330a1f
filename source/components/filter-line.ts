import {displayWidth, fit, sanitize} from '../format/escape.js';
import {describeFilters} from '../model/filter-words.js';
import {formatPorts} from '../model/list-filter.js';
import type {Filters} from '../options.js';
import type {Theme} from '../theme.js';
import {cutSegments, type Segment} from './line.js';

/**
 * The active filters as typed (the text filter as `/text`, the switches as sockstat's
 * letters), for a line with no room for the words: '/ssh -lL -p 22'; '' when none.
 */
export function describeFiltersShort(filters: Filters): string {
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
		filters.ports.length === 0 ? null : `-p ${formatPorts(filters.ports)}`,
		filters.user === null ? null : `--user ${sanitize(filters.user)}`,
		filters.netns === 'all' || filters.netns === '' ? null : `--netns ${sanitize(filters.netns)}`,
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
	readonly width: number;
	readonly theme: Theme;
};

/**
 * The header's third line: the sort, the filters in force and how many rows they pass,
 * 'Sort COMMAND asc   Filter listening "ssh"   showing 3 of 250'. Where that does not fit,
 * the filters are never cut away, since they are what hides rows: they go short, the sort
 * (which the table's heading marks too) giving way first, 'filter: /ssh -l (3 of 250)', and
 * only then are they cut, at their end; the count always shows.
 */
export function filterLine({sort, filters, shown, closed = 0, rows, width, theme}: LineProps): Segment[] {
	const active = describeFilters(filters);
	const sortSegments: Segment[] = [{text: 'Sort ', style: theme.label}, {text: sort}];
	const showing = shown === null ? '' : `   showing ${shown} of ${rows}`;
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

	const count = shown === null ? '' : ` (${shown} of ${rows})`;
	const short = describeFiltersShort(filters);
	const withSort: Segment[] = [...sortSegments, {text: '   filter: ', style: theme.label}, {text: short}, {text: count}];
	if (widthOf(withSort) <= width) return withSort;
	const room = width - displayWidth('filter: ') - displayWidth(count);
	return [{text: 'filter: ', style: theme.label}, {text: displayWidth(short) <= room ? short : fit(short, Math.max(1, room))}, {text: count}];
}
