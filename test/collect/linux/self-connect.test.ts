import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/pid.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {parsePortRange} from '../../../source/services/load.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * A TCP socket that connects to its own address and port (simultaneous open) and a UDP socket
 * connected to itself: the tables list each once, so no other socket is found at the other end.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('self-connect test skipped: needs Linux and python3 (to open the sockets)');

const script = `
import socket, sys
tcp = socket.socket(); tcp.bind(('127.0.0.1', 0)); tcp.connect(tcp.getsockname())
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(('127.0.0.1', 0)); udp.connect(udp.getsockname())
print(tcp.fileno(), tcp.getsockname()[1], udp.fileno(), udp.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a socket connected to itself', () => {
	it('is said to be connected to itself, its own port at both ends', async () => {
		const {pid, line} = await startPython(script);
		const [tcpFd, tcpPort, udpFd, udpPort] = line.split(' ').map(Number) as [number, number, number, number];
		const ctx = {services: createStaticServiceTable([]), ephemeral: parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))};
		const detail = await readProcessDetail(pid);
		const fd = (number: number) => detail.fds.find(each => each.fd === number)!;
		const sentence = (number: number) => explainFd(fd(number), ctx, listeningOf(detail))?.sentence;
		expect(fd(tcpFd)).toMatchObject({socket: {localPort: tcpPort, foreignPort: tcpPort, state: 'ESTABLISHED'}, peer: null});
		expect(fdRow(fd(tcpFd), pid).foreign).toBe(`127.0.0.1:${tcpPort} → itself`);
		expect(sentence(tcpFd)).toMatch(new RegExp(`^python3 has a TCP connection to itself: port ${tcpPort} \\(ephemeral range, unnamed\\) on 127\\.0\\.0\\.1 is both of its ends \\(a self-connect: `));
		expect(fdRow(fd(udpFd), pid).foreign).toBe(`127.0.0.1:${udpPort} → itself`);
		expect(sentence(udpFd)).toBe(`python3 has a UDP socket connected to itself: port ${udpPort} (ephemeral range, unnamed) on 127.0.0.1 is both of its ends, so it receives what it sends`);
	});
});
