import {describe, expect, it} from 'vitest';
import {foreignWidth, formatForeign, formatLocal, localWidth} from '../../source/format/address.js';
import {COLUMNS} from '../../source/model/columns.js';
import {socketKey} from '../../source/model/diff.js';
import {applyFilters, isConnected, isListening} from '../../source/model/filter.js';
import {sortSockets} from '../../source/model/sort.js';
import {summarize} from '../../source/model/summary.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {makeSocket} from '../format/sockets.js';

/** As the proc backend makes them (packet-rows.ts): tcpdump on every interface, an ARP daemon on eth0, a sender of protocol 0. */
const packet = (overrides: Parameters<typeof makeSocket>[0]) =>
	makeSocket({proto: 'p_raw', localAddress: '*', localPort: 3, foreignAddress: null, foreignPort: null, state: 'UNCONN', txQueue: null, ...overrides});
const tcpdump = packet({command: 'tcpdump', pid: 700, fd: 3, inode: 501});
const arpd = packet({proto: 'p_dgr', localAddress: 'eth0', localPort: 0x08_06, command: 'arpd', pid: 701, fd: 4, inode: 502});
const sender = packet({localAddress: 'lo', localPort: 0, command: 'sender', pid: 702, fd: 5, inode: 503});
const others = [
	makeSocket({localPort: 22, state: 'LISTEN', pid: 812, fd: 3, inode: 101}),
	makeSocket({proto: 'udp6', localPort: 547, state: 'UNCONN', pid: 813, fd: 3, inode: 102}),
	makeSocket({proto: 'dgram', localAddress: null, foreignAddress: null, path: '/dev/log', state: 'UNCONN', pid: 1, fd: 9, inode: 103}),
];
const all = [tcpdump, ...others, arpd, sender];
const commands = (filters: Partial<Filters>) => applyFilters(all, {...defaultFilters, ...filters}).map(socket => socket.command);

describe('packet sockets in the table', () => {
	it('write LOCAL as interface:EtherType and FOREIGN as ss does, at the widths the layout measures', () => {
		expect(all.filter(socket => socket.proto.startsWith('p_')).map(socket => `${formatLocal(socket)} ${formatForeign(socket)}`)).toEqual(['*:all *', 'eth0:arp *', 'lo:0x0000 *']);
		for (const socket of [tcpdump, arpd, sender]) {
			expect(localWidth(socket)).toBe(formatLocal(socket).length);
			expect(foreignWidth(socket)).toBe(formatForeign(socket).length);
		}

		// Another user's interface name is text like any other: made visible.
		expect(formatLocal(packet({localAddress: 'e\u001b[2J'}))).toBe('e\\x1b[2J:all');
	});

	it('are of no family -4, -6 or -u picks, as ss -4, -6 and -x list none; -P packet lists both types', () => {
		expect(commands({})).toEqual(['tcpdump', 'sshd', 'sshd', 'sshd', 'arpd', 'sender']);
		expect(commands({ipv4: true, ipv6: true, unix: true})).not.toContain('tcpdump');
		expect(commands({unix: true})).toEqual(['sshd']);
		expect(commands({protocols: ['packet']})).toEqual(['tcpdump', 'arpd', 'sender']);
		expect(commands({protocols: ['raw', 'dgram']})).toEqual(['sshd']);
	});

	it('listen (-l) as ss -0l lists them, but for protocol 0, which receives nothing; never connected (-c); no port (-p); kept by -L', () => {
		expect([tcpdump, arpd, sender].map(socket => isListening(socket))).toEqual([true, true, false]);
		expect([tcpdump, arpd, sender].map(socket => isConnected(socket))).toEqual([false, false, false]);
		expect(commands({protocols: ['packet'], listening: true})).toEqual(['tcpdump', 'arpd']);
		expect(commands({protocols: ['packet'], connected: true})).toEqual([]);
		// 0x0806 is 2054, 3 is 3: EtherTypes are no ports.
		expect(commands({ports: [[1, 65_535]]})).toEqual(['sshd', 'sshd']);
		expect(commands({protocols: ['packet'], noLoopback: true})).toEqual(['tcpdump', 'arpd', 'sender']);
	});

	it('sort after the unix types by PROTO, by interface then EtherType by LOCAL, and are counted in the header', () => {
		const proto = sortSockets(all, {column: 'proto', isDescending: false}, {serviceName: () => ''});
		expect(proto.map(socket => socket.proto)).toEqual(['tcp4', 'udp6', 'dgram', 'p_raw', 'p_raw', 'p_dgr']);
		const local = sortSockets([sender, arpd, tcpdump], {column: 'local', isDescending: false}, {serviceName: () => ''});
		expect(local.map(socket => socket.command)).toEqual(['tcpdump', 'arpd', 'sender']);
		expect(summarize(all)).toMatchObject({total: 6, tcp: 1, udp: 1, unix: 1, packet: 3, raw: 0});
	});

	it('keep one key across refreshes (the live view\'s diff), and PROTO shows ss\'s name', () => {
		expect(socketKey(arpd)).toBe(socketKey({...arpd, rxQueue: 4096}));
		expect(socketKey(arpd)).not.toBe(socketKey(tcpdump));
		expect(COLUMNS.find(column => column.id === 'proto')!.text(arpd, {serviceName: () => ''})).toBe('p_dgr');
	});
});
