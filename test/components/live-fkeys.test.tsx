/** LiveView: htop's keys, F1 h help, F3 F4 filter, F9 kill, F10 quit, in the table and the PID view. */
import {describe, expect, it, vi} from 'vitest';
import {nameFunctionKeys} from '../../source/function-keys.js';
import {baseSockets, KEYS, liveMounter, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** What the terminal sends for each key (xterm's and tmux's; the Linux console's F1), as app.tsx hands it to Ink. */
const F = {
	1: nameFunctionKeys('\u001BOP'),
	console1: nameFunctionKeys('\u001B[[A'),
	3: nameFunctionKeys('\u001BOR'),
	4: nameFunctionKeys('\u001BOS'),
	9: nameFunctionKeys('\u001B[20~'),
	10: nameFunctionKeys('\u001B[21~'),
} as const;

describe('LiveView: htop keys in the table', () => {
	it.each([
		['F1', F[1]],
		["the Linux console's F1", F.console1],
		['h', 'h'],
	])('%s opens the help, which lists the keys htop users know', async (_name, key) => {
		const {view} = mount({rows: 50});
		await view.waitFor(isLoaded);
		await view.press(key);
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame).toMatch(/ \? h F1 +this help/);
		expect(frame).toMatch(/ \/ F3 F4 +filter: words/);
		expect(frame).toMatch(/ k F9 +send a signal/);
		expect(frame).toMatch(/ q F10 +quit$/m);
	});

	it.each([
		['F3', F[3]],
		['F4', F[4]],
	])('%s opens the filter prompt, as / does; an F-key typed there is no text', async (_name, key) => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press(key);
		await view.waitFor(frame => frame.includes('Filter: '));
		await view.press(`ssh${F[9]}${F[4]}`);
		const frame = await view.waitFor(frame => frame.includes('Filter: ssh '));
		expect(frame.split('\n').at(-1)).toMatch(/^Filter: ssh  +Enter keep/);
	});

	it('F9 opens the kill dialog for the selected row, as k does', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press(F[9]);
		// The fixtures' first row (by command) is dbus-daemon, PID 640: its menu, or why it is not signalled.
		await view.waitFor(frame => /PID 640|\[640\]|Process 640/.test(frame) && !frame.includes('Checking'));
	});

	it('F10 quits, with exit code 0, as q does', async () => {
		const onExit = vi.fn();
		const {view} = mount({onExit});
		await view.waitFor(isLoaded);
		await view.press(F[10]);
		await vi.waitFor(() => {
			expect(onExit).toHaveBeenCalledWith(0);
		});
	});
});

describe('LiveView: htop keys in the PID view', () => {
	it('F1 opens its help; F10 goes back to the table when Enter opened the view, as q does', async () => {
		const onExit = vi.fn();
		const {view} = mount({onExit, rows: 40});
		await view.waitFor(isLoaded);
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('PID 640'));
		await view.press(F[1]);
		const help = await view.waitFor(frame => frame.includes('PID 640: keys'));
		expect(help).toMatch(/ \? h F1 +this help$/m);
		expect(help).toContain('back to the PID view before, or the table (Backspace, F10 too)');
		await view.press('x');
		await view.waitFor(frame => !frame.includes('PID 640: keys'));
		await view.press(F[10]);
		await view.waitFor(frame => isLoaded(frame) && !frame.includes('PID 640'));
		// A negative check: a quit would be told within these 50 ms.
		await tick(50);
		expect(onExit).not.toHaveBeenCalled();
	});

	it('F10 quits on the view socktop started on (--pid N), as q does', async () => {
		const onExit = vi.fn();
		const {view} = mount({onExit, pidView: 640, collector: new ScriptedCollector(snapshotOf(baseSockets))});
		await view.waitFor(frame => frame.includes('640'));
		await view.press(F[10]);
		await vi.waitFor(() => {
			expect(onExit).toHaveBeenCalledWith(0);
		});
	});
});
