import {displayWidth} from '../format/escape.js';
import {KEY_GROUPS} from '../keymap.js';
import {CELL_MEANINGS, COUNT_MEANING} from '../services/cell-phrases.js';
import type {Theme} from '../theme.js';
import type {Segment} from './line.js';
import {wrapText} from './pid-layout.js';

/** The narrowest a meaning is wrapped to (as the keys' descriptions: help-layout.ts). */
const MIN_WRAP = 8;
/** The narrowest a meaning goes beside its notation: narrower, it goes under it. */
const MIN_BESIDE = 30;

/**
 * The `?` screen's Cells section, after the States: how the table writes what it shows
 * (`*:22`, `-> ?`, `@name`, …) and what the header's and footer's counts count, each meaning
 * wrapped at `width`, laid out as the States (state-lines.ts) are; where that leaves a meaning
 * under MIN_BESIDE columns, under its notation.
 */
export function cellHelpLines(theme: Theme, width: number): Segment[][] {
	const groupWidth = Math.max(...KEY_GROUPS.map(group => group.length)) + 2;
	const entries = [...CELL_MEANINGS, COUNT_MEANING];
	const notationWidth = Math.max(...entries.map(([notation]) => displayWidth(notation))) + 2;
	// No wider than the longest meaning: the README's copy is laid out at an unbounded width.
	const longest = Math.max(...entries.map(([, meaning]) => displayWidth(meaning)));
	const textWidth = Math.min(longest, width - groupWidth - notationWidth);
	const label = (isFirst: boolean) => ({text: (isFirst ? 'Cells' : '').padEnd(groupWidth), style: theme.label});
	if (textWidth >= MIN_BESIDE) {
		return [
			[{text: ' '}],
			...entries.flatMap(([notation, meaning], index) =>
				wrapText(meaning, textWidth, Number.POSITIVE_INFINITY, 0).map((text, line) => [
					label(index === 0 && line === 0),
					{text: (line === 0 ? notation : '').padEnd(notationWidth), style: theme.key},
					{text},
				]),
			),
		];
	}

	// Narrow: each meaning under its notation, indented, rather than in a sliver beside it.
	const under = Math.max(MIN_WRAP, width - groupWidth - 2);
	return [
		[{text: ' '}],
		...entries.flatMap(([notation, meaning], index) => [
			[label(index === 0), {text: notation, style: theme.key}],
			...wrapText(meaning, under, Number.POSITIVE_INFINITY, 0).map(text => [label(false), {text: `  ${text}`}]),
		]),
	];
}
