/** The PID view's sort: < > r over its fd rows, the arrow in the sorted column's heading, the selection kept on its fd. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {detailOf, inetSocket, scriptedCollector} from './pid-fixtures.js';
import {frameOf, inverseRows, loaded, typeUntil, view, waitFor} from './pid-frames.js';
import type {FileDescriptor} from '../../source/model/process.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** A worker pool's connections, one of which is the odd one out (CLOSE_WAIT, another host). */
const connection = (fd: number, address: string, state: 'ESTABLISHED' | 'CLOSE_WAIT' = 'ESTABLISHED'): FileDescriptor => ({
	fd,
	type: 'socket',
	target: `socket:[${40_000 + fd}]`,
	socket: inetSocket({localAddress: '10.0.0.5', localPort: 22, foreignAddress: address, foreignPort: 50_000 + fd, state, fd, inode: 40_000 + fd}),
});
const poolFds: readonly FileDescriptor[] = [
	{fd: 0, type: 'char', target: '/dev/null', socket: null},
	{fd: 3, type: 'socket', target: 'socket:[40003]', socket: inetSocket({foreignAddress: '*', fd: 3, inode: 40_003})},
	connection(9, '10.0.0.10'),
	connection(10, '10.0.0.10'),
	connection(11, '10.0.0.9', 'CLOSE_WAIT'),
	connection(12, '10.0.0.10'),
];

/** The FD table's heading line and its rows' FD cells, in order. */
function table(instance: Parameters<typeof frameOf>[0]): {heading: string; fds: string[]} {
	const lines = frameOf(instance).split('\n');
	const top = lines.findIndex(line => line.startsWith('┌'));
	const bottom = lines.findIndex(line => line.startsWith('└'));
	return {heading: lines[top + 1]!, fds: lines.slice(top + 3, bottom).map(line => line.split('│')[1]!.trim())};
}

describe('the PID view\'s sort', () => {
	it('lists by FD with its arrow, and < > r sort by another column and reverse it, as in the table', async () => {
		const instance = view({collector: scriptedCollector([detailOf(poolFds)]), interval: 60});
		await loaded(instance);
		expect(table(instance)).toEqual({heading: expect.stringMatching(/^│ FD▲ │ TYPE +│/u), fds: ['0', '3', '9', '10', '11', '12']});
		// Right of FD: TYPE, TARGET, FOREIGN / PEER; left of FD goes round to STATE.
		await typeUntil(instance, '>>>', 'FOREIGN / PEER▲');
		// *:* of the listener, then 10.0.0.9 before 10.0.0.10 (as numbers), then the fd with no peer.
		expect(table(instance).fds).toEqual(['3', '11', '9', '10', '12', '0']);
		expect(table(instance).heading).toMatch(/^│ {2}FD │/u);
		await typeUntil(instance, 'r', 'FOREIGN / PEER▼');
		expect(table(instance).fds).toEqual(['12', '10', '9', '11', '3', '0']);
		// `,` is `<` without Shift: back to TARGET, ascending.
		await typeUntil(instance, ',', 'TARGET▲');
		await typeUntil(instance, '<<<', 'STATE▲');
		expect(table(instance).fds).toEqual(['3', '9', '10', '12', '11', '0']);
		expect(frameOf(instance)).not.toContain('a key of the table');
	});

	it('keeps the selection on its fd when the order changes and when the view refreshes', async () => {
		const instance = view({collector: scriptedCollector([detailOf(poolFds)]), interval: 0.05, initialFd: 11});
		await loaded(instance);
		expect(inverseRows(instance)[0]).toMatch(/^11 /u);
		await typeUntil(instance, '<', 'STATE▲');
		await waitFor(() => {
			expect(table(instance).fds.indexOf('11')).toBe(4);
		});
		expect(inverseRows(instance)[0]).toMatch(/^11 /u);
		await typeUntil(instance, 'r', 'STATE▼');
		expect(table(instance).fds[0]).toBe('11');
		expect(inverseRows(instance)[0]).toMatch(/^11 /u);
		// A Move key moves in the order shown: down from the first row is the next one, fd 12.
		instance.stdin.write('j');
		await waitFor(() => {
			expect(inverseRows(instance)[0]).toMatch(/^12 /u);
		});
		const selected = inverseRows(instance)[0];
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		expect(inverseRows(instance)[0]).toBe(selected);
		expect(table(instance).fds).toEqual(['11', '12', '10', '9', '3', '0']);
	});

	it('lists the Sort keys in its ? screen', async () => {
		const instance = view({collector: scriptedCollector([detailOf(poolFds)]), interval: 60});
		await loaded(instance);
		const lines = await typeUntil(instance, '?', 'reverse the sort order');
		expect(lines.join('\n')).toMatch(/Sort +< +sort by the column to the left\n +> +sort by the column to the right\n +r +reverse the sort order/u);
	});
});
