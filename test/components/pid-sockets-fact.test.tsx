/** The PID view's Sockets fact (socketTally) at the widths users have: a line of its own where it does not fit beside Open FDs. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {detailOf, inetSocket, nginxFds, nginxInfo, scriptedCollector} from './pid-fixtures.js';
import {frameOf, loaded, view} from './pid-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** The view of sshd (or `fds`) on a terminal of `width` x `rows`: the live view gives it rows - 1 lines. */
const at = async (width: number, rows: number, detail = detailOf()) => {
	const instance = view({collector: scriptedCollector([detail]), width, height: rows - 1, interval: 60});
	await loaded(instance);
	return frameOf(instance).split('\n');
};

const tableRows = (lines: readonly string[]) => lines.filter(line => /^│\s+\d/.test(line)).length;

/** A leak: a server that never closes the connections its clients closed. */
const leakFds = (): FileDescriptor[] => [
	...nginxFds().slice(0, 6),
	...Array.from({length: 40}, (_, index): FileDescriptor => ({
		fd: 30 + index,
		type: 'socket',
		target: `socket:[${40_000 + index}]`,
		socket: inetSocket({localAddress: '10.0.0.5', localPort: 80, foreignAddress: '10.0.0.9', foreignPort: 50_000 + index, state: 'CLOSE_WAIT', command: 'nginx', fd: 30 + index, inode: 40_000 + index}),
	})),
];

describe('PidView: the Sockets fact', () => {
	it('at 80x24 takes a line of its own under Started and Open FDs, keeping Cwd and Exe and every fd row', async () => {
		const lines = await at(80, 24);
		expect(lines.slice(1, 6)).toEqual([
			'PID 812  PPID 1  User root (uid 0)  State S (sleeping)  Threads 1',
			'Started 2026-11-26 23:55:00 (3h 5m ago)  Open FDs 5 of 1024 (soft limit)',
			'Sockets 2 LISTEN (TCP)',
			'Cmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
			'Cwd /  Exe /usr/sbin/sshd',
		]);
		expect(tableRows(lines)).toBe(5);
		expect(lines.length).toBeLessThanOrEqual(23);
	});

	it('at 80x24 says a leak in one line above a table that still fills the screen', async () => {
		const lines = await at(80, 24, detailOf(leakFds(), {process: nginxInfo}));
		expect(lines[3]).toBe('Sockets 40 CLOSE_WAIT, 2 LISTEN (TCP); 1 unix');
		expect(lines).toHaveLength(23);
		// Four lines of facts would give the table one more; it keeps the rest.
		expect(tableRows(lines)).toBeGreaterThanOrEqual(9);
	});

	it('stays beside Open FDs where the width leaves room', async () => {
		const lines = await at(100, 24);
		expect(lines[2]).toBe('Started 2026-11-26 23:55:00 (3h 5m ago)  Open FDs 5 of 1024 (soft limit)  Sockets 2 LISTEN (TCP)');
		expect(lines[3]).toMatch(/^Cmdline /);
	});

	it('at 60x20, with three lines of facts, is left out as before rather than take a row from the table', async () => {
		const lines = await at(60, 20);
		expect(lines.slice(1, 4)).toEqual(['PID 812  PPID 1  User root (uid 0)  State S (sleeping)', 'Started 2026-11-26 23:55:00 (3h 5m ago)', 'Cmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100']);
		expect(lines.join('\n')).not.toContain('Sockets');
		expect(tableRows(lines)).toBe(5);
	});
});
