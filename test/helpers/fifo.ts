import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import {expect, onTestFinished, vi} from 'vitest';

/** A stderr that keeps what is written to it, a terminal or not. */
export function recorder(isTTY: boolean): {readonly stream: Writable & {readonly isTTY: boolean}; said(): string} {
	const said: string[] = [];
	const stream = Object.assign(
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				said.push(chunk.toString());
				done();
			},
		}),
		{isTTY},
	);
	return {stream, said: () => said.join('')};
}

/** How long a test waits for what a FIFO's reader or writer does: a loaded machine may take seconds. */
export const waitLong = {timeout: 15_000, interval: 10};

/** Resolves once something was written to `stderr` (a FIFO's reader has told why it waits). */
export const saidSomething = async (stderr: ReturnType<typeof recorder>): Promise<void> =>
	vi.waitFor(() => {
		expect(stderr.said()).not.toBe('');
	}, waitLong);

/** A FIFO in a directory of its own, removed when the test ends. */
export function makeFifo(name = 'capture'): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'socktop-fifo-'));
	onTestFinished(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	const fifo = path.join(directory, name);
	execFileSync('mkfifo', [fifo]);
	return fifo;
}
