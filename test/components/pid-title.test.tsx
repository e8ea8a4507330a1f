import {describe, expect, it} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {pidTitle, type PidTitleInput} from '../../source/components/pid-title.js';
import {displayWidth} from '../../source/format/escape.js';
import type {FileDescriptor} from '../../source/model/process.js';
import type {Collector} from '../../source/collect/collector.js';
import type {SignalAccess} from '../../source/model/signal.js';
import {detailOf, inetSocket, scriptedCollector, sshdInfo} from './pid-fixtures.js';
import {frameOf, loaded, view, waitFor} from './pid-frames.js';

const node: PidTitleInput = {pid: 4242, command: 'node', isPaused: false, canSignal: true, isAscii: false, filter: '', top: 193, page: 11, shown: 1021, total: 1021};

describe('pidTitle', () => {
	it('says every hint and the rows in words where they fit', () => {
		expect(pidTitle(node, 100)).toBe(' PID 4242 node · Esc back · ? help · k kill · ↑↓ select · / filter · rows 194-204 of 1021');
	});

	it('drops hints before the total, then shortens the rows, then cuts the command: the total is never lost', () => {
		expect(pidTitle(node, 80)).toBe(' PID 4242 node · Esc back · ? help · k kill · ↑↓ select · rows 194-204 of 1021');
		expect(pidTitle(node, 75)).toBe(' PID 4242 node · Esc back · ? help · k kill · rows 194-204 of 1021');
		expect(pidTitle(node, 60)).toBe(' PID 4242 node · Esc back · ? help · rows 194-204 of 1021');
		expect(pidTitle(node, 50)).toBe(' PID 4242 node · Esc back · ? help · 194-204/1021');
		expect(pidTitle(node, 40)).toBe(' PID 4242 node · ? help · 194-204/1021');
		expect(pidTitle({...node, pid: 4_194_304}, 40)).toBe(' PID 4194304 node · 194-204/1021');
		expect(pidTitle({...node, pid: 4_194_304, command: 'node-api-server'}, 40)).toBe(' PID 4194304 node-api-se… · 194-204/1021');
		expect(pidTitle({...node, command: 'a-very-long-command-name-indeed'}, 40)).toBe(' PID 4242 a-very-long-co… · 194-204/1021');
		expect(pidTitle({...node, isPaused: true, command: 'a-very-long-command-name-indeed'}, 40)).toBe(' PID 4242 a-ver… · paused · 194-204/1021');
	});

	it('fits every width from 40 to 120, and keeps the total at each', () => {
		for (let width = 40; width <= 120; width++) {
			for (const command of ['node', 'x'.repeat(60)]) {
				const title = pidTitle({...node, command, isPaused: width % 2 === 0}, width);
				expect(displayWidth(title), `${width}: ${title}`).toBeLessThanOrEqual(width);
				expect(title, `${width}: ${title}`).toMatch(/194-204(\/| of )1021$/);
			}
		}
	});

	it('names the arrow keys in words in a locale that is not UTF-8, and still keeps the total', () => {
		expect(pidTitle({...node, isAscii: true}, 100)).toBe(' PID 4242 node · Esc back · ? help · k kill · Up/Dn select · / filter · rows 194-204 of 1021');
		// 'Up/Dn' is three columns wider than '↑↓': at 80 columns the arrows fit (as above), the words do not.
		expect(pidTitle({...node, isAscii: true}, 80)).toBe(' PID 4242 node · Esc back · ? help · k kill · rows 194-204 of 1021');
	});

	it('writes a filter with quotes of its own as typed after /', () => {
		expect(pidTitle({...node, filter: '"unix stream"', top: 0, page: 20, shown: 2, total: 9}, 120)).toContain(' · /"unix stream": showing 2 of 9');
	});

	it('says nothing of rows before any are read, even with a filter', () => {
		expect(pidTitle({...node, filter: '38', top: 0, page: 0, shown: 0, total: 0}, 80)).toBe(' PID 4242 node · Esc clear · ? help · k kill · ↑↓ select · / filter');
	});

	it('offers no select and no / filter where there are no rows (none readable)', () => {
		expect(pidTitle({...node, top: 0, page: 20, shown: 0, total: 0}, 100)).toBe(' PID 4242 node · Esc back · ? help · k kill');
	});

	it('says nothing of rows when all are on screen', () => {
		expect(pidTitle({...node, top: 0, page: 20, shown: 5, total: 5}, 80)).toBe(' PID 4242 node · Esc back · ? help · k kill · ↑↓ select · / filter');
	});
});

unmountAfterEach();

describe('the PID view of a process with 1,021 fds at 80x24', () => {
	it('keeps the total in the title', async () => {
		// A node server holding 500 TCP connections to itself (both ends: 1,000 fds) and its 21 others;
		// its name as /proc/PID/comm gives it, up to 15 characters.
		const fds: FileDescriptor[] = Array.from({length: 1021}, (_, fd) =>
			fd < 21
				? {fd, type: 'file', target: `/tmp/file-${fd}`, socket: null}
				: {fd, type: 'socket', target: `socket:[${40_000 + fd}]`, socket: inetSocket({localAddress: '127.0.0.1', localPort: 30_000 + fd, foreignAddress: '127.0.0.1', foreignPort: 31_000 + fd, state: 'ESTABLISHED', command: 'node', pid: 812, fd, inode: 40_000 + fd})},
		);
		const instance = view({collector: scriptedCollector([detailOf(fds, {process: {...sshdInfo, command: 'node-api-server'}})]), width: 80, height: 24, interval: 60});
		await loaded(instance);
		instance.stdin.write('G');
		await waitFor(() => {
			expect(frameOf(instance).split('\n')[0]).toMatch(/^ PID 812 node-api-server · Esc back · \? help · k kill · rows 10\d\d-1021 of 1021$/);
		});
	});
});

describe('the PID view of a process whose fds were denied', () => {
	const denied = detailOf([], {fdCount: null, denied: 'Permission denied reading the open files of PID 812 (user root): run socktop as root (sudo) to see its files and sockets.'});

	it('offers k only when kill(pid, 0) does not refuse it, and no / filter over no rows', async () => {
		// Another user's process: the k that would only say "may not signal" is not offered.
		const refused = {...scriptedCollector([denied]), checkSignal: async (): Promise<SignalAccess> => ({kind: 'denied', owner: 'root', isRoot: false})};
		const instance = view({collector: refused, width: 100, height: 24, interval: 60});
		await loaded(instance);
		await waitFor(() => {
			expect(frameOf(instance).split('\n')[0]).toBe(' PID 812 sshd · Esc back · ? help');
		});
		instance.unmount();
		// A set-uid program the user started: its fds are denied too, but it is theirs to signal.
		const allowed = view({collector: scriptedCollector([denied]), width: 100, height: 24, interval: 60});
		await loaded(allowed);
		await waitFor(() => {
			expect(frameOf(allowed).split('\n')[0]).toBe(' PID 812 sshd · Esc back · ? help · k kill');
		});
	});

	it('lists k in its ? help as its title offers it: not where kill(pid, 0) refuses, and where it allows', async () => {
		const refused = {...scriptedCollector([denied]), checkSignal: async (): Promise<SignalAccess> => ({kind: 'denied', owner: 'root', isRoot: false})};
		const helpOf = async (collector: Collector, title: string) => {
			const instance = view({collector, width: 100, height: 30, interval: 60});
			await loaded(instance);
			// The title first: the check has answered by then.
			await waitFor(() => {
				expect(frameOf(instance).split('\n')[0]).toBe(title);
			});
			instance.stdin.write('?');
			await waitFor(() => {
				expect(frameOf(instance)).toContain('this help');
			});
			const help = frameOf(instance);
			instance.unmount();
			return help;
		};

		expect(await helpOf(refused, ' PID 812 sshd · Esc back · ? help')).not.toMatch(/\bk F9\b|send a signal/);
		expect(await helpOf(scriptedCollector([denied]), ' PID 812 sshd · Esc back · ? help · k kill')).toMatch(/k F9 +send a signal to the process/);
	});
});
