import {UserError} from '../collect/collector.js';
import type {Column, ColumnContext, ColumnId, SortKey} from './columns.js';
import {COLUMN_IDS, columnById} from './columns.js';
import {socketKey, type Row} from './diff.js';
import type {Socket} from './types.js';

export type SortOrder = {
	readonly column: ColumnId;
	readonly isDescending: boolean;
};

/** The arrow the sorted column's heading carries, and the header's short sort: '▲' ascending, '▼' descending. */
export const sortArrow = ({isDescending}: Pick<SortOrder, 'isDescending'>): string => (isDescending ? '▼' : '▲');

/** Like sockstat: grouped by process, then by descriptor. */
export const defaultSort: SortOrder = {column: 'command', isDescending: false};

/** Compare two sort keys: numbers numerically, strings ordinally, null (unknown) last. */
function compareKeys(a: SortKey, b: SortKey): number {
	if (a === b) {
		return 0;
	}

	if (a === null) {
		return 1;
	}

	if (b === null) {
		return -1;
	}

	if (typeof a === 'number' && typeof b === 'number') {
		return a - b;
	}

	// Mixed types do not occur within one column; compare as text all the same.
	return a < b ? -1 : a > b ? 1 : String(a) < String(b) ? -1 : 1;
}

/** One item's sort key and what breaks a tie, copied out once, so comparisons read one flat object each. */
export type Decorated = {readonly key: SortKey; readonly tie: SortKey; readonly tie2: SortKey; readonly tie3: SortKey};

/**
 * Sort `entries` in place by key, then by the tie-breakers, all of it reversed by `isDescending`
 * except that unknown keys (null) stay last in both directions.
 */
export function sortDecorated<T extends Decorated>(entries: T[], isDescending: boolean): T[] {
	const direction = isDescending ? -1 : 1;
	return entries.sort((a, b) => {
		if ((a.key === null) !== (b.key === null)) {
			// Unknown values ('?') stay at the bottom in both directions.
			return a.key === null ? 1 : -1;
		}

		const primary = compareKeys(a.key, b.key);
		if (primary !== 0) {
			return primary * direction;
		}

		return (compareKeys(a.tie, b.tie) || compareKeys(a.tie2, b.tie2) || compareKeys(a.tie3, b.tie3)) * direction;
	});
}

/**
 * Sort rows by one column. Ties fall back to PID, FD and the row's identity,
 * so the order is total and stays put across refreshes; `r` reverses all of it
 * except that unknown values stay last.
 * Keys are computed once per row, not per comparison (50k rows stay fast).
 */
export function sortRows(rows: readonly Row[], column: Column, isDescending: boolean, context: ColumnContext): readonly Row[] {
	const decorated = rows.map(row => ({
		row,
		key: column.sortKey(row.socket, context) as SortKey,
		tie: row.socket.pid,
		tie2: row.socket.fd,
		tie3: row.key,
	}));
	return sortDecorated(decorated, isDescending).map(entry => entry.row);
}

/** The next (step 1) or previous (step -1) of `available` after `current`, round; the first where `current` is not one. */
export function stepIn<T>(current: T, step: 1 | -1, available: readonly T[]): T {
	const index = available.indexOf(current);
	if (index === -1) {
		return available[0] ?? current;
	}

	return available[(index + step + available.length) % available.length] ?? current;
}

/** The next (step 1) or previous (step -1) sort column, as htop's `<` and `>` move it. */
export const stepColumn = (current: ColumnId, step: 1 | -1, available: readonly ColumnId[] = COLUMN_IDS): ColumnId => stepIn(current, step, available);

/** `--sort`'s text as a column name, lower case, and whether a leading '-' asks for descending. */
export function sortFlagName(text: string): {readonly name: string; readonly isDescending: boolean} {
	const trimmed = text.trim();
	const isDescending = trimmed.startsWith('-');
	return {name: (isDescending ? trimmed.slice(1) : trimmed).toLowerCase(), isDescending};
}

/**
 * `--sort COLUMN`: a column id, which is its header's first word ('local' for LOCAL ADDRESS),
 * in any case; a leading '-' sorts descending, as `ps --sort=-pid` does (one
 * flag, and `r` in the live view reverses it as it would any sort). An unknown name is a
 * UserError listing the names.
 */
export function parseSortOrder(text: string): SortOrder {
	const {name, isDescending} = sortFlagName(text);
	const column = COLUMN_IDS.find(id => id === name);
	if (column === undefined) {
		throw new UserError(`--sort: unknown column '${text}' (use ${COLUMN_IDS.join(', ')}; -COLUMN for descending)`);
	}

	return {column, isDescending};
}

/** Sockets in `order`, by the live table's comparator (sortRows), for the printed table and --json. */
export function sortSockets(sockets: readonly Socket[], order: SortOrder, context: ColumnContext): Socket[] {
	const rows = sockets.map(socket => ({key: socketKey(socket), socket, mark: null}));
	return sortRows(rows, columnById(order.column), order.isDescending, context).map(row => row.socket);
}
