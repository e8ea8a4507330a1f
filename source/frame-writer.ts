/**
 * Puts Ink's frames on the alternate screen line by line, at absolute
 * positions. Why not Ink's own `incrementalRendering`: in Ink 6.8.0 its
 * incremental log-update moves the cursor up one line too few whenever the
 * frame ends in a newline (every frame shorter than the terminal), so each
 * refresh draws one row lower than the last and unchanged rows are left
 * stale (reproduced in tmux; see test/frame-writer.test.ts). A frame that
 * fills the terminal avoids the newline, but then Ink clears the whole screen
 * on every frame.
 *
 * So Ink renders in `debug` mode, which hands over each whole frame as one
 * write, and this writer compares it with the frame on screen and rewrites
 * only what changed at absolute positions (CSI row;col H), which can never
 * drift or scroll: in a changed row only the changed columns (the seconds of
 * the clock, a count), when the columns before them are plain ASCII and so
 * certainly where the terminal has them, or are reached from a character of
 * uncertain width both frames have there (see frame-spans.ts); else the whole
 * row. Rows that moved together (a socket appeared above them, the table
 * scrolled by a line) are moved by the terminal first where that costs fewer
 * bytes (see frame-scroll.ts), on a terminal that can (canShiftLines). After a resize the next frame is drawn in full
 * on a cleared screen.
 *
 * A whole row is erased (CSI K) before it is written, never after: a row as
 * wide as the terminal leaves the cursor on its last column with a wrap
 * pending, and there xterm, Terminal.app, Windows Terminal and alacritty erase
 * that last character (tmux, VTE and Konsole do not).
 */
import {changedRows} from './frame-scroll.js';
import {closedRow} from './frame-spans.js';
import {withMethods} from './method-proxy.js';

type Output = {
	write(chunk: string, callback?: (error?: Error | null) => void): boolean;
};

export type FrameWriter = {
	/**
	 * Draw a whole frame (rows separated by '\n'), writing only what changed; of a frame taller
	 * than the terminal's `rows`, the rows that fit (see frameStream).
	 */
	draw(frame: string, rows?: number): void;
	/** Forget what is on screen: the next frame is drawn in full on a cleared screen. */
	invalidate(): void;
	/** Bytes written so far (for the benchmark). */
	readonly bytesWritten: number;
};

const ESC = '\u001B[';

/** A frame writer over `output` (the terminal). */
export function createFrameWriter(output: Output, canShift = true): FrameWriter {
	let shown: string[] = [];
	let isStale = true;
	let bytes = 0;
	return {
		draw(frame, rows = Number.POSITIVE_INFINITY) {
			const lines = frame.split('\n').slice(0, rows);
			// What is on screen: nothing, once cleared.
			const before = isStale ? [] : shown;
			const kept = Math.min(lines.length, before.length);
			let out = isStale ? `${ESC}0m${ESC}H${ESC}2J` : changedRows(before, lines, kept, canShift);
			for (let row = kept; row < lines.length; row++) {
				out += closedRow(row, lines[row] ?? '');
			}

			// Rows the previous frame had and this one has not.
			for (let row = lines.length; row < before.length; row++) {
				out += `${ESC}${row + 1};1H${ESC}K`;
			}

			shown = lines;
			isStale = false;
			if (out !== '') {
				bytes += Buffer.byteLength(out);
				output.write(out);
			}
		},
		invalidate() {
			isStale = true;
		},
		get bytesWritten() {
			return bytes;
		},
	};
}

/**
 * The stdout Ink is given: the real terminal for everything (size, resize
 * events, isTTY), except that frames go through `transform` (ASCII glyphs, for
 * a locale that is not UTF-8) and then `writer`. An empty write with a
 * callback (Ink's flush barrier on unmount) passes straight through; without
 * one it is an empty frame (the too-small message on a 1-column terminal), drawn
 * so that it clears the screen. Frames are cut to the terminal's rows: right after a
 * shrink Ink draws the last layout once more, taller than the terminal, whose rows past
 * the last would all land on the last one (CSI row;col H stops there), and the rows the next frame
 * no longer has would be erased there too, the too-small message of a 1-row terminal with them.
 */
export function frameStream(stdout: NodeJS.WriteStream, writer: FrameWriter, transform: (frame: string) => string = frame => frame): NodeJS.WriteStream {
	const write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
		const done = typeof encoding === 'function' ? encoding : callback;
		const text = transform(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		if (text === '' && typeof done === 'function') {
			return stdout.write('', done as (error?: Error | null) => void);
		}

		writer.draw(text, stdout.rows);
		if (typeof done === 'function') {
			queueMicrotask(() => {
				(done as () => void)();
			});
		}

		return true;
	};

	return withMethods(stdout, {write});
}
