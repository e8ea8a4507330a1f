import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {createFrameWriter, frameStream} from '../source/frame-writer.js';

/** A tiny terminal model: rows of text, written only at absolute positions (CSI row;1 H ... CSI K). */
function screenOf(output: string, rows: number): string[] {
	const screen = Array.from({length: rows}, () => '');
	let row = 0;
	// eslint-disable-next-line no-control-regex
	const tokens = output.split(/(\u001B\[[\d;]*[A-Za-z])/u);
	for (const token of tokens) {
		const match = /^\u001B\[(\d*)(?:;(\d+))?([A-Za-z])$/u.exec(token);
		if (match === null) {
			screen[row] = (screen[row] ?? '') + token;
			continue;
		}

		const [, first, , command] = match;
		if (command === 'H') {
			row = Number(first || '1') - 1;
			screen[row] = '';
		} else if (command === 'J') {
			screen.fill('');
		} else if (command !== 'K') {
			throw new Error(`unexpected escape ${JSON.stringify(token)}`);
		}
	}

	return screen;
}

describe('createFrameWriter', () => {
	it('draws the first frame in full and then only the rows that changed, at their own rows', () => {
		const chunks: string[] = [];
		const writer = createFrameWriter({write: chunk => chunks.push(chunk) > 0});
		writer.draw('header 1\nrow a\nrow b\nfooter');
		writer.draw('header 2\nrow a\nrow b\nfooter');
		expect(chunks[1]).toBe('\u001B[1;1Hheader 2\u001B[K');
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
		expect(chunks.at(-1)).toBe('\u001B[H\u001B[2J\u001B[1;1Ha\u001B[K');
		expect(writer.bytesWritten).toBe(Buffer.byteLength(chunks.join('')));
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
	});
});
