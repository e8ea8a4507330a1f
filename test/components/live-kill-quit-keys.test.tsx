/** LiveView: Ctrl-Z and Ctrl-C at a kill dialog, in each of its states, act once and leave it as it was. */
import {describe, expect, it, vi} from 'vitest';
import type {SignalAccess} from '../../source/model/signal.js';
import {waitForLasting} from '../helpers/wait.js';
import {baseSockets, KEYS, liveMounter, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const ctrlZ = '\u001A';

/** PID 640 (dbus-daemon) as the table showed it; whether socktop may signal it is answered when the test says. */
class CheckedLate extends ScriptedCollector {
	private answered: SignalAccess | null = null;
	private readonly asked: Array<(access: SignalAccess) => void> = [];
	override readonly identify = async () => ({startToken: '1', command: 'dbus-daemon', ageMs: 1e9});
	// The dialog may be drawn checking before its effect asks: an answer given before the question is kept for it.
	override readonly checkSignal = async () =>
		this.answered ??
		new Promise<SignalAccess>(resolve => {
			this.asked.push(resolve);
		});

	answer(access: SignalAccess): void {
		this.answered = access;
		for (const resolve of this.asked.splice(0)) resolve(access);
	}
}

const exited: SignalAccess = {kind: 'exited'};
const denied: SignalAccess = {kind: 'denied', owner: 'messagebus', isRoot: false};
const allowed: SignalAccess = {kind: 'allowed'};

/** The live view, its kill dialog open on dbus-daemon (the first row) and checking it. */
async function checkingDialog() {
	let suspended = 0;
	const codes: number[] = [];
	const collector = new CheckedLate(snapshotOf(baseSockets));
	const {view} = mount({collector, onSuspend: () => suspended++, onExit: code => codes.push(code)});
	await view.waitFor(frame => frame.includes('sshd'));
	await tick(50);
	await view.press('k');
	await view.waitFor(frame => frame.includes('Checking that socktop may signal it'));
	return {view, collector, suspended: () => suspended, codes};
}

const isDialog = (frame: string) => /Send a signal to PID|Checking that|Press any key|y\/N/.test(frame);

describe('LiveView: Ctrl-Z and Ctrl-C typed while the kill dialog checks the process', () => {
	it.each([
		['has exited', exited, 'n'],
		['may not be signalled', denied, 'n'],
		['may be signalled, and q cancels the menu', allowed, 'q'],
	] as const)('act once, though the key before them closes the dialog once it is checked: the process %s', async (_name, access, closes) => {
		const {view, collector, suspended, codes} = await checkingDialog();
		// Three reads, all while the dialog checks: they wait for its answer, but Ctrl-Z and Ctrl-C act now.
		view.write(closes);
		view.write(ctrlZ);
		view.write(KEYS.ctrlC);
		await waitForLasting(() => {
			expect(suspended()).toBe(1);
			expect(codes).toEqual([130]);
		}, 50);
		collector.answer(access);
		// The first key closes the dialog; the two after it are not handed to the table to act again.
		await view.waitFor(frame => !isDialog(frame) && frame.includes('sshd'));
		await waitForLasting(() => {
			expect(suspended()).toBe(1);
			expect(codes).toEqual([130]);
		}, 50);
	});
});

describe('LiveView: Ctrl-Z and Ctrl-C at a kill dialog', () => {
	it.each([
		['a refusal (any other key closes it)', exited, '', 'Press any key'],
		['the menu', allowed, '', 'Send a signal to PID 640'],
		['the question (any other key cancels)', allowed, KEYS.enter, 'y/N'],
	] as const)('suspend and quit from %s, leaving it open', async (_name, access, before, shown) => {
		const {view, collector, suspended, codes} = await checkingDialog();
		collector.answer(access);
		await view.waitFor(frame => isDialog(frame) && !frame.includes('Checking that'));
		if (before !== '') await view.press(before);
		await view.waitFor(frame => frame.includes(shown));

		// A refresh re-renders the live view and the dialog, which changes the order their handlers see a key in.
		collector.push(snapshotOf(baseSockets));
		await tick(100);
		await view.press(ctrlZ);
		await waitForLasting(() => {
			expect(suspended()).toBe(1);
			expect(view.frame()).toContain(shown);
		}, 50);
		await view.press(KEYS.ctrlC);
		await waitForLasting(() => {
			expect(codes).toEqual([130]);
			expect(view.frame()).toContain(shown);
		}, 50);
	});
});
