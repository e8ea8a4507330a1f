import {fdSortName} from './fd-sort.js';
import type {FdColumn, FdRow} from './pid-rows.js';
import type {FileDescriptor} from './process.js';
import {addressScope, compileQuery, type CompiledQuery, numberScope, type QueryColumns, type ScopeTest, textScope} from './query.js';
import {shortState, stateSpellings} from './state-names.js';
import type {SocketState} from './types.js';

/**
 * The PID view's `/` filter: an fd row is found by typing what its cells show, as the table's
 * `/` finds a socket (query.ts: in any case, words combined, `…` for what a cut cell left out).
 * STATE is found by any spelling of its state (ESTAB, CLOSE-WAIT), as in the table. `name:` takes
 * the columns' --sort names: fd, recv-q and send-q exactly (numbers), the others by text, TARGET
 * and FOREIGN / PEER as addresses (`target::443` ends the cell).
 */

/** Each row's cells, lowercased, built once per row object: typing a filter tests every row at each key. */
const texts = new WeakMap<FdRow, {readonly all: string; readonly state: string}>();

/** A row's cells, STATE's other spellings, lowercased, one per line (no match spans two cells). */
function rowText(row: FdRow): {readonly all: string; readonly state: string} {
	let text = texts.get(row);
	if (text === undefined) {
		const state = [row.state, ...(row.state === '' ? [] : [shortState(row.state), ...stateSpellings(row.state as SocketState)])].join('\n').toLowerCase();
		text = {all: [row.fd, row.type, row.target, row.foreign, state, row.recvQ, row.sendQ].join('\n').toLowerCase(), state};
		texts.set(row, text);
	}

	return text;
}

/** A number cell's number, without FD's mode letter ('3u' is 3); null for a blank one (not a socket, not known). */
const numberIn = (cell: string): number | null => {
	const digits = /^\d+/u.exec(cell);
	return digits === null ? null : Number(digits[0]);
};

const cellOf = (column: FdColumn) => (row: FdRow) => row[column].toLowerCase();

const scopes: Readonly<Record<string, ScopeTest<FdRow>>> = {
	fd: numberScope(row => numberIn(row.fd)),
	type: textScope(cellOf('type')),
	target: addressScope(cellOf('target')),
	foreign: addressScope(cellOf('foreign')),
	state: textScope(row => rowText(row).state),
	[fdSortName('recvQ')]: numberScope(row => numberIn(row.recvQ)),
	[fdSortName('sendQ')]: numberScope(row => numberIn(row.sendQ)),
};

const fdColumnsQuery: QueryColumns<FdRow> = {scopes, rowText: row => rowText(row).all};

/** The filter text parsed for fd rows: its test and its hint (query.ts). */
export const fdQuery = (text: string): CompiledQuery<FdRow> => compileQuery(text, fdColumnsQuery);

/** A predicate for the fd rows `text` finds; null when the text is blank (every row). */
export function fdRowMatcher(text: string): ((row: FdRow) => boolean) | null {
	return fdQuery(text).test;
}

/** The fds the `/` filter's text passes, and their rows; all of them for no text. */
export function passedRows(fds: readonly FileDescriptor[], rows: readonly FdRow[], text: string): {fds: readonly FileDescriptor[]; rows: readonly FdRow[]} {
	const matches = fdRowMatcher(text);
	if (matches === null) return {fds, rows};
	const passed = rows.flatMap((row, index) => (matches(row) ? [index] : []));
	return {fds: passed.map(index => fds[index]!), rows: passed.map(index => rows[index]!)};
}
