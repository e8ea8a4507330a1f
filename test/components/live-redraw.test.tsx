/** LiveView: Ctrl-L redraws on every screen, and does nothing else there (no text typed, nothing closed or answered). */
import {describe, expect, it, vi} from 'vitest';
import type {SignalAccess} from '../../source/model/signal.js';
import {waitForLasting} from '../helpers/wait.js';
import {baseSockets, KEYS, liveMounter, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const ctrlL = '\u000C';

/** Whatever this machine runs as PID 640 (the fixture's dbus-daemon), the kill dialog may signal it: its menu and question show. */
class Signallable extends ScriptedCollector {
	override readonly identify = async () => ({startToken: '1', command: 'dbus-daemon', ageMs: 1e9});
	override readonly checkSignal = async (): Promise<SignalAccess> => ({kind: 'allowed'});
}

describe('LiveView: Ctrl-L', () => {
	it.each([
		['the table', null, [], isLoaded],
		['the help', null, ['?'], (frame: string) => frame.includes('socktop keys')],
		['the filter prompt, where it is not typed', null, ['/', 'ss'], (frame: string) => frame.includes('Filter: ss')],
		['the ports prompt', null, ['p', '22'], (frame: string) => frame.includes('ports: 22')],
		['a kill dialog\'s menu', null, ['k'], (frame: string) => frame.includes('Send a signal to PID 640')],
		['a kill dialog\'s question, which it does not cancel', null, ['k', KEYS.enter], (frame: string) => frame.includes('y/N')],
		['a message under the table, which it keeps', null, ['k', 'q'], (frame: string) => frame.includes('Cancelled: no signal sent.')],
		['the PID view', 640, [], (frame: string) => frame.includes('PID 640')],
		['the PID view\'s help', 640, ['?'], (frame: string) => frame.includes('PID 640: keys')],
		['the PID view\'s filter prompt', 640, ['/', 'x'], (frame: string) => frame.includes('Filter: x')],
	] as const)('redraws from %s, which stays as it was', async (_name, pidView, keys, shows) => {
		let redraws = 0;
		const codes: number[] = [];
		const {view} = mount({pidView, collector: new Signallable(snapshotOf(baseSockets)), onRedraw: () => redraws++, onExit: code => codes.push(code)});
		await view.waitFor(frame => (pidView === null ? isLoaded(frame) : frame.includes('PID 640')));
		await tick(50);
		for (const key of keys) {
			await view.press(key);
			await tick(50);
		}

		const before = await view.waitFor(shows);
		await view.press(ctrlL);
		await waitForLasting(() => {
			expect(redraws).toBe(1);
			expect(view.frame()).toBe(before);
		});
		expect(codes).toEqual([]);
	});

	it('redraws behind the too-small message too', async () => {
		let redraws = 0;
		const {view} = mount({columns: 30, rows: 8, onRedraw: () => redraws++});
		await view.waitFor(frame => frame.includes('too small'));
		await view.press(ctrlL);
		await waitForLasting(() => {
			expect(redraws).toBe(1);
		}, 50);
	});
});
