// The package itself, not the stand-in vitest.config.ts aliases 'string-width' to.
import stringWidth from '../../node_modules/string-width/index.js';
import {describe, expect, it} from 'vitest';
import {displayWidth, fit} from '../../source/format/escape.js';

// escape.ts computes string-width's per-code-point answer itself (so that starting socktop
// does not evaluate string-width, which builds an Intl.Segmenter); the two must agree on
// every code point except the Hangul joining jamo, which escape.ts deliberately counts as 0.
const joiningJamo = (code: number) => (code >= 0x1160 && code <= 0x11ff) || (code >= 0xd7b0 && code <= 0xd7ff);

describe('displayWidth of one code point', () => {
	// Every code point of the BMP, plane 1 (emoji, symbols) and the tags and variation
	// selectors of plane 14; every 61st elsewhere (all 1.1 million take 8 s).
	const isChecked = (code: number) => code <= 0x1ffff || (code >= 0xe0000 && code <= 0xe0fff) || code % 61 === 0;

	it('agrees with string-width on the code points of every plane (but the joining jamo)', () => {
		const differences: string[] = [];
		for (let code = 0; code <= 0x10ffff; code++) {
			if (!isChecked(code)) {
				continue;
			}

			const character = String.fromCodePoint(code);
			const expected = joiningJamo(code) ? 0 : stringWidth(character);
			if (displayWidth(character) !== expected) {
				differences.push(`U+${code.toString(16)}: ${displayWidth(character)} vs ${expected}`);
			}
		}

		expect(differences.slice(0, 20)).toEqual([]);
	});
});

describe('fit on ASCII and on clusters', () => {
	it('cuts ASCII per character and keeps emoji clusters whole', () => {
		expect(fit('abcdefgh', 5)).toBe('abcd…');
		expect(fit('abcdefgh', 5, 'left', true)).toBe('…efgh');
		expect(fit('a👍🏽bcdef', 6)).toBe('a👍🏽…');
	});
});
