/**
 * Rows that moved up or down together between two frames (a socket that
 * appeared or went above them, the table scrolled by a line) are moved on the
 * terminal itself, as ncurses moves them for htop: a scrolling region around
 * them (DECSTBM, CSI top;bottom r), lines inserted or deleted at its top
 * (CSI n L, CSI n M; VT102, as every terminal since has them), the region reset
 * (CSI r). That is about 20 bytes where rewriting each moved row costs 20-100.
 * Only the rows of the region move; the rows it vacates are blank and are
 * drawn as any changed row is.
 */

import {lineUpdate} from './frame-spans.js';

const ESC = '\u001B[';

/** Rows top..bottom (0-based, inclusive) moved down by `by` rows, or up by -by. */
export type Shift = {
	readonly top: number;
	readonly bottom: number;
	readonly by: number;
};

/** The bytes that move the rows of `shift` on the terminal, leaving its margins whole. */
function shiftBytes({top, bottom, by}: Shift): string {
	return `${ESC}${top + 1};${bottom + 1}r${ESC}${top + 1};1H${ESC}${Math.abs(by)}${by > 0 ? 'L' : 'M'}${ESC}r`;
}

/** The rows `shown` becomes on the terminal after `shift`: vacated rows are blank (''). */
function shiftLines(shown: readonly string[], {top, bottom, by}: Shift): string[] {
	const moved = [...shown];
	for (let row = top; row <= bottom; row++) {
		const from = row - by;
		moved[row] = from >= top && from <= bottom ? (shown[from] ?? '') : '';
	}

	return moved;
}

/**
 * Shifts worth trying from `shown` to `lines`: for the (at most three) distances
 * that most changed rows would be found at, the region spanning those rows and
 * where they come from. Only the first `count` rows of both are considered.
 */
function candidateShifts(shown: readonly string[], lines: readonly string[], count: number): Shift[] {
	const rowsOf = new Map<string, number[]>();
	for (let row = 0; row < count; row++) {
		const line = shown[row] ?? '';
		const rows = rowsOf.get(line);
		if (rows === undefined) {
			rowsOf.set(line, [row]);
		} else {
			rows.push(row);
		}
	}

	const found = new Map<number, {rows: number; first: number; last: number}>();
	for (let row = 0; row < count; row++) {
		const line = lines[row] ?? '';
		if (line === shown[row]) {
			continue;
		}

		for (const from of rowsOf.get(line) ?? []) {
			const by = row - from;
			const seen = found.get(by);
			found.set(by, seen === undefined ? {rows: 1, first: row, last: row} : {rows: seen.rows + 1, first: seen.first, last: row});
		}
	}

	return [...found.entries()]
		.sort(([, a], [, b]) => b.rows - a.rows)
		.slice(0, 3)
		.map(([by, {first, last}]) => (by > 0 ? {top: first - by, bottom: last, by} : {top: first, bottom: last - by, by}));
}

/** The bytes that turn each of the first `count` rows from `shown` into `lines`, in place. */
const rowUpdates = (shown: readonly string[], lines: readonly string[], count: number): string =>
	Array.from({length: count}, (_, row) => {
		const before = shown[row] ?? '';
		const after = lines[row] ?? '';
		return before === after ? '' : lineUpdate(row, before, after);
	}).join('');

/**
 * The bytes that turn the first `count` rows on screen (`shown`) into those of
 * `lines`: the rows that changed rewritten where they are, or, where that is
 * fewer bytes, a shift first and then the rows it did not bring.
 */
export function changedRows(shown: readonly string[], lines: readonly string[], count: number, canShift = true): string {
	let best = rowUpdates(shown, lines, count);
	let bestBytes = Buffer.byteLength(best);
	for (const shift of canShift ? candidateShifts(shown, lines, count) : []) {
		const out = shiftBytes(shift) + rowUpdates(shiftLines(shown, shift), lines, count);
		const bytes = Buffer.byteLength(out);
		if (bytes < bestBytes) {
			best = out;
			bestBytes = bytes;
		}
	}

	return best;
}

/**
 * Whether the terminal TERM names has a scrolling region and insert/delete line. terminfo's vt100 has the region
 * but no il/dl, ansi the reverse, vt52 and dumb neither: there rows are rewritten, as ncurses would (htop too).
 */
export function canShiftLines(term: string | undefined): boolean {
	return !/^(?:vt100|vt52|ansi|dumb)(?:-|$)/u.test(term ?? '');
}
