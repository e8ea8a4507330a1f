/**
 * Bracketed paste. socktop asks the terminal to wrap pasted text in ESC[200~ and
 * ESC[201~ (ENTER_SCREEN), so a paste is text and never keys: without it, pasting
 * "ssh\nq" into the filter prompt would submit the filter and quit. This turns each
 * bracketed paste in what is read from the terminal into one chunk that starts with
 * PASTE_MARK (a private-use character no key produces), with its escape characters
 * removed; the key handlers take such a chunk as text (the filter prompt) or ignore it.
 */
export const PASTE_MARK = '\uE000';

const START = '\u001B[200~';
const END = '\u001B[201~';

/** True for a chunk that is pasted text, not typed keys. */
export const isPaste = (input: string): boolean => input.startsWith(PASTE_MARK);

/** The text of a paste chunk. */
export const pastedText = (input: string): string => input.slice(PASTE_MARK.length);

/** What a prompt takes of a paste: its first line, as text (a newline would otherwise submit it). */
export const pastedLine = (input: string): string => pastedText(input).split(/[\r\n]/)[0] ?? '';

/**
 * A filter over successive reads from the terminal. A paste may span reads: what
 * is read of it is held until its end marker arrives (and a paste left open is
 * flushed as it is once it grows past `limit` characters, so nothing is held forever).
 */
export function createPasteFilter(limit = 65_536): (chunk: string) => string {
	let pasted: string | null = null;
	return chunk => {
		let out = '';
		let rest = chunk;
		while (rest !== '') {
			if (pasted === null) {
				const start = rest.indexOf(START);
				if (start === -1) {
					out += rest;
					break;
				}

				out += rest.slice(0, start);
				pasted = '';
				rest = rest.slice(start + START.length);
				continue;
			}

			const end = rest.indexOf(END);
			pasted += end === -1 ? rest : rest.slice(0, end);
			if (end === -1 && pasted.length <= limit) break;
			// Escape characters in pasted text could start sequences; other control characters stay (Enter, Tab).
			out += PASTE_MARK + pasted.replaceAll('\u001B', '');
			pasted = null;
			rest = end === -1 ? '' : rest.slice(end + END.length);
		}

		return out;
	};
}
