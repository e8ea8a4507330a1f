import stringWidth from 'string-width';

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

const named: Record<string, string> = {
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

/** Make control, bidi and invisible characters visible and harmless. */
export function sanitize(text: string): string {
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

const codePointWidth = (character: string): number => {
	const code = character.charCodeAt(0);
	if (code >= 0x20 && code < 0x7f) {
		return 1;
	}

	return hangulJoiningJamo.test(character) ? 0 : stringWidth(character);
};

// eslint-disable-next-line no-control-regex
const printableAscii = /^[\u0020-\u007e]*$/;

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

const segmenter = new Intl.Segmenter();

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
		const graphemes = [...segmenter.segment(text)].map(s => s.segment);
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

/**
 * JSON.stringify, with every character `sanitize` would escape written as a JSON
 * \uXXXX escape (C1 controls, bidi overrides, zero-width characters...): the
 * document is inert when printed to a terminal, and JSON.parse still returns the
 * exact original strings. Those characters only occur inside JSON strings, so
 * replacing them in the text is safe.
 */
export function stringifyJson(value: unknown, indent = 0): string {
	return JSON.stringify(value, null, indent).replace(jsonUnsafe, character =>
		character
			.split('')
			.map(unit => `\\u${hex(unit.charCodeAt(0), 4)}`)
			.join(''),
	);
}
