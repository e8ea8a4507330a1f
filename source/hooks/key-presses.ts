import type {Key} from 'ink';
import {isPaste} from '../paste.js';

/** One key as Ink reports it to useInput. */
export type TypedKey = {readonly input: string; readonly key: Key};

/** One key of a chunk: what Ink would have reported had it arrived alone. */
export type KeyPress = TypedKey & {
	/** The character as typed, to hand the rest of a chunk on. */
	readonly raw: string;
};

/** The flags of typed text: no named key, no Ctrl or Meta (the characters of a chunk say which keys they are). */
const textKey = (key: Key): Key => ({
	...key,
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	tab: false,
	backspace: false,
	delete: false,
	ctrl: false,
	meta: false,
});

/**
 * Meta and a letter, digit or Space, which Ink reports for ESC followed by that character in one read
 * (its ESC removed). socktop binds no Meta keys, and ESC then q typed fast (or sent by tmux send-keys
 * Escape q, or in one SSH packet) arrives that way: htop and other ncurses programs see Escape, then q.
 * Escape sequences (arrows, ESC[ ... ESC O ...) come as named keys or without Meta, and stay one key.
 */
const isEscapeThenChar = (input: string, key: Key) => key.meta && !key.ctrl && !key.escape && /^[\dA-Za-z ]$/.test(input);

/**
 * The single keys in one read from the terminal. Keys typed while a refresh
 * held the event loop, or sent quickly over SSH, arrive as one chunk ('jjj',
 * 'qq', '/ssh\r'): each counts, in order, and Enter, Backspace, Tab and the
 * Ctrl letters (Ctrl-C, Ctrl-U) inside a chunk count as those keys (Ink only
 * recognises them alone). Meta and a character is Escape, then that character
 * (isEscapeThenChar). Any other chunk with Ctrl or Meta, or holding an escape
 * sequence, is one key (Ink reports an escape sequence or a control key that
 * way), so it is not split.
 */
export function keyPresses(input: string, key: Key): readonly KeyPress[] {
	// Pasted text is no keys (the filter prompt takes it as text before this), and neither is a
	// mouse report (SGR ESC[<b;x;yM, which Ink hands on without its ESC) from a terminal that
	// kept mouse reporting on despite ENTER_SCREEN: a wheel turn must not toggle filters.
	if (isPaste(input) || /^\u001B?\[<\d+;\d+;\d+[Mm]$/.test(input)) return [];
	if (isEscapeThenChar(input, key)) {
		const escape = {input: '', key: {...textKey(key), escape: true, meta: true}, raw: '\u001B'};
		return [escape, ...keyPresses(input, textKey(key))];
	}

	if (input === '' || key.ctrl || key.meta || input.includes('\u001B')) {
		return [{input, key, raw: input}];
	}

	// Flags of named keys come with an empty input from Ink; on text they are left over
	// from a chunk handed on by a screen that closed, so each character starts clean.
	const base = textKey(key);
	return [...input].map(raw => {
		switch (raw) {
			case '\r':
			case '\n': {
				return {input: '', key: {...base, return: true}, raw};
			}

			case '\u007F':
			case '\b': {
				return {input: '', key: {...base, backspace: true}, raw};
			}

			case '\t': {
				return {input: '', key: {...base, tab: true}, raw};
			}

			default: {
				// Ctrl-A..Ctrl-Z are the bytes 1-26: Ink reports them alone as ctrl + the letter.
				const code = raw.codePointAt(0)!;
				return code >= 1 && code <= 26 ? {input: String.fromCodePoint(code + 96), key: {...base, ctrl: true}, raw} : {input: raw, key: base, raw};
			}
		}
	});
}

/**
 * The keys after press `index`, as one chunk of text to hand on (null when there are none).
 * Its flags are plain text's: the chunk's characters say which keys they are (keyPresses).
 */
export function restOf(presses: readonly KeyPress[], index: number): TypedKey | null {
	const rest = presses.slice(index + 1);
	if (rest.length === 0) return null;
	return {input: rest.map(press => press.raw).join(''), key: textKey(rest[0]!.key)};
}

/** Hands keys on to whatever screen is in front once this one has closed. */
export type ForwardKey = (input: string, key: Key) => void;
