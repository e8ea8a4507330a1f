import {execFile} from 'node:child_process';
import {symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {readFailure, readFileUpTo} from '../../source/collect/read-limited.js';
import {makeFifo} from '../helpers/fifo.js';
import {tempDirectory} from '../helpers/temp-directory.js';

const dir = tempDirectory('read');

/** What reading `file` rejects with, in words. */
const failureOf = async (file: string) => readFileUpTo(file, 1024).then(() => 'read', readFailure);

describe('readFailure', () => {
	it('says in words why a real read failed', async () => {
		const file = path.join(dir, 'file');
		writeFileSync(file, 'x');
		const loop = path.join(dir, 'loop');
		symlinkSync(loop, loop);
		expect(await failureOf(path.join(dir, 'missing'))).toBe('no such file');
		expect(await failureOf(dir)).toBe('is a directory');
		expect(await failureOf(path.join(file, 'below'))).toBe('not a directory');
		expect(await failureOf(loop)).toBe('too many symbolic links');
	});

	it('keeps another errno name as it is, and an error without one as its text', () => {
		expect(readFailure(Object.assign(new Error('i/o'), {code: 'EIO'}))).toBe('EIO');
		expect(readFailure(new Error('boom'))).toBe('Error: boom');
	});
});

describe('readFileUpTo of a FIFO no one writes to', () => {
	it('does not keep the process from exiting (q in the live view, its --services FIFO still waiting)', async () => {
		const fifo = makeFifo();
		const module = fileURLToPath(new URL('../../source/collect/read-limited.ts', import.meta.url));
		const script = `
			const {fifoWait, readFileUpTo} = await import(${JSON.stringify(module)});
			void readFileUpTo(process.argv[1], 1024, await fifoWait(process.argv[1], 'cat', () => null));
			setTimeout(() => process.exit(3), 200);`;
		// Node's exit waited for the thread in open(2): the child hung until the timeout killed it.
		const exit = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, fifo], {timeout: 10_000}).then(
			() => 0,
			(error: {code?: number; killed?: boolean}) => (error.killed === true ? 'hung' : error.code),
		);
		expect(exit).toBe(3);
	}, 20_000);
});
