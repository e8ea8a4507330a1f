import {type Cells, cellsOf} from './frame-cells.js';

const ESC = '\u001B[';

// A gap of unchanged columns shorter than this is rewritten rather than jumped
// over: a new cursor move and colour costs about as many bytes.
const minimumGap = 8;

const textAt = (cells: Cells, column: number) => cells.texts[column] ?? ' ';
const stateAt = (cells: Cells, column: number) => cells.states[column] ?? '';

/**
 * [start, end) column runs where `after` differs from `before`. Wide characters
 * need no care here: a run is only written when every column before its end is
 * printable ASCII in both lines (Cells.certain).
 */
function changedRuns(before: Cells, after: Cells): Array<[number, number]> {
	const length = Math.max(before.texts.length, after.texts.length);
	const runs: Array<[number, number]> = [];
	for (let column = 0; column < length; column++) {
		if (textAt(before, column) === textAt(after, column) && stateAt(before, column) === stateAt(after, column)) {
			continue;
		}

		const last = runs.at(-1);
		if (last !== undefined && column - last[1] < minimumGap) {
			last[1] = column + 1;
		} else {
			runs.push([column, column + 1]);
		}
	}

	return runs;
}

/** SGR that takes the terminal from state `from` to state `to` (both as cellsOf states). */
const transition = (from: string, to: string): string =>
	to === '' ? `${ESC}0m` : from === '' ? `${ESC}${to}m` : `${ESC}0;${to}m`;

/**
 * Row `row` (0-based) written whole. Erased first: erasing after a row as wide as the terminal
 * loses its last character (see frame-writer.ts).
 */
const wholeRow = (row: number, line: string): string => `${ESC}${row + 1};1H${ESC}K${line}`;

/**
 * Row `row` (0-based) written whole, leaving the terminal's SGR state reset: a line may
 * end in a colour (Ink's do not), and on a BCE terminal (xterm, tmux, the linux console)
 * the next erase (CSI K, 2J) or inserted line (CSI L, M) would take its background.
 */
export const closedRow = (row: number, line: string, cells: Cells | null = cellsOf(line)): string =>
	`${wholeRow(row, line)}${cells?.end === '' ? '' : `${ESC}0m`}`;

/** Printable ASCII: one column on every terminal. */
const isPlain = (text: string): boolean => text.length === 1 && text >= ' ' && text <= '~';

/**
 * Whether `before` and `after` hold the same characters of uncertain width at the same
 * columns from `from` on, so that a terminal lays out every plain cell of both at the same
 * (perhaps shifted) column.
 */
function sameUncertain(before: Cells, after: Cells, from: number): boolean {
	const length = Math.max(before.texts.length, after.texts.length);
	for (let column = from; column < length; column++) {
		const old = textAt(before, column);
		const text = textAt(after, column);
		if ((isPlain(old) || isPlain(text)) ? isPlain(old) !== isPlain(text) : old !== text) {
			return false;
		}
	}

	return true;
}

/**
 * Bytes that turn row `row` (0-based) from `before` into `after` on a terminal
 * whose SGR state is reset, leaving it reset: only the changed columns when
 * they can be addressed with certainty and that is shorter, else the whole line.
 * Past a character of uncertain width (`↑↓` in the footer, a `…`), that both
 * lines have at the same column, a change is reached from it rather than by
 * column: the character is written again, where the terminal put it before,
 * and plain cells are stepped over (CSI n C), so the cursor lands where this
 * terminal drew that column, whatever width it gives the character.
 */
export function lineUpdate(row: number, before: string, after: string): string {
	const newCells = cellsOf(after);
	const wholeUpdate = closedRow(row, after, newCells);
	const oldCells = cellsOf(before);
	if (oldCells === null || newCells === null) {
		return wholeUpdate;
	}

	const runs = changedRuns(oldCells, newCells);
	const limit = Math.min(oldCells.certain, newCells.certain);
	if (runs.length === 0 || ((runs.at(-1)?.[1] ?? 0) > limit && !sameUncertain(oldCells, newCells, limit))) {
		return runs.length === 0 ? '' : wholeUpdate;
	}

	let out = '';
	let pen = '';
	const paint = (column: number) => {
		const text = newCells.texts[column] ?? '';
		// A wide character's right half: written with its left half, so no SGR of its own.
		if (text === '') return;
		const state = newCells.states[column] ?? '';
		if (state !== pen) {
			out += transition(pen, state);
			pen = state;
		}

		out += text;
	};

	// The model column the cursor is at, where it got there by writing from `limit` on.
	let cursor = -1;
	for (const [start, end] of runs) {
		if (start <= limit) {
			out += `${ESC}${row + 1};${start + 1}H`;
		} else {
			if (cursor === -1) {
				out += `${ESC}${row + 1};${limit + 1}H`;
				cursor = limit;
			}

			let skip = 0;
			for (; cursor < start; cursor++) {
				const text = textAt(newCells, cursor);
				if (isPlain(text)) {
					skip++;
				} else if (text !== '') {
					out += skip > 0 ? `${ESC}${skip}C` : '';
					skip = 0;
					paint(cursor);
				}
			}

			out += skip > 0 ? `${ESC}${skip}C` : '';
		}

		const stop = Math.min(end, newCells.texts.length);
		for (let column = start; column < stop; column++) {
			paint(column);
		}

		cursor = stop;
		if (end > newCells.texts.length) {
			out += `${pen === '' ? '' : `${ESC}0m`}${ESC}K`;
			pen = '';
		}
	}

	if (pen !== '') {
		out += `${ESC}0m`;
	}

	return out.length < wholeUpdate.length ? out : wholeUpdate;
}
