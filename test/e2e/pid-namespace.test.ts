import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {cliPath, isBuilt, runCli} from '../helpers/cli.js';

/**
 * Root in a fresh PID namespace (`unshare --pid --fork --mount-proc`) can read
 * every process it sees, so nothing is denied: the JSON must not claim that
 * root was refused (skipped.deniedAsRoot), and every count is 0.
 */
const unshare = ['unshare', '--pid', '--fork', '--mount-proc'];
const canRun =
	process.platform === 'linux' && process.getuid?.() === 0 && isBuilt && spawnSync(unshare[0]!, [...unshare.slice(1), 'true']).status === 0;
if (!canRun) {
	console.warn(`pid-namespace: skipped, needs Linux, root, unshare (util-linux) that may make a PID namespace, and a build at ${cliPath}`);
}

describe.skipIf(!canRun)('as root in a private PID namespace', () => {
	it('reads every process and says root was refused nothing', () => {
		const result = spawnSync(unshare[0]!, [...unshare.slice(1), process.execPath, cliPath, '--json'], {encoding: 'utf8', maxBuffer: 1 << 28});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const {skipped} = JSON.parse(result.stdout) as {skipped: Record<string, unknown>};
		expect(skipped).toMatchObject({deniedProcesses: 0, deniedNamespaces: 0, deniedAsRoot: false});
	});
});

describe.skipIf(!canRun)('a process in its own PID namespace, seen from outside it', () => {
	it('says the PID it has there (NSpid), as its ps and logs show it: in --pid N --once and --json', async () => {
		// sh is PID 1 inside; it says so, and waits for stdin to close.
		const child = spawn(unshare[0]!, [...unshare.slice(1), 'sh', '-c', 'echo $$; exec cat'], {stdio: ['pipe', 'pipe', 'inherit']});
		try {
			const [inside] = (await once(child.stdout, 'data')) as [Buffer];
			expect(inside.toString().trim()).toBe('1');
			// unshare forked it: its only child.
			const pid = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim());
			const text = (await runCli(['--pid', String(pid), '--once'])).stdout.toString('utf8');
			expect(text).toContain('\nNSpid     1 (its PID in its own PID namespace)\n');
			const json = JSON.parse((await runCli(['--pid', String(pid), '--json'])).stdout.toString('utf8')) as {process: {nsPid?: number}};
			expect(json.process.nsPid).toBe(1);
			// One in socktop's own PID namespace has none.
			const own = JSON.parse((await runCli(['--pid', String(child.pid), '--json'])).stdout.toString('utf8')) as {process: {nsPid?: number}};
			expect(own.process.nsPid).toBeUndefined();
		} finally {
			child.stdin.end();
			child.kill();
		}
	});
});
