import {displayWidth} from '../format/escape.js';
import type {Column, ColumnContext, ColumnId} from './columns.js';
import type {Row} from './diff.js';
import type {ColumnNeeds} from './layout.js';
import {isUnixProto} from './types.js';

/** The widest cell of each column among some rows, whole and (where a column has one) spelled short. */
export type CellWidths = {
	readonly widest: ColumnNeeds;
	readonly abbreviated: ColumnNeeds;
	/** The widest cell that says something (not '' nor '?', nor the column's blankCell): 0 where every cell is blank (see LayoutOptions.telling). */
	readonly telling: ColumnNeeds;
	/** LOCAL's and FOREIGN's widest cell of an internet socket, not a unix one (see LayoutOptions.inet). */
	readonly inet: ColumnNeeds;
};

/** Cells that say nothing: an empty SERVICE, an owner or FD no one could see. */
const isBlank = (text: string) => text === '' || text === '?';

const digits = (value: number | null) => (value === null ? 1 : value < 10 ? 1 : Math.floor(Math.log10(value)) + 1);

/**
 * The widest cell of every column over `rows`, so the layout gives no column
 * more than its data. Asked of every row at each refresh (50,000 of them in
 * the bench), so no cell text is made where it can be helped: PID and FD count
 * digits, addresses add up their parts (Column.width), the columns of few
 * values measure each once (Column.widthKey), and SERVICE names a socket's port
 * only where the cheap bound says it could be the widest.
 */
export function cellWidths(rows: readonly Row[], columns: readonly Column[], context: ColumnContext): CellWidths {
	const widest: Partial<Record<ColumnId, number>> = {};
	const abbreviated: Partial<Record<ColumnId, number>> = {};
	const telling: Partial<Record<ColumnId, number>> = {};
	const inet: Partial<Record<ColumnId, number>> = {};
	for (const column of columns) {
		const [most, short, told, inetMost] = columnWidths(rows, column, context);
		widest[column.id] = most;
		telling[column.id] = told;
		if (column.abbreviate !== undefined) abbreviated[column.id] = short;
		if (inetMost !== undefined) inet[column.id] = inetMost;
	}

	return {widest, abbreviated, telling, inet};
}

/** The widest cell, the widest spelled short, the widest that is not blank, and for an address the widest of an internet socket. */
function columnWidths(rows: readonly Row[], column: Column, context: ColumnContext): readonly [number, number, number, number?] {
	let most = 0;
	if (column.id === 'pid' || column.id === 'fd') {
		// null is '?': the widest number is what the column tells.
		let told = 0;
		for (const {socket} of rows) {
			const value = column.id === 'pid' ? socket.pid : socket.fd;
			most = Math.max(most, digits(value));
			if (value !== null) told = Math.max(told, digits(value));
		}

		return [most, 0, told];
	}

	const {width, widthKey, abbreviate} = column;
	if (width !== undefined) {
		// Addresses: never blank.
		let inet = 0;
		for (const {socket} of rows) {
			const size = width(socket);
			most = Math.max(most, size);
			if (!isUnixProto(socket.proto)) inet = Math.max(inet, size);
		}

		return [most, 0, most, inet];
	}

	const {serviceWidthBound: bound} = context;
	if (column.id === 'service' && bound !== undefined) {
		for (const {socket} of rows) {
			if (bound(socket) > most) most = Math.max(most, displayWidth(column.text(socket, context)));
		}

		// A SERVICE cell is '' or a name, so its widest says something unless it is 0.
		return [most, 0, most];
	}

	let short = 0;
	let told = 0;
	const seen = new Set<string | number | null>();
	for (const {socket} of rows) {
		if (widthKey !== undefined) {
			const key = widthKey(socket, context);
			if (seen.has(key)) continue;
			seen.add(key);
		}

		const text = column.text(socket, context);
		const size = displayWidth(text);
		most = Math.max(most, size);
		if (!isBlank(text) && text !== column.blankCell) told = Math.max(told, size);
		if (abbreviate !== undefined) short = Math.max(short, displayWidth(abbreviate(text)));
	}

	return [most, short, told];
}

/** How long a column keeps room its data no longer needs, so widths do not jump on every refresh. */
export const SHRINK_AFTER_MS = 10_000;

/** Widths held across refreshes: what is shown, and when each column last needed it. */
export type HeldWidths = {
	readonly widths: CellWidths;
	readonly neededAt: Readonly<Record<string, number>>;
};

/**
 * The widths to lay out from the rows' `next` widths at snapshot `time`: a
 * column grows at once, but shrinks only once its wider cells have been gone
 * for SHRINK_AFTER_MS, so a connection coming and going does not shift every
 * column to its right at each refresh. `previous` null starts afresh (new filters).
 */
export function holdWidths(previous: HeldWidths | null, next: CellWidths, time: number): HeldWidths {
	if (previous === null) {
		return {widths: next, neededAt: neededNow(next, time)};
	}

	const neededAt: Record<string, number> = {...previous.neededAt};
	const hold = (kind: keyof CellWidths): ColumnNeeds => {
		const held: Partial<Record<ColumnId, number>> = {};
		for (const [id, width] of Object.entries(next[kind]) as Array<[ColumnId, number]>) {
			const before = previous.widths[kind][id];
			const key = `${kind}:${id}`;
			if (before === undefined || width >= before || time - (neededAt[key] ?? time) >= SHRINK_AFTER_MS) {
				held[id] = width;
				neededAt[key] = time;
			} else {
				held[id] = before;
			}
		}

		return held;
	};

	// `telling` is held alike: a column that goes blank keeps its place SHRINK_AFTER_MS before the layout may hide it.
	return {widths: {widest: hold('widest'), abbreviated: hold('abbreviated'), telling: hold('telling'), inet: hold('inet')}, neededAt};
}

function neededNow(widths: CellWidths, time: number): Record<string, number> {
	const neededAt: Record<string, number> = {};
	for (const kind of ['widest', 'abbreviated', 'telling', 'inet'] as const) {
		for (const id of Object.keys(widths[kind])) neededAt[`${kind}:${id}`] = time;
	}

	return neededAt;
}
