/**
 * Keys that did nothing, or hid rows, quietly for htop and top users: unbound keys say what to press
 * instead, and the toggles u, c, l (htop's user and lsof, top's command line) and n (less's next) what they did.
 */
import {describe, expect, it, vi} from 'vitest';
import {nameFunctionKeys} from '../../source/function-keys.js';
import {baseSockets, liveMounter, type Rendered, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const footer = (frame: string) => frame.trimEnd().split('\n').at(-1);

/** Each key in turn, and the footer's line it draws. */
async function pressEach(view: Rendered, cases: ReadonlyArray<readonly [key: string, hint: string]>) {
	for (const [key, hint] of cases) {
		// eslint-disable-next-line no-await-in-loop
		await view.press(key);
		// eslint-disable-next-line no-await-in-loop
		expect(footer(await view.waitFor(frame => footer(frame) === hint))).toBe(hint);
	}
}

describe('LiveView: keys socktop does not bind', () => {
	it('answers top\'s d and s, htop\'s F6, I, F5 and t with the socktop key, and any other letter with ?', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets))});
		await view.waitFor(isLoaded);
		const cases: ReadonlyArray<readonly [string, string]> = [
			['d', 'd: + and - change the interval (now 0.05s)'],
			['s', 's: + and - change the interval (now 0.05s)'],
			[nameFunctionKeys('\u001B[17~'), 'F6: < > choose the sort column, r reverses'],
			['I', 'I: r reverses the sort'],
			[nameFunctionKeys('\u001B[15~'), "F5: no tree here; Enter shows a process's fds"],
			['x', 'x: not a key here; ? lists the keys'],
			['z', 'z: not a key here; ? lists the keys'],
		];
		await pressEach(view, cases);

		// A bound key still does what it did, and the hint goes.
		await view.press('+');
		const frame = await view.waitFor(frame => !frame.includes('not a key here'));
		expect(footer(frame)).toContain('? help');
	});
});

describe('LiveView: a toggle says what it did', () => {
	it('u, c and l say the filter they set and how to undo it, and what the key is elsewhere', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets))});
		await view.waitFor(isLoaded);
		const cases: ReadonlyArray<readonly [string, string]> = [
			['u', 'u: filter on: unix sockets (u again turns it off; a user: --user NAME)'],
			['u', 'u: filter off: unix sockets'],
			['c', 'c: filter on: connected sockets (c again turns it off; a command line: Enter)'],
			['l', "l: filter on: listening sockets (l again turns it off; a process's open fds: Enter)"],
		];
		await pressEach(view, cases);
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

describe('LiveView: toggles in one read (typed ahead over SSH) say the state they end in', () => {
	const filterLine = (frame: string) => frame.split('\n').find(line => line.startsWith('Sort ')) ?? '';
	// For n: the host's sockets and one of namespace blue, as root reads them.
	const blue = {...baseSockets[0]!, inode: 9001, netns: 'blue'};
	const namespaces = () => ({collector: new ScriptedCollector(snapshotOf([...baseSockets.map(each => ({...each, netns: 'host'})), blue])), isRoot: true});

	it.each([
		['ll', 'Filter none', 'l: filter off: listening sockets'],
		['uu', 'Filter none', 'u: filter off: unix sockets'],
		['lc', 'Filter listening connected', 'c: filter on: connected sockets (c again turns it off; a command line: Enter)'],
		['lcl', 'Filter connected', 'l: filter off: listening sockets'],
		['nn', 'Filter netns blue', 'n: netns blue (n again: next; all is first in the cycle)'],
		['nnn', 'Filter none', 'n: every netns (n again: the first one)'],
	])('%j: %s, and the footer says so', async (keys, filters, hint) => {
		const {view} = mount(keys.startsWith('n') ? namespaces() : {});
		await view.waitFor(isLoaded);
		view.write(keys);
		const frame = await view.waitFor(frame => footer(frame) === hint);
		expect(filterLine(frame)).toContain(`${filters}  `);
		// And stays so: no later frame of the same keys says otherwise.
		await tick(150);
		expect(footer(view.frame())).toBe(hint);
		expect(filterLine(view.frame())).toContain(`${filters}  `);
	});
});
