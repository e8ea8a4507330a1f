/**
 * The kill dialog's checks read /proc without libuv's thread pool: a refresh's fd walk can keep
 * every pool thread busy for seconds on a busy host, and "Checking that socktop may signal it…"
 * (and the start-time check right before a signal) would wait behind it. Here every pool thread
 * is held by a read that cannot finish (a FIFO with no writer) while the checks are asked.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, openSync, closeSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readProcessIdentity} from '../../source/collect/signal.js';
import {checkSignal} from '../../source/collect/signal-access.js';

const canRun = process.platform === 'linux';
if (!canRun) console.warn('signal checks beside a full thread pool: skipped, needs Linux (/proc)');

// More than any UV_THREADPOOL_SIZE a test run sets (default 4, at most 1024 is allowed, 64 is plenty here).
const BLOCKERS = 64;
let release: (() => void) | undefined;

afterEach(() => {
	release?.();
	release = undefined;
});

/** Fills the pool: each read waits in open() for a writer that comes only on release. */
function fillThreadPool(): Promise<unknown> {
	const directory = mkdtempSync(path.join(tmpdir(), 'socktop-pool-'));
	const fifos = Array.from({length: BLOCKERS}, (_, index) => path.join(directory, `f${index}`));
	for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
	const reads = Promise.all(fifos.map(async fifo => readFile(fifo).catch(() => null)));
	release = () => {
		// A writer opened and closed: each blocked open returns, and the read sees end-of-file.
		for (const fifo of fifos) closeSync(openSync(fifo, 'w'));
		void reads.then(() => {
			rmSync(directory, {recursive: true, force: true});
		});
	};

	return reads;
}

const answered = async <T>(promise: Promise<T>): Promise<T | 'stuck'> =>
	Promise.race([promise, new Promise<'stuck'>(resolve => {
		setTimeout(() => {
			resolve('stuck');
		}, 3000);
	})]);

describe.skipIf(!canRun)('the kill dialog\'s checks while the thread pool is full', () => {
	it('answer who the process is and whether it may be signalled', async () => {
		void fillThreadPool();
		const identity = await answered(readProcessIdentity(process.pid));
		expect(identity).toMatchObject({startToken: expect.any(String), ageMs: expect.any(Number)});
		expect(await answered(checkSignal(process.pid))).toEqual({kind: 'allowed'});
	});
});
