import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {BACKLOG_BYTES, flushed, unblockedWrites} from '../source/unblocked-output.js';

/** A terminal's stream that takes writes into `queued` until read() empties it, as libuv queues for a stalled pty. */
class StalledTerminal extends EventEmitter {
	written: string[] = [];
	queued = 0;
	blocking: boolean[] = [];
	readonly _handle = {
		setBlocking: (isBlocking: boolean) => {
			this.blocking.push(isBlocking);
		},
	};

	get writableLength(): number {
		return this.queued;
	}

	write(text: string): boolean {
		this.written.push(text);
		this.queued += text.length;
		return true;
	}

	read(): void {
		this.queued = 0;
		this.emit('drain');
	}
}

describe('unblockedWrites', () => {
	it('writes without blocking; past BACKLOG_BYTES unread it drops frames, and draws whole once the terminal has read', () => {
		const terminal = new StalledTerminal();
		let caughtUp = 0;
		const write = unblockedWrites(terminal, true, () => {
			caughtUp++;
		});
		expect(terminal.blocking).toEqual([false]);
		const frame = 'x'.repeat(BACKLOG_BYTES / 2);
		write(frame);
		write(frame);
		write(frame);
		expect(terminal.written).toHaveLength(3);
		// More than BACKLOG_BYTES wait: dropped, until the terminal has read them.
		write('dropped');
		write('dropped');
		expect(terminal.written).toHaveLength(3);
		expect(caughtUp).toBe(0);
		terminal.read();
		expect(caughtUp).toBe(1);
		write('next');
		expect(terminal.written.at(-1)).toBe('next');
	});
});

describe('flushed', () => {
	it('resolves once the terminal has read what is queued, or after its time when it reads nothing', async () => {
		const terminal = new StalledTerminal();
		await flushed(terminal, 5000);
		terminal.write('leave the screen');
		setTimeout(() => {
			terminal.read();
		}, 50);
		const reading = Date.now();
		await flushed(terminal, 5000);
		expect(Date.now() - reading).toBeLessThan(2000);
		terminal.write('never read');
		const stalled = Date.now();
		await flushed(terminal, 200);
		expect(Date.now() - stalled).toBeGreaterThanOrEqual(190);
		// A write failing meanwhile (the link dropped) is no crash.
		expect(() => terminal.emit('error', new Error('write EIO'))).not.toThrow();
		expect(terminal.blocking).toEqual([true, true, true]);
	});

	// A console or serial line: Node writes through the shell's own file, which would stay non-blocking after socktop.
	it('leaves a terminal that is no pseudo-terminal blocking', () => {
		const terminal = new StalledTerminal();
		unblockedWrites(terminal, false, () => undefined);
		expect(terminal.blocking).toEqual([]);
	});
});
