import {describe, expect, it} from 'vitest';
import {formatProcessText} from '../../source/format/pid.js';
import {hiddenByStateNote, socketTally} from '../../source/model/socket-tally.js';
import {defaultFilters} from '../../source/options.js';
import type {FileDescriptor} from '../../source/model/process.js';
import type {SocketState} from '../../source/model/types.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {detailOf, inetSocket} from '../components/pid-fixtures.js';

const tcp = (fd: number, state: SocketState, port: number): FileDescriptor => ({
	fd,
	type: 'socket',
	target: `socket:[${1000 + fd}]`,
	socket: inetSocket({localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: port, state, fd, inode: 1000 + fd}),
});

// A server that never closes its accepted connections: 1650 CLOSE_WAIT, its listener, one live client.
const leak: FileDescriptor[] = [
	{fd: 3, type: 'socket', target: 'socket:[900]', socket: inetSocket({fd: 3, inode: 900, localPort: 8080})},
	...Array.from({length: 1650}, (_, index) => tcp(4 + index, 'CLOSE_WAIT', 40_000 + index)),
	tcp(2000, 'ESTABLISHED', 50_000),
	{fd: 2001, type: 'socket', target: 'socket:[901]', socket: inetSocket({proto: 'udp4', state: 'UNCONN', fd: 2001, inode: 901, localPort: 5353})},
	{fd: 2002, type: 'socket', target: 'socket:[902]', socket: null},
	{fd: 2003, type: 'socket', target: 'socket:[903]', socket: null, other: {family: 'netlink', protocol: 0, portId: 1}},
	{fd: 2004, type: 'pipe', target: 'pipe:[904]', socket: null},
];

describe('socketTally', () => {
	it('counts TCP sockets by state, most first, then the others by kind; null without sockets', () => {
		expect(socketTally(leak)).toBe('1650 CLOSE_WAIT, 1 LISTEN, 1 ESTABLISHED (TCP); 1 UDP, 1 in no table, 1 netlink');
		expect(socketTally([leak.at(-1)!])).toBeNull();
	});

	it('is said once near the top of --pid N --once, before the 1650 sentences that each say CLOSE_WAIT', () => {
		const text = formatProcessText(detailOf(leak), {services: createStaticServiceTable([]), ephemeral: [32_768, 60_999] as const});
		const line = 'Sockets   1650 CLOSE_WAIT, 1 LISTEN, 1 ESTABLISHED (TCP); 1 UDP, 1 in no table, 1 netlink';
		expect(text.split('\n').indexOf(line)).toBeGreaterThan(0);
		expect(text.indexOf(line)).toBeLessThan(text.indexOf('CLOSE_WAIT:'));
	});
});

describe('hiddenByStateNote', () => {
	const row = (state: SocketState, localPort: number) => inetSocket({localAddress: '127.0.0.1', localPort, foreignAddress: '127.0.0.1', foreignPort: 50_000, state});
	const sockets = [row('TIME_WAIT', 18_082), row('TIME_WAIT', 18_082), row('ESTABLISHED', 18_082), row('TIME_WAIT', 9000)];

	it('counts by state what -l or -c hides of the sockets the other filters pass', () => {
		expect(hiddenByStateNote({...defaultFilters, listening: true, ports: [[18_082, 18_082]]}, sockets)).toBe('Without listening, 3 would show: 2 TIME_WAIT, 1 ESTABLISHED.');
		expect(hiddenByStateNote({...defaultFilters, listening: true, connected: true, ports: [[9000, 9000]]}, sockets)).toBe('Without listening and connected, 1 would show: 1 TIME_WAIT.');
	});

	it('says nothing without -l or -c, or where they hide nothing', () => {
		expect(hiddenByStateNote({...defaultFilters, ports: [[18_082, 18_082]]}, sockets)).toBeNull();
		expect(hiddenByStateNote({...defaultFilters, listening: true, ports: [[1, 1]]}, sockets)).toBeNull();
	});
});
