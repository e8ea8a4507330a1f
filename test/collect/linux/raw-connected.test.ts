import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatForeign} from '../../../source/format/address.js';
import {formatProcessJson, formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * A raw socket connect()ed to an address has that peer in /proc/net/raw (rem_address, port
 * 0): the table shows it as `127.0.0.1:*`, and so must the PID view. Opening raw sockets
 * needs CAP_NET_RAW, so root.
 */
const isRoot = process.getuid?.() === 0;
const canRun = process.platform === 'linux' && hasPython && isRoot;
if (!canRun) console.warn('connected raw socket test skipped: needs Linux, root (CAP_NET_RAW) and python3');

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
		const sentence = `fd ${v4}: python3 has a raw IPv4 socket for IP protocol 17 (UDP) connected to 127.0.0.1: it reads or writes those packets itself, without ports, and receives only those from 127.0.0.1`;
		expect(text).toContain(sentence);

		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; socket: {foreignAddress: string} | null; explanation: {sentence: string} | null}>};
		const fdOf = (fd: number) => json.fds.find(each => each.fd === fd)!;
		expect(fdOf(v4).socket?.foreignAddress).toBe('127.0.0.1');
		expect(`fd ${v4}: ${fdOf(v4).explanation?.sentence}`).toBe(sentence);
		expect(fdOf(v6).explanation?.sentence).toBe(
			'python3 has a raw IPv6 socket for IP protocol 253 connected to ::1: it reads or writes those packets itself, without ports, and receives only those from ::1',
		);
	});
});
