import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import {checkSignal} from '../../source/collect/signal-access.js';

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
if (!isRoot || !hasSetpriv) console.warn('signal-access: the EPERM case needs root and setpriv (util-linux) to run as nobody; skipped');
const children: ChildProcess[] = [];

afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A child that sleeps until signalled; resolves once it runs. */
async function sleeper(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], {stdio: ['ignore', 'pipe', 'ignore']});
	children.push(child);
	await once(child.stdout!, 'data');
	return child;
}

describe('checkSignal (kill(pid, 0), before the dialog offers anything)', () => {
	it('allows a process of ours, and it goes on running: nothing was sent', async () => {
		const child = await sleeper();
		expect(await checkSignal(child.pid!)).toEqual({kind: 'allowed'});
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(child.exitCode).toBeNull();
		expect(child.signalCode).toBeNull();
	});

	it('says a process that has exited (and been reaped) has exited', async () => {
		const child = await sleeper();
		child.kill('SIGKILL');
		await once(child, 'exit');
		expect(await checkSignal(child.pid!)).toEqual({kind: 'exited'});
	});

	it.skipIf(!isRoot || !hasSetpriv || process.platform !== 'linux')('as nobody, names root as the owner of a root process (EPERM)', async () => {
		const script = `import {checkSignal} from './source/collect/signal-access.ts';
			console.log(JSON.stringify(await checkSignal(${process.pid})));`;
		const runner = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		runner.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		await once(runner, 'exit');
		expect(JSON.parse(out)).toEqual({kind: 'denied', owner: 'root', isRoot: false});
	});
});
