/**
 * htop's function keys (F1 help, F3 search, F4 filter, F9 kill, F10 quit). Ink 6.8's parser
 * names F1-F12, but useInput hands a handler an empty input and no flag that says which
 * one: every F-key reads alike. So each is turned, before Ink reads the chunk (app.tsx, as
 * splitEscapes and the paste filter are), into one private-use character of its own, which
 * Ink hands on as text: a key the keymap can bind (`fkey(10)`), in a chunk keyPresses splits.
 *
 * The sequences, unmodified only:
 * - xterm, gnome and tmux/screen: F1-F4 as ESC O P .. ESC O S (SS3), F5-F12 as ESC [15~ ..;
 * - rxvt, PuTTY and older xterm: F1-F4 as ESC [11~ .. ESC [14~;
 * - the Linux console: F1-F5 as ESC [[A .. ESC [[E, F6 on as xterm's.
 * An ESC just before one (Alt and that key, ESC ESC [21~) leaves it alone: socktop binds no Alt keys.
 * F1-F4 with a modifier (xterm's ESC [1;2P for Shift-F1, ESC [1;5P for Ctrl-F1) are dropped: Ink
 * names none of them, and hands Shift-F1's on as the text '[1;2P', which would type P (protocols).
 * The others with a modifier (ESC [21;2~) Ink names, and reports as an empty key, which does nothing.
 */
const CODES: Readonly<Record<string, number>> = {
	OP: 1,
	OQ: 2,
	OR: 3,
	OS: 4,
	'[11~': 1,
	'[12~': 2,
	'[13~': 3,
	'[14~': 4,
	'[[A': 1,
	'[[B': 2,
	'[[C': 3,
	'[[D': 4,
	'[[E': 5,
	'[15~': 5,
	'[17~': 6,
	'[18~': 7,
	'[19~': 8,
	'[20~': 9,
	'[21~': 10,
	'[23~': 11,
	'[24~': 12,
};

/** U+E001..U+E00C: private-use characters no key produces (U+E000 marks a paste: paste.ts). */
const FIRST = 0xe0_01;

/** The character F`n` (1-12) reaches the key handlers as. */
export const fkey = (n: number): string => String.fromCodePoint(FIRST + n - 1);

/** True for a character that stands for a function key: never text to type into a prompt. */
export const isFunctionKey = (input: string): boolean => input.length === 1 && input.codePointAt(0)! >= FIRST && input.codePointAt(0)! < FIRST + 12;

const sequences = /(?<!\u001B)\u001B(O[PQRS]|\[\[[A-E]|\[(?:1[1-57-9]|2[0134])~|\[1;\d+[PQRS])/g;

/** One read from the terminal with each F-key's escape sequence replaced by its character (fkey), a modified F1-F4 by nothing. */
export const nameFunctionKeys = (chunk: string): string =>
	chunk.replaceAll(sequences, (sequence, code: string) => {
		if (code.startsWith('[1;')) return '';
		const n = CODES[code];
		return n === undefined ? sequence : fkey(n);
	});
