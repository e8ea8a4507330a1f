import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Socket} from '../../../source/model/types.js';
import {parseNetstat} from '../../../source/collect/import/netstat.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/netstat/${name}`, import.meta.url), 'utf8');
const brief = (socket: Socket) =>
	[socket.command, socket.pid, socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort, socket.state] as const;

/** The helper's inet sockets as net-tools printed them; it names the program by argv[0], not comm. */
const captured = [
	['python3', 31219, 'tcp4', '127.0.0.1', 54487, '*', null, 'LISTEN'],
	['python3', 31219, 'tcp4', '127.0.0.1', 57977, '*', null, 'LISTEN'],
	['python3', 31219, 'tcp4', '127.0.0.1', 57977, '127.0.0.1', 37900, 'ESTABLISHED'],
	['python3', 31219, 'tcp4', '127.0.0.1', 51076, '127.0.0.1', 54487, 'CLOSE_WAIT'],
	['python3', 31219, 'tcp4', '127.0.0.1', 37900, '127.0.0.1', 57977, 'ESTABLISHED'],
	['python3', 31219, 'tcp6', '::1', 59421, '*', null, 'LISTEN'],
	['python3', 31219, 'udp4', '127.0.0.1', 52899, '*', null, 'UNCONN'],
	['python3', 31219, 'udp6', '::1', 39974, '::1', 53, 'ESTABLISHED'],
];

describe('parseNetstat', () => {
	it('reads netstat -tunap: blank UDP state, CLOSE_WAIT queues, :::*', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('linux-net-tools-tunap.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual(captured);
		expect(sockets[3]).toMatchObject({rxQueue: 1, txQueue: 0, fd: null, user: '?', uid: null, inode: null});
	});

	it('reads an IPv4 address on a tcp6 line as IPv4-mapped (::ffff:127.0.0.1), as ss, /proc and lsof imports give it', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('uat-tunap-mapped.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual([
			['python3', 25970, 'tcp4', '127.0.0.1', 49058, '127.0.0.1', 18501, 'ESTABLISHED'],
			['python3', 25970, 'tcp6', '*', 18501, '*', null, 'LISTEN'],
			['python3', 25970, 'tcp6', '::ffff:127.0.0.1', 18501, '::ffff:127.0.0.1', 49058, 'ESTABLISHED'],
		]);
	});

	it('reads the User and Inode columns of -e', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('linux-net-tools-tunape.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual(captured);
		expect(sockets.map(socket => [socket.user, socket.uid, socket.inode])).toEqual([
			['0', 0, 716494],
			['0', 0, 716490],
			['0', 0, 716492],
			['0', 0, 716495],
			['0', 0, 716491],
			['0', 0, 716493],
			['0', 0, 716497],
			['0', 0, 716498],
		]);
	});

	it('reads - holders and the unix section', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('stem-with-unix.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket)).slice(2, 4)).toEqual([
			['firefox', 20586, 'tcp4', '192.168.0.1', 4378, '29.208.141.42', 443, 'CLOSE_WAIT'],
			[null, null, 'tcp4', '127.0.0.1', 22, '127.0.0.1', 56673, 'ESTABLISHED'],
		]);
		expect(sockets.slice(6).map(socket => [socket.proto, socket.path, socket.inode, socket.pid, socket.command, socket.state])).toEqual([
			['dgram', '/dev/log', 8433, null, null, 'UNCONN'],
			['stream', null, 34164277, 15843, 'tor', 'ESTABLISHED'],
			['stream', null, 34164276, 15843, 'tor', 'ESTABLISHED'],
			['stream', null, 7951, null, null, 'ESTABLISHED'],
		]);
	});

	it('reads IPv6 addresses wider than their columns', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('stem-ipv6.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets[1]).toMatchObject({proto: 'tcp6', localAddress: '2a01:4f8:190:514a::2', localPort: 443, foreignAddress: '2001:638:a000:4140::ffff:189', foreignPort: 41046, pid: 1904, command: 'tor'});
		// An IPv4 client of a dual-stack listener: net-tools prints the mapped address as plain IPv4.
		expect(sockets[0]).toMatchObject({proto: 'tcp6', localAddress: '::ffff:5.9.158.75', localPort: 5222, foreignAddress: '::ffff:80.171.220.248'});
	});

	it('skips the not-root note and counts the shell prompt', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('htb-auntp-not-root.txt'));
		expect(malformedLines).toBe(1);
		expect(sockets).toHaveLength(7);
		expect(sockets.every(socket => socket.pid === null && socket.command === null)).toBe(true);
		expect(sockets[4]).toMatchObject({localAddress: '10.129.251.25', localPort: 22, txQueue: 256, state: 'ESTABLISHED'});
		expect(sockets[5]).toMatchObject({proto: 'tcp6', localAddress: '*', localPort: 22, state: 'LISTEN'});
	});

	it('counts names instead of numbers (no -n) and cut lines as not understood', () => {
		const {sockets, malformedLines} = parseNetstat(
			'tcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN      2326/dropbear\n' +
				'tcp        0      0 127.0.0.1:40525\n' +
				'unix  2      [ ACC ]     STREAM     WEIRD     1   -\n' +
				'raw        0      0 0.0.0.0:1               0.0.0.0:*               7           1234/ping\n',
		);
		expect(malformedLines).toBe(3);
		expect(sockets.map(socket => brief(socket))).toEqual([['ping', 1234, 'raw4', '*', 1, '*', null, 'UNCONN']]);
	});
});
