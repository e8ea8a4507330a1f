import {displayWidth} from '../format/escape.js';
import {KEY_GROUPS} from '../keymap.js';
import type {Theme} from '../theme.js';
import type {Segment} from './line.js';
import {MIN_WRAP} from './help-layout.js';
import {wrapText} from './pid-layout.js';

/**
 * A `?` screen section after the keys, in the key list's columns: `title` where a group's name
 * goes, each name where the keys go, and its meaning wrapped at `width` beside it (no wider than
 * the longest meaning: the README's copy is laid out at an unbounded width). Where that leaves a
 * meaning less than `minBeside` columns, each goes under its name, indented, rather than in a
 * sliver beside it. A blank line first.
 */
export function meaningLines(title: string, entries: ReadonlyArray<readonly [string, string]>, theme: Theme, width: number, minBeside = 0): Segment[][] {
	const groupWidth = Math.max(...KEY_GROUPS.map(group => group.length)) + 2;
	const nameWidth = Math.max(...entries.map(([name]) => displayWidth(name))) + 2;
	const longest = Math.max(...entries.map(([, meaning]) => displayWidth(meaning)));
	const beside = Math.min(longest, width - groupWidth - nameWidth);
	const label = (isFirst: boolean): Segment => ({text: (isFirst ? title : '').padEnd(groupWidth), style: theme.label});
	if (beside >= minBeside) {
		return [
			[{text: ' '}],
			...entries.flatMap(([name, meaning], index) =>
				wrapText(meaning, Math.max(MIN_WRAP, beside), Number.POSITIVE_INFINITY, 0).map((text, line) => [
					label(index === 0 && line === 0),
					{text: (line === 0 ? name : '').padEnd(nameWidth), style: theme.key},
					{text},
				]),
			),
		];
	}

	const under = Math.max(MIN_WRAP, width - groupWidth - 2);
	return [
		[{text: ' '}],
		...entries.flatMap(([name, meaning], index) => [
			[label(index === 0), {text: name, style: theme.key}],
			...wrapText(meaning, under, Number.POSITIVE_INFINITY, 0).map(text => [label(false), {text: `  ${text}`}]),
		]),
	];
}
