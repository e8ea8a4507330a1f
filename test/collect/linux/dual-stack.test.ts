import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * An IPv6 listener on every address that takes IPv4 too (dual-stack, Linux's default) shows it
 * once an IPv4 client connects: the accepted socket's local address is IPv4-mapped in
 * /proc/net/tcp6 (::ffff:127.0.0.1). Its PID view then says so, without "unless IPv6-only". Where
 * ss is installed the PID view asks it (ss -tulnHe: `v6only:0/1`), and the flag itself says which.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('dual-stack test skipped: needs Linux and python3');
else if (hasSs) console.warn('dual-stack test without ss skipped: ss is installed, so the PID view asks it (the with-ss case runs)');
else console.warn('dual-stack test with ss skipped: ss is not installed (iproute2)');

const script = `
import socket, sys
listener = socket.socket(socket.AF_INET6); listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, {V6ONLY})
listener.bind(('::', 0)); listener.listen(8)
port = listener.getsockname()[1]
client = socket.create_connection(('127.0.0.1', port)) if not {V6ONLY} else socket.create_connection(('::1', port))
accepted = listener.accept()[0]
print(listener.fileno(), flush=True)
sys.stdin.read()
`;

/** Two UDP sockets on ::, IPv6-only and dual-stack, beside an IPv4 one on 0.0.0.0; prints the first two's fds. */
const udpScript = `
import socket, sys
def udp6(v6only):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only); s.bind(('::', 0)); return s
only, dual = udp6(1), udp6(0)
four = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); four.bind(('0.0.0.0', only.getsockname()[1]))
print(only.fileno(), dual.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

async function listenerSentence(v6only: 0 | 1): Promise<string> {
	const {pid, line} = await startPython(script.replaceAll('{V6ONLY}', String(v6only)));
	const detail = await readProcessDetail(pid);
	const listener = detail.fds.find(each => each.fd === Number(line))!;
	expect(listener.socket).toMatchObject({proto: 'tcp6', state: 'LISTEN'});
	return explainFd(listener, ctx, listeningOf(detail))!.sentence;
}

describe.skipIf(!canRun || hasSs)('an IPv6 listener on every address, without ss', () => {
	it('is said to take IPv4 too once an IPv4 client\'s connection shows it, without the hedge', async () => {
		expect(await listenerSentence(0)).toMatch(/ on every IPv6 address and every IPv4 address too \(a connection from an IPv4 client on this port, at an IPv4-mapped ::ffff: address, shows it is not IPv6-only\)$/);
	});

	it('keeps the hedge when its clients came over IPv6: nothing tells whether it is IPv6-only', async () => {
		expect(await listenerSentence(1)).toMatch(/ on every IPv6 address \(and every IPv4 address too, unless the socket is IPv6-only\)$/);
	});
});

describe.skipIf(!canRun || !hasSs)('an IPv6 listener on every address, with ss', () => {
	it('is said to take IPv4 too or not by its own IPV6_V6ONLY flag, as ss -tulnHe tells it', async () => {
		expect(await listenerSentence(0)).toMatch(/ on every IPv6 address and every IPv4 address too \(the socket is not IPv6-only\)$/);
		expect(await listenerSentence(1)).toMatch(/ on every IPv6 address, and on no IPv4 address: the socket is IPv6-only \(IPV6_V6ONLY\)$/);
	});

	it('says it of a UDP server on :: too (a DNS server on [::]:53 beside 0.0.0.0:53 is IPv6-only), as ss -tulnHe tells it', async () => {
		const {pid, line} = await startPython(udpScript);
		const [only, dual] = line.split(' ').map(Number) as [number, number];
		const detail = await readProcessDetail(pid);
		const sentence = (fd: number) => explainFd(detail.fds.find(each => each.fd === fd)!, ctx, listeningOf(detail))!.sentence;
		expect(sentence(only)).toMatch(/ receives UDP datagrams on port \d+ .*on every IPv6 address, and on no IPv4 address: the socket is IPv6-only \(IPV6_V6ONLY\)$/);
		expect(sentence(dual)).toMatch(/ receives UDP datagrams on port \d+ .*on every IPv6 address and every IPv4 address too \(the socket is not IPv6-only\)$/);
	});
});
