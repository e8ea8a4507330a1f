import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {checkSignal} from '../../source/collect/signal-access.js';
import {hasPython} from '../helpers/tools.js';
import {startZombie, stateOf} from '../helpers/zombie.js';

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

async function until(isDone: () => boolean): Promise<void> {
	for (let tries = 0; !isDone(); tries++) {
		if (tries > 250) throw new Error('timed out');
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** A real zombie whose parent is killed after the test. */
async function zombie(): Promise<{readonly pid: number; readonly parent: number}> {
	const {pid, parent} = await startZombie();
	children.push(parent);
	return {pid, parent: parent.pid!};
}

describe('checkSignal (kill(pid, 0), before the dialog offers anything)', () => {
	it('allows a process of ours, and it goes on running: nothing was sent', async () => {
		const child = await sleeper();
		expect(await checkSignal(child.pid!)).toEqual({kind: 'allowed'});
		// A negative check: a signal sent would have ended it within these 50 ms.
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

	it.skipIf(process.platform !== 'linux')('says a zombie is one, with its parent: kill(pid, 0) succeeds on it, yet no signal moves it', async () => {
		const {pid, parent} = await zombie();
		expect(await checkSignal(pid)).toEqual({kind: 'zombie', parent: {pid: parent, command: 'sleep'}});
		// It was a question only: the zombie is still there, its parent still has not reaped it.
		expect(stateOf(pid)).toBe('Z');
	});

	it.skipIf(process.platform !== 'linux')('keeps the plain answer where there is no /proc (lsof and sockstat platforms): a zombie is allowed, as before', async () => {
		const {pid} = await zombie();
		expect(await checkSignal(pid, 'darwin')).toEqual({kind: 'allowed'});
		expect(await checkSignal(pid, 'freebsd')).toEqual({kind: 'allowed'});
	});

	if (process.platform === 'linux' && !hasPython) console.warn('signal-access: the zombie leader case needs python3; skipped');

	it.skipIf(process.platform !== 'linux' || !hasPython)('allows a zombie leader: its main thread has exited (Z) but another runs on and takes signals', async () => {
		const script = fileURLToPath(new URL('../helpers/zombie-leader.py', import.meta.url));
		const child = spawn('python3', [script], {stdio: ['pipe', 'pipe', 'ignore']});
		children.push(child);
		await once(child.stdout!, 'data');
		child.stdin!.write('exit-main\n');
		await until(() => stateOf(child.pid!) === 'Z' && /^Threads:\s+2$/m.test(readFileSync(`/proc/${child.pid}/status`, 'utf8')));
		expect(await checkSignal(child.pid!)).toEqual({kind: 'allowed'});
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
