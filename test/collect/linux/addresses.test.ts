import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Addresses that are not one host's: a multicast group a UDP socket is bound to, and IPv4
 * addresses through an IPv6 socket (::ffff:0.0.0.0 is every IPv4 address, ::ffff:127.0.0.1
 * the IPv4 loopback, as a foreign address too).
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('address phrase test skipped: needs Linux and python3 (to open the sockets)');

const script = `
import socket, sys
group = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); group.bind(('239.1.2.3', 0))
group6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); group6.bind(('ff02::1', 0, 0, 1))
mapped_any = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); mapped_any.bind(('::ffff:0.0.0.0', 0))
listener = socket.socket(socket.AF_INET6); listener.bind(('::ffff:127.0.0.1', 0)); listener.listen(1)
client = socket.create_connection(('127.0.0.1', listener.getsockname()[1]))
accepted = listener.accept()[0]
print(group.fileno(), group6.fileno(), mapped_any.fileno(), listener.fileno(), accepted.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('multicast groups and IPv4-mapped addresses', () => {
	it('are said to be a group, and IPv4 through an IPv6 socket', async () => {
		const {pid, line} = await startPython(script);
		const [group, group6, mappedAny, listener, accepted] = line.split(' ').map(Number) as [number, number, number, number, number];
		const detail = await readProcessDetail(pid);
		const sentence = (fd: number) => explainFd(detail.fds.find(each => each.fd === fd)!, ctx, listeningOf(detail))?.sentence;
		expect(sentence(group)).toMatch(/^python3 receives UDP datagrams on port \d+ \([^)]*\) for the multicast group 239\.1\.2\.3, whose datagrams reach it only while a socket of this machine has joined the group \(a bind joins none\)$/);
		expect(sentence(group6)).toMatch(/^python3 receives UDP datagrams on port \d+ \([^)]*\) for the multicast group ff02::1, whose datagrams reach it only while a socket of this machine has joined the group \(a bind joins none\)$/);
		expect(sentence(mappedAny)).toMatch(/^python3 receives UDP datagrams on port \d+ \([^)]*\) on every IPv4 address \(IPv4 only, through an IPv6 socket\)$/);
		expect(sentence(listener)).toMatch(
			/^python3 listens for TCP connections on port \d+ \([^)]*\) only on the IPv4 loopback address 127\.0\.0\.1 \(as ::ffff:127\.0\.0\.1, through an IPv6 socket\) — not reachable from other machines$/,
		);
		expect(sentence(accepted)).toMatch(/^python3 accepted a connection on port \d+ \([^)]*\) from ::ffff:127\.0\.0\.1 \(IPv4 loopback: this machine\) port \d+ /);
	});
});
