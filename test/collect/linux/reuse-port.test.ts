import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {outlivingInFds} from '../../../source/model/reuse-port.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Two processes each listen on one port with a socket of their own (SO_REUSEPORT), TCP and UDP:
 * /proc does not flag the option, but two sockets on one protocol, address and port tell it. An
 * IPv4 and an IPv6 listener on one port (each set SO_REUSEPORT too) are no such group.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('SO_REUSEPORT test skipped: needs Linux and python3');

/** Binds argv[1] (0: a free port, printed) with SO_REUSEPORT, TCP listening and UDP; then an IPv4 and an IPv6 listener on another port. */
const script = `
import socket, sys
def reuse(kind, family=socket.AF_INET):
    s = socket.socket(family, kind); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1); return s
tcp = reuse(socket.SOCK_STREAM); tcp.bind(('127.0.0.1', int(sys.argv[1]))); tcp.listen(); port = tcp.getsockname()[1]
udp = reuse(socket.SOCK_DGRAM); udp.bind(('127.0.0.1', port))
v4 = reuse(socket.SOCK_STREAM); v4.bind(('0.0.0.0', 0)); v4.listen(); other = v4.getsockname()[1]
v6 = reuse(socket.SOCK_STREAM, socket.AF_INET6); v6.bind(('::', other)); v6.listen()
print(tcp.fileno(), udp.fileno(), v4.fileno(), v6.fileno(), port, flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('sockets of two processes sharing a port (SO_REUSEPORT)', () => {
	it("says so in each listener's sentence, and the kill dialog that the port stays served", async () => {
		const first = await startPython(script, ['0']);
		const [tcp, udp, v4, v6, port] = first.line.split(' ').map(Number) as [number, number, number, number, number];
		const second = await startPython(script, [String(port)]);
		const detail = await readProcessDetail(first.pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(fdOf(tcp).portSharers).toEqual({holders: [{command: 'python3', pid: second.pid, fd: tcp}], unseen: 0, sockets: 1});
		expect(fdOf(udp).portSharers).toEqual({holders: [{command: 'python3', pid: second.pid, fd: udp}], unseen: 0, sockets: 1});
		// Not the IPv4 and IPv6 listeners on one port: tcp4 and tcp6 are no group.
		expect(fdOf(v4).portSharers).toBeUndefined();
		expect(fdOf(v6).portSharers).toBeUndefined();

		const text = formatProcessText(detail, ctx);
		expect(text).toContain(`not reachable from other machines; while it listens, Linux refuses bind() of port ${port} on 0.0.0.0 (or a dual-stack ::) ("Address already in use"), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user; it shares port ${port} with python3[${second.pid}] (SO_REUSEPORT): the kernel spreads new connections between their sockets`);
		expect(text).toContain(`it shares port ${port} with python3[${second.pid}] (SO_REUSEPORT, or SO_REUSEADDR on each)`);
		expect(text.split('\n').filter(line => line.includes('(SO_REUSEPORT')).map(line => line.trim().split(':')[0])).toEqual([`fd ${tcp}`, `fd ${udp}`]);
		expect(outlivingInFds(first.pid, detail.fds, tcp)).toBe(`port ${port} stays served by python3[${second.pid}]`);
	});
});
