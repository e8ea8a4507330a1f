import {displayWidth} from './format/escape.js';

/**
 * socktop draws with a few non-ASCII glyphs: '…' for cut text, '▲'/'▼' for the sort,
 * '→' for peers, '↑↓' in the keys (named in words instead: keyNames), '·' and '—' in sentences, and box lines around the
 * PID view's table and the kill dialog. A terminal in a locale that is not UTF-8 shows
 * each as two or three junk characters, which shifts every column after it. There,
 * as htop does, socktop draws them in ASCII: each glyph becomes one ASCII character,
 * so the layout, measured with the glyphs, stays exactly as it was. Other non-ASCII text
 * (a name in UTF-8, the U+FFFD of a byte that was not) is, on a terminal, one '?' per column,
 * as ls(1) and ps(1) write what the locale cannot show.
 */

/** True when the locale says the terminal takes UTF-8 (the first of LC_ALL, LC_CTYPE, LANG that is set). */
export function isUtf8Locale(env: NodeJS.ProcessEnv): boolean {
	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find(value => value !== undefined && value !== '');
	return locale !== undefined && /utf-?8/i.test(locale);
}

const ascii: Readonly<Record<string, string>> = {
	'…': '~',
	'▲': '^',
	'▼': 'v',
	'→': '>',
	'←': '<',
	'↑': '^',
	'↓': 'v',
	'·': '|',
	'—': '-',
	'─': '-',
	'│': '|',
	'┌': '+',
	'┐': '+',
	'└': '+',
	'┘': '+',
	'├': '+',
	'┤': '+',
	'┬': '+',
	'┴': '+',
	'┼': '+',
	'╭': '+',
	'╮': '+',
	'╰': '+',
	'╯': '+',
};

/**
 * Arrow keys named where the locale cannot draw arrows: the glyph swap above would write
 * '↑↓ move' as '^v move', which reads as Ctrl-V. Words, as PgUp and PgDn already are.
 * Not one character for one: lines that name keys are cut to the width anyway.
 */
export function keyNames(text: string, isAscii: boolean): string {
	if (!isAscii) return text;
	return text.replaceAll(/↑\/?↓/gu, 'Up/Dn').replaceAll(/←\/?→/gu, 'Left/Right').replaceAll('↑', 'Up').replaceAll('↓', 'Down');
}

const glyphs = new RegExp(`[${Object.keys(ascii).join('')}]`, 'gu');

const nonAscii = /[^\u0000-\u007F]/gu;

/**
 * `text` in ASCII: socktop's glyphs one character for one, and, for a terminal, any other
 * non-ASCII character '?' for each column it takes, so no column moves. For a pipe
 * (`isTerminal` false) names keep their bytes, as `ls | cat` does: a script may want them.
 */
export function toAsciiGlyphs(text: string, isTerminal = true): string {
	const drawn = text.replaceAll(glyphs, glyph => ascii[glyph] ?? glyph);
	return isTerminal ? drawn.replaceAll(nonAscii, character => '?'.repeat(displayWidth(character))) : drawn;
}
