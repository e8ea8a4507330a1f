/** KillDialog: a y typed before its question was on screen (while the process was checked) never answers it, and it says so. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {tick} from './pid-fixtures.js';
import {slowCheck, waitFor} from './kill-dialog-fixtures.js';

unmountAfterEach();

/** The dialog, with Enter and then y typed while it checks, and then the check answered: the y came before the question. */
async function earlyY(options: Parameters<typeof slowCheck>[0] = {}) {
	const dialog = slowCheck(options);
	await tick(60);
	dialog.instance.stdin.write('\r');
	await tick(30);
	dialog.instance.stdin.write('y');
	await tick(30);
	dialog.answer({kind: 'allowed'});
	return dialog;
}

describe('KillDialog: y typed before the question was on screen', () => {
	it('Enter then y typed while it checks: the question is asked, says the y was ignored and why, and sends only on a y typed then', async () => {
		const {instance, send} = await earlyY();
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('y/N');
		});
		expect(instance.lastFrame()).toBe(
			[
				'╭──────────────────────────────────────────────────────────────────────────────╮',
				'│ Send SIGTERM to PID 986 (python3)? y/N                                       │',
				'│ y ignored: it came before this question was shown; press y again             │',
				'╰──────────────────────────────────────────────────────────────────────────────╯',
			].join('\n'),
		);
		// A negative check: a send would be called within these 60 ms.
		await tick(60);
		expect(send).not.toHaveBeenCalled();
		instance.stdin.write('y');
		await waitFor(() => {
			expect(send).toHaveBeenCalledTimes(1);
		});
	});

	it('tells the screen the note takes a line of its own, so the question above it is not cut from the box', async () => {
		const onLines = vi.fn();
		const {instance} = await earlyY({onLines});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('press y again');
		});
		expect(onLines).toHaveBeenLastCalledWith(4);
	});

	it('says so in the compact dialog (40 columns) in place of its y/N line', async () => {
		const {instance, send, answer} = slowCheck({width: 40, isCompact: true, handed: '\ry'});
		await tick(60);
		answer({kind: 'allowed'});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('press y again');
		});
		expect(instance.lastFrame()).toBe(['Send SIGTERM to PID 986 (python3)?', 'y came too early, ignored: press y again', ''].join('\n'));
		expect(send).not.toHaveBeenCalled();
	});

	it('says nothing of the kind when no y was typed ahead', async () => {
		const {instance, answer} = slowCheck({handed: '\r'});
		await tick(60);
		answer({kind: 'allowed'});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('y/N');
		});
		expect(instance.lastFrame()).not.toContain('ignored');
	});

	it('takes any other key typed ahead at the question in order: n cancels, as it would at the question, and the keys after it are the screen underneath\'s', async () => {
		const forwarded = vi.fn();
		const {send, onDone, answer} = slowCheck({handed: '\rnl', onForwardKey: forwarded});
		await tick(60);
		answer({kind: 'allowed'});
		await waitFor(() => {
			expect(onDone).toHaveBeenCalledWith('Cancelled: no signal sent.');
		});
		expect(forwarded.mock.calls.map(call => call[0])).toEqual(['l']);
		expect(send).not.toHaveBeenCalled();
	});

	it('drops the keys typed ahead after an early y, so that the question stays for the y that answers it', async () => {
		const forwarded = vi.fn();
		const {instance, send, onDone, answer} = slowCheck({handed: '\ryl', onForwardKey: forwarded});
		await tick(60);
		answer({kind: 'allowed'});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('press y again');
		});
		// A negative check: the dialog closing would be told within these 60 ms.
		await tick(60);
		expect(onDone).not.toHaveBeenCalled();
		expect(forwarded).not.toHaveBeenCalled();
		expect(send).not.toHaveBeenCalled();
	});
});
