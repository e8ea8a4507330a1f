import {mkdtempSync, readdirSync, readlinkSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runToFiles} from '../../source/collect/run-to-files.js';
import {ownSockets} from '../helpers/own-sockets.js';

const ownFds = () => readdirSync('/proc/self/fd').length;
/** Our fds open on (already unlinked) files in `directory`. */
const openFilesIn = (directory: string) =>
	readdirSync('/proc/self/fd').filter(fd => {
		try {
			return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${directory}/socktop-`);
		} catch {
			return false;
		}
	});

describe('runToFiles', () => {
	it('gives the output, the error output and the status of a tool, even a failing one', async () => {
		const run = await runToFiles('sh', ['-c', 'printf "out\\nput"; echo warn >&2; exit 3']);
		expect(run).toEqual({kind: 'exited', stdout: 'out\nput', stderr: 'warn\n', code: 3});
	});

	it('keeps output larger than a pipe buffer whole', async () => {
		const run = await runToFiles('sh', ['-c', 'seq 1 200000']);
		expect(run.kind).toBe('exited');
		const lines = run.kind === 'exited' ? run.stdout.trimEnd().split('\n') : [];
		expect(lines).toHaveLength(200_000);
		expect(lines.at(-1)).toBe('200000');
	});

	it('opens no socket while the tool runs, and leaves no fd behind', async () => {
		const sockets = ownSockets();
		const fds = ownFds();
		const running = runToFiles('sleep', ['0.2']);
		expect(ownSockets()).toEqual(sockets);
		expect(await running).toMatchObject({kind: 'exited', code: 0});
		expect(ownFds()).toBe(fds);
	});

	it('says ENOENT for a tool that is not installed', async () => {
		expect(await runToFiles('socktop-no-such-tool', [])).toMatchObject({kind: 'failed', code: 'ENOENT'});
	});

	it('kills a tool that outlives its timeout', async () => {
		const started = Date.now();
		expect(await runToFiles('sleep', ['10'], {timeout: 100})).toMatchObject({kind: 'failed', code: 'SIGNAL'});
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('puts its files in the next directory when the first one is not writable (a read-only /tmp)', async () => {
		const spare = mkdtempSync(path.join(os.tmpdir(), 'socktop-spare-'));
		try {
			const sockets = ownSockets();
			const running = runToFiles('sh', ['-c', 'echo out; sleep 0.2'], {directories: ['/nonexistent/socktop', spare]});
			// Still files, not pipes: no socket of ours appears while the tool runs, and the files are in `spare`.
			expect(ownSockets()).toEqual(sockets);
			expect(openFilesIn(spare)).toHaveLength(2);
			expect(await running).toEqual({kind: 'exited', stdout: 'out\n', stderr: '', code: 0});
			// Unlinked at once: nothing is left in the directory.
			expect(readdirSync(spare)).toEqual([]);
		} finally {
			rmSync(spare, {recursive: true, force: true});
		}
	});

	it('stops a tool whose output passes maxBytes, and does not read it (a file, and pipes alike)', async () => {
		for (const directories of [undefined, ['/nonexistent/socktop', '/proc']]) {
			const started = Date.now();
			// \`yes\` prints forever: without the cap it would run until the timeout, filling the file.
			expect(await runToFiles('yes', [], {directories, maxBytes: 1_000_000, timeout: 20_000})).toMatchObject({kind: 'failed', code: 'EFBIG'});
			expect(Date.now() - started).toBeLessThan(5000);
			// Up to the cap, the output is read whole.
			expect(await runToFiles('sh', ['-c', 'seq 1 1000'], {directories, maxBytes: 3893})).toMatchObject({kind: 'exited', code: 0});
			expect(await runToFiles('sh', ['-c', 'seq 1 1000'], {directories, maxBytes: 3892})).toMatchObject({kind: 'failed', code: 'EFBIG'});
		}
	});

	it('falls back to pipes when no directory takes a file, with the same answers', async () => {
		const nowhere = {directories: ['/nonexistent/socktop', '/proc']};
		const sockets = ownSockets().length;
		const running = runToFiles('sh', ['-c', 'seq 1 200000; echo warn >&2; exit 3'], nowhere);
		// libuv's stdio pipes are socketpairs: two more sockets of ours while the tool runs.
		expect(ownSockets().length).toBe(sockets + 2);
		const run = await running;
		expect(run.kind === 'exited' && run.stdout.trimEnd().split('\n').length).toBe(200_000);
		expect(run).toMatchObject({kind: 'exited', stderr: 'warn\n', code: 3});
		expect(await runToFiles('socktop-no-such-tool', [], nowhere)).toMatchObject({kind: 'failed', code: 'ENOENT'});
		expect(await runToFiles('sleep', ['10'], {...nowhere, timeout: 100})).toMatchObject({kind: 'failed', code: 'SIGNAL'});
	});
});
