import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Sockets that only send: a raw socket for IPPROTO_RAW (255) receives nothing (raw(7)),
 * and a packet socket opened for protocol 0 receives no frames (packet(7)). Opening them
 * needs CAP_NET_RAW, so root.
 */
const isRoot = process.getuid?.() === 0;
const canRun = process.platform === 'linux' && hasPython && isRoot;
if (!canRun) console.warn('send-only socket test skipped: needs Linux, root (CAP_NET_RAW) and python3');

const script = `
import socket, sys
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
packet = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
print(raw.fileno(), icmp.fileno(), packet.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('send-only raw and packet sockets', () => {
	it('are said to send only, not to read or write', async () => {
		const {pid, line} = await startPython(script);
		const [raw, icmp, packet] = line.split(' ').map(Number) as [number, number, number];
		const detail = await readProcessDetail(pid);
		const sentence = (fd: number) => explainFd(detail.fds.find(each => each.fd === fd)!, ctx)?.sentence;
		expect(sentence(raw)).toBe(
			'python3 has a raw IPv4 socket for IP protocol 255 (IPPROTO_RAW): it only sends whole IP packets it builds itself, header included, and receives nothing (raw(7))',
		);
		// Any other protocol's raw socket does receive.
		expect(sentence(icmp)).toBe('python3 has a raw IPv4 socket for IP protocol 1 (ICMP): it gets a copy of each such packet that arrives and may send its own, without ports');
		expect(sentence(packet)).toBe(
			'a packet socket for protocol 0 on every interface: it receives no frames (packet(7): none until a bind names a protocol) and may send whole link-layer frames it builds itself, below IP',
		);
	});
});
