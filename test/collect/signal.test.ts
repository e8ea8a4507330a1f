import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {readProcessIdentity, sendSignal} from '../../source/collect/signal.js';
import {fakeTool} from '../helpers/tools.js';

const isLinux = process.platform === 'linux';
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('not root: cannot start a process as nobody to provoke EPERM; that test is skipped');
const children: ChildProcess[] = [];

/** A child that sleeps until signalled; resolves once it runs. */
async function sleeper(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], {stdio: ['ignore', 'pipe', 'ignore']});
	children.push(child);
	await once(child.stdout!, 'data');
	return child;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

afterEach(() => {
	for (const child of children.splice(0)) {
		if (isRunning(child)) child.kill('SIGKILL');
	}
});

describe('sendSignal', () => {
	it('terminates a process whose start token still matches', async () => {
		const child = await sleeper();
		const identity = await readProcessIdentity(child.pid!);
		expect(identity?.startToken).toBeTruthy();
		const exited = once(child, 'exit');
		const result = await sendSignal(child.pid!, 'SIGTERM', identity!.startToken);
		expect(result).toEqual({isSent: true, message: `Sent SIGTERM to PID ${child.pid}.`});
		const [, signal] = (await exited) as [number | null, string | null];
		expect(signal).toBe('SIGTERM');
	});

	it('refuses when the PID now belongs to another process (stale start token)', async () => {
		const child = await sleeper();
		const identity = await readProcessIdentity(child.pid!);
		const stale = String(Number(identity!.startToken) - 1);
		const result = await sendSignal(child.pid!, 'SIGKILL', isLinux ? stale : `${identity!.startToken} earlier`);
		expect(result.isSent).toBe(false);
		expect(result.message).toContain('now belongs to another process');
		// A negative check: a SIGKILL sent anyway would have ended it within these 100 ms.
		await new Promise(resolve => setTimeout(resolve, 100));
		expect(isRunning(child)).toBe(true);
	});

	it('refuses without a start token, and for a process that has exited', async () => {
		const child = await sleeper();
		expect(await sendSignal(child.pid!, 'SIGTERM', null)).toMatchObject({isSent: false});
		expect(isRunning(child)).toBe(true);
		const identity = await readProcessIdentity(child.pid!);
		child.kill('SIGKILL');
		await once(child, 'exit');
		const result = await sendSignal(child.pid!, 'SIGTERM', identity!.startToken);
		expect(result).toEqual({isSent: false, message: `Not sent: PID ${child.pid} has already exited.`});
	});

	it.skipIf(!isRoot)('reports EPERM as a message when the process belongs to someone else', async () => {
		// Run as nobody and signal this (root) test process: the kernel answers EPERM.
		const token = (await readProcessIdentity(process.pid))!.startToken;
		const script = `import {sendSignal} from './source/collect/signal.ts';
			console.log(JSON.stringify(await sendSignal(${process.pid}, 'SIGTERM', ${JSON.stringify(token)})));`;
		const runner = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		runner.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		await once(runner, 'exit');
		expect(JSON.parse(out)).toEqual({
			isSent: false,
			message: `Not sent: no permission to signal PID ${process.pid} (run as root or as its user).`,
		});
	});

	it('rejects a PID that is not a process ID', async () => {
		expect((await sendSignal(0, 'SIGTERM', '1')).isSent).toBe(false);
		expect((await sendSignal(-1, 'SIGTERM', '1')).isSent).toBe(false);
	});
});

describe('readProcessIdentity off Linux (ps -o lstart=)', () => {
	it('asks ps in the C locale, so a French locale does not turn the start into words Date.parse cannot read', async () => {
		// A stand-in for BSD ps: lstart through strftime, in French unless LC_ALL is C.
		fakeTool('ps', 'if [ "$LC_ALL" = C ]; then echo "Fri Nov 27 03:29:03 2026 /usr/sbin/sshd"; else echo "ven. 27 nov. 03:29:03 2026 /usr/sbin/sshd"; fi');
		vi.stubEnv('LC_ALL', 'fr_FR.UTF-8');
		const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
		Object.defineProperty(process, 'platform', {...platform, value: 'darwin'});
		try {
			expect(await readProcessIdentity(4242)).toEqual({startToken: 'Fri Nov 27 03:29:03 2026', command: '/usr/sbin/sshd'});
		} finally {
			Object.defineProperty(process, 'platform', platform);
		}
	});
});
