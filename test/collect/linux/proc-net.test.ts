import {describe, expect, it} from 'vitest';
import {parseInetTable, type InetTable} from '../../../source/collect/linux/proc-net.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {expected, expectedPings, fixture} from './fixtures.js';

function parse(table: InetTable, text = fixture(`${table}.txt`)) {
	const sockets: RawSocket[] = [];
	const malformed = parseInetTable(text, table, sockets);
	return {sockets, malformed};
}

const all = (['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'raw', 'raw6'] as const).flatMap(table => parse(table).sockets);
const byInode = (inode: number) => all.find(socket => socket.inode === inode);
const wildcard = (host: string) => (host === '0.0.0.0' || host === '::' ? '*' : host);

describe('parseInetTable on captured tables', () => {
	it('parses every line of every captured table', () => {
		for (const table of ['tcp', 'tcp6', 'udp', 'udp6', 'udplite', 'udplite6', 'raw', 'raw6'] as const) {
			const lines = fixture(`${table}.txt`).trimEnd().split('\n').length - 1;
			const {sockets, malformed} = parse(table);
			expect(malformed, table).toBe(0);
			expect(sockets, table).toHaveLength(lines);
		}
	});

	it('reports listeners on 127.0.0.1, ::1 and both wildcards as LISTEN with a null foreign port', () => {
		const listeners = expected().filter(each => each.kind === 'listen');
		expect(listeners.length).toBeGreaterThanOrEqual(5);
		for (const each of listeners) {
			const socket = byInode(each.inode);
			expect(socket, each.host).toMatchObject({
				proto: each.host!.includes(':') ? 'tcp6' : 'tcp4',
				localAddress: wildcard(each.host!),
				localPort: each.port,
				foreignAddress: '*',
				foreignPort: null,
				state: 'LISTEN',
				uid: 0,
			});
		}
	});

	it('decodes both ends of IPv4, IPv6 and IPv4-mapped connections as Python saw them', () => {
		const kinds = ['established-client', 'established-server', 'fin-wait2', 'close-wait'];
		const connections = expected().filter(each => kinds.includes(each.kind));
		expect(connections.length).toBeGreaterThanOrEqual(8);
		for (const each of connections) {
			const socket = byInode(each.inode);
			expect(socket, each.kind).toMatchObject({
				localAddress: each.local![0],
				localPort: each.local![1],
				foreignAddress: each.peer![0],
				foreignPort: each.peer![1],
			});
		}

		expect(all.some(socket => socket.localAddress === '::ffff:127.0.0.1' && socket.proto === 'tcp6')).toBe(true);
	});

	it('maps the TCP state codes: FIN_WAIT2, CLOSE_WAIT, TIME_WAIT, SYN_SENT, ESTABLISHED', () => {
		const stateOf = (kind: string) => byInode(expected().find(each => each.kind === kind)!.inode)?.state;
		expect(stateOf('fin-wait2')).toBe('FIN_WAIT2');
		expect(stateOf('close-wait')).toBe('CLOSE_WAIT');
		expect(stateOf('established-client')).toBe('ESTABLISHED');
		const states = new Set(all.map(socket => socket.state));
		expect([...states].sort()).toEqual(
			['CLOSE_WAIT', 'ESTABLISHED', 'FIN_WAIT2', 'LISTEN', 'SYN_SENT', 'TIME_WAIT', 'UNCONN'].sort(),
		);
		// The client's half of each TIME_WAIT pair, found by its ports (TIME_WAIT entries have no inode).
		for (const each of expected().filter(entry => entry.kind === 'time-wait')) {
			const socket = all.find(entry => entry.localPort === each.local![1] && entry.foreignPort === each.peer![1]);
			expect(socket).toMatchObject({proto: 'tcp6', localAddress: '::1', state: 'TIME_WAIT', inode: 0});
		}
	});

	it('gives a TIME_WAIT entry no uid: the kernel prints 0 there for whoever owned the connection', () => {
		const timeWait = all.filter(socket => socket.state === 'TIME_WAIT');
		expect(timeWait.length).toBeGreaterThan(0);
		expect(fixture('tcp6.txt')).toMatch(/ 06 [\dA-F:]+ [\dA-F:]+ [\dA-F]+ +0 +0 0 /);
		for (const socket of timeWait) expect(socket.uid).toBeNull();
		// Full sockets keep theirs (the capture ran as root, so 0 is a real uid there).
		expect(all.filter(socket => socket.inode !== 0).every(socket => socket.uid === 0)).toBe(true);
	});

	it('keeps the uid of a connection waiting in an accept queue (no socket file yet), not the placeholder 0 of an orphan', () => {
		const {sockets} = parse('tcp', fixture('tcp-accept-queue-nobody.txt'));
		const unaccepted = sockets.find(socket => socket.inode === 0 && socket.state === 'ESTABLISHED');
		const orphan = sockets.find(socket => socket.inode === 0 && socket.state === 'FIN_WAIT2');
		expect(unaccepted).toMatchObject({localPort: 7711, uid: 65_534});
		expect(orphan).toMatchObject({localPort: 7711, uid: null});
	});

	it('reads queues in hex: the SYN_SENT entry has one unacknowledged byte (the SYN) in tx', () => {
		const synSent = all.filter(socket => socket.state === 'SYN_SENT');
		expect(synSent.length).toBeGreaterThan(0);
		for (const socket of synSent) expect(socket).toMatchObject({txQueue: 1, rxQueue: 0});
		// The listener with a full accept queue: rx_queue is its accept backlog.
		expect(all.some(socket => socket.state === 'LISTEN' && socket.rxQueue === 1)).toBe(true);
	});

	it('keeps columns when the slot number overflows its four characters', () => {
		const line = fixture('tcp.txt')
			.split('\n')
			.find(each => /^\d{5}: /.test(each));
		expect(line).toBeDefined();
		const {sockets, malformed} = parse('tcp', line);
		expect(malformed).toBe(0);
		expect(sockets[0]!.localAddress).toBe('127.0.0.1');
	});

	it('gives UDP ESTABLISHED when connected, UNCONN otherwise, and UDP-Lite its own proto', () => {
		for (const each of expected().filter(entry => entry.kind.startsWith('udp'))) {
			const socket = byInode(each.inode)!;
			expect(socket.state, each.kind).toBe(each.kind === 'udp-connected' ? 'ESTABLISHED' : 'UNCONN');
			expect(socket.localPort).toBe(each.local![1]);
			expect(socket.localAddress).toBe(wildcard(each.local![0]));
		}

		expect(parse('udplite').sockets[0]).toMatchObject({proto: 'udplite4', localAddress: '127.0.0.1'});
	});

	it('reports a local port 0 (no port) as null, as the foreign wildcard port is', () => {
		// The captured UDP line with its local port replaced by 0000.
		const line = fixture('udp.txt').split('\n')[1]!.replace(':AED8 ', ':0000 ');
		const {sockets, malformed} = parse('udp', line);
		expect(malformed).toBe(0);
		expect(sockets[0]).toMatchObject({localAddress: '127.0.0.1', localPort: null, foreignPort: null});
	});

	it('reports the IP protocol number as the local port of raw sockets', () => {
		expect(parse('raw').sockets[0]).toMatchObject({proto: 'raw4', localAddress: '*', localPort: 1, state: 'UNCONN'});
		expect(parse('raw6').sockets[0]).toMatchObject({proto: 'raw6', localAddress: '*', localPort: 58});
	});
});

describe('parseInetTable on captured ICMP echo (ping) tables', () => {
	// test/fixtures/proc/capture-icmp.py, in a network namespace whose ping_group_range allows every group.
	const {sockets: pings, unlisted} = expectedPings('icmp-expected.json');
	const icmp = [...parse('icmp').sockets, ...parse('icmp6').sockets];

	it('reads every line, as icmp4 and icmp6', () => {
		expect(parse('icmp').malformed).toBe(0);
		expect(parse('icmp6').malformed).toBe(0);
		expect(new Set(parse('icmp').sockets.map(socket => socket.proto))).toEqual(new Set(['icmp4']));
		expect(new Set(parse('icmp6').sockets.map(socket => socket.proto))).toEqual(new Set(['icmp6']));
	});

	it('gives each socket its address, echo identifier (as the local port), peer, state and uid', () => {
		expect(pings).toHaveLength(5);
		for (const each of pings) {
			const socket = icmp.find(entry => entry.inode === each.inode);
			expect(socket, each.kind).toMatchObject({
				proto: `icmp${each.family}`,
				localAddress: wildcard(each.local[0]),
				localPort: each.local[1],
				// An echo socket has no port at the other end: the kernel prints 0000 there.
				foreignAddress: each.peer ?? '*',
				foreignPort: null,
				state: each.peer === null ? 'UNCONN' : 'ESTABLISHED',
				uid: each.uid,
			});
		}
	});

	it('counts the echo replies nobody read in rx_queue, and lists no socket that has no identifier yet', () => {
		for (const each of pings.filter(entry => entry.kind === 'sent')) {
			expect(icmp.find(entry => entry.inode === each.inode), each.kind).toMatchObject({proto: `icmp${each.family}`, rxQueue: expect.any(Number)});
			expect(icmp.find(entry => entry.inode === each.inode)!.rxQueue, each.kind).toBeGreaterThan(0);
		}

		expect(unlisted).toBeGreaterThan(0);
		expect(icmp.some(socket => socket.inode === unlisted)).toBe(false);
	});
});

describe('parseInetTable on damaged input', () => {
	const good = fixture('tcp.txt').split('\n')[1]!;
	const good6 = fixture('tcp6.txt').split('\n')[3]!;

	it('counts a line cut anywhere as malformed, never as a socket', () => {
		// Cutting inside the inode would otherwise yield a wrong inode: the refcount after it must be present.
		for (let length = good.search(/\S/) + 1; length < good.indexOf(' 2 0000') + 1; length++) {
			const {sockets, malformed} = parse('tcp', good.slice(0, length));
			expect({length, sockets: sockets.length, malformed}).toEqual({length, sockets: 0, malformed: 1});
		}
	});

	it('counts garbage, non-hex digits and wrong-family lines, and keeps the good ones', () => {
		const text = [
			fixture('tcp.txt').split('\n')[0],
			good,
			'garbage',
			'\u0000\u0001\u00ff binary',
			good.replace('0100007F', '0100G07F'),
			good.replace(' 0A ', ' ZZ '),
			// The slot number without its colon.
			good.replace(/^(\s*\d+):/, '$1x'),
			good6,
			'',
			good,
		].join('\n');
		const {sockets, malformed} = parse('tcp', text);
		expect(sockets).toHaveLength(2);
		expect(malformed).toBe(6);
	});

	it('parses a table split at any line boundary the same as whole', () => {
		const text = fixture('tcp6.txt');
		const whole = parse('tcp6', text).sockets;
		const lines = text.split('\n');
		for (let cut = 1; cut < lines.length; cut++) {
			const sockets: RawSocket[] = [];
			parseInetTable(lines.slice(0, cut).join('\n') + '\n', 'tcp6', sockets);
			parseInetTable(lines.slice(cut).join('\n'), 'tcp6', sockets);
			expect(sockets).toEqual(whole);
		}
	});
});

describe('parseInetTable: the drops column of datagram tables', () => {
	// Captured here (kernel 6.x) on 2026-11-28 in a network namespace of a ping socket and a UDP
	// socket on 127.0.0.1:5353, each with SO_RCVBUF 1, sent to ten times every half second.
	const icmp = [
		'  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops             ',
		'   22: 00000000:6F54 00000000:0000 07 00000000:000009C0 00:00000000 00000000     0        0 8295899 2 00000000238efa92 17      ',
	].join('\n');
	const udp = [
		'   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            ',
		' 1703: 00000000:CC65 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 8295901 2 00000000d5337cfe 0       ',
		' 3883: 0100007F:14E9 00000000:0000 07 00000000:00000680 00:00000000 00000000     0        0 8295900 2 0000000035179c94 18      ',
	].join('\n');

	it('keeps each socket\'s drops, 0 included', () => {
		expect(parse('icmp', icmp).sockets).toMatchObject([{localPort: 0x6f_54, rxQueue: 0x9_c0, drops: 17}]);
		expect(parse('udp', udp).sockets).toMatchObject([
			{localPort: 0xcc_65, drops: 0},
			{localAddress: '127.0.0.1', localPort: 5353, rxQueue: 0x6_80, drops: 18},
		]);
	});

	it('gives none to a TCP socket (its table has no such column), nor to a line cut before it', () => {
		expect(all.filter(socket => socket.proto.startsWith('tcp')).every(socket => socket.drops === undefined)).toBe(true);
		const cut = udp.split('\n').slice(0, 2).join('\n').replace(/ 00000000d5337cfe 0 +$/, '');
		expect(parse('udp', cut).sockets[0]?.drops).toBeUndefined();
	});
});
