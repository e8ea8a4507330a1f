import {describe, expect, it} from 'vitest';
import {parseNetlinkTable, parsePacketTable} from '../../../source/collect/linux/other-sockets.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {describeFd, explainFd} from '../../../source/format/fd-sentence.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';
import {fixture} from './fixtures.js';

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe('parseNetlinkTable and parsePacketTable on captured tables (fixtures/proc/SOURCES.md)', () => {
	it('reads each netlink socket\'s protocol and port id by inode, the kernel\'s own too', () => {
		const table = parseNetlinkTable(fixture('netlink.txt'));
		expect(table.get(22_612_911)).toEqual({family: 'netlink', protocol: 0, portId: 25_563});
		expect(table.get(22_612_912)).toEqual({family: 'netlink', protocol: 15, portId: 25_563});
		// The unbound GENERIC socket is not listed; the kernel's sockets (port id 0) are.
		expect(table.has(22_612_913)).toBe(false);
		expect(table.get(1429)).toEqual({family: 'netlink', protocol: 4, portId: 0});
		expect(table.size).toBe(fixture('netlink.txt').trim().split('\n').length - 1);
	});

	it('reads each packet socket\'s type, EtherType (hex) and interface', () => {
		const table = parsePacketTable(fixture('packet.txt'));
		expect([...table]).toEqual([
			[22_612_914, {family: 'packet', type: 3, protocol: 0x00_03, ifindex: 0}],
			[22_612_915, {family: 'packet', type: 2, protocol: 0x08_06, ifindex: 1}],
		]);
	});

	it('skips headers, short and garbage lines', () => {
		expect(parseNetlinkTable('sk Eth Pid\n\nzz 1 2 3\n00ff 0 1').size).toBe(0);
		expect(parsePacketTable('sk RefCnt Type Proto Iface R Rmem User Inode\n0000 3 3 zzzz 0 1 0 0 77\n').size).toBe(0);
	});
});

describe('netlink and packet sockets in the PID view', () => {
	it('names them in the table and says what each is for', () => {
		const netlink = {fd: 3, type: 'socket', target: 'socket:[22612911]', socket: null, other: {family: 'netlink', protocol: 0, portId: 25_563}} as const;
		const packet = {fd: 7, type: 'socket', target: 'socket:[22612915]', socket: null, other: {family: 'packet', type: 2, protocol: 0x08_06, ifindex: 1, ifname: 'lo'}} as const;
		expect(fdRow(netlink)).toMatchObject({type: 'netlink', target: 'ROUTE'});
		expect(fdRow(packet)).toMatchObject({type: 'packet', target: 'ARP, interface lo'});
		expect(describeFd(netlink, ctx)).toBe('a netlink socket (ROUTE): it talks to the kernel about routes, addresses, links and neighbours (what ip(8) uses), not over the network');
		expect(explainFd(packet, ctx)?.sentence).toMatch(/^a packet socket for ARP on interface lo: .*without its link-layer header \(cooked\)/);
	});

	const canRun = process.platform === 'linux' && hasPython;
	if (!canRun) console.warn('netlink/packet live test skipped: needs Linux and python3');
	const isRoot = process.getuid?.() === 0;
	if (canRun && !isRoot) console.warn('packet socket part skipped: opening one needs root (CAP_NET_RAW)');

	it.skipIf(!canRun)('finds a real process\'s netlink (and, as root, packet) sockets', async () => {
		const script = [
			'import socket, sys',
			'n = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); n.bind((0, 0))',
			`p = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0806)) if ${isRoot ? 'True' : 'False'} else None`,
			'p is not None and p.bind(("lo", 0x0806))',
			'print(n.fileno(), p.fileno() if p else -1, flush=True)',
			'sys.stdin.read()',
		].join('\n');
		const {pid, line} = await startPython(script);
		const [netlinkFd, packetFd] = line.split(' ').map(Number) as [number, number];
		const detail = await readProcessDetail(pid);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd);
		expect(byFd(netlinkFd)?.other).toEqual({family: 'netlink', protocol: 0, portId: expect.any(Number) as number});
		if (isRoot) expect(byFd(packetFd)?.other).toEqual({family: 'packet', type: 2, protocol: 0x08_06, ifindex: 1, ifname: 'lo'});
	});
});
