import {Box, useInput} from 'ink';
import {useState} from 'react';
import {displayWidth} from '../format/escape.js';
import {KEY_GROUPS, KEYMAP} from '../keymap.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';

type Props = {
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	readonly isActive: boolean;
	readonly onClose: () => void;
};

/** Every binding of the keymap, grouped: the help cannot miss a key the table handles. */
export function helpLines(theme: Theme): Segment[][] {
	const keyWidth = Math.max(...KEYMAP.map(binding => displayWidth(binding.keys)));
	const groupWidth = Math.max(...KEY_GROUPS.map(group => group.length));
	const lines: Segment[][] = [];
	for (const group of KEY_GROUPS) {
		const bindings = KEYMAP.filter(binding => binding.group === group);
		for (const [position, binding] of bindings.entries()) {
			lines.push([
				{text: (position === 0 ? group : '').padEnd(groupWidth + 2), style: theme.label},
				{text: binding.keys + ' '.repeat(keyWidth - displayWidth(binding.keys) + 2), style: theme.key},
				{text: binding.description},
			]);
		}
	}

	return lines;
}

/** The `?` screen. ↑/↓ scroll when it is taller than the terminal; any other key closes it. */
export function Help({width, height, theme, isActive, onClose}: Props) {
	const lines = helpLines(theme);
	const bodyHeight = Math.max(1, height - 2);
	const maxTop = Math.max(0, lines.length - bodyHeight);
	const [top, setTop] = useState(0);
	useInput(
		(_, key) => {
			if (key.downArrow) {
				setTop(current => Math.min(maxTop, current + 1));
			} else if (key.upArrow) {
				setTop(current => Math.max(0, current - 1));
			} else if (key.pageDown) {
				setTop(current => Math.min(maxTop, current + bodyHeight));
			} else if (key.pageUp) {
				setTop(current => Math.max(0, current - bodyHeight));
			} else {
				onClose();
			}
		},
		{isActive},
	);

	const shownTop = Math.min(top, maxTop);
	const more = maxTop > 0 ? `  (↑↓ scroll, ${shownTop + 1}-${Math.min(lines.length, shownTop + bodyHeight)} of ${lines.length})` : '';
	return (
		<Box flexDirection="column" height={Math.min(height, lines.length + 2)} overflow="hidden">
			<Line segments={[{text: 'socktop keys', style: theme.label}, {text: `  any other key closes${more}`, style: theme.muted}]} width={width} />
			<Line segments={[{text: ' '}]} width={width} />
			{lines.slice(shownTop, shownTop + bodyHeight).map(segments => (
				<Line key={segments.map(segment => segment.text).join('')} segments={segments} width={width} />
			))}
		</Box>
	);
}
