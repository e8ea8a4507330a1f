import {symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readFailure, readFileUpTo} from '../../source/collect/read-limited.js';
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
