import {describe, expect, it} from 'vitest';
import {parseInetTable} from '../../../source/collect/linux/proc-net.js';
import {dropRepeats, type RawSocket} from '../../../source/collect/linux/tables.js';
import {parseUnixTable} from '../../../source/collect/linux/unix.js';
import {fixture} from './fixtures.js';

const lines = (name: string) => fixture(name).trimEnd().split('\n');

describe('dropRepeats: an entry the kernel printed twice while the table changed', () => {
	it('keeps one row of the entry printed twice in a real capture, and every other row', () => {
		const sockets: RawSocket[] = [];
		expect(parseInetTable(fixture('tcp-repeated.txt'), 'tcp', sockets)).toBe(0);
		// The capture: 4 entries, then inode 17776074 twice.
		expect(sockets.map(socket => socket.inode)).toEqual([17_775_750, 17_776_545, 17_776_179, 17_775_747, 17_776_074, 17_776_074]);
		dropRepeats(sockets);
		expect(sockets.map(socket => socket.inode)).toEqual([17_775_750, 17_776_545, 17_776_179, 17_775_747, 17_776_074]);
	});

	it('tells entries without an inode (TIME_WAIT) apart by their addresses', () => {
		const [header, ...entries] = lines('tcp.txt');
		const timeWaits = entries.filter(line => line.trim().split(/\s+/)[3] === '06');
		expect(timeWaits.length).toBeGreaterThanOrEqual(2);
		const sockets: RawSocket[] = [];
		// Both TIME_WAIT entries, the first of them printed again.
		parseInetTable([header, ...timeWaits, timeWaits[0]].join('\n'), 'tcp', sockets);
		expect(sockets).toHaveLength(timeWaits.length + 1);
		dropRepeats(sockets);
		expect(sockets).toHaveLength(timeWaits.length);
		expect(new Set(sockets.map(socket => `${socket.localPort}>${socket.foreignPort}`)).size).toBe(timeWaits.length);
		expect(sockets.every(socket => socket.inode === 0 && socket.state === 'TIME_WAIT')).toBe(true);
	});

	it('works on one table\'s rows only: rows before `from` are left alone', () => {
		const [header, first = ''] = lines('unix.txt');
		const sockets: RawSocket[] = [];
		parseUnixTable([header, first].join('\n'), sockets);
		parseUnixTable([header, first, first].join('\n'), sockets);
		expect(sockets).toHaveLength(3);
		dropRepeats(sockets, 1);
		expect(sockets).toHaveLength(2);
		expect(sockets[0]!.inode).toBe(sockets[1]!.inode);
	});
});
