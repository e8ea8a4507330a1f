import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {canShiftLines} from '../source/frame-scroll.js';
import {createFrameWriter} from '../source/frame-writer.js';
import {Screen} from './frame-screen.js';

const E = '\u001B[';

// A table as the live view draws it: a header, rows of sockets, a footer.
const row = (fd: number) => `root  tail  ${String(18_327 + fd).padStart(6)} ${String(fd).padStart(3)} tcp4  127.0.0.1:${38_634 + fd * 7}  127.0.0.${2 + (fd % 8)}:4${fd}317  ${E}36mESTAB${E}0m`;
const frameOf = (fds: readonly number[]) => ['socktop  15:49:40  every 2s', ...fds.map(fd => row(fd)), 'rows 1-20 of 10036'].join('\n');
const range = (from: number, count: number) => Array.from({length: count}, (_, index) => from + index);

/** What the writer sends for `after` once `before` is on screen, and the screen it leaves. */
function redraw(before: string, after: string, canShift = true) {
	const chunks: string[] = [];
	const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0}, canShift);
	writer.draw(before);
	const screen = new Screen(24, 100).write(chunks.join(''));
	chunks.length = 0;
	writer.draw(after);
	const out = chunks.join('');
	screen.write(out);
	const fresh = new Screen(24, 100).write(after.split('\n').map((text, index) => `${E}${index + 1};1H${text}${E}0m`).join(''));
	return {out, bytes: Buffer.byteLength(out), screen: screen.styled(), fresh: fresh.styled()};
}

describe('createFrameWriter: rows that moved together', () => {
	it('rewrites them instead on a terminal without a scrolling region or insert/delete line (TERM=vt100, ansi)', () => {
		expect([canShiftLines('vt100'), canShiftLines('vt100-am'), canShiftLines('ansi'), canShiftLines('dumb')]).toEqual([false, false, false, false]);
		expect([canShiftLines('xterm-256color'), canShiftLines('screen'), canShiftLines('tmux-256color'), canShiftLines('linux'), canShiftLines('vt220'), canShiftLines(undefined)]).toEqual([true, true, true, true, true, true]);
		const fds = range(3, 20);
		const {out, screen, fresh} = redraw(frameOf(fds), frameOf(range(4, 20)), false);
		expect(screen).toEqual(fresh);
		expect(out).not.toMatch(/\u001B\[\d*(?:;\d+)?[rLM]/u);
	});

	it('moves the rows below a socket that appeared down a line, and writes only that row', () => {
		const fds = range(3, 20);
		const {out, bytes, screen, fresh} = redraw(frameOf(fds), frameOf([...fds.slice(0, 2), 99, ...fds.slice(2, 19)]));
		expect(screen).toEqual(fresh);
		// The region from the new row to the last table row, one line inserted at its top.
		expect(out).toContain(`${E}4;21r${E}4;1H${E}1L${E}r`);
		expect(bytes).toBeLessThan(200);
	});

	it('moves the rows below a socket that went up a line, and the table scrolled by one', () => {
		const fds = range(3, 20);
		const gone = redraw(frameOf(fds), frameOf([...fds.slice(0, 5), ...fds.slice(6), 23]));
		expect(gone.screen).toEqual(gone.fresh);
		expect(gone.out).toContain(`${E}1M`);
		expect(gone.bytes).toBeLessThan(200);
		const scrolled = redraw(frameOf(fds), frameOf(range(4, 20)));
		expect(scrolled.screen).toEqual(scrolled.fresh);
		expect(scrolled.out).toContain(`${E}2;21r${E}2;1H${E}1M${E}r`);
		expect(scrolled.bytes).toBeLessThan(200);
	});

	it('rewrites rows in place when nothing moved, or everything did (a page down)', () => {
		const fds = range(3, 20);
		expect(redraw(frameOf(fds), frameOf(fds.map(fd => (fd === 9 ? 90 : fd)))).out).not.toContain(`${E}r`);
		const paged = redraw(frameOf(fds), frameOf(range(23, 20)));
		expect(paged.out).not.toContain(`${E}r`);
		expect(paged.screen).toEqual(paged.fresh);
	});

	it('inserts blank lines, not coloured ones, after a row that ends in a background colour (BCE)', () => {
		// The footer leaves its colour open; on xterm, tmux or the linux console CSI L
		// fills the inserted line with the current background.
		const fds = range(3, 20);
		const open = (rows: Array<number | undefined>) => ['socktop', ...rows.map(fd => (fd === undefined ? '' : row(fd))), `${E}44mrows 1-20`].join('\n');
		const {out, screen, fresh} = redraw(open(fds), open([undefined, ...fds.slice(0, 19)]));
		expect(out).toContain(`${E}1L`);
		expect(screen[1]).toBe('');
		expect(screen).toEqual(fresh);
	});

	it('matches a fresh full draw whatever rows come and go', () => {
		// Frames of rows from a small pool, so rows repeat and move between frames.
		const frames = fc.array(fc.array(fc.nat(12), {minLength: 1, maxLength: 22}), {minLength: 2, maxLength: 6});
		fc.assert(
			fc.property(frames, sequence => {
				const chunks: string[] = [];
				const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
				const screen = new Screen(24, 100);
				for (const fds of sequence) {
					chunks.length = 0;
					const frame = frameOf(fds);
					writer.draw(frame);
					screen.write(chunks.join(''));
					const fresh = new Screen(24, 100).write(frame.split('\n').map((text, index) => `${E}${index + 1};1H${text}${E}0m`).join(''));
					expect(screen.styled()).toEqual(fresh.styled());
				}
			}),
			{numRuns: 150},
		);
	});
});
