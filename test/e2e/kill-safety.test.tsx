import {spawn, type ChildProcess} from 'node:child_process';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {KillDialog} from '../../source/components/kill-dialog.js';
import {readProcessIdentity, sendSignal} from '../../source/collect/signal.js';
import {createTheme} from '../../source/theme.js';
import {canForcePidReuse, nextPidWillBe} from '../helpers/pid-reuse.js';
import {sleep} from '../helpers/tmux.js';
import {WAIT_MS} from '../helpers/wait.js';

/**
 * A signal must never reach a process the user did not see: not a PID reused
 * since it was shown (its start time differs), and never without a `y`.
 * Real processes, real signals; the PID reuse is forced through ns_last_pid.
 */
const isLinux = process.platform === 'linux';
if (!isLinux) {
	console.warn('kill-safety: skipped, the start-token checks read /proc (Linux)');
} else if (!canForcePidReuse) {
	console.warn('kill-safety: PID reuse cases skipped, they need root and a writable /proc/sys/kernel/ns_last_pid');
}

const children: ChildProcess[] = [];
afterEach(() => {
	for (const child of children.splice(0)) {
		child.kill('SIGKILL');
	}
});

function start(): ChildProcess {
	const child = spawn('sleep', ['1000'], {stdio: 'ignore'});
	children.push(child);
	return child;
}

/**
 * Whether `pid` runs. Asked after a fixed sleep(100) where nothing is to happen (refused, cancelled): the negative
 * half, which a signal sent anyway would fail in that time; a slow machine can only let it pass unseen.
 */
const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

async function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return child.signalCode;
	}

	return new Promise(resolve => {
		child.once('exit', (_code, signal) => resolve(signal));
	});
}

/**
 * Kill `old` and start a new `sleep` under the same PID: set ns_last_pid to
 * PID - 1 right before forking (root only). Other processes forking at the same
 * moment can take the PID first, so try a few times; null if it never lands.
 */
async function reuse(old: ChildProcess): Promise<ChildProcess | null> {
	const pid = old.pid!;
	old.kill('SIGKILL');
	await exited(old);
	for (let attempt = 0; attempt < 50; attempt++) {
		nextPidWillBe(pid);
		const next = start();
		if (next.pid === pid) {
			return next;
		}

		next.kill('SIGKILL');
		await exited(next);
	}

	return null;
}

async function until(predicate: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}

		await sleep(10);
	}
}

describe.skipIf(!isLinux)('sendSignal', () => {
	it('refuses a start token that is not the process now holding the PID, and the process lives', async () => {
		const child = start();
		const now = await readProcessIdentity(child.pid!);
		expect(now?.startToken).toMatch(/^\d+$/);
		const result = await sendSignal(child.pid!, 'SIGKILL', String(Number(now!.startToken) + 1));
		expect(result.isSent).toBe(false);
		expect(result.message).toMatch(/reused/);
		await sleep(100);
		expect(isAlive(child.pid!)).toBe(true);
	});

	it('refuses without a start token (nothing to compare)', async () => {
		const child = start();
		const result = await sendSignal(child.pid!, 'SIGKILL', null);
		expect(result.isSent).toBe(false);
		await sleep(100);
		expect(isAlive(child.pid!)).toBe(true);
	});

	it('sends when the token matches', async () => {
		const child = start();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const result = await sendSignal(child.pid!, 'SIGTERM', token);
		expect(result).toEqual({isSent: true, message: `Sent SIGTERM to PID ${child.pid}.`});
		expect(await exited(child)).toBe('SIGTERM');
	});

	it.skipIf(!canForcePidReuse)('never hits a new process that took the PID of the one shown', async ({skip}) => {
		const shown = start();
		const pid = shown.pid!;
		const token = (await readProcessIdentity(pid))!.startToken;
		// Start ticks have 10 ms resolution: let them differ.
		await sleep(30);
		const next = await reuse(shown);
		if (next === null) {
			skip('kill-safety: could not make the kernel reuse the PID (busy machine); reuse case not checked');
			return;
		}

		const result = await sendSignal(pid, 'SIGKILL', token);
		expect(result.isSent).toBe(false);
		expect(result.message).toMatch(/reused/);
		await sleep(100);
		expect(isAlive(pid)).toBe(true);
	});
});

describe.skipIf(!isLinux)('the kill dialog', () => {
	const dialog = (pid: number, startToken?: string | null, shownAt?: number) => {
		const messages: string[] = [];
		const view = render(
			<KillDialog
				theme={createTheme(true)}
				pid={pid}
				command="sleep"
				startToken={startToken}
				shownAt={shownAt}
				send={sendSignal}
				identify={readProcessIdentity}
				onDone={message => messages.push(message)}
			/>,
		);
		return {...view, messages};
	};

	const press = async (view: ReturnType<typeof dialog>, input: string) => {
		view.stdin.write(input);
		await sleep(50);
	};

	/** Until the dialog's frame matches: a busy machine draws it (and reads the process) late. */
	const shows = async (view: ReturnType<typeof dialog>, pattern: RegExp) => until(() => pattern.test(view.lastFrame() ?? ''));

	it('asks for y before sending: Enter alone, n, Esc or any other key send nothing', async () => {
		const child = start();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		for (const answer of ['n', '\r', '\u001b', 'Y', ' ']) {
			const view = dialog(child.pid!, token);
			await shows(view, /SIGTERM/);
			await press(view, '\r');
			await shows(view, /y\/N/);
			expect(view.lastFrame()).toContain(`Send SIGTERM to PID ${child.pid} (sleep)? y/N`);
			expect(isAlive(child.pid!)).toBe(true);
			await press(view, answer);
			await until(() => view.messages.length > 0);
			expect(view.messages, `answer ${JSON.stringify(answer)}`).toEqual(['Cancelled: no signal sent.']);
			view.unmount();
		}

		await sleep(100);
		expect(isAlive(child.pid!)).toBe(true);
	});

	it('sends the chosen signal after y', async () => {
		const child = start();
		const token = (await readProcessIdentity(child.pid!))!.startToken;
		const view = dialog(child.pid!, token);
		// Checked: keys typed while it checks never answer its question.
		await shows(view, /SIGTERM/);
		await press(view, '\u001b[B'); // Down: SIGINT
		await press(view, '\r');
		await press(view, 'y');
		await until(() => view.messages.length > 0);
		expect(view.messages).toEqual([`Sent SIGINT to PID ${child.pid}.`]);
		expect(await exited(child)).toBe('SIGINT');
		view.unmount();
	});

	it.skipIf(!canForcePidReuse)('refuses, after y, a PID reused since the PID view showed it', async ({skip}) => {
		const shown = start();
		const pid = shown.pid!;
		const token = (await readProcessIdentity(pid))!.startToken;
		await sleep(30);
		const next = await reuse(shown);
		if (next === null) {
			skip('kill-safety: could not make the kernel reuse the PID (busy machine); reuse case not checked');
			return;
		}

		const view = dialog(pid, token);
		await shows(view, /SIGTERM/);
		await press(view, '4'); // SIGKILL
		await press(view, '\r'); // to the confirmation
		await press(view, 'y');
		await until(() => view.messages.length > 0);
		expect(view.messages[0]).toMatch(/^Not sent: .*reused/);
		await sleep(100);
		expect(isAlive(pid)).toBe(true);
		view.unmount();
	});

	it('from the table (no start token), refuses a process younger than the frame the row came from', async () => {
		const frameTime = Date.now();
		await sleep(100);
		const child = start();
		await sleep(50);
		const view = dialog(child.pid!, undefined, frameTime);
		await shows(view, /started after the table showed it/);
		await press(view, 'y');
		await until(() => view.messages.length > 0);
		expect(view.messages[0]).toMatch(/^Not sent: .*started after the table showed it/);
		await sleep(100);
		expect(isAlive(child.pid!)).toBe(true);
		view.unmount();
	});

	it('from the table, sends to a process that was already running when the frame was scanned', async () => {
		const child = start();
		await sleep(100);
		const view = dialog(child.pid!, undefined, Date.now());
		await shows(view, /SIGTERM/);
		await press(view, '\r');
		await press(view, 'y');
		await until(() => view.messages.length > 0);
		expect(view.messages).toEqual([`Sent SIGTERM to PID ${child.pid}.`]);
		expect(await exited(child)).toBe('SIGTERM');
		view.unmount();
	});
});
