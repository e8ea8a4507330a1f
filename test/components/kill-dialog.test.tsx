import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {untilKeysRead, waitFor} from '../helpers/wait.js';
import {readProcessIdentity, sendSignal} from '../../source/collect/signal.js';
import {KillDialog} from '../../source/components/kill-dialog.js';
import {fkey} from '../../source/function-keys.js';
import {createTheme} from '../../source/theme.js';
import {tick} from './pid-fixtures.js';

/** The theme of a terminal with colours. */
const theme = createTheme(true);

/** Generous: the suite runs beside others on two busy cores. */

const children: ChildProcess[] = [];
const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function sleeper(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], {stdio: ['ignore', 'pipe', 'ignore']});
	children.push(child);
	await once(child.stdout!, 'data');
	return child;
}

afterEach(() => {
	for (const child of children.splice(0)) {
		if (isRunning(child)) child.kill('SIGKILL');
	}
});
// After hooks run last-registered first: the dialog goes before the children it watches.
unmountAfterEach();

async function dialog(pid: number, command: string, startToken?: string | null) {
	const onDone = vi.fn();
	// The live backends' own calls, as the views pass them from the Collector.
	const instance = render(
		<KillDialog theme={theme} pid={pid} command={command} startToken={startToken} onDone={onDone} send={sendSignal} identify={readProcessIdentity} />,
	);
	await waitFor(() => {
		expect(instance.lastFrame()).toMatch(/Send a signal|Not sending/);
	});
	// Ink subscribes the key handler in an effect just after the first frame.
	await untilKeysRead(instance.stdin);
	return {instance, onDone};
}

describe('KillDialog', () => {
	it('offers TERM first, then asks y/N naming PID and command', async () => {
		const {instance} = await dialog(4321, 'nginx', '100');
		expect(instance.lastFrame()).toContain('Send a signal to PID 4321 (nginx)');
		expect(instance.lastFrame()).toMatch(/> 1 SIGTERM +ask it to exit \(default\)/);
		for (const name of ['SIGINT', 'SIGHUP', 'SIGKILL']) expect(instance.lastFrame()).toContain(name);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Send SIGTERM to PID 4321 (nginx)? y/N');
		});
	});

	it('keeps y/N in sight on a narrow screen (compact), cutting a long command instead', async () => {
		const onDone = vi.fn();
		const instance = render(
			<Box width={40}>
				<KillDialog theme={theme} isCompact width={40} pid={28_867} command="postgres: checkpointer" startToken="100" onDone={onDone} send={sendSignal} identify={async () => null} />
			</Box>,
		);
		await untilKeysRead(instance.stdin);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('y/N: y sends it');
		});
		const lines = (instance.lastFrame() ?? '').split('\n');
		expect(lines.some(line => line.startsWith('Send SIGTERM to PID 28867 (postgres'))).toBe(true);
		expect(lines.every(line => line.length <= 40)).toBe(true);
		instance.stdin.write('n');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Cancelled: no signal sent.');
		});
	});

	it('offers every signal on one line at 40 columns (compact), the title shortened, the PID whole', async () => {
		const onDone = vi.fn();
		const instance = render(
			<Box width={40}>
				<KillDialog theme={theme} isCompact width={40} pid={28_867} command="postgres: checkpointer" startToken="100" onDone={onDone} send={sendSignal} identify={async () => null} />
			</Box>,
		);
		await waitFor(() => {
			expect((instance.lastFrame() ?? '').split('\n')).toEqual(['Signal PID 28867 (postgres: checkpoint…)', '>1 TERM  2 INT  3 HUP  4 KILL', '←/→ 1-4 choose · Enter next · Esc cancel']);
		});
		await untilKeysRead(instance.stdin);
		instance.stdin.write('\u001B[C');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain(' 1 TERM >2 INT  3 HUP');
		});
		instance.stdin.write('\u001B[D');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('>1 TERM  2 INT');
		});
		instance.stdin.write('4');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain(' 3 HUP >4 KILL');
		});
		instance.stdin.write('\r');
		await waitFor(() => {
			expect((instance.lastFrame() ?? '').split('\n').slice(0, 2)).toEqual(['Send SIGKILL to PID 28867 (postgres: …)?', 'y/N: y sends it, any other key cancels']);
		});
		instance.stdin.write('n');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Cancelled: no signal sent.');
		});
	});

	it('says what the chosen signal does after the one-line menu where it fits whole, never cut', async () => {
		const menu = (width: number) => {
			const instance = render(<KillDialog theme={theme} isCompact width={width} pid={7} command="sleep" startToken="1" onDone={() => {}} send={sendSignal} identify={async () => null} />);
			return (instance.lastFrame() ?? '').split('\n')[1];
		};

		expect(menu(60)).toBe('>1 TERM  2 INT  3 HUP  4 KILL  ask it to exit (default)');
		expect(menu(50)).toBe('>1 TERM  2 INT  3 HUP  4 KILL');
	});

	it('terminates a child after y', async () => {
		const child = await sleeper();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const {instance, onDone} = await dialog(child.pid!, 'node', token);
		const exited = once(child, 'exit');
		instance.stdin.write('\r');
		await tick();
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith(`Sent SIGTERM to PID ${child.pid}.`);
		});
		const [, signal] = (await exited) as [number | null, string | null];
		expect(signal).toBe('SIGTERM');
	});

	it('sends the signal chosen in the menu', async () => {
		const child = await sleeper();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const {instance, onDone} = await dialog(child.pid!, 'node', token);
		const exited = once(child, 'exit');
		for (const key of ['j', 'j', 'j']) {
			instance.stdin.write(key);
			await tick(20);
		}

		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain(`Send SIGKILL to PID ${child.pid} (node)? y/N`);
		});
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith(`Sent SIGKILL to PID ${child.pid}.`);
		});
		expect(((await exited) as [unknown, string])[1]).toBe('SIGKILL');
	});

	it('a digit chooses its signal, as the arrows do, and Enter goes on to the question (htop: choose, then Enter)', async () => {
		const child = await sleeper();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const {instance, onDone} = await dialog(child.pid!, 'node', token);
		const exited = once(child, 'exit');
		expect(instance.lastFrame()).toContain('↑/↓ 1-4 choose · Enter next · Esc cancel');
		instance.stdin.write('3');
		await waitFor(() => {
			expect(instance.lastFrame()).toMatch(/> 3 SIGHUP/);
		});
		instance.stdin.write('2');
		await waitFor(() => {
			expect(instance.lastFrame()).toMatch(/> 2 SIGINT/);
		});
		expect(instance.lastFrame()).not.toContain('y/N');
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain(`Send SIGINT to PID ${child.pid} (node)? y/N`);
		});
		expect(onDone).not.toHaveBeenCalled();
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith(`Sent SIGINT to PID ${child.pid}.`);
		});
		expect(((await exited) as [unknown, string])[1]).toBe('SIGINT');
	});

	it('F10 in the menu cancels, as q does', async () => {
		const {instance, onDone} = await dialog(4321, 'nginx', '100');
		instance.stdin.write(fkey(10));
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Cancelled: no signal sent.');
		});
	});

	it.each([
		['n', 'n'],
		['Enter (the default is No)', '\r'],
		['Esc', '\u001B'],
	])('leaves the child running after %s', async (_, key) => {
		const child = await sleeper();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const {instance, onDone} = await dialog(child.pid!, 'node', token);
		instance.stdin.write('\r');
		await tick();
		instance.stdin.write(key);
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Cancelled: no signal sent.');
		});
		// Nothing should follow the cancel: a signal sent anyway would reach the child within these 100 ms.
		await tick(100);
		expect(isRunning(child)).toBe(true);
	});

	it('refuses to signal a PID whose start token changed (reused PID)', async () => {
		const child = await sleeper();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const {instance, onDone} = await dialog(child.pid!, 'node', `${token}0`);
		instance.stdin.write('\r');
		await tick();
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith(`Not sent: PID ${child.pid} now belongs to another process (it was reused).`);
		});
		expect(isRunning(child)).toBe(true);
	});

	it('without a token (from the table), refuses when the PID now runs another command', async () => {
		const child = await sleeper();
		const {instance, onDone} = await dialog(child.pid!, 'postgres');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain(`Not sending: socktop cannot tell whether PID ${child.pid}, which now runs node,`);
		});
		instance.stdin.write('y');
		await waitFor(() => {
			// No frame time here: its age against the row's is not known.
			expect(onDone).toHaveBeenCalledWith(`Not sent: socktop cannot tell whether PID ${child.pid}, which now runs node, is the row's postgres after exec or another process (no start time here).`);
		});
		expect(isRunning(child)).toBe(true);
	});

	it('without a token, reads it when opened and sends after y', async () => {
		const child = await sleeper();
		const {instance, onDone} = await dialog(child.pid!, 'node');
		const exited = once(child, 'exit');
		instance.stdin.write('\r');
		await tick();
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith(`Sent SIGTERM to PID ${child.pid}.`);
		});
		await exited;
	});

	it('says a source without signalling (a capture) cannot signal, and sends nothing on any key', async () => {
		const onDone = vi.fn();
		const instance = render(<KillDialog theme={theme} pid={4321} command="nginx" startToken="100" onDone={onDone} />);
		expect(instance.lastFrame()).toContain('Not sending: this source cannot signal processes (a capture is not live on this machine).');
		await untilKeysRead(instance.stdin);
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Not sent: this source cannot signal processes (a capture is not live on this machine).');
		});
	});

	it('names hostile commands harmlessly', async () => {
		const {instance} = await dialog(4321, 'x\u001B]0;owned\u0007', '1');
		expect(instance.lastFrame()).toContain('(x\\x1b]0;owned\\x07)');
	});
});
