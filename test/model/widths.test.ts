import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {columnsFor} from '../../source/model/columns.js';
import {diffSnapshots} from '../../source/model/diff.js';
import {cellWidths, holdWidths, SHRINK_AFTER_MS, type CellWidths} from '../../source/model/widths.js';
import {emptySkipped, type Socket} from '../../source/model/types.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {serviceContext} from '../../source/services/service-column.js';
import {socket} from '../helpers/socket.js';

const services = createStaticServiceTable([
	{name: 'http-alt', port: 8080, protocol: 'tcp', aliases: [], comment: '', source: '/etc/services'},
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: '', source: '/etc/services'},
	{name: 'a-rather-long-name', port: 40_000, protocol: 'tcp', aliases: [], comment: '', source: '/etc/services'},
]);

// Every shape of cell: IPv4, IPv6, mapped, ping, unix bound and peered, no address, hostile text, namespaces.
const sockets: Socket[] = [
	socket({proto: 'tcp4', inode: 1, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', user: 'nobody', uid: 65_534, command: 'python3', pid: 27_572, fd: 3}),
	socket({proto: 'tcp4', inode: 2, localAddress: '127.0.0.1', localPort: 40_000, foreignAddress: '127.0.0.1', foreignPort: 8080, state: 'ESTABLISHED', command: 'curl', pid: 9, fd: 12}),
	socket({proto: 'tcp6', inode: 3, localAddress: '::ffff:10.0.0.1', localPort: 22, foreignAddress: '2001:db8::1', foreignPort: 51_000, state: 'CLOSE_WAIT', netns: 'docker:3f4e5a6b7c8d'}),
	socket({proto: 'icmp4', inode: 4, localAddress: '0.0.0.0', localPort: 43_294, state: 'UNCONN', user: 'ev\u202Eil', command: 'x\u001B]0;pwned\u0007'}),
	socket({proto: 'stream', inode: 5, path: '/run/dbus/système_bus_socket', peerPath: '/tmp/a\nb', state: 'ESTABLISHED'}),
	socket({proto: 'dgram', inode: 6, peerInode: 1_234_567, state: 'ESTABLISHED', user: '?', uid: null}),
	socket({proto: 'seqpacket', inode: 7, state: 'UNCONN'}),
	socket({proto: 'udp6', inode: 8, localAddress: null, localPort: null, state: null, netns: 'netns:[4026532202]'}),
];
const snapshot = {time: 0, hostname: 'h', backend: 'proc' as const, sockets, skipped: emptySkipped};
const rows = diffSnapshots(null, snapshot);
const columns = columnsFor(['host', 'docker:3f4e5a6b7c8d', 'netns:[4026532202]']);

describe('cellWidths', () => {
	it('measures LOCAL and FOREIGN of the internet sockets apart, as a unix path is cut either way (LayoutOptions.inet)', () => {
		const context = serviceContext(snapshot, services, [32_768, 60_999]);
		const {widest, inet} = cellWidths(rows, columns, context);
		const inetRows = rows.filter(row => !['stream', 'dgram', 'seqpacket'].includes(row.socket.proto));
		for (const id of ['local', 'foreign'] as const) {
			const column = columns.find(each => each.id === id)!;
			expect(inet[id], id).toBe(Math.max(...inetRows.map(row => displayWidth(column.text(row.socket, context)))));
		}

		// The unix path is the widest LOCAL cell.
		expect(widest.local).toBeGreaterThan(inet.local!);
		expect(Object.keys(inet).sort()).toEqual(['foreign', 'local']);
	});

	it('measures each column as wide as its widest drawn cell, whole and spelled short', () => {
		for (const isNumericUser of [false, true]) {
			const context = serviceContext(snapshot, services, [32_768, 60_999], isNumericUser);
			const {widest, abbreviated} = cellWidths(rows, columns, context);
			for (const column of columns) {
				const texts = rows.map(row => column.text(row.socket, context));
				expect(widest[column.id], column.id).toBe(Math.max(...texts.map(text => displayWidth(text))));
				if (column.abbreviate !== undefined) {
					expect(abbreviated[column.id], column.id).toBe(Math.max(...texts.map(text => displayWidth(column.abbreviate!(text)))));
				}
			}
		}
	});

	it('measures what says something apart: 0 for a column of only "?" or empty cells', () => {
		const context = serviceContext(snapshot, services, [32_768, 60_999]);
		// Row 6 is a unix socket no one could be seen holding: '?' owner, no port.
		const {telling, widest} = cellWidths(rows.slice(5, 6), columns, context);
		expect(widest).toMatchObject({user: 1, command: 1, pid: 1, fd: 1});
		expect(telling).toMatchObject({user: 0, command: 0, pid: 0, fd: 0, service: 0});
		expect(telling.local).toBe(widest.local);
		// With a holder seen, the widest named cell.
		expect(cellWidths(rows.slice(0, 2), columns, context).telling).toMatchObject({user: 6, command: 7, pid: 5, fd: 2, service: 8});
	});

	it('counts NETNS cells of the host (its blankCell) as saying nothing, as a table without NETNS is the host\'s', () => {
		const context = serviceContext(snapshot, services, [32_768, 60_999]);
		expect(cellWidths(rows.slice(0, 2), columns, context)).toMatchObject({widest: {netns: 4}, telling: {netns: 0}});
		expect(cellWidths(rows.slice(0, 3), columns, context).telling.netns).toBe('docker:3f4e5a6b7c8d'.length);
	});

	it('names SERVICE by the port the cell names, not the wider name of the other port', () => {
		// curl's local port 40000 has a long name, but its cell names the listener's 8080.
		const context = serviceContext(snapshot, services, [32_768, 60_999]);
		expect(cellWidths(rows.slice(0, 2), columns, context).widest.service).toBe('http-alt'.length);
	});
});

const widths = (user: number): CellWidths => ({widest: {user}, abbreviated: {}, telling: {}, inet: {}});

describe('holdWidths', () => {
	it('grows at once, and shrinks only once the wider cells have been gone for a while', () => {
		let held = holdWidths(null, widths(6), 0);
		held = holdWidths(held, widths(15), 2000);
		expect(held.widths.widest.user).toBe(15);
		held = holdWidths(held, widths(6), 4000);
		expect(held.widths.widest.user).toBe(15);
		held = holdWidths(held, widths(6), 2000 + SHRINK_AFTER_MS - 1);
		expect(held.widths.widest.user).toBe(15);
		held = holdWidths(held, widths(6), 2000 + SHRINK_AFTER_MS);
		expect(held.widths.widest.user).toBe(6);
	});

	it('holds a column that says something for a while after it goes blank, so it does not vanish at once', () => {
		const told = (user: number): CellWidths => ({widest: {user: Math.max(user, 1)}, abbreviated: {}, telling: {user}, inet: {}});
		let held = holdWidths(null, told(6), 0);
		held = holdWidths(held, told(0), 2000);
		expect(held.widths.telling.user).toBe(6);
		held = holdWidths(held, told(0), SHRINK_AFTER_MS);
		expect(held.widths.telling.user).toBe(0);
		// Back at once.
		expect(holdWidths(held, told(4), SHRINK_AFTER_MS + 1).widths.telling.user).toBe(4);
	});

	it('starts afresh without a previous hold (new filters)', () => {
		expect(holdWidths(null, widths(4), 5).widths.widest.user).toBe(4);
	});
});
