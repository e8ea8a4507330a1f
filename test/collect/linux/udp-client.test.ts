import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {parsePortRange} from '../../../source/services/load.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * A UDP socket that sends before it binds (a DNS client's sendto) gets a port from the
 * ephemeral range on every address, and then looks like a server in the UDP table. The PID
 * view says what that port most likely is; a socket bound on purpose to one address is not hedged.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('UDP client test skipped: needs Linux and python3 (to open the sockets)');

const script = `
import socket, sys
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); client.sendto(b'?', ('127.0.0.1', 9))
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); server.bind(('127.0.0.1', 0))
print(client.fileno(), client.getsockname()[1], server.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('an unconnected UDP socket on a port the kernel picked', () => {
	it('is said to be most likely a client', async () => {
		const {pid, line} = await startPython(script);
		const [clientFd, port, serverFd] = line.split(' ').map(Number) as [number, number, number];
		const ctx = {services: createStaticServiceTable([]), ephemeral: parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))};
		const detail = await readProcessDetail(pid);
		const sentence = (fd: number) => explainFd(detail.fds.find(each => each.fd === fd)!, ctx, listeningOf(detail))?.sentence;
		expect(sentence(clientFd)).toBe(
			`python3 receives UDP datagrams on port ${port} (ephemeral range, unnamed) on every IPv4 address; most likely the kernel picked that port when the socket first sent without binding one, so it is a client (a DNS resolver, say) rather than a server`,
		);
		// Bound to one address: a bind to port 0 on purpose, not hedged.
		expect(sentence(serverFd)).toMatch(/^python3 receives UDP datagrams on port \d+ \(ephemeral range, unnamed\) only on the loopback address 127\.0\.0\.1 — not reachable from other machines$/);
	});
});
