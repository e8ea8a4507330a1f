import {Box} from 'ink';
import {displayWidth} from '../format/escape.js';
import {keyNames} from '../glyphs.js';
import {type Binding, KEYMAP} from '../keymap.js';
import type {Theme} from '../theme.js';
import {HELP_GAP, helpLayout, type HelpRow} from './help-layout.js';
import {Line, type Segment} from './line.js';
import {wrapText} from './pid-layout.js';

export {helpLayout} from './help-layout.js';

/**
 * Every binding of a keymap, grouped, one line each as a wide terminal shows them (and
 * the README lists them): the help cannot miss a key the screen handles.
 * The table's by default; the PID view passes its own (PID_VIEW_KEYMAP).
 */
export function helpLines(theme: Theme, keymap: readonly Binding[] = KEYMAP): Segment[][] {
	const layout = helpLayout(keymap, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, theme.isAscii);
	return layout.columns[0]!.map(row => rowSegments(row, layout.groupWidth, layout.keyWidth, theme));
}

/** A row as segments: the group and keys padded to their columns, then the text (padded to `textWidth` when given, for a column on its left). */
function rowSegments(row: HelpRow, groupWidth: number, keyWidth: number, theme: Theme, textWidth?: number): Segment[] {
	const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
	return [
		{text: pad(row.group, groupWidth + 2), style: theme.label},
		{text: pad(row.keys, keyWidth + 2), style: theme.key},
		{text: textWidth === undefined ? row.text : pad(row.text, textWidth)},
	];
}

type Props = {
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	/** First line shown, when the help is taller than the terminal. */
	readonly top: number;
	/** Whose keys: the table's (default) or the PID view's. */
	readonly keymap?: readonly Binding[];
	readonly title?: string;
	/** Lines after the keys: the table's States section (state-lines.ts) and list of processes it could not read (denied-lines.ts). */
	readonly more?: readonly Segment[][];
	/** A message for the screen open (job control's, useScreenMessage): its last lines, the keys scrolling above it. */
	readonly message?: string | null;
};

/** The `?` screen: every key of the keymap, in one column or two (helpLayout), then `more`. */
export function Help({width, height: frameHeight, theme, top, keymap = KEYMAP, title = 'socktop keys', more = [], message = null}: Props) {
	const said = message === null ? [] : wrapText(message, width, 3);
	const height = frameHeight - said.length;
	const layout = helpLayout(keymap, width, height, theme.isAscii, more.length);
	const {columns, bodyHeight, keyLines, lineCount} = layout;
	const maxTop = Math.max(0, lineCount - bodyHeight);
	const shownTop = Math.min(top, maxTop);
	const arrows = keyNames('↑↓', theme.isAscii);
	// Where it scrolls, which lines are shown comes first, then the keys in as many words as fit.
	const range = `${shownTop + 1}-${Math.min(lineCount, shownTop + bodyHeight)}/${lineCount}`;
	const hints = maxTop > 0 ? [`  ${range}  ${arrows} PgUp PgDn g G scroll · Esc q ? close`, `  ${range}  ${arrows} scroll · q closes`, ` ${range} ${arrows} scroll, q closes`, ` ${range}, q closes`] : ['  Esc q ? close'];
	const hint = hints.find(each => displayWidth(title) + displayWidth(each) <= width) ?? hints.at(-1)!;
	const [left, right] = columns;
	const rows = Array.from({length: Math.min(bodyHeight, lineCount - shownTop)}, (_, index) => {
		const at = shownTop + index;
		if (at >= keyLines) return more[at - keyLines] ?? [];
		const first = left?.[at];
		const second = right?.[at];
		const blank = {group: '', keys: '', text: ''};
		return second === undefined
			? rowSegments(first ?? blank, layout.groupWidth, layout.keyWidth, theme)
			: [...rowSegments(first ?? blank, layout.groupWidth, layout.keyWidth, theme, layout.textWidth), {text: ' '.repeat(HELP_GAP)}, ...rowSegments(second, layout.groupWidth, layout.keyWidth, theme)];
	});
	return (
		<Box flexDirection="column" height={Math.min(height, rows.length + (layout.isSpaced ? 2 : 1)) + said.length} overflow="hidden">
			<Line segments={[{text: title, style: theme.label}, {text: hint, style: theme.muted}]} width={width} />
			{layout.isSpaced ? <Line segments={[{text: ' '}]} width={width} /> : null}
			{rows.map((segments, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Line key={index} segments={segments} width={width} />
			))}
			{said.map(line => (
				<Line key={`said:${line}`} segments={[{text: line}]} width={width} />
			))}
		</Box>
	);
}
