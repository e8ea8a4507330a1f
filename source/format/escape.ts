import {eastAsianWidth} from 'get-east-asian-width';

/**
 * Text that other users control (process names, command lines, socket paths,
 * file names) reaches an administrator's terminal. Every such string passes
 * through `sanitize` before it is drawn or printed as a table.
 *
 * - C0 controls and DEL: `\n`, `\t`, `\r`, `\e`-style escapes become visible text
 *   (`\x1b`), so ESC sequences (OSC title, cursor moves, clear screen) cannot act.
 * - C1 controls (U+0080-U+009F, 8-bit CSI/OSC) likewise (`\x9b`).
 * - Bidi overrides/isolates and zero-width characters become `\u202e` etc., so
 *   a name cannot reorder or hide the columns after it.
 * - Format characters (Cf), unassigned code points and noncharacters (Cn), lone
 *   surrogates and the Hangul fillers become `\u0600` etc.: they are invisible or
 *   their width differs between terminals (tmux draws U+3164 two columns wide,
 *   U+0600 one, U+FFFE none), which would shift every column after them.
 * - U+FFFD (what invalid UTF-8 decodes to) is kept: it is visible and one column wide.
 * - A lone backslash is left alone: `\x1b` in the output is ambiguous with a
 *   literal backslash-x, which is the same trade-off ls -b and ss make.
 */
const unsafe =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u115f\u1160\u3164\uffa0\p{Cf}\p{Cn}\p{Cs}]/gu;

// eslint-disable-next-line no-control-regex
const printableAscii = /^[\u0020-\u007e]*$/;

const named: Record<string, string> = {
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

/** Make control, bidi and invisible characters visible and harmless. */
export function sanitize(text: string): string {
	// Most text is printable ASCII: skip the Unicode property regex (and compiling it).
	if (printableAscii.test(text)) {
		return text;
	}

	return text.replace(unsafe, character => {
		const code = character.codePointAt(0) ?? 0;
		if (named[character] !== undefined) {
			return named[character];
		}

		return code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\u{${hex(code, 1)}}`;
	});
}

// Hangul vowel and final jamo join the leading consonant's two columns (wcwidth 0);
// string-width counts each alone as 1.
const hangulJoiningJamo = /^[\u1160-\u11ff\ud7b0-\ud7ff]$/u;
// string-width 8's rules for a single code point (its grapheme-cluster rules never apply
// to one code point), without importing it: string-width builds an Intl.Segmenter when
// its module is evaluated, which cost every start (even --version) tens of milliseconds.
// test/format/escape-width.test.ts checks this agrees with string-width on every code point.
const zeroWidth = /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
// string-width asks \p{RGI_Emoji} (a v-flag property of strings, whose compilation costs
// tens of milliseconds); on one code point that is Emoji_Presentation minus the regional
// indicators, which only count as emoji in pairs (flags).
const emoji = /\p{Emoji_Presentation}/u;
const isRegionalIndicator = (code: number) => code >= 0x1f1e6 && code <= 0x1f1ff;

const codePointWidth = (character: string): number => {
	const code = character.charCodeAt(0);
	if (code >= 0x20 && code < 0x7f) {
		return 1;
	}

	if (hangulJoiningJamo.test(character) || zeroWidth.test(character)) {
		return 0;
	}

	const point = character.codePointAt(0) ?? 0;
	return emoji.test(character) && !isRegionalIndicator(point) ? 2 : eastAsianWidth(point);
};

/**
 * Columns a (sanitized) string takes in a terminal: wide CJK/emoji count 2, combining marks 0.
 * Summed per code point, as wcwidth-based terminals (xterm, VTE, tmux, screen) and htop
 * advance the cursor: string-width's grapheme clusters count '👍🏽' as 2 and '☺️' as 2,
 * where those terminals draw 4 and 1, and the row would shift.
 */
export function displayWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	let width = 0;
	for (const character of text) {
		width += codePointWidth(character);
	}

	return width;
}

// Made on first use: building one loads ICU's segmentation data (tens of milliseconds),
// and most text (ports, addresses, most names) is ASCII and never needs it.
let segmenter: Intl.Segmenter | undefined;

const graphemesOf = (text: string): string[] => {
	if (printableAscii.test(text)) {
		return text.split('');
	}

	segmenter ??= new Intl.Segmenter();
	return Array.from(segmenter.segment(text), s => s.segment);
};

/**
 * Cut or pad sanitized text to exactly `width` columns. Cut text ends in '…'.
 * `keepEnd` cuts from the left instead ('…:8080'), so a port stays visible.
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', keepEnd = false): string {
	if (width <= 0) {
		return '';
	}

	let cut = text;
	const full = displayWidth(text);
	if (full > width) {
		const graphemes = graphemesOf(text);
		if (keepEnd) {
			graphemes.reverse();
		}

		let used = 1; // The ellipsis.
		const kept: string[] = [];
		for (const g of graphemes) {
			const w = displayWidth(g);
			if (used + w > width) {
				break;
			}

			kept.push(g);
			used += w;
		}

		cut = keepEnd ? '…' + kept.reverse().join('') : kept.join('') + '…';
	}

	const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
	return align === 'left' ? cut + pad : pad + cut;
}

// What JSON.stringify leaves raw but a terminal would act on or hide: the same set as
// `unsafe` minus C0 and lone surrogates, which JSON.stringify already writes as \uXXXX.
const jsonUnsafe = /[\u007f-\u009f\u00ad\u115f\u1160\u3164\uffa0\p{Cf}\p{Cn}\p{Zl}\p{Zp}]/gu;

// eslint-disable-next-line no-control-regex
const nonAscii = /[^\u0000-\u007e]+/g;

const escapeUnits = (character: string): string =>
	character
		.split('')
		.map(unit => `\\u${hex(unit.charCodeAt(0), 4)}`)
		.join('');

/**
 * JSON.stringify, with every character `sanitize` would escape written as a JSON
 * \uXXXX escape (C1 controls, bidi overrides, zero-width characters...): the
 * document is inert when printed to a terminal, and JSON.parse still returns the
 * exact original strings. Those characters only occur inside JSON strings, so
 * replacing them in the text is safe.
 */
export function stringifyJson(value: unknown, indent = 0): string {
	// Every character jsonUnsafe matches is above U+007E, so only runs of non-ASCII code
	// units need the (slow, Unicode property) regex; a 50,000-socket document is almost all
	// ASCII. A run holds both halves of any surrogate pair, so no pair is split.
	const text = JSON.stringify(value, null, indent);
	// All ASCII (its UTF-8 is one byte a character) and no DEL: nothing to escape, and no regex pass over megabytes.
	if (Buffer.byteLength(text) === text.length && !text.includes('\u007f')) return text;
	return text.replace(nonAscii, run => run.replace(jsonUnsafe, escapeUnits));
}

