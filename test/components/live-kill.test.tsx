/** LiveView k: the kill dialog on a short terminal, and signals sent to a real process. */
import {spawn} from 'node:child_process';
import {displayWidth} from '../../source/format/escape.js';
import {describe, expect, it, vi} from 'vitest';
import {KEYS, RealProcessCollector, nginx, snapshotOf, socket, tick, liveMounter} from './live-fixtures.js';
import {isLoaded, selectedLine} from './live-frames.js';
import {startZombie} from '../helpers/zombie.js';
import type {Socket} from '../../source/model/types.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
if (process.platform !== 'linux') console.warn('live kill tests of a real process skipped: they read it from /proc (Linux only)');

describe('LiveView: the kill dialog on a short terminal', () => {
	it.each([
		[40, 10],
		[60, 11],
		[80, 13],
		[80, 24],
	])('at %ix%i it fits under the header and one table row at least, and never says no socket matches', async (columns, rows) => {
		const {view} = mount({columns, rows});
		await view.waitFor(isLoaded);
		await view.press('k');
		// Once the dialog has looked at the process: its menu, or why it sends nothing (PID 640 is this machine's, if any).
		const frame = await view.waitFor(current => /PID 640|\[640\]|Process 640/.test(current) && !current.includes('Checking'));
		const lines = frame.split('\n');
		expect(view.rawFrame().split('\n')).toHaveLength(rows - 1);
		expect(lines[0]).toMatch(/^web1/);
		expect(lines[3]).toMatch(/^(USER|COMMAN)/);
		expect(lines[4]).toContain('dbus-daemon'.slice(0, 6));
		expect(frame).not.toContain('No sockets match');
		expect(lines.every(line => displayWidth(line) <= columns)).toBe(true);
		// A border only where the whole box fits, and then it is whole; else every signal on one line.
		const top = lines.findIndex(line => line.startsWith('╭'));
		if (top === -1) {
			// The menu, unless this machine's PID 640 (absent, or another program) was already refused.
			if (frame.includes('Send a signal to')) expect(frame).toContain('>1 TERM  2 INT  3 HUP  4 KILL');
		} else {
			expect(lines[top]).toMatch(/^╭─+╮$/);
			expect(lines.slice(top + 1).find(line => !line.startsWith('│'))).toMatch(/^╰─+╯$/);
		}
	});
});

describe('LiveView: k sends a signal, after asking', () => {
	const spawnSleeper = async () => {
		const child = spawn('sleep', ['60'], {stdio: 'ignore'});
		await new Promise(resolve => {
			child.once('spawn', resolve);
		});
		const exited = new Promise<NodeJS.Signals | null>(resolve => {
			child.once('exit', (_code, signal) => {
				resolve(signal);
			});
		});
		const row = socket({proto: 'tcp4', inode: 31_337, localAddress: '127.0.0.1', localPort: 9, state: 'LISTEN', command: 'sleep', pid: child.pid, fd: 3});
		return {child, exited, row};
	};

	it.skipIf(process.platform !== 'linux')('terminates the selected process after the menu and y', async () => {
		const {child, exited, row} = await spawnSleeper();
		try {
			// Scanned now, after the sleeper started: a process younger than its frame is refused as a reused PID.
			const {view} = mount({collector: new RealProcessCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			await view.press('k');
			await view.waitFor(frame => frame.includes('SIGTERM'));
			await tick(50);
			await view.press(KEYS.enter);
			await view.waitFor(frame => /\by\b/.test(frame.split('\n').slice(-8).join('\n')) && frame.includes(String(child.pid)));
			await tick(50);
			await view.press('y');
			expect(await exited).toBe('SIGTERM');
			const frame = await view.waitFor(frame => frame.includes('q quit') || frame.includes('SIGTERM to'));
			expect(frame.split('\n').at(-1)).toContain(String(child.pid));
		} finally {
			child.kill('SIGKILL');
		}
	});

	it.skipIf(process.platform !== 'linux')('on a gone row, refuses a process that started after the scan the row came from', async () => {
		// The row was last seen a minute ago; its PID now belongs to a process started since, before the latest scan.
		const {child, row} = await spawnSleeper();
		try {
			const collector = new RealProcessCollector(snapshotOf([nginx, row], Date.now() - 60_000));
			const {view} = mount({collector, isColor: true});
			await view.waitFor(frame => frame.includes('sleep'));
			collector.push(snapshotOf([nginx], Date.now()));
			while (collector.scans < 3) await tick(10);
			await view.press('j');
			await view.waitFor(() => selectedLine(view.rawFrame()).includes('sleep'));
			await view.press('k');
			// Said before any menu: the dialog looks at the process first.
			const frame = await view.waitFor(frame => frame.includes('Not sending'));
			expect(frame).toContain(`PID ${child.pid} started after the table showed it`);
		} finally {
			child.kill('SIGKILL');
		}
	});

	// tmux send-keys k 3 (or k Down Down), or a fast typist over SSH: k and the keys after it in one read.
	it.skipIf(process.platform !== 'linux').each([
		['k3', 'k3', '> 3 SIGHUP'],
		['k and two Down arrows', `k${KEYS.down}${KEYS.down}`, '> 3 SIGHUP'],
	])('%s in one read: the keys after k are the kill dialog\'s', async (_name, keys, shows) => {
		const {child, row} = await spawnSleeper();
		try {
			const {view} = mount({collector: new RealProcessCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			view.write(keys);
			const frame = await view.waitFor(frame => frame.includes(shows));
			if (keys === 'k3') expect(frame).not.toContain('y/N');
			await tick(50);
			await view.press(KEYS.escape);
			await view.waitFor(frame => frame.includes('Cancelled'));
			expect(child.exitCode).toBeNull();
			expect(child.signalCode).toBeNull();
		} finally {
			child.kill('SIGKILL');
		}
	});

	// Rows of PIDs past Linux's pid_max, so no process has them and they sort after the sleeper.
	it.skipIf(process.platform !== 'linux').each([
		// Two workers forked from it hold its listener: rows of their own, with the same inode.
		['other processes hold its socket too (a forked server) and it stays bound', (row: Socket) => [9_000_002, 9_000_001].map(pid => ({...row, pid, fd: 5})), 'sleep[9000001] fd 5 and 1 other also hold 127.0.0.1:9 — it stays bound'],
		// Another process listens on 127.0.0.1:9 with a socket of its own (another inode).
		["another process's socket on its port (SO_REUSEPORT) keeps serving the port", (row: Socket) => [{...row, pid: 9_000_001, inode: 31_400}], 'port 9 stays served by sleep[9000001]'],
	])('says, under the question, that %s', async (_name, othersOf, line) => {
		const {child, row} = await spawnSleeper();
		try {
			const {view} = mount({collector: new RealProcessCollector(snapshotOf([row, ...othersOf(row)], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			await view.press('k');
			await view.waitFor(frame => frame.includes('SIGTERM'));
			await tick(50);
			await view.press(KEYS.enter);
			const frame = await view.waitFor(frame => frame.includes('y/N'));
			expect(frame).toContain(`Send SIGTERM to PID ${child.pid} (sleep)? y/N`);
			expect(frame).toContain(line);
			await view.press(KEYS.escape);
			await view.waitFor(frame => frame.includes('Cancelled'));
			expect(child.exitCode).toBeNull();
		} finally {
			child.kill('SIGKILL');
		}
	});

	it.skipIf(process.platform !== 'linux')('on a zombie\'s row (its socket read just before it exited), says it is one and who has to reap it, with no menu', async () => {
		const {pid, parent} = await startZombie();
		try {
			const row = socket({proto: 'tcp4', inode: 31_338, localAddress: '127.0.0.1', localPort: 9, state: 'LISTEN', command: 'sh', pid, fd: 3});
			const {view} = mount({columns: 140, collector: new RealProcessCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes(String(pid)));
			await view.press('k');
			const frame = await view.waitFor(frame => frame.includes('Press any key'));
			expect(frame).toContain(`sh[${pid}] has exited and is a zombie: its parent, sleep[${parent.pid}], has not reaped it; signal the parent, or it goes when the parent does.`);
			expect(frame).not.toContain('SIGTERM');
		} finally {
			parent.kill('SIGKILL');
		}
	});

	it.skipIf(process.platform !== 'linux')('Esc cancels and leaves the process running', async () => {
		const {child, row} = await spawnSleeper();
		try {
			// Scanned now, after the sleeper started: a process younger than its frame is refused as a reused PID.
			const {view} = mount({collector: new RealProcessCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			await view.press('k');
			await view.waitFor(frame => frame.includes('SIGTERM'));
			await tick(50);
			await view.press(KEYS.escape);
			const frame = await view.waitFor(frame => frame.includes('Cancelled'));
			expect(frame.split('\n').at(-1)).toBe('Cancelled: no signal sent.');
			expect(child.exitCode).toBeNull();
			expect(child.signalCode).toBeNull();
		} finally {
			child.kill('SIGKILL');
		}
	});
});
