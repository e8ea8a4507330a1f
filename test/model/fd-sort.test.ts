import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/collect/collector.js';
import {fdSortColumns, parseFdSortOrder, sortFds, type FdSortOrder} from '../../source/model/fd-sort.js';
import {fdRow} from '../../source/model/pid-rows.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {inetSocket} from '../components/pid-fixtures.js';

/** A worker's fds, listed by FD as /proc gives them: files, a pipe, a listener, connections to three hosts. */
const connection = (fd: number, address: string, port: number, state: 'ESTABLISHED' | 'CLOSE_WAIT' = 'ESTABLISHED', rxQueue = 0): FileDescriptor => ({
	fd,
	type: 'socket',
	target: `socket:[${40_000 + fd}]`,
	socket: inetSocket({localAddress: '10.0.0.5', localPort: 8080, foreignAddress: address, foreignPort: port, state, fd, inode: 40_000 + fd, rxQueue}),
});
const fds: readonly FileDescriptor[] = [
	{fd: 0, type: 'char', target: '/dev/null', socket: null},
	{fd: 1, type: 'pipe', target: 'pipe:[12345]', socket: null, peer: {command: 'logger', pid: 900, fd: 0}},
	{fd: 2, type: 'pipe', target: 'pipe:[9999]', socket: null},
	{fd: 3, type: 'socket', target: 'socket:[40003]', socket: inetSocket({localAddress: '*', localPort: 8080, foreignAddress: '*', fd: 3, inode: 40_003})},
	connection(9, '10.0.0.10', 50_000),
	connection(10, '10.0.0.9', 61_000, 'CLOSE_WAIT', 517),
	connection(11, '10.0.0.10', 9000),
	connection(12, '10.0.0.9', 61_001),
];
const rows = fds.map(fd => fdRow(fd, 812));
const order = (column: FdSortOrder['column'], isDescending = false) => sortFds(fds, rows, {column, isDescending}).fds.map(fd => fd.fd);

describe('sortFds', () => {
	it('sorts by FD as a number, as the view has always listed them (9 before 10)', () => {
		expect(order('fd')).toEqual([0, 1, 2, 3, 9, 10, 11, 12]);
		expect(order('fd', true)).toEqual([12, 11, 10, 9, 3, 2, 1, 0]);
	});

	it('sorts FOREIGN / PEER by address numerically, then port (the table\'s comparison), other fds after, empty cells last both ways', () => {
		// *:* (the listener), 10.0.0.9 before 10.0.0.10, ports 9000 before 50000; the pipe's peer note; fds 0 and 2 have none.
		expect(order('foreign')).toEqual([3, 10, 12, 11, 9, 1, 0, 2]);
		expect(order('foreign', true)).toEqual([1, 9, 11, 12, 10, 3, 2, 0]);
	});

	it('sorts TARGET by the socket\'s local address, then the other fds by their text with numbers as numbers', () => {
		// The wildcard listener, the connections on 10.0.0.5:8080 (ties by FD), /dev/null, pipe:[9999] before pipe:[12345].
		expect(order('target')).toEqual([3, 9, 10, 11, 12, 0, 2, 1]);
	});

	it('sorts STATE in a connection\'s life (LISTEN, ESTABLISHED, CLOSE_WAIT), fds without one last; ties stay in FD order', () => {
		expect(order('state')).toEqual([3, 9, 11, 12, 10, 0, 1, 2]);
		// The odd one out of a pool, first: r reverses all of it but the unknowns.
		expect(order('state', true)[0]).toBe(10);
		expect(order('state', true).slice(-3)).toEqual([2, 1, 0]);
	});

	it('sorts RECV-Q as a number, TYPE by its text', () => {
		expect(order('recvQ', true)).toEqual([10, 12, 11, 9, 3, 2, 1, 0]);
		expect(order('type').slice(0, 3)).toEqual([0, 1, 2]);
	});

	it('keeps each fd\'s row beside it', () => {
		const sorted = sortFds(fds, rows, {column: 'foreign', isDescending: false});
		expect(sorted.rows.map(row => row.fd)).toEqual(sorted.fds.map(fd => String(fd.fd)));
	});

	it('is stable where fds have no number (a netstat capture): equal keys keep the capture\'s order', () => {
		const capture = [connection(1, '10.0.0.9', 1), connection(2, '10.0.0.9', 2), connection(3, '10.0.0.9', 3)].map(fd => ({...fd, fd: null}));
		const sorted = sortFds(capture, capture.map(fd => fdRow(fd)), {column: 'state', isDescending: false});
		expect(sorted.fds).toEqual(capture);
	});
});

describe('parseFdSortOrder', () => {
	it('takes a PID view column by its heading\'s first word, in any case; -COLUMN descending', () => {
		expect(parseFdSortOrder('foreign')).toEqual({column: 'foreign', isDescending: false});
		expect(parseFdSortOrder('-State')).toEqual({column: 'state', isDescending: true});
		expect(parseFdSortOrder('recv-q')).toEqual({column: 'recvQ', isDescending: false});
	});

	it('refuses a column the PID view does not have, naming the ones it has', () => {
		expect(() => parseFdSortOrder('pid')).toThrow(UserError);
		expect(() => parseFdSortOrder('pid')).toThrow("--sort: the PID view (--pid) has no column 'pid' (use fd, type, target, foreign, state, recv-q, send-q; -COLUMN for descending)");
	});
});

describe('fdSortColumns', () => {
	it('steps through the queue columns only where the view shows them, or sorts by one', () => {
		expect(fdSortColumns(false, 'fd')).toEqual(['fd', 'type', 'target', 'foreign', 'state']);
		expect(fdSortColumns(false, 'sendQ')).toContain('sendQ');
		expect(fdSortColumns(true, 'fd')).toContain('recvQ');
	});
});
