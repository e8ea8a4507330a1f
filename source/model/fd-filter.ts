import type {FdRow} from './pid-rows.js';
import type {FileDescriptor} from './process.js';
import {shortState, stateSpellings} from './state-names.js';
import {textTest} from './text-filter.js';
import type {SocketState} from './types.js';

/**
 * The PID view's `/` filter: an fd row is found by typing what its cells show, as the table's
 * `/` finds a socket (textTest: in any case, within one cell, `…` for what a cut cell left out).
 * STATE is found by any spelling of its state (ESTAB, CLOSE-WAIT), as in the table.
 */

/** Each row's text, built once per row object: typing a filter tests every row at each key. */
const texts = new WeakMap<FdRow, string>();

/** A row's cells, STATE's other spellings, lowercased, one per line (no match spans two cells). */
function rowText(row: FdRow): string {
	let text = texts.get(row);
	if (text === undefined) {
		const state = row.state === '' ? [] : [shortState(row.state), ...stateSpellings(row.state as SocketState)];
		text = [row.fd, row.type, row.target, row.foreign, row.state, ...state, row.recvQ, row.sendQ].join('\n').toLowerCase();
		texts.set(row, text);
	}

	return text;
}

/** A predicate for the fd rows `text` finds; null when the text is blank (every row). */
export function fdRowMatcher(text: string): ((row: FdRow) => boolean) | null {
	const test = textTest(text);
	return test === null ? null : row => test(rowText(row));
}

/** The fds the `/` filter's text passes, and their rows; all of them for no text. */
export function passedRows(fds: readonly FileDescriptor[], rows: readonly FdRow[], text: string): {fds: readonly FileDescriptor[]; rows: readonly FdRow[]} {
	const matches = fdRowMatcher(text);
	if (matches === null) return {fds, rows};
	const passed = rows.flatMap((row, index) => (matches(row) ? [index] : []));
	return {fds: passed.map(index => fds[index]!), rows: passed.map(index => rows[index]!)};
}
