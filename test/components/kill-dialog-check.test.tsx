/** KillDialog: what it says before offering a signal (the process checked first), and what it says of a shared socket. */
import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {ProcessIdentity, SignalAccess} from '../../source/model/signal.js';
import {tick} from './pid-fixtures.js';
import {untilKeysRead} from '../helpers/wait.js';
import {dialog, slowCheck, waitFor} from './kill-dialog-fixtures.js';

unmountAfterEach();

const denied = async (): Promise<SignalAccess> => ({kind: 'denied', owner: 'alice', isRoot: false});

describe('KillDialog: a check that fails', () => {
	it('says it could not check, and any key closes it: it never stays on "Checking" holding every key', async () => {
		const {instance, onDone, send} = dialog({check: async () => Promise.reject(new Error('EIO'))});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Not sending: could not check PID 986: EIO');
		});
		expect(instance.lastFrame()).not.toContain('Checking');
		instance.stdin.write('x');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalled();
		});
		expect(send).not.toHaveBeenCalled();
	});
});

describe('KillDialog: a process socktop may not signal', () => {
	it('says so at once, with whose it is and what would help, without the menu; any key closes it and nothing is sent', async () => {
		const {instance, onDone, send} = dialog({check: denied});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('may not signal');
		});
		expect(instance.lastFrame()).toBe(
			[
				'╭──────────────────────────────────────────────────────────────────────────────╮',
				'│ socktop may not signal python3[986] (user alice): run as root or as alice.   │',
				'│ Press any key.                                                               │',
				'╰──────────────────────────────────────────────────────────────────────────────╯',
			].join('\n'),
		);
		await untilKeysRead(instance.stdin);
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('socktop may not signal python3[986] (user alice): run as root or as alice.');
		});
		expect(send).not.toHaveBeenCalled();
	});

	it.each([
		[{kind: 'denied', owner: 'root', isRoot: false}, 'socktop may not signal python3[986] (user root): run as root.'],
		[{kind: 'denied', owner: null, isRoot: false}, 'socktop may not signal python3[986] (not yours): run as root or as its user.'],
		[{kind: 'denied', owner: 'alice', isRoot: true}, 'socktop may not signal python3[986] even as root (the kernel said EPERM).'],
		[{kind: 'exited'}, 'Process 986 has exited; there is nothing to signal.'],
	] as const)('%o: %s', async (access, line) => {
		const {instance} = dialog({check: async () => access});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain(line);
		});
		expect(instance.lastFrame()).not.toContain('SIGTERM');
	});

	it.each([
		[
			{kind: 'zombie', parent: {pid: 900, command: 'bash'}},
			'python3[986] has exited and is a zombie: its parent, bash[900], has not reaped it; signal the parent, or it goes when the parent does.',
		],
		[
			{kind: 'zombie', parent: {pid: 900, command: null}},
			'python3[986] has exited and is a zombie: its parent, PID 900, has not reaped it; signal the parent, or it goes when the parent does.',
		],
		[{kind: 'zombie', parent: null}, 'python3[986] has exited and is a zombie: its parent has not reaped it; signal the parent, or it goes when the parent does.'],
		[{kind: 'zombie', parent: {pid: 900, command: 'ba\u001B[2Jsh'}}, 'its parent, ba\\x1b[2Jsh[900], has not reaped it'],
	] as const)('a zombie, %o: says why no signal would do anything, without the menu; any key closes it, nothing sent', async (access, line) => {
		const {instance, onDone, send} = dialog({check: async () => access});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Press any key.');
		});
		expect(instance.lastFrame()).not.toContain('SIGTERM');
		await untilKeysRead(instance.stdin);
		instance.stdin.write('y');
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith(expect.stringContaining(line));
		});
		expect(send).not.toHaveBeenCalled();
	});

	it('wraps a zombie\'s line in the box, the remedy last', async () => {
		const {instance} = dialog({check: async () => ({kind: 'zombie', parent: {pid: 900, command: 'bash'}})});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Press any key.');
		});
		expect(stripVTControlCharacters(instance.lastFrame()!)).toBe(
			[
				'╭──────────────────────────────────────────────────────────────────────────────╮',
				'│ python3[986] has exited and is a zombie: its parent, bash[900], has not      │',
				'│ reaped it; signal the parent, or it goes when the parent does.               │',
				'│ Press any key.                                                               │',
				'╰──────────────────────────────────────────────────────────────────────────────╯',
			].join('\n'),
		);
	});

	it('on a short terminal (compact), wraps the reason over two lines at 40 columns so the remedy stays', async () => {
		const {instance} = dialog({width: 40, isCompact: true, check: denied});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Press any key.');
		});
		expect(instance.lastFrame()).toBe(['socktop may not signal python3[986]', '(user alice): run as root or as alice.', 'Press any key.'].join('\n'));
	});

	it('takes a key typed before the refusal was drawn (kq in one read) as closing it, and reports the refusal', async () => {
		const {onDone, send} = dialog({check: denied, handed: 'q'});
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('socktop may not signal python3[986] (user alice): run as root or as alice.');
		});
		expect(send).not.toHaveBeenCalled();
	});

	it('offers nothing while it checks, then the menu; keys typed meanwhile choose a signal but never answer', async () => {
		const {instance, send, answer} = slowCheck({handed: '3'});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Checking that socktop may signal it…');
		});
		expect(instance.lastFrame()).not.toContain('SIGTERM');
		// Read at once, while it checks (the y must be the dialog's, not lost before Ink listens).
		await untilKeysRead(instance.stdin);
		instance.stdin.write('y');
		answer({kind: 'allowed'});
		// 3 chose SIGHUP; the menu stays for Enter, and the y typed meanwhile answered nothing.
		await waitFor(() => {
			expect(instance.lastFrame()).toMatch(/> 3 SIGHUP/);
		});
		// Nothing should follow; a y taken as the answer would have drawn the question with SIGHUP's frame (one batch), 60 ms is slack.
		await tick(60);
		expect(instance.lastFrame()).not.toContain('y/N');
		expect(send).not.toHaveBeenCalled();
	});
});

describe('KillDialog: a process shown by the table (no start token)', () => {
	it('takes a process older than the frame as the one shown, even when its age comes back late (a loaded machine)', async () => {
		const shownAt = Date.now() - 1000;
		// Started 5 ms before the frame was scanned, its age read at once; the answer comes 300 ms later.
		const identify = async (): Promise<ProcessIdentity> => {
			const ageMs = Date.now() - shownAt + 5;
			await tick(300);
			return {startToken: '100', command: 'python3', ageMs};
		};
		const {instance} = dialog({check: async () => ({kind: 'allowed'}), fromTable: {shownAt, identify}});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('SIGTERM');
		});
		expect(instance.lastFrame()).not.toContain('another process took the PID');
	});

	it('refuses a process younger than the frame: another one took the PID since', async () => {
		const shownAt = Date.now() - 1000;
		const identify = async (): Promise<ProcessIdentity> => ({startToken: '100', command: 'python3', ageMs: 500});
		const {instance} = dialog({check: async () => ({kind: 'allowed'}), fromTable: {shownAt, identify}});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Not sending: PID 986 started after the table showed it');
		});
	});

	it('takes a process older than the frame that calls itself otherwise now as renamed, says so, and sends with its token', async () => {
		const shownAt = Date.now() - 15_000;
		const identify = async (): Promise<ProcessIdentity> => ({startToken: '100', command: 'renamed61', ageMs: 60_000});
		const {instance, send} = dialog({check: async () => ({kind: 'allowed'}), fromTable: {shownAt, identify}});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('SIGTERM');
		});
		expect(instance.lastFrame()).toContain('│ PID 986 (was python3) now calls itself renamed61: the same process.          │');
		await untilKeysRead(instance.stdin);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('Send SIGTERM to PID 986 (renamed61)? y/N');
		});
		expect(instance.lastFrame()).toContain('PID 986 (was python3) now calls itself renamed61');
		instance.stdin.write('y');
		await waitFor(() => {
			expect(send).toHaveBeenCalledWith(986, 'SIGTERM', '100');
		});
	});

	it('still refuses another name from a process that started about when the frame was scanned: the name is all that tells', async () => {
		const shownAt = Date.now() - 1000;
		const identify = async (): Promise<ProcessIdentity> => ({startToken: '100', command: 'renamed61', ageMs: Date.now() - shownAt});
		const {instance} = dialog({check: async () => ({kind: 'allowed'}), fromTable: {shownAt, identify}});
		await waitFor(() => {
			// Not that the PID was reused: the same process, after exec, reads the same way.
			expect(instance.lastFrame()).toContain('Not sending: socktop cannot tell whether PID 986, which now runs');
			expect(instance.lastFrame()).toContain('is the row\'s python3 after exec or another process (it started as');
		});
	});
});

describe('KillDialog: a socket other processes hold too', () => {
	const shared = 'python3[987] fd 3 and 4 others also hold *:8080 — it stays bound';

	it('says so under the question', async () => {
		const {instance} = dialog({check: async () => ({kind: 'allowed'}), shared});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('SIGTERM');
		});
		// The menu leaves it for the question.
		expect(instance.lastFrame()).not.toContain('also hold');
		await untilKeysRead(instance.stdin);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('y/N');
		});
		expect(instance.lastFrame()).toBe(
			[
				'╭──────────────────────────────────────────────────────────────────────────────╮',
				'│ Send SIGTERM to PID 986 (python3)? y/N                                       │',
				'│ python3[987] fd 3 and 4 others also hold *:8080 — it stays bound             │',
				'╰──────────────────────────────────────────────────────────────────────────────╯',
			].join('\n'),
		);
	});

	it('at 40 columns (compact) cuts it, never wraps, and keeps y/N on its own line', async () => {
		const {instance} = dialog({width: 40, isCompact: true, check: async () => ({kind: 'allowed'}), shared});
		await waitFor(() => {
			// The compact menu: the four signals on one line.
			expect(instance.lastFrame()).toContain('>1 TERM');
		});
		await untilKeysRead(instance.stdin);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('y/N');
		});
		expect(instance.lastFrame()).toBe(['Send SIGTERM to PID 986 (python3)?', 'python3[987] fd 3 and 4 others also hol…', 'y/N: y sends it, any other key cancels'].join('\n'));
	});
});
