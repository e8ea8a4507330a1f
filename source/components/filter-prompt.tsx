import {useInput} from 'ink';
import {sanitize} from '../format/escape.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

type Props = {
	readonly text: string;
	readonly width: number;
	readonly theme: Theme;
	readonly isActive: boolean;
	/** Every edit, so the table filters as the user types (htop's F4). */
	readonly onChange: (text: string) => void;
	/** Enter: keep the filter and return to the table. */
	readonly onSubmit: () => void;
	/** Esc: clear the filter and return. */
	readonly onCancel: () => void;
};

/** Longest filter text kept: enough for any column value, bounded against a paste flood. */
const maxLength = 200;

/** The `/` prompt on the bottom line. */
export function FilterPrompt({text, width, theme, isActive, onChange, onSubmit, onCancel}: Props) {
	useInput(
		(input, key) => {
			if (key.escape) {
				onCancel();
			} else if (key.return) {
				onSubmit();
			} else if (key.backspace || key.delete) {
				onChange([...text].slice(0, -1).join(''));
			} else if (key.ctrl && input === 'u') {
				onChange('');
			} else if (!key.ctrl && !key.meta && input !== '' && !/[\u0000-\u001f\u007f]/u.test(input)) {
				onChange((text + input).slice(0, maxLength));
			}
		},
		{isActive},
	);

	return (
		<Line
			segments={[
				{text: 'Filter: ', style: theme.label},
				{text: sanitize(text)},
				{text: ' ', style: {inverse: true}},
				{text: '  Enter keep  Esc clear', style: theme.muted},
			]}
			width={width}
		/>
	);
}
