import {useMemo} from 'react';
import {columnById, columnsFor, type ColumnContext} from '../model/columns.js';
import type {ColumnNeeds} from '../model/layout.js';
import {diffSnapshots, type Row} from '../model/diff.js';
import {applyFilters} from '../model/filter.js';
import type {TextSearch} from '../model/text-filter.js';
import {sortRows, type SortOrder} from '../model/sort.js';
import {summarize, type Summary} from '../model/summary.js';
import type {Snapshot, Socket} from '../model/types.js';
import type {Filters, PortRange} from '../options.js';
import {namespacesOf} from '../model/netns.js';
// explain.js, not index.js: the index also loads the services file, and hooks do no I/O.
import {listeningKeys, servicePortOf} from '../services/explain.js';
import type {ServiceTable} from '../services/types.js';

export type TableRows = {
	/** Filtered and sorted, gone rows included. */
	readonly rows: readonly Row[];
	/** How many of them are current (not gone). */
	readonly shown: number;
	readonly summary: Summary;
	readonly context: ColumnContext;
	/** What the PID and FD columns need to show every number whole. */
	readonly needs: ColumnNeeds;
	/** The network namespaces the snapshot spans, host first (what `n` steps through). */
	readonly namespaces: readonly string[];
};

/** The sockets of the rows that are not gone (a loop: flatMap made an array per row). */
function currentSockets(rows: readonly Row[]): Socket[] {
	const sockets: Socket[] = [];
	for (const row of rows) {
		if (row.mark !== 'gone') sockets.push(row.socket);
	}

	return sockets;
}

const digits = (value: number | null) => (value === null ? 1 : String(value).length);

/** The widest PID and FD among the rows; computed once per snapshot and filter. */
export function numberNeeds(rows: readonly Row[]): ColumnNeeds {
	let pid = 1;
	let fd = 1;
	for (const {socket} of rows) {
		pid = Math.max(pid, digits(socket.pid));
		fd = Math.max(fd, digits(socket.fd));
	}

	return {pid, fd};
}

/**
 * The SERVICE cell's lookup for one snapshot: the port that matters (a
 * listener's local port, an outgoing connection's foreign port), told apart
 * with this snapshot's listening ports and the ephemeral range. The PID view
 * explains every port in full, IANA entries included.
 */
export function serviceContext(snapshot: Snapshot | null, services: ServiceTable, ephemeral: PortRange | null, isNumericUser = false): ColumnContext {
	const listening = listeningKeys(snapshot?.sockets ?? []);
	const hints = {ephemeral, services, listening};
	const names = new WeakMap<Socket, string>();
	return {
		isNumericUser,
		serviceName(socket) {
			let name = names.get(socket);
			if (name === undefined) {
				const port = servicePortOf(socket, hints);
				const entry = port === null ? null : services.lookup(port.port, port.protocol);
				// The IANA registry names nearly every high port (a client's ephemeral port becomes
				// 'crestron-…'): in the column only a services-file entry or a well-known port says something.
				name = entry === null || (entry.source === 'IANA' && entry.port >= 1024) ? '' : entry.name;
				names.set(socket, name);
			}

			return name;
		},
	};
}

/**
 * The rows that pass the filters. The text filter matches the columns as the
 * table shows them (model/text-filter.ts): SERVICE included, which needs the
 * services table, so `/ssh` also finds a client connected to port 22; NETNS
 * when it is on screen, so `/docker` finds containers; the uid under -n.
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
	const context = useMemo(
		() => serviceContext(current, services, ephemeral, isNumericUser),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[current, services, ephemeral, servicesVersion, isNumericUser],
	);
	// Over the whole snapshot, not the filtered rows: the NETNS column stays put while `n` cycles.
	const namespaces = useMemo(() => namespacesOf(current?.sockets ?? []), [current]);
	// Every column the table can show, whatever the width drops: a resize does not change what `/` finds.
	// One object per snapshot, so that each key typed reuses the rows' text (see text-filter.ts).
	const search = useMemo(() => ({columns: columnsFor(namespaces), context}), [namespaces, context]);
	const filtered = useMemo(() => filterRows(all, filters, search), [all, filters, search]);
	const rows = useMemo(
		() => sortRows(filtered, columnById(sort.column), sort.isDescending, context),
		[filtered, sort, context],
	);
	const shown = useMemo(() => rows.reduce((count, row) => count + (row.mark === 'gone' ? 0 : 1), 0), [rows]);
	const needs = useMemo(() => numberNeeds(filtered), [filtered]);
	return {rows, shown, summary, context, needs, namespaces};
}
