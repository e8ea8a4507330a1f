import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {parsePortRange} from '../../../source/services/load.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * A connection whose ports do not say which end is the client: a socket that shares a
 * listener's port (both set SO_REUSEPORT) and dials out from it to another listener here. Both
 * ends' ports are listened on, so neither end may be called accepted.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('dial-out test skipped: needs Linux and python3 (to open the sockets)');

const script = `
import socket, sys
server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen()
def shared(port):
    sock = socket.socket(); sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1); sock.bind(('127.0.0.1', port)); return sock
listener = shared(0); listener.listen()
dialer = shared(listener.getsockname()[1]); dialer.connect(server.getsockname())
accepted, _ = server.accept()
client = socket.create_connection(listener.getsockname()); inbound, _ = listener.accept()
print(listener.getsockname()[1], server.getsockname()[1], dialer.fileno(), accepted.fileno(), inbound.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('connections whose ports do not tell the client', () => {
	it('does not call a dial-out from a listener\'s port accepted', async () => {
		const {pid, line} = await startPython(script);
		const [shared, service, dialerFd, acceptedFd, inboundFd] = line.split(' ').map(Number) as [number, number, number, number, number];
		const ctx = {services: createStaticServiceTable([]), ephemeral: parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))};
		const detail = await readProcessDetail(pid);
		const fd = (number: number) => detail.fds.find(each => each.fd === number)!;
		const sentence = (number: number) => explainFd(fd(number), ctx, listeningOf(detail))?.sentence;
		expect(fd(dialerFd).socket).toMatchObject({localPort: shared, foreignPort: service, state: 'ESTABLISHED'});
		expect(sentence(dialerFd)).toBe(
			`python3 has a TCP connection from 127.0.0.1 port ${shared} (ephemeral range, unnamed) to 127.0.0.1 port ${service} (ephemeral range, unnamed); the other end is fd ${acceptedFd} (same process)`,
		);
		expect(sentence(acceptedFd)).not.toMatch(/accepted/);
		// A client from a port nobody listens on is still known to be accepted on the shared port.
		expect(sentence(inboundFd)).toMatch(new RegExp(`^python3 accepted a connection on port ${shared} `));
	});
});
