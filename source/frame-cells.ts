import {displayWidth} from './format/escape.js';

/**
 * One frame line as terminal cells, so the frame writer can rewrite only the
 * columns that changed. A cell is its text and the SGR state it is drawn in
 * (as the parameters that set that state from a reset, e.g. '1;92'); the right
 * half of a wide character is a cell with text ''.
 *
 * `certain` is how many leading columns are certainly where this model puts
 * them: up to the first character that is not printable ASCII (Infinity when
 * there is none). Past such a
 * character (ambiguous-width '…', CJK, emoji, combining marks, right-to-left
 * scripts) terminals disagree on columns, so nothing there is addressed by
 * column; the writer reaches it from that character instead (frame-spans.ts).
 */
export type Cells = {
	readonly texts: readonly string[];
	readonly states: readonly string[];
	readonly certain: number;
	/** The SGR state after the line's last escape ('' when it ends reset, as Ink's lines do). */
	readonly end: string;
};

type Style = {
	flags: Set<number>;
	fg: string;
	bg: string;
};

// SGR attribute codes and the code that turns each off (22 turns off bold and dim).
const offOf: Record<number, number> = {1: 22, 2: 22, 3: 23, 4: 24, 5: 25, 7: 27, 8: 28, 9: 29};
const flagsOff = new Set(Object.values(offOf));

/**
 * Applies SGR parameters ('1;38;5;208') to `style`. False for anything this
 * model does not know, so the line is redrawn whole instead of guessed at.
 */
function applySgr(style: Style, parameters: string): boolean {
	const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index] ?? Number.NaN;
		if (code === 0) {
			style.flags.clear();
			style.fg = '';
			style.bg = '';
		} else if (offOf[code] !== undefined) {
			style.flags.add(code);
		} else if (flagsOff.has(code)) {
			for (const [on, off] of Object.entries(offOf)) {
				if (off === code) {
					style.flags.delete(Number(on));
				}
			}
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			style.fg = String(code);
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			style.bg = String(code);
		} else if (code === 39) {
			style.fg = '';
		} else if (code === 49) {
			style.bg = '';
		} else if (code === 38 || code === 48) {
			const length = codes[index + 1] === 5 ? 2 : codes[index + 1] === 2 ? 4 : 0;
			if (length === 0 || index + length >= codes.length) {
				return false;
			}

			const color = codes.slice(index, index + length + 1).join(';');
			if (code === 38) {
				style.fg = color;
			} else {
				style.bg = color;
			}

			index += length;
		} else {
			return false;
		}
	}

	return true;
}

const stateOf = (style: Style): string =>
	[...[...style.flags].sort((a, b) => a - b).map(String), style.fg, style.bg].filter(part => part !== '').join(';');

// eslint-disable-next-line no-control-regex
const sgr = /\u001B\[([\d;]*)m/y;

/** The cells of one frame line, or null when it holds escapes other than SGR colours and attributes. */
export function cellsOf(line: string): Cells | null {
	const texts: string[] = [];
	const states: string[] = [];
	const style: Style = {flags: new Set(), fg: '', bg: ''};
	let state = '';
	let certain = -1;
	let index = 0;
	while (index < line.length) {
		const code = line.charCodeAt(index);
		if (code === 0x1b) {
			sgr.lastIndex = index;
			const match = sgr.exec(line);
			if (match === null || !applySgr(style, match[1] ?? '')) {
				return null;
			}

			state = stateOf(style);
			index = sgr.lastIndex;
			continue;
		}

		if (code >= 0x20 && code < 0x7f) {
			texts.push(line[index] ?? '');
			states.push(state);
			index++;
			continue;
		}

		const character = String.fromCodePoint(line.codePointAt(index) ?? 0);
		index += character.length;
		const width = displayWidth(character);
		if (certain === -1) {
			// A zero-width character changes how the cell before it looks.
			certain = width === 0 ? Math.max(0, texts.length - 1) : texts.length;
		}

		if (width === 0 || code < 0x20 || code === 0x7f) {
			// A combining mark joins the cell before it; a stray control is kept with it too,
			// and the line past `certain` is never addressed by column anyway.
			if (texts.length === 0) {
				texts.push(' ');
				states.push(state);
			}

			texts[texts.length - 1] += character;
			continue;
		}

		texts.push(character);
		states.push(state);
		if (width === 2) {
			texts.push('');
			states.push(state);
		}
	}

	return {texts, states, certain: certain === -1 ? Number.POSITIVE_INFINITY : certain, end: state};
}
