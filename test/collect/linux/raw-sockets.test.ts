import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatForeign} from '../../../source/format/address.js';
import {formatProcessJson, formatProcessText} from '../../../source/format/pid.js';
import {applyFilters} from '../../../source/model/filter.js';
import {defaultFilters} from '../../../source/options.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Raw sockets read live from /proc/net/raw and raw6, each with its IP protocol in localPort. A
 * raw socket connect()ed to an address has that peer there (rem_address, port 0): the table
 * shows it as `127.0.0.1:*`, and so must the PID view. One without a peer is listening (-l) only
 * for a protocol it serves. Opening raw sockets needs CAP_NET_RAW, so root.
 */
const isRoot = process.getuid?.() === 0;
const canRun = process.platform === 'linux' && hasPython && isRoot;
if (!canRun) console.warn('raw socket tests skipped: need Linux, root (CAP_NET_RAW) and python3');

const script = `
import socket, sys
v4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
v4.connect(('127.0.0.1', 0))
v6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 253)
v6.connect(('::1', 0))
print(v4.fileno(), v6.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a connected raw socket, live', () => {
	it('shows its peer in the PID view as the table does, and says it', async () => {
		const {pid, line} = await startPython(script);
		const [v4, v6] = line.split(' ').map(Number) as [number, number];
		const snapshot = await readLinuxSnapshot();
		const rowOf = (fd: number) => snapshot.sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
		expect(rowOf(v4)).toMatchObject({proto: 'raw4', localAddress: '127.0.0.1', localPort: 17, foreignAddress: '127.0.0.1', foreignPort: null, state: 'ESTABLISHED'});
		expect(rowOf(v6)).toMatchObject({proto: 'raw6', localAddress: '::1', localPort: 253, foreignAddress: '::1', foreignPort: null, state: 'ESTABLISHED'});
		expect([formatForeign(rowOf(v4)), formatForeign(rowOf(v6))]).toEqual(['127.0.0.1:*', '[::1]:*']);

		const detail = await readProcessDetail(pid);
		const text = formatProcessText(detail, ctx);
		expect(text).toMatch(new RegExp(`^ *${v4}u +raw4 +127\\.0\\.0\\.1:17 +127\\.0\\.0\\.1:\\* +ESTABLISHED$`, 'm'));
		expect(text).toMatch(new RegExp(`^ *${v6}u +raw6 +\\[::1\\]:253 +\\[::1\\]:\\* +ESTABLISHED$`, 'm'));
		const sentence = `fd ${v4}: python3 has a raw IPv4 socket for IP protocol 17 (UDP) connected to 127.0.0.1: it gets a copy of each such packet that arrives from 127.0.0.1 and may send its own, without ports`;
		expect(text).toContain(sentence);

		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; socket: {foreignAddress: string} | null; explanation: {sentence: string} | null}>};
		const fdOf = (fd: number) => json.fds.find(each => each.fd === fd)!;
		expect(fdOf(v4).socket?.foreignAddress).toBe('127.0.0.1');
		expect(`fd ${v4}: ${fdOf(v4).explanation?.sentence}`).toBe(sentence);
		expect(fdOf(v6).explanation?.sentence).toBe(
			'python3 has a raw IPv6 socket for IP protocol 253 connected to ::1: it gets a copy of each such packet that arrives from ::1 and may send its own, without ports',
		);
	});
});

const unconnected = `
import socket
held = [socket.socket(socket.AF_INET, socket.SOCK_RAW, number) for number in (1, 89, 255)]
held.append(socket.socket(socket.AF_INET6, socket.SOCK_RAW, 58))
print('ok', flush=True)
input()
`;

describe.skipIf(!canRun)('raw sockets without a peer, live: -l', () => {
	it('lists an OSPF raw socket as listening, not a raw ICMP or ICMPv6 one (ping as root), nor an IPPROTO_RAW one', async () => {
		const {pid} = await startPython(unconnected);
		const snapshot = await readLinuxSnapshot();
		const rows = (listening: boolean) =>
			applyFilters(snapshot.sockets, {...defaultFilters, protocols: ['raw'], listening})
				.filter(socket => socket.pid === pid)
				.map(socket => `${socket.proto} ${socket.localPort}`)
				.sort();
		expect(rows(false)).toEqual(['raw4 1', 'raw4 255', 'raw4 89', 'raw6 58']);
		expect(rows(true)).toEqual(['raw4 89']);
	});
});
