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
 * - U+FFFD (what invalid UTF-8 decodes to) is kept: it is visible and one column wide.
 * - A lone backslash is left alone: `\x1b` in the output is ambiguous with a
 *   literal backslash-x, which is the same trade-off ls -b and ss make.
 */
const unsafe =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

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
		return named[character] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
	});
}

/** Columns a (sanitized) string takes in a terminal: wide CJK/emoji count 2, combining marks 0. */
export function displayWidth(text: string): number {
	return stringWidth(text);
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
