/** Toggles that hide rows say so once: htop's u (user) and l (lsof), top's c (command line), less's n (next match). */
import {describe, expect, it, vi} from 'vitest';
import {baseSockets, liveMounter, ScriptedCollector, snapshotOf} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const footer = (frame: string) => frame.trimEnd().split('\n').at(-1);

describe('LiveView: a toggle says what it did', () => {
	it('u, c and l say the filter they set and how to undo it, and what the key is elsewhere', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets))});
		await view.waitFor(isLoaded);
		const cases = [
			['u', 'u: filter on: unix sockets (u again turns it off; a user: --user NAME)'],
			['u', 'u: filter off: unix sockets'],
			['c', 'c: filter on: connected sockets (c again turns it off; a command line: Enter)'],
			['l', "l: filter on: listening sockets (l again turns it off; a process's open fds: Enter)"],
		] as const;
		for (const [key, hint] of cases) {
			// eslint-disable-next-line no-await-in-loop
			await view.press(key);
			// eslint-disable-next-line no-await-in-loop
			expect(footer(await view.waitFor(frame => footer(frame) === hint))).toBe(hint);
		}
	});

	it('n says the namespace it shows, and where no other is readable says so and keeps the view', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets.map(each => ({...each, netns: 'host'})))), filters: {netns: 'host'}});
		const before = (await view.waitFor(isLoaded)).split('\n')[2];
		await view.press('n');
		const frame = await view.waitFor(frame => footer(frame) === 'n: no other network namespace readable (run as root)');
		// Was 'Filter netns host' and 'Filter none' by turns, the same rows in both.
		expect(frame.split('\n')[2]).toBe(before);
		expect(frame).toContain('sshd');
	});

	it('n names the namespace it steps to', async () => {
		const blue = {...baseSockets[0]!, inode: 9001, netns: 'blue'};
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([...baseSockets.map(each => ({...each, netns: 'host'})), blue])), isRoot: true});
		await view.waitFor(isLoaded);
		await view.press('n');
		await view.waitFor(frame => footer(frame) === 'n: netns host (n again: next; all is first in the cycle)');
		await view.press('n');
		await view.waitFor(frame => footer(frame) === 'n: netns blue (n again: next; all is first in the cycle)');
		await view.press('n');
		await view.waitFor(frame => footer(frame) === 'n: every netns (n again: the first one)');
	});
});
