import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/collect/collector.js';
import type {ColumnContext} from '../../source/model/columns.js';
import {applyFilters} from '../../source/model/filter.js';
import {describeFilters} from '../../source/model/filter-words.js';
import {COLUMNS} from '../../source/model/columns.js';
import {groupFilter, parseTallyColumn, tallySockets, TALLY_COLUMNS} from '../../source/model/tally.js';
import type {Socket} from '../../source/model/types.js';
import {defaultFilters} from '../../source/options.js';
import {createStaticServiceTable} from '../../source/services/table.js';
import {serviceContext} from '../../source/services/service-column.js';
import {socket} from '../helpers/socket.js';

const plain: ColumnContext = {serviceName: () => ''};

/** A web server on 10.0.0.1:443 with clients from three hosts, and this host's own outgoing connections. */
const listener = socket({localAddress: '10.0.0.1', localPort: 443, foreignAddress: '*', state: 'LISTEN', command: 'nginx', pid: 10, fd: 3, inode: 1});
const accepted = (host: string, port: number, inode: number, state: Socket['state'] = 'ESTABLISHED'): Socket =>
	socket({localAddress: '10.0.0.1', localPort: 443, foreignAddress: host, foreignPort: port, state, command: 'nginx', pid: 10, fd: inode, inode});
const outgoing = (port: number, inode: number): Socket =>
	socket({localAddress: '10.0.0.1', localPort: port, foreignAddress: '192.0.2.7', foreignPort: 5432, state: 'ESTABLISHED', command: 'app', pid: 20, fd: inode, inode});
const sockets: Socket[] = [
	listener,
	...[1, 2, 3, 4, 5].map(index => accepted('10.0.0.5', 50_000 + index, 100 + index)),
	accepted('10.0.0.50', 50_100, 110),
	accepted('::ffff:10.0.0.5', 50_200, 111, 'CLOSE_WAIT'),
	accepted('10.0.0.6', 50_300, 112, 'CLOSE_WAIT'),
	accepted('10.0.0.6', 50_301, 113, 'CLOSE_WAIT'),
	outgoing(40_001, 120),
	outgoing(40_002, 121),
	outgoing(40_003, 122),
];

const counted = (column: Parameters<typeof tallySockets>[1], context: ColumnContext = plain, list: readonly Socket[] = sockets) =>
	tallySockets(list, column, context).groups.map(group => [group.count, group.label]);

describe('tallySockets', () => {
	it('counts FOREIGN by host, not host:port (an IPv4-mapped address as its IPv4 address), most first', () => {
		expect(counted('foreign')).toEqual([
			[6, '10.0.0.5'],
			[3, '192.0.2.7'],
			[2, '10.0.0.6'],
			// Ties in the column's order: the wildcard, then addresses numerically (10.0.0.50 after 10.0.0.6).
			[1, '*'],
			[1, '10.0.0.50'],
		]);
		expect(tallySockets(sockets, 'foreign', plain).total).toBe(sockets.length);
	});

	it('counts LOCAL by address:port, outgoing connections\' client ports as one group named by the ephemeral range', () => {
		const context = serviceContext({time: 0, hostname: 'h', backend: 'proc', sockets, skipped: {} as never}, createStaticServiceTable([]), [32_768, 60_999]);
		expect(counted('local', context)).toEqual([
			[10, '10.0.0.1:443'],
			[3, 'ephemeral ports 32768-60999'],
		]);
		// Without a range (a capture), the listener here still tells the client ends; the group has no range to name.
		const capture = serviceContext({time: 0, hostname: 'h', backend: 'import', sockets: [...sockets, socket({localAddress: '*', localPort: 5432, state: 'LISTEN', inode: 9})], skipped: {} as never}, createStaticServiceTable([]), null);
		expect(counted('local', capture, sockets)).toContainEqual([3, 'ephemeral ports']);
		// Without the hints (no listener, range or name tells the direction), each port is its own.
		expect(counted('local')).toHaveLength(4);
	});

	it('counts STATE in a connection\'s life among equal counts, PID with its command, COMMAND by name', () => {
		expect(counted('state')).toEqual([
			[9, 'ESTABLISHED'],
			[3, 'CLOSE_WAIT'],
			[1, 'LISTEN'],
		]);
		expect(counted('pid')).toEqual([
			[10, '10 nginx'],
			[3, '20 app'],
		]);
		expect(counted('command')).toEqual([
			[10, 'nginx'],
			[3, 'app'],
		]);
	});

	it('puts unknown values last among equal counts, and says an empty SERVICE as -', () => {
		const list = [socket({user: '?', uid: null, inode: 1}), socket({user: 'zed', uid: 5, inode: 2})];
		expect(counted('user', plain, list)).toEqual([
			[1, 'zed'],
			[1, '?'],
		]);
		expect(counted('service', plain, list)).toEqual([[2, '-']]);
	});

	it('sanitizes hostile names, and keeps names that sanitize alike apart', () => {
		const hostile = [socket({command: 'evil\u001b[2J', inode: 1}), socket({command: 'evil\\x1b[2J', inode: 2}), socket({command: 'evil\u001b[2J', inode: 3})];
		const groups = tallySockets(hostile, 'command', plain).groups;
		// Two groups, both drawn alike (sanitize spells the escape as the other's text), and inert.
		expect(groups.map(group => [group.count, group.label])).toEqual([
			[2, 'evil\\x1b[2J'],
			[1, 'evil\\x1b[2J'],
		]);
		for (const group of groups) expect(group.label).not.toMatch(/[\u0000-\u001f]/u);
	});
});

describe('a tally across network namespaces', () => {
	// The host's web app on 127.0.0.1:8080 with a local client, and a container's own app on its own 127.0.0.1:8080, with one.
	const inContainer = {netns: 'docker:3f4e5a6b7c8d'};
	const spread: Socket[] = [
		socket({localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '*', state: 'LISTEN', inode: 1}),
		socket({localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 40_000, state: 'ESTABLISHED', inode: 2}),
		socket({...inContainer, localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '*', state: 'LISTEN', inode: 3}),
		socket({...inContainer, localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 40_001, state: 'ESTABLISHED', inode: 4}),
		// The same remote host, from either namespace: one host.
		socket({localAddress: '10.0.0.1', localPort: 50_000, foreignAddress: '192.0.2.7', foreignPort: 443, state: 'ESTABLISHED', inode: 5}),
		socket({...inContainer, localAddress: '172.17.0.2', localPort: 50_001, foreignAddress: '192.0.2.7', foreignPort: 443, state: 'ESTABLISHED', inode: 6}),
	];

	it('keeps each namespace\'s LOCAL addresses and loopback hosts apart, naming the namespace, and a remote host one', () => {
		expect(counted('local', plain, spread)).toEqual([
			[2, '127.0.0.1:8080'],
			[2, '127.0.0.1:8080 in docker:3f4e5a6b7c8d'],
			[1, '10.0.0.1:50000'],
			[1, '172.17.0.2:50001 in docker:3f4e5a6b7c8d'],
		]);
		expect(counted('foreign', plain, spread)).toEqual([
			[2, '*'],
			[2, '192.0.2.7'],
			[1, '127.0.0.1'],
			[1, '127.0.0.1 in docker:3f4e5a6b7c8d'],
		]);
	});

	it('drills into the container\'s listener alone', () => {
		const group = tallySockets(spread, 'local', plain).groups[1]!;
		const filters = {...defaultFilters, group: groupFilter('local', group)};
		expect(applyFilters(spread, filters, {columns: COLUMNS, context: plain}).map(each => each.inode)).toEqual([3, 4]);
		expect(describeFilters(filters)).toEqual(['local 127.0.0.1:8080 in docker:3f4e5a6b7c8d']);
	});
});

describe('the drill-in group filter', () => {
	it('passes exactly the group\'s rows: 10.0.0.5 is not 10.0.0.50, and takes in the IPv4-mapped one', () => {
		const group = tallySockets(sockets, 'foreign', plain).groups[0]!;
		const filters = {...defaultFilters, group: groupFilter('foreign', group)};
		const passed = applyFilters(sockets, filters, {columns: COLUMNS, context: plain});
		expect(passed).toHaveLength(6);
		expect(passed.every(each => each.foreignAddress === '10.0.0.5' || each.foreignAddress === '::ffff:10.0.0.5')).toBe(true);
		expect(describeFilters(filters)).toEqual(['foreign 10.0.0.5']);
	});

	it('passes the client ports\' group of LOCAL, said in words', () => {
		const context = serviceContext({time: 0, hostname: 'h', backend: 'proc', sockets, skipped: {} as never}, createStaticServiceTable([]), [32_768, 60_999]);
		const group = tallySockets(sockets, 'local', context).groups[1]!;
		const filters = {...defaultFilters, group: groupFilter('local', group)};
		expect(applyFilters(sockets, filters, {columns: COLUMNS, context}).map(each => each.localPort)).toEqual([40_001, 40_002, 40_003]);
		expect(describeFilters(filters)).toEqual(['local ephemeral ports 32768-60999']);
	});
});

describe('parseTallyColumn', () => {
	it('takes a column as --sort names it, in any case', () => {
		expect(parseTallyColumn('Foreign')).toBe('foreign');
		expect(TALLY_COLUMNS).not.toContain('fd');
	});

	it('refuses FD and unknown names, listing the columns', () => {
		expect(() => parseTallyColumn('fd')).toThrow(new UserError('--tally: FD is not counted: every socket has its own (use user, command, pid, netns, proto, local, foreign, state, service)'));
		expect(() => parseTallyColumn('host')).toThrow("--tally: unknown column 'host' (use user, command, pid, netns, proto, local, foreign, state, service)");
	});
});
