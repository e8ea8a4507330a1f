import {readdirSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runToFiles} from '../../source/collect/run-to-files.js';
import {ownSockets} from '../helpers/own-sockets.js';

const ownFds = () => readdirSync('/proc/self/fd').length;

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
});
