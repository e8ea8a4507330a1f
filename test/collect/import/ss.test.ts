import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Socket} from '../../../source/model/types.js';
import {parseSs} from '../../../source/collect/import/ss.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ss/${name}`, import.meta.url), 'utf8');
const brief = (socket: Socket) =>
	[socket.command, socket.pid, socket.fd, socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort, socket.state] as const;

/** The helper's inet sockets as ss printed them (rows in ss's order). */
const captured = [
	['spc in name', 31219, 9, 'udp4', '127.0.0.1', 52899, '*', null, 'UNCONN'],
	['spc in name', 31219, 11, 'udp6', '::1', 39974, '::1', 53, 'ESTABLISHED'],
	['spc in name', 31219, 7, 'tcp4', '127.0.0.1', 54487, '*', null, 'LISTEN'],
	['spc in name', 31219, 3, 'tcp4', '127.0.0.1', 57977, '*', null, 'LISTEN'],
	['spc in name', 31219, 5, 'tcp4', '127.0.0.1', 57977, '127.0.0.1', 37900, 'ESTABLISHED'],
	['spc in name', 31219, 8, 'tcp4', '127.0.0.1', 51076, '127.0.0.1', 54487, 'CLOSE_WAIT'],
	['spc in name', 31219, 4, 'tcp4', '127.0.0.1', 37900, '127.0.0.1', 57977, 'ESTABLISHED'],
	['spc in name', 31219, 6, 'tcp6', '::1', 59421, '*', null, 'LISTEN'],
];

describe('parseSs', () => {
	it('reads a line naming 200,000 holders without running out of stack', () => {
		// One socket shared by that many processes (a forked server's listener, ss -tlnp), as a hostile import file could claim.
		const holders = Array.from({length: 200_000}, (_, index) => `("w",pid=${index + 2},fd=3)`).join(',');
		const {sockets, malformedLines} = parseSs(`tcp   LISTEN 0      511        0.0.0.0:80      0.0.0.0:*     users:(${holders})\n`);
		expect(malformedLines).toBe(0);
		expect(sockets).toHaveLength(200_000);
		expect(sockets.at(-1)).toMatchObject({command: 'w', pid: 200_001, fd: 3, localPort: 80, state: 'LISTEN'});
	});

	it('keeps a listener\'s Send-Q (its backlog, 128 here) out of txQueue, which counts bytes, as its backlog', () => {
		const listeners = parseSs(fixture('linux-iproute2-tunap.txt')).sockets.filter(socket => socket.state === 'LISTEN');
		expect(listeners.length).toBeGreaterThan(0);
		expect(fixture('linux-iproute2-tunap.txt')).toMatch(/LISTEN +0 +128 /);
		for (const socket of listeners) expect(socket).toMatchObject({rxQueue: 0, txQueue: null, backlog: 128});
		const connected = parseSs(fixture('linux-iproute2-tunap.txt')).sockets.filter(socket => socket.state === 'ESTABLISHED');
		expect(connected.every(socket => typeof socket.txQueue === 'number')).toBe(true);
	});

	it('reads a unix datagram server as the proc backend does: UNCONN without a peer, its client connected to its path', () => {
		const {sockets, malformedLines} = parseSs(fixture('linux-iproute2-xap-dgram-server.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.find(socket => socket.fd === 3)).toMatchObject({proto: 'dgram', path: '/tmp/dg/log.sock', state: 'UNCONN', peerInode: null, peerPath: null});
		expect(sockets.find(socket => socket.fd === 4)).toMatchObject({proto: 'dgram', path: null, state: 'ESTABLISHED', peerInode: 25_383_115, peerPath: '/tmp/dg/log.sock'});
	});

	it('reads ss -tunap with and without the header', () => {
		const headed = parseSs(fixture('linux-iproute2-tunap.txt'));
		expect(headed.malformedLines).toBe(0);
		expect(headed.sockets.map(socket => brief(socket))).toEqual(captured);
		const bare = parseSs(fixture('linux-iproute2-tunapH.txt'));
		expect(bare.malformedLines).toBe(0);
		expect(bare.sockets.map(socket => brief(socket))).toEqual(captured);
		expect(headed.sockets[5]).toMatchObject({rxQueue: 1, txQueue: 0, user: '?', uid: null, inode: null});
	});

	it('takes inode from -e', () => {
		const {sockets} = parseSs(fixture('linux-iproute2-tunape.txt'));
		expect(sockets.map(socket => [socket.fd, socket.inode])).toEqual([
			[9, 716497],
			[11, 716498],
			[7, 716494],
			[3, 716490],
			[5, 716492],
			[8, 716495],
			[4, 716491],
			[6, 716493],
		]);
	});

	it('reads unix rows: path, inode, peer inode, abstract names', () => {
		const {sockets, malformedLines} = parseSs(fixture('linux-iproute2-xap.txt'));
		expect(malformedLines).toBe(0);
		const directory = '/tmp/socktop-backends-6rnc8w0z';
		expect(sockets.map(socket => [socket.fd, socket.proto, socket.path, socket.inode, socket.peerInode, socket.state])).toEqual([
			[13, 'stream', null, 716500, 716501, 'ESTABLISHED'],
			[14, 'stream', `${directory}/stream.sock`, 716501, 716500, 'ESTABLISHED'],
			[12, 'stream', `${directory}/stream.sock`, 716499, null, 'LISTEN'],
			[15, 'dgram', `${directory}/dgram.sock`, 716502, null, 'UNCONN'],
			[16, 'seqpacket', `${directory}/seqpacket.sock`, 716503, null, 'LISTEN'],
			[17, 'stream', '@socktop-backends-31219', 716504, null, 'LISTEN'],
		]);
	});

	it('makes one row per holder of a shared socket, and guesses TCP without a Netid column', () => {
		const {sockets, malformedLines} = parseSs(fixture('vagrant-tlnp-shared.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual([
			['rpcbind', 609, 4, 'tcp4', '*', 111, '*', null, 'LISTEN'],
			['systemd', 1, 41, 'tcp4', '*', 111, '*', null, 'LISTEN'],
			['systemd-resolve', 610, 13, 'tcp4', '127.0.0.53%lo', 53, '*', null, 'LISTEN'],
			['sshd', 1817, 3, 'tcp4', '*', 22, '*', null, 'LISTEN'],
			['rpcbind', 609, 6, 'tcp6', '*', 111, '*', null, 'LISTEN'],
			['systemd', 1, 43, 'tcp6', '*', 111, '*', null, 'LISTEN'],
			['sshd', 1817, 4, 'tcp6', '*', 22, '*', null, 'LISTEN'],
		]);
	});

	it('reads old holders without pid= and fd=, and rows without any holder', () => {
		const {sockets, malformedLines} = parseSs(fixture('stem-old-holders.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual([
			['firefox', 20586, 118, 'tcp4', '192.168.0.1', 43780, '53.203.145.45', 443, 'CLOSE_WAIT'],
			['firefox', 20586, 93, 'tcp4', '192.168.0.1', 46136, '196.153.236.35', 80, 'ESTABLISHED'],
			['tor', 15843, 10, 'tcp4', '192.168.0.1', 44092, '23.112.135.72', 443, 'ESTABLISHED'],
			[null, null, null, 'tcp4', '127.0.0.1', 22, '127.0.0.1', 56673, 'ESTABLISHED'],
			['tor', 15843, 9, 'tcp4', '192.168.0.1', 44415, '38.229.79.2', 443, 'ESTABLISHED'],
		]);
		expect(sockets[1]!.rxQueue).toBe(55_274);
	});

	it('reads IPv6 printed without brackets and v4-mapped addresses', () => {
		const {sockets} = parseSs(fixture('stem-gentoo-ipv6.txt'));
		expect(sockets.map(socket => [socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort])).toEqual([
			['tcp4', '5.9.158.75', 443, '107.170.93.13', 56159],
			['tcp4', '5.9.158.75', 443, '159.203.97.91', 37802],
			['tcp6', '2a01:4f8:190:514a::2', 443, '2001:638:a000:4140::ffff:189', 38556],
			['tcp6', '::ffff:5.9.158.75', 5222, '::ffff:78.54.131.65', 34950],
			['tcp6', '2a01:4f8:190:514a::2', 443, '2001:858:2:2:aabb:0:563b:1526', 51428],
			['tcp6', '::ffff:5.9.158.75', 5222, '::ffff:78.54.131.65', 34882],
		]);
	});

	it('counts lines it cannot read', () => {
		const {sockets, malformedLines} = parseSs(
			'tcp LISTEN 0 128 0.0.0.0:22\n' + // cut
				'tcp SOMETHING 0 0 0.0.0.0:22 0.0.0.0:*\n' +
				'tcp LISTEN x 0 0.0.0.0:22 0.0.0.0:*\n' +
				'\t skmem:(r0,rb131072,t0,tb87040,f0,w0,o0,bl0,d1)\n',
		);
		expect(sockets).toEqual([]);
		// Not -m's skmem line: the details of the socket above, now that unread lines are said to the user.
		expect(malformedLines).toBe(3);
	});
	it('reads unix paths with spaces from the right, and keeps -e\'s file inode out of the socket inode', () => {
		const directory = '/tmp/socktop-ss-spaces';
		const expected = [
			[8, `${directory}/x 5 y.sock`, 18_302_766, 18_302_765, 'ESTABLISHED'],
			[3, `${directory}/my app.sock`, 18_302_761, null, 'LISTEN'],
			[4, `${directory}/x 5 y.sock`, 18_302_762, null, 'LISTEN'],
			[7, `${directory}/cl ient.sock`, 18_302_765, 18_302_766, 'ESTABLISHED'],
			[6, `${directory}/my app.sock`, 18_302_764, 18_302_763, 'ESTABLISHED'],
		];
		for (const name of ['linux-iproute2-xap-spaces.txt', 'linux-iproute2-xape-spaces.txt']) {
			const {sockets, malformedLines} = parseSs(fixture(name));
			expect(malformedLines, name).toBe(0);
			expect(sockets.map(socket => [socket.fd, socket.path, socket.inode, socket.peerInode, socket.state]), name).toEqual(expected);
			expect(sockets.every(socket => socket.proto === 'stream' && socket.command === 'python3' && socket.uid === null), name).toBe(true);
		}
	});

	it('takes process names as ss prints them: quotes, backslashes, tabs, newlines', () => {
		const quoted = parseSs(fixture('linux-iproute2-tlnp-quote-names.txt'));
		expect(quoted.malformedLines).toBe(0);
		expect(quoted.sockets.map(socket => [socket.command, socket.pid, socket.fd, socket.localPort])).toEqual([
			['q"x', 10_764, 3, 47_010],
			['bs\\', 11_249, 3, 47_030],
		]);
		const {sockets, malformedLines} = parseSs(fixture('linux-iproute2-tunapeo-root.txt'));
		expect(malformedLines).toBe(0);
		// A name with a newline breaks ss's line in two; a tab stays a tab.
		expect(sockets.find(socket => socket.localPort === 50_415)).toMatchObject({command: 'nl\nx', pid: 10_039, fd: 4, inode: 16_972_668});
		expect(sockets.find(socket => socket.localPort === 38_537)).toMatchObject({command: 'tab\there', pid: 10_036, fd: 4});
	});

	it('reads a name of 10 MB without running out of stack', () => {
		const name = 'x'.repeat(10_000_000);
		const {sockets} = parseSs(`tcp LISTEN 0 5 127.0.0.1:80 0.0.0.0:* users:(("${name}",pid=7,fd=3))\n`);
		expect(sockets).toHaveLength(1);
		expect(sockets[0]).toMatchObject({pid: 7, fd: 3});
		expect(sockets[0]!.command).toHaveLength(10_000_000);
	});

	it('takes a missing uid: beside ino: (-e) as root\'s, as ss leaves uid 0 out', () => {
		const {sockets} = parseSs(fixture('linux-iproute2-tunapeo-root.txt'));
		expect(sockets.length).toBeGreaterThan(40);
		expect(sockets.every(socket => socket.uid === 0 && socket.user === '0')).toBe(true);
		expect(sockets.find(socket => socket.localPort === 2024)).toMatchObject({inode: 1519, command: null, state: 'LISTEN'});
	});

	it('tells UDP from TCP in a capture without a Netid column', () => {
		const {sockets, malformedLines} = parseSs(fixture('linux-iproute2-uanp.txt'));
		expect(malformedLines).toBe(0);
		expect(new Set(sockets.map(socket => socket.proto))).toEqual(new Set(['udp4', 'udp6']));
		expect(sockets.filter(socket => socket.state === 'ESTABLISHED').map(socket => [socket.localPort, socket.foreignPort, socket.pid])).toEqual([
			[49_187, 47_005, 10_707],
			[49_187, 47_005, 10_665],
		]);
	});

	it('refuses a capture without a State column, saying why', () => {
		const result = parseSs(fixture('linux-iproute2-unp.txt'));
		expect(result.sockets).toEqual([]);
		expect(result.problem).toMatch(/no State column.*ss -tuanp/);
	});

	it('skips netlink rows of ss -a without counting them as unreadable', () => {
		const {sockets, malformedLines} = parseSs(fixture('linux-iproute2-anp-netlink.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => [socket.proto, socket.path, socket.state])).toEqual([
			['stream', '/tmp/socktop-ss-spaces/my app.sock', 'LISTEN'],
			['stream', '/tmp/socktop-ss-spaces/my app.sock', 'ESTABLISHED'],
		]);
	});

	it('reads whether an IPv6 TCP listener is IPv6-only from -e\'s v6only:N, and from the wildcard\'s spelling (* or [::])', () => {
		// test/fixtures/ss/SOURCES.md: 5711, 18501, 18401 dual-stack; 5712, 18502, 18402 IPv6-only; 5705 on a link-local address, IPv6-only.
		const flags = (name: string) => parseSs(fixture(name)).sockets.map(socket => [socket.localPort, socket.isV6Only]);
		expect(flags('uat-tanpie-v6only.txt')).toEqual([[5705, true], [5712, true], [5711, false], [18_501, false], [18_502, true], [18_401, false], [18_402, true]]);
		// Without -e only the wildcard tells: the link-local listener's flag is not known.
		expect(flags('uat-tunap-v6only.txt')).toEqual([[5705, undefined], [5712, true], [5711, false], [18_501, false], [18_502, true], [18_401, false], [18_402, true]]);
	});

	it('reads it of an unconnected IPv6 UDP socket too, which receives IPv4 datagrams unless IPv6-only', () => {
		// SOURCES.md: 0.0.0.0:53, [::]:53 IPv6-only, [fe80::1]%eth0:547 (a link-local bind, IPv6-only by the kernel), *:5353 dual-stack.
		const flags = (name: string) => parseSs(fixture(name)).sockets.filter(socket => socket.pid === 7811).map(socket => [socket.proto, socket.localPort, socket.isV6Only]);
		expect(flags('linux-root-uanpe-v6only.txt')).toEqual([['udp4', 53, undefined], ['udp6', 53, true], ['udp6', 547, true], ['udp6', 5353, false]]);
		expect(flags('linux-root-uanp-v6only.txt')).toEqual([['udp4', 53, undefined], ['udp6', 53, true], ['udp6', 547, undefined], ['udp6', 5353, false]]);
	});

	it('keeps a link-local bind\'s interface apart from its address, as the proc backend does ([fe80::1]%eth0:547)', () => {
		const linkLocal = parseSs(fixture('linux-root-uanpe-v6only.txt')).sockets.filter(socket => socket.localPort === 547);
		expect(linkLocal.map(({localAddress, linkInterface}) => ({localAddress, linkInterface}))).toEqual([
			{localAddress: 'fe80::1', linkInterface: 'eth0'},
			{localAddress: 'fe80::1', linkInterface: 'eth0'},
		]);
		// Other addresses keep what ss wrote: a wildcard bound to a device says nothing of a link.
		const others = parseSs(fixture('linux-root-uanpe-v6only.txt')).sockets.filter(socket => socket.localPort !== 547);
		expect(others.every(socket => socket.linkInterface === undefined)).toBe(true);
	});
});
