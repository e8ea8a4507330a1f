import {EventEmitter} from 'node:events';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {createFrameWriter, frameStream} from '../source/frame-writer.js';
import {Screen} from './frame-screen.js';

/** The rows a terminal shows after `output`. */
const screenOf = (output: string, rows: number): string[] => new Screen(rows, 40).write(output).lines();

describe('createFrameWriter', () => {
	it('draws the first frame in full and then only the rows that changed, at their own rows', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		writer.draw('header 1\nrow a\nrow b\nfooter');
		writer.draw('header 2\nrow a\nrow b\nfooter');
		expect(chunks[1]).toBe('\u001B[1;8H2');
		writer.draw('header 2\nrow a\nrow b\nfooter');
		expect(chunks).toHaveLength(2);
		expect(screenOf(chunks.join(''), 5)).toEqual(['header 2', 'row a', 'row b', 'footer', '']);
	});

	it('never drifts however many frames are drawn (the Ink 6.8 incremental bug)', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		for (let frame = 0; frame < 50; frame++) {
			writer.draw(`top ${frame}\nmiddle\nbottom`);
		}

		expect(screenOf(chunks.join(''), 4)).toEqual(['top 49', 'middle', 'bottom', '']);
	});

	it('clears rows a shorter frame no longer uses, and repaints everything after invalidate()', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		writer.draw('a\nb\nc');
		writer.draw('a');
		expect(screenOf(chunks.join(''), 3)).toEqual(['a', '', '']);
		writer.invalidate();
		writer.draw('a');
		expect(chunks.at(-1)).toBe('\u001B[0m\u001B[H\u001B[2J\u001B[1;1H\u001B[Ka');
		expect(writer.bytesWritten).toBe(Buffer.byteLength(chunks.join('')));
	});

	it('erases in no colour after a row that ends in one (BCE: erases fill with the current background)', () => {
		const E = '\u001B[';
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		const screen = new Screen(3, 10);
		const draw = (frame: string) => {
			chunks.length = 0;
			writer.draw(frame);
			return screen.write(chunks.join('')).styled();
		};

		expect(draw(`${E}41ma\nb`)).toEqual(['a{bg=41}', 'b', '']);
		draw(`${E}41ma\nb\n${E}44mc`);
		// The row a shorter frame no longer has (CSI K), and the screen cleared after invalidate() (CSI 2J).
		expect(draw(`${E}41ma\nb`)).toEqual(['a{bg=41}', 'b', '']);
		draw(`${E}41ma\nb\n${E}44mc`);
		writer.invalidate();
		expect(draw('a')).toEqual(['a', '', '']);
	});

	it('keeps the last character of a row as wide as the terminal (xterm erases it when CSI K follows it)', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		const full = (text: string) => text.padEnd(39, '.') + '|';
		writer.draw(`${full('18:00:01')}\n${full('row')}`);
		expect(screenOf(chunks.join(''), 3)).toEqual([full('18:00:01'), full('row'), '']);
		// A character of uncertain width first: the whole row is rewritten.
		writer.draw(`${full('…18:00:02')}\n${full('row')}`);
		writer.draw(`${full('…18:00:03')}\n${full('row 2')}`);
		expect(screenOf(chunks.join(''), 3)).toEqual([full('…18:00:03'), full('row 2'), '']);
	});

	it('draws an empty frame as a blank screen, after a resize too (a 1-row terminal)', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		writer.draw('a\nb');
		writer.draw('');
		expect(screenOf(chunks.join(''), 3)).toEqual(['', '', '']);
		writer.draw('a\nb');
		writer.invalidate();
		writer.draw('');
		expect(screenOf(chunks.join(''), 3)).toEqual(['', '', '']);
	});

	// Right after a shrink Ink draws the last layout once more: its rows past the terminal's last
	// landed there (CSI H stops at it), and erasing them after the next frame erased that row.
	it('draws of a frame taller than the terminal only the rows it has (a shrink to 1 row)', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		writer.draw('header\nrow a\nrow b\nfooter', 5);
		writer.invalidate();
		writer.draw('header\nrow a\nrow b\nfooter', 1);
		expect(screenOf(chunks.join(''), 1)).toEqual(['header']);
		writer.draw('Terminal too small', 1);
		expect(screenOf(chunks.join(''), 1)).toEqual(['Terminal too small']);
		writer.draw('header\nrow a\nrow b\nfooter', 5);
		expect(screenOf(chunks.join(''), 5)).toEqual(['header', 'row a', 'row b', 'footer', '']);
	});
});

describe('frameStream', () => {
	it('passes size and events through and sends frames to the writer', async () => {
		const real = Object.assign(new EventEmitter(), {
			columns: 120,
			rows: 40,
			isTTY: true,
			written: [] as string[],
			write(chunk: string, callback?: () => void) {
				this.written.push(chunk);
				callback?.();
				return true;
			},
		});
		const frames: string[] = [];
		const stream = frameStream(real as unknown as NodeJS.WriteStream, {
			draw: frame => frames.push(frame),
			invalidate() {},
			bytesWritten: 0,
		});
		expect(stream.columns).toBe(120);
		expect(stream.rows).toBe(40);
		let resized = false;
		stream.on('resize', () => {
			resized = true;
		});
		real.emit('resize');
		expect(resized).toBe(true);
		stream.write('frame one');
		expect(frames).toEqual(['frame one']);
		await new Promise<void>(resolve => {
			stream.write('', () => {
				resolve();
			});
		});
		expect(real.written).toEqual(['']);
		// An empty frame, written without a callback, is a frame: it clears what was drawn.
		stream.write('');
		expect(frames).toEqual(['frame one', '']);
		expect(real.written).toEqual(['']);
	});
});

describe('createFrameWriter: only the changed columns', () => {
	const E = '\u001B[';
	const update = (before: string, after: string): string => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		writer.draw(before);
		writer.draw(after);
		return chunks.slice(1).join('');
	};

	it('rewrites the seconds of the clock, not the header line', () => {
		expect(update('host  04:38:57  every 2s', 'host  04:38:58  every 2s')).toBe(`${E}1;14H8`);
	});

	it('jumps over a long unchanged stretch and rewrites a short one', () => {
		const line = (total: number, tcp: number) => `${E}1mSockets ${E}22m${total} (tcp ${tcp})`;
		expect(update(line(170, 141), line(171, 142))).toBe(`${E}1;11H1${E}1;20H2`);
		expect(update('a1 b1', 'a2 b2')).toBe(`${E}1;2H2 b2`);
	});

	it('redraws a changed cell in its colours, then resets them', () => {
		expect(update(`x ${E}1m${E}92mab${E}39m${E}22m`, `x ${E}1m${E}92mac${E}39m${E}22m`)).toBe(`${E}1;4H${E}1;92mc${E}0m`);
		expect(update(`${E}7mrow${E}27m`, 'row')).toBe(`${E}1;1Hrow`);
	});

	it('clears the end of a line that got shorter, and the rows a frame no longer has', () => {
		expect(update('abcdef\nrow 2', 'abc')).toBe(`${E}1;4H${E}K${E}2;1H${E}K`);
	});

	it('reaches a change past a character of uncertain width from that character, written again', () => {
		// The footer's arrows: the terminal puts the count where its own width for them says.
		expect(update('↑↓ move  rows 1-18 of 10036', '↑↓ move  rows 1-18 of 10037')).toBe(`${E}1;1H↑↓${E}24C7`);
		expect(update('ab…cd1', 'ab…cd2')).toBe(`${E}1;3H…${E}2C2`);
		expect(update('日本1', '日本2')).toBe(`${E}1;1H日本2`);
		// After the change it does not matter.
		expect(update('a1日', 'a2日')).toBe(`${E}1;2H2`);
	});

	it('writes a wide character in a changed style with one SGR before it and none for its right half', () => {
		const after = `ab${E}1m日${E}22mcd2`;
		const out = update('ab日cd1', after);
		expect(out).toBe(`${E}1;3H${E}1m日${E}0mcd2`);
		expect(Buffer.byteLength(out)).toBe(20);
		expect(update(`x${E}7m日本${E}27m`, `y${E}1m日本${E}22m`)).toBe(`${E}1;1Hy${E}1m日本${E}0m`);
	});

	it('redraws the whole line when a character of uncertain width before the change is not the same', () => {
		expect(update('…ab1', '日ab2')).toBe(`${E}1;1H${E}K日ab2`);
		expect(update('…ab1', 'x…b2')).toBe(`${E}1;1H${E}Kx…b2`);
	});

	it('redraws the whole line when it holds escapes other than colours', () => {
		expect(update(`ab1${E}?25h`, `ab2${E}?25h`)).toBe(`${E}1;1H${E}Kab2${E}?25h${E}0m`);
	});

	it('leaves the terminal reset after a whole line that does not close its colours', () => {
		expect(update('…1', `日2${E}1m`)).toBe(`${E}1;1H${E}K日2${E}1m${E}0m`);
	});
});

describe('createFrameWriter: replaying what it wrote shows the frame', () => {
	// Frames of a few rows built from styled pieces (as Ink writes them: open, text, close; one left open),
	// with wide and ambiguous-width characters among ASCII.
	const styles = [
		['', ''],
		['1', '22'],
		['2', '22'],
		['7', '27'],
		['92', '39'],
		['1;92', '39;22'],
		['38;5;208', '39'],
		['44', '49'],
		['4', '0'],
		// A background left open, which BCE erases would take up.
		['41', ''],
	] as const;
	const piece = fc
		.record({
			style: fc.constantFrom(...styles),
			text: fc.string({unit: fc.constantFrom('a', 'b', ' ', '1', '…', '日', '本'), maxLength: 6}),
		})
		.map(({style: [open, close], text}) => (open === '' || text === '' ? text : `\u001B[${open}m${text}\u001B[${close}m`));
	const line = fc.array(piece, {maxLength: 5}).map(pieces => pieces.join(''));
	// Lines in a frame often repeat those of the last one with a small change.
	const frames = fc.array(fc.array(line, {minLength: 1, maxLength: 4}), {minLength: 1, maxLength: 6}).chain(frames =>
		fc.tuple(
			fc.constant(frames),
			fc.array(fc.tuple(fc.nat(3), line), {maxLength: 6}),
		),
	);

	// The second terminal draws '…' two columns wide, as one set for East Asian ambiguous widths does.
	it.each([[[]], [['…']]])('matches a fresh full draw of every frame (also wide: %j)', (wideAlso: string[]) => {
		fc.assert(
			fc.property(frames, ([raw, edits]) => {
				const chunks: string[] = [];
				const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
				// 40 columns as before, where lines reach the last column (a wrap pending); 80 where '…' is two wide, which
				// makes lines wider than 40 (Ink never writes a line wider than the terminal).
				const columns = wideAlso.length === 0 ? 40 : 80;
				const screen = new Screen(6, columns, wideAlso);
				let previous: string[] = [];
				const sequence = raw.flatMap(rows => {
					const edited = previous.length > 0 ? [...previous] : rows;
					for (const [row, text] of edits) {
						if (row < edited.length) {
							edited[row] = text;
							break;
						}
					}

					previous = rows;
					return [edited, rows];
				});
				for (const rows of sequence) {
					const frame = rows.join('\n');
					chunks.length = 0;
					writer.draw(frame);
					screen.write(chunks.join(''));
					const fresh = new Screen(6, columns, wideAlso).write(rows.map((text, row) => `\u001B[${row + 1};1H${text}\u001B[0m`).join(''));
					expect(screen.styled()).toEqual(fresh.styled());
				}
			}),
			{numRuns: 300},
		);
	});
});
