/**
 * What gives way to LOCAL and FOREIGN at 80 columns: the user test's table cut both addresses beside a blank SERVICE and a 9-wide PROTO;
 * a later one cut '192.168.1.200:52995' to '192.1…200:52995' beside a cut SERVICE ('postgre…'), FD and COMMAND 12 wide.
 */
import {describe, expect, it} from 'vitest';
import {columnById, columnsFor} from '../../source/model/columns.js';
import {layoutColumns, type ColumnNeeds, type LayoutOptions} from '../../source/model/layout.js';

// A load generator on loopback: 'www-data loadgen-worker 31236 100 tcp4 127.0.0.1:48686 127.0.0.1:18080 ESTABLISHED'.
const needs: ColumnNeeds = {user: 8, command: 14, pid: 5, fd: 3, proto: 4, local: 15, foreign: 15, state: 11, service: 8};
const abbreviated: ColumnNeeds = {state: 6, proto: 4};

const widths = (cellNeeds: ColumnNeeds, options: LayoutOptions = {}) =>
	Object.fromEntries(layoutColumns(80, cellNeeds, columnsFor(['host']), {abbreviated, ...options}).map(each => [each.column.id, each.width]));

describe('layoutColumns: what gives way to the addresses', () => {
	it('drops SERVICE where it names nothing on screen and LOCAL or FOREIGN would be cut beside it', () => {
		// A whole SERVICE ('http-alt') stays, and FD gives way instead: it kept 'FD' beside '127.0…1:18080'
		// (foreign 13), when which host is connected is what the user looks for, and Enter lists the fds.
		expect(widths(needs)).toMatchObject({command: 10, local: 15, foreign: 15, service: 8});
		expect(widths(needs)).not.toHaveProperty('fd');
		// Sorted by FD, PROTO gives way instead (it cut FOREIGN to 13).
		expect(widths(needs, {sorted: 'fd'})).toMatchObject({fd: 3, local: 15, foreign: 15});
		expect(widths(needs, {sorted: 'fd'})).not.toHaveProperty('proto');
		expect(widths(needs, {isServiceIdle: true})).toMatchObject({command: 14, local: 15, foreign: 15});
		expect(widths(needs, {isServiceIdle: true})).not.toHaveProperty('service');
		// Sorted by it, it stays, as NETNS does.
		expect(widths(needs, {isServiceIdle: true, sorted: 'service'})).toHaveProperty('service');
	});

	it('spells a seqpacket row sockstat\'s way (seqpac) before it cuts an address', () => {
		const seqpacket = {...needs, proto: 9};
		// Was PROTO 9 wide for one row off screen, the addresses cut.
		const placed = widths(seqpacket, {isServiceIdle: true, abbreviated: {...abbreviated, proto: 6}});
		expect(placed).toMatchObject({command: 14, local: 15, foreign: 15});
		expect(placed['proto']).toBeLessThan(9);
		expect(columnById('proto').abbreviate?.('seqpacket')).toBe('seqpac');
		expect(layoutColumns(200, seqpacket, columnsFor(['host']), {abbreviated: {...abbreviated, proto: 6}}).find(each => each.column.id === 'proto')!.width).toBe(9);
	});

	// A postgres server seen by a user who is not root: 'root ? ? ? tcp4 10.0.0.5:5432 192.168.1.200:52995 ESTAB postgresql'.
	const postgres: ColumnNeeds = {user: 6, command: 8, pid: 5, fd: 2, proto: 4, local: 15, foreign: 19, state: 11, service: 10};
	const postgresInet: ColumnNeeds = {local: 15, foreign: 19};

	it('drops a SERVICE it would cut (\'postgre…\') rather than cut an IPv4 address beside it, and keeps FD where that is enough', () => {
		// Was {foreign: 15, service: 8}: '192.1…200:52995' beside 'postgre…'.
		const placed = widths(postgres, {inet: postgresInet});
		expect(placed).toMatchObject({user: 6, command: 8, pid: 5, fd: 3, local: 15, foreign: 19});
		expect(placed).not.toHaveProperty('service');
		// Sorted by it, it stays, cut, and FD gives way instead.
		const sorted = widths(postgres, {inet: postgresInet, sorted: 'service'});
		expect(sorted).toMatchObject({local: 15, foreign: 19, service: 8});
		expect(sorted).not.toHaveProperty('fd');
	});

	it('gives the addresses an IPv4 address and port (21) before COMMAND grows past its floor', () => {
		// 'deploy loadgen-worker 23001 17 tcp4 192.168.100.200:52995 192.168.100.201:15432 ESTAB', no service named.
		const wide = {...postgres, command: 14, local: 21, foreign: 21, service: 0};
		// Was {command: 12, local: 20, foreign: 15}, FD kept: 'loadgen-wor…' beside '192.1…201:15432'.
		const placed = widths(wide, {inet: {local: 21, foreign: 21}, isServiceIdle: true});
		expect(placed).toMatchObject({command: 9, local: 21, foreign: 21});
		expect(placed).not.toHaveProperty('fd');
	});

	it('gives way to an IPv6 address up to 21 columns, which is cut in the middle either way, and not to a unix path', () => {
		const v6 = {...postgres, foreign: 31};
		const beside = widths(v6, {inet: {local: 15, foreign: 31}});
		expect(beside).not.toHaveProperty('service');
		expect(beside['foreign']).toBeGreaterThanOrEqual(21);
		// A unix path of 40 in LOCAL is cut either way: it takes nothing from FD or a whole SERVICE.
		const path = {...needs, local: 40, foreign: 13};
		const placed = widths(path, {inet: {local: 14, foreign: 13}});
		expect(placed).toMatchObject({fd: 3, service: 8, foreign: 13});
		expect(placed['local']).toBeGreaterThanOrEqual(14);
	});

	// 'root python3 17103 3 tcp4 192.168.200.201:54321 192.168.200.200:40000 ESTAB': two 15-character hosts, no service named.
	const server: ColumnNeeds = {user: 4, command: 7, pid: 5, fd: 1, proto: 4, local: 21, foreign: 21, state: 11, service: 0};
	const serverInet: ColumnNeeds = {local: 21, foreign: 21};
	const at = (width: number, cellNeeds: ColumnNeeds, options: LayoutOptions = {}) =>
		Object.fromEntries(layoutColumns(width, cellNeeds, columnsFor(['host']), {abbreviated, inet: serverInet, isServiceIdle: true, ...options}).map(each => [each.column.id, each.width]));

	it('drops PROTO after FD where an IPv4 address would be cut beside it, and keeps USER, COMMAND and PID, whose it is', () => {
		// 60 columns: was PROTO 6 beside LOCAL and FOREIGN of 12 ('…0.201:54321'); whole addresses do not fit beside
		// the owner's columns, so they are cut in the middle, the port and both ends of the host kept ('192.1…201:54321').
		expect(at(60, server)).toEqual({user: 5, command: 8, pid: 5, local: 16, foreign: 15, state: 6});
		// Sorted by it, PROTO stays.
		expect(at(60, server, {sorted: 'proto'})).toMatchObject({proto: 6, local: 12, foreign: 12});
		// 80 columns, a 'www-data' worker of a 7-digit PID: the addresses were cut by a character ('192.168.…0.200:40000').
		expect(at(80, {...server, user: 8, pid: 7})).toMatchObject({user: 8, command: 8, pid: 7, local: 21, foreign: 21});
		expect(at(80, {...server, user: 8, pid: 7})).not.toHaveProperty('proto');
		// Where they fit beside it, it stays: root's PID of 5 digits.
		expect(at(80, server)).toMatchObject({proto: 6, local: 21, foreign: 21});
	});
});
