/**
 * socktop draws with a few non-ASCII glyphs: '…' for cut text, '▲'/'▼' for the sort,
 * '→' for peers, '↑↓' in the keys (named in words instead: keyNames), '·' and '—' in sentences, and box lines around the
 * PID view's table and the kill dialog. A terminal in a locale that is not UTF-8 shows
 * each as two or three junk characters, which shifts every column after it. There,
 * as htop does, socktop draws them in ASCII: each glyph becomes one ASCII character,
 * so the layout, measured with the glyphs, stays exactly as it was.
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

/** `text` with socktop's glyphs in ASCII, one character for one; everything else (names, paths) as it is. */
export function toAsciiGlyphs(text: string): string {
	return text.replaceAll(glyphs, glyph => ascii[glyph] ?? glyph);
}
