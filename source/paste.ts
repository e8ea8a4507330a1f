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

/**
 * How long an escape sequence a read ends with unfinished (ESC, ESC[2, ESC O, ESC[1;5: a paste
 * marker or a key) waits for the rest before it is let go of as typed keys: a read can end
 * mid-sequence (an arrow key split by a slow link or SSH, a big paste), but a lone Escape must
 * still act promptly (neovim's ttimeoutlen is 50 ms; htop's ESCDELAY 25 ms).
 */
export const MARKER_WAIT_MS = 50;
/** How long an open paste waits for more before it is taken as ended (its end marker lost). */
export const PASTE_QUIET_MS = 1000;

/** True for a chunk that is pasted text, not typed keys. */
export const isPaste = (input: string): boolean => input.startsWith(PASTE_MARK);

/** The text of a paste chunk. */
export const pastedText = (input: string): string => input.slice(PASTE_MARK.length);

/** What a prompt takes of a paste: its first line, as text (a newline would otherwise submit it). */
export const pastedLine = (input: string): string => pastedText(input).split(/[\r\n]/)[0] ?? '';

/**
 * An escape sequence `text` ends with, not finished: ESC alone; CSI, ESC [ (or the Linux console's
 * ESC [ [) and its parameter and intermediate bytes, short of the final one (arrows ESC[A, PgDn ESC[6~,
 * Ctrl-Down ESC[1;5B, F-keys, paste markers ESC[200~); SS3, ESC O (arrows in application mode, F1-F4).
 * Ink reads such a piece as a key of its own (ESC O as Alt+O) unless the rest comes in the same read.
 */
const unfinishedSequence = /\u001B(?:\[\[?[0-?]*[ -/]*|O)?$/u;

/** The end of `text` that `marker` starts with, short of the whole marker ('' when there is none). */
function markerStart(text: string, marker: string): string {
	for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
		if (marker.startsWith(text.slice(-length))) return text.slice(-length);
	}

	return '';
}

export type PasteFilter = {
	/** One read from the terminal, with its pastes marked; what may go on in the next read is held. */
	(chunk: string): string;
	/** How long what is held may wait for the next read (ms): null when nothing is held. */
	readonly heldFor: () => number | null;
	/** Let go of what is held: an open paste as a paste, an unfinished sequence as the keys it was. */
	readonly flush: () => string;
};

/**
 * A filter over successive reads from the terminal. A paste may span reads: what
 * is read of it is held until its end marker arrives, and so is the start of a marker
 * or of a key's escape sequence a read ends with. The caller flushes what is held once no read came for `heldFor()`
 * ms; a paste left open is also flushed as it is once it grows past `limit` characters,
 * so nothing is held forever.
 */
export function createPasteFilter(limit = 65_536): PasteFilter {
	let pasted: string | null = null;
	let held = '';
	const endPaste = (text: string) => {
		pasted = null;
		// Escape characters in pasted text could start sequences; other control characters stay (Enter, Tab).
		return PASTE_MARK + text.replaceAll('\u001B', '');
	};

	const filter = (chunk: string) => {
		let out = '';
		let rest = held + chunk;
		held = '';
		while (rest !== '') {
			if (pasted === null) {
				const start = rest.indexOf(START);
				if (start === -1) {
					// The start of a paste marker is such a sequence too.
					held = unfinishedSequence.exec(rest)?.[0] ?? '';
					out += rest.slice(0, rest.length - held.length);
					break;
				}

				out += rest.slice(0, start);
				pasted = '';
				rest = rest.slice(start + START.length);
				continue;
			}

			const end = rest.indexOf(END);
			if (end === -1) {
				held = markerStart(rest, END);
				pasted += rest.slice(0, rest.length - held.length);
				if (pasted.length + held.length <= limit) break;
				out += endPaste(pasted + held);
				held = '';
				break;
			}

			out += endPaste(pasted + rest.slice(0, end));
			rest = rest.slice(end + END.length);
		}

		return out;
	};

	return Object.assign(filter, {
		heldFor: () => (pasted === null ? (held === '' ? null : MARKER_WAIT_MS) : PASTE_QUIET_MS),
		flush() {
			const text = pasted === null ? held : endPaste(pasted + held);
			held = '';
			return text;
		},
	});
}
