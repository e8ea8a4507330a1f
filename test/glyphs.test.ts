import {describe, expect, it} from 'vitest';
import {displayWidth} from '../source/format/escape.js';
import {isUtf8Locale, toAsciiGlyphs} from '../source/glyphs.js';

describe('isUtf8Locale', () => {
	it('reads the first of LC_ALL, LC_CTYPE and LANG that is set', () => {
		expect(isUtf8Locale({LANG: 'en_US.UTF-8'})).toBe(true);
		expect(isUtf8Locale({LANG: 'C.utf8'})).toBe(true);
		expect(isUtf8Locale({LC_ALL: 'C', LANG: 'en_US.UTF-8'})).toBe(false);
		expect(isUtf8Locale({LC_ALL: '', LC_CTYPE: 'de_DE.UTF-8', LANG: 'C'})).toBe(true);
		expect(isUtf8Locale({LANG: 'en_US.ISO-8859-1'})).toBe(false);
		expect(isUtf8Locale({LANG: 'POSIX'})).toBe(false);
		// Nothing set is the C locale.
		expect(isUtf8Locale({})).toBe(false);
	});
});

describe('toAsciiGlyphs', () => {
	it('draws socktop\'s glyphs in ASCII, one character for one, and other non-ASCII text as one ? a column, as ls does', () => {
		const line = '│   5 │ tcp6 │ …:1]:58804 │ [::1]:8799 → fd 7 │ COMMAND▲ ↑↓ move · Esc — ok ╭─╮ 中文 caf\u00E9 bad\uFFFD \u001B[7mx';
		const converted = toAsciiGlyphs(line);
		expect(converted).toBe('|   5 | tcp6 | ~:1]:58804 | [::1]:8799 > fd 7 | COMMAND^ ^v move | Esc - ok +-+ ???? caf? bad? \u001B[7mx');
		expect(displayWidth(converted)).toBe(displayWidth(line));
	});

	it('keeps names\' bytes for a pipe, where a script may want them', () => {
		expect(toAsciiGlyphs('nginx → caf\u00E9 中文 —', false)).toBe('nginx > caf\u00E9 中文 -');
	});
});
