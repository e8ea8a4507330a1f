import type {Key} from 'ink';
import {displayWidth} from '../format/escape.js';
import {keyNames} from '../glyphs.js';
import {actionFor, type Binding, isMove, KEY_GROUPS} from '../keymap.js';
import {wrapText} from './pid-layout.js';

/** One line of the help: its group's name (on the group's first line), the keys, and the description or a wrapped part of it. */
export type HelpRow = {readonly group: string; readonly keys: string; readonly text: string};

/** How the `?` screen lays out its keys at a terminal size. */
export type HelpLayout = {
	/** One column, or two side by side (which may scroll, when the lines after the keys do not fit under them). */
	readonly columns: readonly (readonly HelpRow[])[];
	readonly groupWidth: number;
	readonly keyWidth: number;
	/** Columns a description takes (wrapped to it), in each column. */
	readonly textWidth: number;
	/** A blank line under the title, where it costs no key a line. */
	readonly isSpaced: boolean;
	/** Rows of keys on screen. */
	readonly bodyHeight: number;
	/** Rows of keys: the tallest column's. */
	readonly keyLines: number;
	/** Rows in all, the keys' and then the lines after them (`moreLines`): more than bodyHeight when the help scrolls. */
	readonly lineCount: number;
};

/** Spaces between the two columns. */
export const HELP_GAP = 3;
/** The narrowest description two columns may wrap to: narrower, one column reads better. */
const MIN_TWO_COLUMN_TEXT = 24;

type Entry = {readonly group: string; readonly keys: string; readonly description: string};

/** The bindings by group, in the keymap's order, their arrow keys in words where the locale needs it. */
function entriesOf(keymap: readonly Binding[], isAscii: boolean): Entry[] {
	return KEY_GROUPS.flatMap(group => keymap.filter(binding => binding.group === group).map(binding => ({group, keys: keyNames(binding.keys, isAscii), description: binding.description})));
}

/**
 * The narrowest a description is wrapped to. On a terminal narrower than that the lines are
 * cut (socktop draws nothing but its too-small message there anyway, though the view under
 * it stays laid out): at one column wrapText would never get past the first character.
 */
export const MIN_WRAP = 8;

/** An entry's rows: its description wrapped at `textWidth`, the group named on `isFirst` (its group's first line, or a column's). */
const rowsOf = (entry: Entry, textWidth: number, isFirst: boolean): HelpRow[] =>
	wrapText(entry.description, Math.max(MIN_WRAP, textWidth), displayWidth(entry.description), 0).map((text, index) => ({
		group: index === 0 && isFirst ? entry.group : '',
		keys: index === 0 ? entry.keys : '',
		text,
	}));

/** One column of entries, each group named once (and again at the top of a second column). */
function column(entries: readonly Entry[], textWidth: number): HelpRow[] {
	return entries.flatMap((entry, index) => rowsOf(entry, textWidth, index === 0 || entries[index - 1]!.group !== entry.group));
}

/**
 * Where the help's keys go at `width` x `height` (the frame, title included): one column
 * where every key fits whole; else two columns side by side, their descriptions wrapped,
 * split where the two come out most even; else one column wrapped to the width, which
 * scrolls (`lineCount` > `bodyHeight`); where the keys fit in two columns but the lines after them
 * do not fit below, the two columns, which scroll. The blank line under the title is dropped before
 * a key would be. `moreLines` lines follow the keys, across the width (the processes the
 * last scan could not read): they count as the keys do, so they scroll into view too.
 */
export function helpLayout(keymap: readonly Binding[], width: number, height: number, isAscii = false, moreLines = 0): HelpLayout {
	const entries = entriesOf(keymap, isAscii);
	const groupWidth = Math.max(...entries.map(entry => displayWidth(entry.group)));
	const keyWidth = Math.max(...entries.map(entry => displayWidth(entry.keys)));
	const prefix = groupWidth + 2 + keyWidth + 2;
	const fits = (columns: readonly (readonly HelpRow[])[], textWidth: number): HelpLayout | null => {
		const tallest = Math.max(...columns.map(each => each.length));
		const lineCount = tallest + moreLines;
		const isSpaced = lineCount <= height - 2;
		return lineCount <= height - 1 ? {columns, groupWidth, keyWidth, textWidth, isSpaced, bodyHeight: height - (isSpaced ? 2 : 1), keyLines: tallest, lineCount} : null;
	};

	const longest = Math.max(...entries.map(entry => displayWidth(entry.description)));
	const whole = prefix + longest <= width ? fits([column(entries, longest)], longest) : null;
	if (whole !== null) return whole;

	const twoText = Math.floor((width - HELP_GAP) / 2) - prefix;
	let pair: HelpRow[][] | null = null;
	if (twoText >= MIN_TWO_COLUMN_TEXT) {
		let best: HelpRow[][] | null = null;
		for (let split = 1; split < entries.length; split++) {
			const candidate = [column(entries.slice(0, split), twoText), column(entries.slice(split), twoText)];
			if (best === null || Math.max(...candidate.map(each => each.length)) < Math.max(...best.map(each => each.length))) best = candidate;
		}

		const two = best === null ? null : fits(best, twoText);
		if (two !== null) return two;
		pair = best;
	}

	const textWidth = Math.max(MIN_WRAP, width - prefix);
	const rows = column(entries, textWidth);
	// It scrolls either way: two columns, where they are wide enough, take fewer lines (at 100x24 every key is on the first screen).
	const scrolled = pair !== null && Math.max(...pair.map(each => each.length)) < rows.length ? {columns: pair, textWidth: twoText} : {columns: [rows], textWidth};
	const keyLines = Math.max(...scrolled.columns.map(each => each.length));
	return {...scrolled, groupWidth, keyWidth, isSpaced: false, bodyHeight: Math.max(1, height - 1), keyLines, lineCount: keyLines + moreLines};
}

/**
 * What a key does on the help screen: the table's Move keys scroll it (↑ ↓ j one line,
 * PgUp PgDn a screen, g Home to the top, G End to the bottom), and return its new first
 * line, the same one where all of it is shown; any other key (Esc, q, ? among them) closes
 * it: null.
 */
export function helpKey(input: string, key: Key, top: number, layout: Pick<HelpLayout, 'bodyHeight' | 'lineCount'>): number | null {
	const action = actionFor(input, key);
	if (action === null || !isMove(action)) return null;
	const maxTop = Math.max(0, layout.lineCount - layout.bodyHeight);
	const page = layout.bodyHeight;
	const next = {up: top - 1, down: top + 1, pageUp: top - page, pageDown: top + page, top: 0, bottom: maxTop}[action];
	return Math.max(0, Math.min(maxTop, next));
}
