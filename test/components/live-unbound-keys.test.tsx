/** htop's and top's keys socktop does not bind say what to press instead, in the footer, where they did nothing. */
import {describe, expect, it, vi} from 'vitest';
import {nameFunctionKeys} from '../../source/function-keys.js';
import {baseSockets, liveMounter, ScriptedCollector, snapshotOf} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const footer = (frame: string) => frame.trimEnd().split('\n').at(-1);

describe('LiveView: keys socktop does not bind', () => {
	it('answers top\'s d and s, htop\'s F6, I, F5 and t with the socktop key, and any other letter with ?', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets))});
		await view.waitFor(isLoaded);
		const cases = [
			['d', 'd: + and - change the interval (now 0.05s)'],
			['s', 's: + and - change the interval (now 0.05s)'],
			[nameFunctionKeys('\u001B[17~'), 'F6: < > choose the sort column, r reverses'],
			['I', 'I: r reverses the sort'],
			[nameFunctionKeys('\u001B[15~'), "F5: no tree here; Enter shows a process's fds"],
			['t', "t: no tree here; Enter shows a process's fds"],
			['x', 'x: not a key here; ? lists the keys'],
			['z', 'z: not a key here; ? lists the keys'],
		] as const;
		for (const [key, hint] of cases) {
			// eslint-disable-next-line no-await-in-loop
			await view.press(key);
			// eslint-disable-next-line no-await-in-loop
			expect(footer(await view.waitFor(frame => footer(frame) === hint))).toBe(hint);
		}

		// A bound key still does what it did, and the hint goes.
		await view.press('+');
		const frame = await view.waitFor(frame => !frame.includes('not a key here'));
		expect(footer(frame)).toContain('? help');
	});
});
