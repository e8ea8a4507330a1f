import type {Column, ColumnContext} from './columns.js';
import type {Socket} from './types.js';

/**
 * The live view's `/` filter: a row is found by typing what the table shows.
 * It matches, case-insensitively, within one cell (never across two):
 * - the cell as the column writes it (sanitized, `[::1]:22`, `*:22`, the uid under -n);
 * - the column's narrow abbreviation, whatever the width now (CLOSE-W, ESTAB);
 * - the column's other spellings (a state as ss or FreeBSD write it: CLOSE-WAIT, FIN_WAIT_1).
 * A `…` in the text stands for what a cut cell left out, so a cell copied from
 * the screen (`systemd-res…`, `…:8080`) finds its row.
 * Every column comes from the column spec, so a new column or abbreviation is
 * found without a change here.
 */

/** The columns to search and what their cells need (the SERVICE lookup, -n). */
export type TextSearch = {
	readonly columns: readonly Column[];
	readonly context: ColumnContext;
};

const cut = '…';
const escapeRegExp = (text: string) => text.replaceAll(/[\\^$.*+?()[\]{}|]/gu, '\\$&');

/**
 * A test of a row's text (its lowercased cells, one per line, as rowText builds it) against the
 * filter text; null when the text is blank (every row). The PID view's fd filter shares it.
 */
export function textTest(text: string): ((rowText: string) => boolean) | null {
	const needle = text.trim().toLowerCase();
	return needle === '' ? null : cellTest(needle);
}

/** A test of a row's lowercased cells, one per line, against the filter text. */
function cellTest(needle: string): (cell: string) => boolean {
	if (!needle.includes(cut)) {
		return cell => cell.includes(needle);
	}

	const pattern = new RegExp(needle.split(cut).map(part => escapeRegExp(part)).join('.*'), 'u');
	return cell => pattern.test(cell);
}

/**
 * Each search's rows as lowercased text. Weak by search, so a snapshot's texts go with its
 * search object; a plain Map within (a WeakMap's 50k inserts cost more than the texts).
 */
const rowTexts = new WeakMap<TextSearch, Map<Socket, string>>();

/**
 * What the filter searches in a row: each cell, its abbreviation, the column's
 * other spellings, lowercased, one per line (a needle holds no newline and `…`
 * matches none, so no match spans two cells). Kept per search object: typing a
 * filter builds it once per row, and each key after is a substring test.
 */
function rowText(socket: Socket, search: TextSearch): string {
	let texts = rowTexts.get(search);
	if (texts === undefined) {
		texts = new Map();
		rowTexts.set(search, texts);
	}

	let text = texts.get(socket);
	if (text === undefined) {
		const lines: string[] = [];
		for (const column of search.columns) {
			const cell = column.text(socket, search.context);
			lines.push(cell);
			const short = column.abbreviate?.(cell) ?? cell;
			if (short !== cell) {
				lines.push(short);
			}

			if (column.otherSpellings !== undefined) {
				lines.push(...column.otherSpellings(socket, search.context));
			}
		}

		text = lines.join('\n').toLowerCase();
		texts.set(socket, text);
	}

	return text;
}

/**
 * A predicate for the rows the text finds; null when the text is blank (every row).
 * Spaces around the text are ignored. Pass the same `search` object while the
 * rows and columns stay the same, and each row's text is built once.
 */
export function textMatcher(text: string, search: TextSearch): ((socket: Socket) => boolean) | null {
	const test = textTest(text);
	return test === null ? null : socket => test(rowText(socket, search));
}
