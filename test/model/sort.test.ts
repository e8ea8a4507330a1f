import {describe, expect, it} from 'vitest';
import {COLUMN_IDS, columnById, type ColumnContext, type ColumnId} from '../../source/model/columns.js';
import {localSortKey} from '../../source/model/address-key.js';
import {diffSnapshots} from '../../source/model/diff.js';
import {sortRows, stepColumn} from '../../source/model/sort.js';
import {baseSockets, browser, dbus, hidden, nginx, resolver, snapshotOf, sshd4, sshd6} from '../components/live-fixtures.js';
import type {Socket} from '../../source/model/types.js';

const names = new Map<Socket, string>([
	[sshd4, 'ssh'],
	[sshd6, 'ssh'],
	[nginx, 'http'],
	[resolver, 'domain'],
	[browser, 'https'],
]);
const context: ColumnContext = {serviceName: socket => names.get(socket) ?? ''};
const rows = diffSnapshots(null, snapshotOf([...baseSockets, hidden]));
const order = (column: ColumnId, isDescending: boolean) =>
	sortRows(rows, columnById(column), isDescending, context).map(row => row.socket);

/** Ascending orders written out by hand: what a user expects, not what the code computes. */
const ascending: Record<ColumnId, readonly Socket[]> = {
	// '?' (no holder seen, no uid) is unknown: last, as in COMMAND and PID.
	user: [browser, dbus, sshd4, sshd6, resolver, nginx, hidden],
	command: [dbus, browser, nginx, sshd4, sshd6, resolver, hidden],
	pid: [resolver, dbus, sshd4, sshd6, nginx, browser, hidden],
	fd: [sshd4, sshd6, nginx, dbus, resolver, browser, hidden],
	// Every fixture socket is the host's: ties fall back to PID (see the namespaced test below).
	netns: [resolver, dbus, sshd4, sshd6, nginx, browser, hidden],
	// Inet first (tcp4, tcp6, udp4, ...), then the unix types.
	proto: [sshd4, nginx, browser, hidden, sshd6, resolver, dbus],
	// Wildcard first; 10.0.0.2 before 10.0.0.10 (numeric), then port; unix paths after every address.
	local: [sshd4, sshd6, hidden, browser, nginx, resolver, dbus],
	// Equal keys ('*:*') fall back to PID order: 95, 812, 812, 1204.
	foreign: [resolver, sshd4, sshd6, nginx, hidden, browser, dbus],
	// A connection's life, listeners first (LISTEN, ESTABLISHED, TIME_WAIT), then datagram states.
	state: [dbus, sshd4, sshd6, nginx, browser, hidden, resolver],
	service: [resolver, nginx, browser, sshd4, sshd6, dbus, hidden],
};

describe('sortRows', () => {
	it.each(COLUMN_IDS)('sorts by %s ascending', column => {
		expect(order(column, false)).toEqual(ascending[column]);
	});

	it.each(COLUMN_IDS)('sorts by %s descending: the reverse, with unknown values still last', column => {
		const expected = [...ascending[column]].reverse();
		// Rows whose key is unknown ('?' PID, no service) stay at the bottom in both directions.
		const unknown = expected.filter(socket => columnById(column).sortKey(socket, context) === null);
		const known = expected.filter(socket => !unknown.includes(socket));
		expect(order(column, true)).toEqual([...known, ...unknown]);
	});

	it('sorts unix peers named by their holder after paths, by name then PID as numbers', () => {
		const peer = (command: string, pid: number, inode: number) => ({...dbus, inode, peerPath: null, peerInode: 1, state: 'ESTABLISHED' as const, peerHolder: {command, pid}});
		const [zsh, python9, python10] = [peer('zsh', 2, 3001), peer('python3', 9, 3002), peer('python3', 10, 3003)];
		const named = {...dbus, inode: 3004, peerPath: '/run/dbus/system_bus_socket', state: 'ESTABLISHED' as const};
		const unnamed = {...dbus, inode: 3005, peerPath: null, peerInode: 7, state: 'ESTABLISHED' as const};
		const mixed = diffSnapshots(null, snapshotOf([zsh, unnamed, python10, named, python9]));
		expect(sortRows(mixed, columnById('foreign'), false, context).map(row => row.socket)).toEqual([named, python9, python10, zsh, unnamed]);
	});

	it('sorts by NETNS with the host first, then the other namespaces by name', () => {
		const blue = {...nginx, inode: 2001, netns: 'blue'};
		const container = {...sshd4, inode: 2002, netns: 'docker:3f4e5a6b7c8d'};
		const inode = {...resolver, inode: 2003, netns: 'netns:[4026532202]'};
		const spaced = diffSnapshots(null, snapshotOf([inode, container, browser, blue, hidden]));
		const sorted = (isDescending: boolean) => sortRows(spaced, columnById('netns'), isDescending, context).map(row => row.socket);
		expect(sorted(false)).toEqual([browser, hidden, blue, container, inode]);
		expect(sorted(true)).toEqual([inode, container, blue, hidden, browser]);
	});

	it('sorts PROTO with ping sockets among the inet protocols: after UDP-Lite, before raw and unix', () => {
		const ping4 = {...resolver, proto: 'icmp4' as const, inode: 3001};
		const ping6 = {...resolver, proto: 'icmp6' as const, inode: 3002};
		const raw = {...resolver, proto: 'raw4' as const, inode: 3003};
		const lite = {...resolver, proto: 'udplite6' as const, inode: 3004};
		const mixed = diffSnapshots(null, snapshotOf([dbus, raw, ping6, ping4, lite, sshd4]));
		expect(sortRows(mixed, columnById('proto'), false, context).map(row => row.socket.proto)).toEqual(['tcp4', 'udplite6', 'icmp4', 'icmp6', 'raw4', 'stream']);
	});

	it('sorts a dual-stack listener (tcp46, udp46) between the IPv4 and the IPv6 ones of its protocol', () => {
		const dual = {...sshd6, isV6Only: false, inode: 3005};
		const udpDual = {...resolver, proto: 'udp6' as const, localAddress: '*', isV6Only: false, inode: 3006};
		const udp6 = {...resolver, proto: 'udp6' as const, localAddress: '*', isV6Only: true, inode: 3007};
		const mixed = diffSnapshots(null, snapshotOf([udp6, sshd6, udpDual, dual, resolver, sshd4]));
		const sorted = sortRows(mixed, columnById('proto'), false, context).map(row => columnById('proto').text(row.socket, context));
		expect(sorted).toEqual(['tcp4', 'tcp46', 'tcp6', 'udp4', 'udp46', 'udp6']);
	});

	it('keeps ties in a stable order across refreshes (by PID, then FD)', () => {
		const shuffled = diffSnapshots(null, snapshotOf([sshd6, nginx, sshd4]));
		const sorted = sortRows(shuffled, columnById('command'), false, context).map(row => row.socket);
		expect(sorted).toEqual([nginx, sshd4, sshd6]);
	});

	it('breaks a tie within one process by FD, numerically, before the row identity', () => {
		// The row keys (tcp4#1000, tcp4#2000) would put fd 6 first; FD order puts fd 5 first.
		const late = {...sshd4, inode: 2000, fd: 5};
		const early = {...sshd4, inode: 1000, fd: 6};
		const same = diffSnapshots(null, snapshotOf([early, late]));
		expect(sortRows(same, columnById('command'), false, context).map(row => row.socket)).toEqual([late, early]);
		expect(sortRows(same, columnById('command'), true, context).map(row => row.socket)).toEqual([early, late]);
	});

	it('sorts 50,000 rows by address (their speed: the key timings of the scale bench)', () => {
		const many = Array.from({length: 50_000}, (_, index) => ({
			...browser,
			inode: 100_000 + index,
			localAddress: `10.${index % 256}.${(index >> 8) % 256}.${index % 7}`,
			localPort: 1024 + (index % 60_000),
			pid: 1 + ((index * 7919) % 400_000),
		}));
		const big = diffSnapshots(null, snapshotOf(many));
		const sorted = sortRows(big, columnById('local'), false, context);
		expect(sorted).toHaveLength(50_000);
		const keys = sorted.map(row => localSortKey(row.socket));
		expect(keys.every((key, index) => index === 0 || keys[index - 1]! <= key)).toBe(true);
	});
});

describe('stepColumn', () => {
	it('moves left and right and wraps, like htop', () => {
		expect(stepColumn('pid', 1)).toBe('fd');
		expect(stepColumn('pid', -1)).toBe('command');
		expect(stepColumn('service', 1)).toBe('user');
		expect(stepColumn('user', -1)).toBe('service');
	});

	it('steps among the columns on screen only', () => {
		expect(stepColumn('pid', 1, ['command', 'pid', 'local', 'foreign'])).toBe('local');
		expect(stepColumn('state', 1, ['command', 'pid'])).toBe('command');
	});
});
