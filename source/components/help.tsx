import {Box, type Key} from 'ink';
import {displayWidth} from '../format/escape.js';
import {keyNames} from '../glyphs.js';
import {type Binding, KEY_GROUPS, KEYMAP} from '../keymap.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';

/**
 * Every binding of a keymap, grouped: the help cannot miss a key the screen handles.
 * The table's by default; the PID view passes its own (PID_VIEW_KEYMAP).
 */
export function helpLines(theme: Theme, keymap: readonly Binding[] = KEYMAP): Segment[][] {
	const keysOf = (binding: Binding) => keyNames(binding.keys, theme.isAscii);
	const keyWidth = Math.max(...keymap.map(binding => displayWidth(keysOf(binding))));
	const groupWidth = Math.max(...KEY_GROUPS.map(group => group.length));
	const lines: Segment[][] = [];
	for (const group of KEY_GROUPS) {
		const bindings = keymap.filter(binding => binding.group === group);
		for (const [position, binding] of bindings.entries()) {
			lines.push([
				{text: (position === 0 ? group : '').padEnd(groupWidth + 2), style: theme.label},
				{text: keysOf(binding) + ' '.repeat(keyWidth - displayWidth(keysOf(binding)) + 2), style: theme.key},
				{text: binding.description},
			]);
		}
	}

	return lines;
}

/** Body lines the help shows at `height` terminal rows (title and blank line excluded). */
export const helpBodyHeight = (height: number) => Math.max(1, height - 2);

/**
 * What a key does on the help screen: a new first line when it scrolls
 * (↑ ↓ j PgUp PgDn, while the list is taller than the screen), null when it
 * closes the help (any other key; every key when the whole list is shown, as
 * the title then says).
 */
export function helpKey(key: Key, top: number, height: number, lineCount: number, input = ''): number | null {
	const page = helpBodyHeight(height);
	const maxTop = Math.max(0, lineCount - page);
	if (maxTop === 0) {
		return null;
	}

	// j as in the table; k stays a key that never moves (it kills in the table).
	if (key.downArrow || (input === 'j' && !key.ctrl && !key.meta)) {
		return Math.min(maxTop, top + 1);
	}

	if (key.upArrow) {
		return Math.max(0, top - 1);
	}

	if (key.pageDown) {
		return Math.min(maxTop, top + page);
	}

	if (key.pageUp) {
		return Math.max(0, top - page);
	}

	return null;
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
	/** Lines after the keys: the table's list of processes it could not read (denied-lines.ts). */
	readonly more?: readonly Segment[][];
};

/** The `?` screen: every key of the keymap, then `more`. */
export function Help({width, height, theme, top, keymap = KEYMAP, title = 'socktop keys', more = []}: Props) {
	const lines = [...helpLines(theme, keymap), ...more];
	const bodyHeight = helpBodyHeight(height);
	const maxTop = Math.max(0, lines.length - bodyHeight);
	const shownTop = Math.min(top, maxTop);
	// The scroll keys come first: cut from the right on a narrow screen, the title still says how to see the rest.
	const hint = maxTop > 0 ? `  ${keyNames('↑↓', theme.isAscii)} j scroll ${shownTop + 1}-${Math.min(lines.length, shownTop + bodyHeight)}/${lines.length}, any other key closes` : '  any other key closes';
	return (
		<Box flexDirection="column" height={Math.min(height, lines.length + 2)} overflow="hidden">
			<Line segments={[{text: title, style: theme.label}, {text: hint, style: theme.muted}]} width={width} />
			<Line segments={[{text: ' '}]} width={width} />
			{lines.slice(shownTop, shownTop + bodyHeight).map(segments => (
				<Line key={segments.map(segment => segment.text).join('')} segments={segments} width={width} />
			))}
		</Box>
	);
}
