import type {Key} from 'ink';
import {displayWidth, fit, sanitize} from '../format/escape.js';
import {isFunctionKey} from '../function-keys.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

/** Longest filter text kept: enough for any column value, bounded against a paste flood. */
const maxLength = 200;

/** What a key does in the prompt. */
export type FilterKey =
	| {readonly type: 'edit'; readonly edit: (text: string) => string}
	| {readonly type: 'submit'}
	| {readonly type: 'cancel'}
	| {readonly type: 'ignore'};

const control = /[\u0000-\u001F\u007F]/u;

/**
 * The text before the last word (readline's Ctrl-W): the spaces or commas at its end, then the
 * characters before them up to the next space or comma ('22,80' leaves '22,'; 'ssh 10.0.0.2'
 * leaves 'ssh ').
 */
const withoutLastWord = (text: string): string => text.replace(/[^\s,]*[\s,]*$/u, '');

/**
 * The keys of every prompt (`/` in the table and the PID view, p and P): typing filters as you type
 * (htop's F4), Backspace deletes a character, Ctrl-W a word, Ctrl-U the whole text (readline's keys,
 * the cursor being always at the end: the arrow keys, Home and End do not move it), Enter keeps the
 * filter, Esc clears it; an F-key is no text. Edits are functions of the current text, so keys typed
 * faster than a frame all count.
 */
export function filterKey(input: string, key: Key): FilterKey {
	if (key.escape) {
		return {type: 'cancel'};
	}

	if (key.return) {
		return {type: 'submit'};
	}

	if (key.backspace || key.delete) {
		return {type: 'edit', edit: text => [...text].slice(0, -1).join('')};
	}

	if (key.ctrl && input === 'u') {
		return {type: 'edit', edit: () => ''};
	}

	if (key.ctrl && input === 'w') {
		return {type: 'edit', edit: withoutLastWord};
	}

	if (key.ctrl || key.meta || input === '' || control.test(input) || isFunctionKey(input)) {
		return {type: 'ignore'};
	}

	return {type: 'edit', edit: text => appendFilterText(text, input)};
}

/**
 * Text typed or pasted onto the filter: control characters dropped, at most 200 characters
 * kept, counted in code points (a cut by UTF-16 units could leave half of an emoji).
 */
export function appendFilterText(text: string, added: string): string {
	const joined = text + added.replaceAll(/[\u0000-\u001F\u007F]/gu, '');
	return joined.length <= maxLength ? joined : [...joined].slice(0, maxLength).join('');
}

type Props = {
	readonly text: string;
	readonly width: number;
	readonly theme: Theme;
	/** What is being typed: the `/` filter's by default; p and P name their list. */
	readonly label?: string;
	/** The keys' meaning, after the text while there is room. */
	readonly hint?: string;
	/** Why the last Enter was refused (a list the flag would not take), said in place of the hint. */
	readonly error?: string | null;
};

/** The ports and protocols prompts' hint: Enter reads the list, Esc leaves the filter as it was. */
export const LIST_HINT = '  Enter apply (empty clears)  Esc cancel';

/** The prompt on the bottom line, with a block cursor. */
export function FilterPrompt({text, width, theme, label = 'Filter: ', hint = '  Enter keep  Esc clear', error = null}: Props) {
	const clean = sanitize(text);
	const tail = error === null ? {text: hint, style: theme.muted} : {text: `  ${sanitize(error)}`, style: theme.warning};
	// Text longer than the line (a paste) shows its end, where the cursor is, as a shell does;
	// an error keeps room to be read, the hint goes.
	const room = Math.max(1, width - displayWidth(label) - 1);
	const textRoom = error === null ? room : Math.max(Math.min(room, 8), room - displayWidth(tail.text));
	const isLong = displayWidth(clean) > room - displayWidth(tail.text);
	return (
		<Line
			segments={[
				{text: label, style: theme.label},
				{text: displayWidth(clean) > textRoom ? fit(clean, textRoom, 'left', true) : clean},
				{text: ' ', style: {inverse: true}},
				...(isLong && error === null ? [] : [tail]),
			]}
			width={width}
		/>
	);
}
