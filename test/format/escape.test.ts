import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {displayWidth, fit, sanitize, stringifyJson} from '../../source/format/escape.js';
import {HOSTILE, HOSTILE_VARIANTS} from '../helpers/hostile.js';

// What must never reach a terminal raw: controls, format characters (bidi, zero-width),
// unassigned code points, lone surrogates, line separators and the invisible Hangul fillers.
const unsafe = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;

/** Any UTF-16 string, lone surrogates included (names decoded without care can contain them). */
const anyText = fc.string({unit: fc.integer({min: 0, max: 0xffff}).map(code => String.fromCharCode(code)), maxLength: 40});
const anyCodePoints = fc.string({unit: 'binary', maxLength: 40});

describe('sanitize', () => {
	it.each(HOSTILE_VARIANTS)('makes the %s name visible', variant => {
		const {bytes, visible} = HOSTILE[variant];
		expect(sanitize(bytes.toString('utf8'))).toBe(visible);
	});

	it('escapes an OSC title, a clear screen and an 8-bit CSI so none can act', () => {
		expect(sanitize('\u001b]0;pwned\u0007\u001b[2J\u001b[H\u009b31m')).toBe('\\x1b]0;pwned\\x07\\x1b[2J\\x1b[H\\x9b31m');
	});

	it('escapes invisible characters whose width terminals disagree on', () => {
		expect(sanitize('a\u3164b\u115fc\u0600d\ufffee\u0378')).toBe('a\\u3164b\\u115fc\\u0600d\\ufffee\\u0378');
	});

	it('writes astral code points with braces so the escape is unambiguous', () => {
		expect(sanitize('\u{e0041}1')).toBe('\\u{e0041}1');
	});

	it('keeps readable text, wide characters and combining marks', () => {
		const text = 'nginx: worker [::1]:8080 中文😀 café e\u0301 가 \ufffd';
		expect(sanitize(text)).toBe(text);
	});

	it('leaves nothing unsafe in any string', () => {
		fc.assert(
			fc.property(fc.oneof(anyText, anyCodePoints), text => {
				expect(sanitize(text)).not.toMatch(unsafe);
			}),
			{numRuns: 5000},
		);
	});

	it('is idempotent: escaping escaped text changes nothing', () => {
		fc.assert(
			fc.property(fc.oneof(anyText, anyCodePoints), text => {
				const once = sanitize(text);
				expect(sanitize(once)).toBe(once);
			}),
			{numRuns: 5000},
		);
	});

	it('changes no printable ASCII', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme-ascii'}), text => {
				fc.pre(!/[\u0000-\u001f\u007f]/.test(text));
				expect(sanitize(text)).toBe(text);
			}),
			{numRuns: 2000},
		);
	});
});

describe('displayWidth', () => {
	it.each([
		['', 0],
		['sshd', 4],
		['中文', 4],
		['😀', 2],
		['e\u0301', 1],
		['\ufffd', 1],
		['ｶﾀｶﾅ', 4],
		['ＡＢ', 4],
		['\u1100\u1161\u11a8', 2],
		// Per code point, as wcwidth terminals draw them (tmux: 4 and 1), not as one grapheme.
		['👍🏽', 4],
		['\u263a\ufe0f', 1],
		['\\x1b]0;pwned\\x07', 16],
	])('%j is %i columns', (text, width) => {
		expect(displayWidth(text)).toBe(width);
	});

	it('is never negative and never more than two columns per code point', () => {
		fc.assert(
			fc.property(anyCodePoints, text => {
				const width = displayWidth(sanitize(text));
				expect(width).toBeGreaterThanOrEqual(0);
				expect(width).toBeLessThanOrEqual(2 * [...sanitize(text)].length);
			}),
			{numRuns: 3000},
		);
	});
});

describe('fit', () => {
	it('pads and cuts to exactly the width', () => {
		expect(fit('sshd', 6)).toBe('sshd  ');
		expect(fit('sshd', 6, 'right')).toBe('  sshd');
		expect(fit('postgres', 5)).toBe('post…');
		expect(fit('[2001:db8::1]:8080', 10, 'left', true)).toBe('…::1]:8080');
	});

	it('never splits a wide character across the edge', () => {
		expect(fit('中文字', 4)).toBe('中… ');
		expect(fit('中文字', 1)).toBe('…');
		expect(fit('中文字', 0)).toBe('');
	});

	it('never splits a base character from its combining mark', () => {
		expect(fit('ée\u0301e\u0301x', 3)).toBe('ée\u0301…');
	});

	it('gives exactly `width` columns for every text, width, alignment and side', () => {
		fc.assert(
			fc.property(
				fc.oneof(anyCodePoints, fc.string({unit: 'grapheme'})),
				fc.integer({min: 0, max: 60}),
				fc.constantFrom('left' as const, 'right' as const),
				fc.boolean(),
				(raw, width, align, keepEnd) => {
					const text = sanitize(raw);
					const cell = fit(text, width, align, keepEnd);
					expect(displayWidth(cell)).toBe(width);
					if (displayWidth(text) <= width) {
						expect(align === 'left' ? cell.startsWith(text) : cell.endsWith(text)).toBe(true);
					} else if (width > 0) {
						expect(cell).toContain('…');
					}
				},
			),
			{numRuns: 5000},
		);
	});
});

describe('stringifyJson', () => {
	it('escapes C1, bidi and zero-width characters that JSON.stringify leaves raw', () => {
		expect(stringifyJson({name: '\u001b]0;x\u0007\u009b\u202e\u200b'})).toBe(
			String.raw`{"name":"\u001b]0;x\u0007\u009b\u202e\u200b"}`,
		);
	});

	it('escapes DEL in a document otherwise all ASCII (one byte a character, the fast path)', () => {
		expect(stringifyJson({name: 'a\u007fb'})).toBe(String.raw`{"name":"a\u007fb"}`);
		expect(stringifyJson({name: 'plain'}, 2)).toBe('{\n  "name": "plain"\n}');
	});

	it('escapes the line and paragraph separators, which JSON.stringify leaves raw', () => {
		expect(stringifyJson({name: 'a\u2028b\u2029c'})).toBe(String.raw`{"name":"a\u2028b\u2029c"}`);
	});

	it('round-trips every value through JSON.parse and leaves nothing unsafe in the text', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.oneof(anyText, anyCodePoints), fc.constantFrom(0, 2), (value, text, indent) => {
				const document = {value, text};
				const json = stringifyJson(document, indent);
				expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(document)));
				expect(json.replaceAll('\n', '')).not.toMatch(unsafe);
			}),
			{numRuns: 3000},
		);
	});
});
