import {useMemo, useRef} from 'react';
import {columnById, columnsFor, type ColumnContext} from '../model/columns.js';
import {cellWidths, holdWidths, type CellWidths, type HeldWidths} from '../model/widths.js';
import {diffSnapshots, type Row} from '../model/diff.js';
import {applyFilters} from '../model/filter.js';
import type {TextSearch} from '../model/text-filter.js';
import {sortRows, type SortOrder} from '../model/sort.js';
import {summarize, type Summary} from '../model/summary.js';
import type {Snapshot, Socket} from '../model/types.js';
import type {Filters, PortRange} from '../options.js';
import {rowNamespaces, withHost} from '../model/netns.js';
import {serviceContext} from '../services/service-column.js';
import type {ServiceTable} from '../services/types.js';

export type TableRows = {
	/** Filtered and sorted, gone rows included. */
	readonly rows: readonly Row[];
	/** How many of them are current (not gone). */
	readonly shown: number;
	readonly summary: Summary;
	readonly context: ColumnContext;
	/** Each column's widest cell among the rows, held a while when it narrows (see holdWidths). */
	readonly needs: CellWidths;
	/** The network namespaces the snapshot spans, host first (what `n` steps through). */
	readonly namespaces: readonly string[];
	/** The network namespaces of the rows the filters pass (rowNamespaces), which the header says where NETNS is not on screen. */
	readonly rowNamespaces: readonly string[];
};

/** The sockets of the rows that are not gone (a loop: flatMap made an array per row). */
export function currentSockets(rows: readonly Row[]): Socket[] {
	const sockets: Socket[] = [];
	for (const row of rows) {
		if (row.mark !== 'gone') sockets.push(row.socket);
	}

	return sockets;
}

/**
 * The rows that pass the filters. The text filter matches the columns as the
 * table shows them (model/text-filter.ts): SERVICE included, which needs the
 * services table, so `/ssh` also finds a client connected to port 22; NETNS
 * when the snapshot spans namespaces, so `/docker` finds containers (whose rows then bring
 * the column to the screen); the uid under -n.
 */
export function filterRows(rows: readonly Row[], filters: Filters, search: TextSearch): readonly Row[] {
	const sockets = rows.map(row => row.socket);
	const passingList = applyFilters(sockets, filters, search);
	// No filter on (the usual case): every row passes, and no Set of 50k is needed.
	if (passingList.length === sockets.length) {
		return rows;
	}

	const passing = new Set(passingList);
	return rows.filter(row => passing.has(row.socket));
}

/**
 * The namespaces of the rows the filters pass (rowNamespaces), read off the snapshot's (`spanned`,
 * rowNamespaces of all its sockets) where they follow from them: every row passes (no filter on,
 * the usual case: filterRows hands back `all` itself), or the snapshot spans one namespace or none,
 * which the `shown` rows are in, if any. Only a filter over sockets of several namespaces needs a pass over the rows.
 */
export function passedNamespaces(spanned: readonly string[], all: readonly Row[], filtered: readonly Row[], shown: number): readonly string[] {
	if (filtered === all) return spanned;
	if (spanned.length <= 1) return shown === 0 ? [] : spanned;
	return rowNamespaces(currentSockets(filtered));
}

/**
 * Diff, filter and sort, each memoized on its inputs: a key press that only
 * moves the selection costs nothing, and a new snapshot is sorted once.
 * `servicesVersion` changes when the services table finishes loading.
 */
export function useRows(
	current: Snapshot | null,
	previous: Snapshot | null,
	filters: Filters,
	sort: SortOrder,
	services: ServiceTable,
	ephemeral: PortRange | null,
	servicesVersion: number,
	isNumericUser = false,
): TableRows {
	const all = useMemo(() => (current === null ? [] : diffSnapshots(previous, current)), [current, previous]);
	// Counted over the rows, not the raw list, so that 'showing N of M' adds up even if a
	// backend listed one socket twice.
	const summary = useMemo(() => summarize(currentSockets(all)), [all]);
	// The width of each port's name, for the layout: the same across snapshots until the table finishes loading.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const nameWidths = useMemo(() => new Map<number, number>(), [services, servicesVersion]);
	const context = useMemo(
		() => serviceContext(current, services, ephemeral, isNumericUser, nameWidths),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[current, services, ephemeral, servicesVersion, isNumericUser, nameWidths],
	);
	// Over the whole snapshot, for `n` and `/`; whether NETNS is on screen goes by the rows shown (Column.blankCell).
	const spanned = useMemo(() => rowNamespaces(current?.sockets ?? []), [current]);
	const namespaces = useMemo(() => withHost(spanned), [spanned]);
	// Every column the table can show, whatever the width drops: a resize does not change what `/` finds.
	// One object per snapshot, so that each key typed reuses the rows' text (see text-filter.ts).
	const search = useMemo(() => ({columns: columnsFor(namespaces), context}), [namespaces, context]);
	const filtered = useMemo(() => filterRows(all, filters, search), [all, filters, search]);
	const rows = useMemo(
		() => sortRows(filtered, columnById(sort.column), sort.isDescending, context),
		[filtered, sort, context],
	);
	const shown = useMemo(() => rows.reduce((count, row) => count + (row.mark === 'gone' ? 0 : 1), 0), [rows]);
	const needs = useHeldWidths(filtered, namespaces, context, current?.time ?? 0, filters);
	const shownNamespaces = useMemo(() => passedNamespaces(spanned, all, filtered, shown), [spanned, all, filtered, shown]);
	return {rows, shown, summary, context, needs, namespaces, rowNamespaces: shownNamespaces};
}

/**
 * The columns' widths from the rows shown (every filtered row, not only those on
 * screen, so scrolling moves nothing), held by holdWidths across refreshes; new
 * filters start afresh, as what is shown changed on purpose.
 */
function useHeldWidths(rows: readonly Row[], namespaces: readonly string[], context: ColumnContext, time: number, filters: Filters): CellWidths {
	const held = useRef<{filters: Filters; widths: HeldWidths} | null>(null);
	const natural = useMemo(() => cellWidths(rows, columnsFor(namespaces), context), [rows, namespaces, context]);
	return useMemo(() => {
		const previous = held.current?.filters === filters ? held.current.widths : null;
		const widths = holdWidths(previous, natural, time);
		held.current = {filters, widths};
		return widths.widths;
	}, [natural, time, filters]);
}
