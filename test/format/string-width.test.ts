import cliTruncate from 'cli-truncate';
import sliceAnsi from 'slice-ansi';
import widestLine from 'widest-line';
import wrapAnsi from 'wrap-ansi';
import {describe, expect, it} from 'vitest';
import stringWidth from '../../source/format/string-width.js';

describe('the string-width stand-in Ink measures with', () => {
	it('counts columns per code point, as displayWidth, not per grapheme cluster', () => {
		// string-width 8 answers 2, 2, 2 and 1 (the Thai SARA AM joins its cluster).
		expect(['☺️', '👍🏽', '1️⃣', 'ทำ'].map(text => stringWidth(text))).toEqual([1, 4, 1, 2]);
	});

	it('gives escape sequences no columns', () => {
		expect(stringWidth('\u001b[1;31m中\u001b[39m👍🏽\u001b[22m')).toBe(6);
		expect(stringWidth('')).toBe(0);
	});

	it('is what Ink\'s measuring packages use under vitest (vitest.config.ts)', () => {
		expect(widestLine('a\n👍🏽x')).toBe(5);
		// string-width 8 counts 5 columns here, and cut it.
		expect(cliTruncate('☺️abc', 4)).toBe('☺️abc');
		expect(wrapAnsi('👍🏽 👍🏽', 5, {hard: true})).toBe('👍🏽\n👍🏽');
		// slice-ansi measures on its own: scripts/width-patch.mjs makes it count as Ink does.
		expect(sliceAnsi('(hrt❤️x)', 0, 7)).toBe('(hrt❤️x)');
	});
});
