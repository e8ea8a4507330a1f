import {describe, expect, it, onTestFinished} from 'vitest';
import {createLinuxCollector} from '../../../source/collect/linux/index.js';
import {printSnapshot} from '../../../source/once.js';
import {defaultFilters} from '../../../source/options.js';
import {capture} from '../../helpers/once-io.js';
import {testOptions} from '../../helpers/options.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * `socktop --json` (the table's, not the PID view's) gives each TCP listener's backlog and
 * IPv6-only flag, and an IPv6 UDP server's flag: one ss -tulnHe in each namespace its listeners
 * are in, as root through nsenter.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('one-shot listener facts test skipped: needs Linux, python3 and ss');
const isRoot = process.getuid?.() === 0;
const canNamespace = canRun && canMakeNamespaces;
if (canRun && !canNamespace) console.warn('one-shot listener facts in another namespace skipped: needs root and ip netns');

/** An IPv4 listener with backlog 5 and an IPv6-only one with backlog 7; prints their ports. */
const script = `
import socket, sys
four = socket.socket(); four.bind(('127.0.0.1', 0)); four.listen(5)
six = socket.socket(socket.AF_INET6); six.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); six.bind(('::', 0)); six.listen(7)
print(four.getsockname()[1], six.getsockname()[1], flush=True)
sys.stdin.read()
`;

type Row = {proto: string; localPort: number; netns: string; pid: number; backlog: number | null; isV6Only: boolean | null};

/** `socktop --json -l -p PORTS` with this process's rights (root: every namespace): the rows of process `pid`. */
async function listeners(pid: number, ports: readonly number[]): Promise<Array<Omit<Row, 'pid'>>> {
	const io = capture(false, isRoot);
	const filters = {...defaultFilters, netns: '', listening: true, ports: ports.map(port => [port, port] as const)};
	await printSnapshot(testOptions({json: true, filters}), createLinuxCollector(), io);
	const rows = (JSON.parse(io.out()) as {sockets: Row[]}).sockets.filter(row => row.pid === pid);
	return rows.map(({proto, localPort, netns, backlog, isV6Only}) => ({proto, localPort, netns, backlog, isV6Only}));
}

/** UDP servers on :: (an IPv6-only one and a dual-stack one), and one on 0.0.0.0, which has no such flag; prints their ports. */
const udpScript = `
import socket, sys
def udp6(v6only):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only); s.bind(('::', 0)); return s
only, dual = udp6(1), udp6(0)
four = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); four.bind(('0.0.0.0', 0))
print(only.getsockname()[1], dual.getsockname()[1], four.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('socktop --json: TCP listeners\' backlog and IPv6-only flag', () => {
	it('gives them for the listeners of socktop\'s own namespace', async () => {
		const {pid, line} = await startPython(script);
		const [four, six] = line.split(' ').map(Number) as [number, number];
		const netns = createLinuxCollector().ownNamespace!();
		expect(await listeners(pid, [four, six])).toEqual([
			{proto: 'tcp4', localPort: four, netns, backlog: 5, isV6Only: null},
			{proto: 'tcp6', localPort: six, netns, backlog: 7, isV6Only: true},
		]);
	});

	it('gives the IPv6-only flag of UDP servers on :: (whether they take IPv4 datagrams too), and no backlog', async () => {
		const {pid, line} = await startPython(udpScript);
		const [only, dual, four] = line.split(' ').map(Number) as [number, number, number];
		const netns = createLinuxCollector().ownNamespace!();
		const rows = await listeners(pid, [only, dual, four]);
		expect(rows.sort((a, b) => a.localPort - b.localPort)).toEqual(
			[
				{proto: 'udp6', localPort: only, netns, backlog: null, isV6Only: true},
				{proto: 'udp6', localPort: dual, netns, backlog: null, isV6Only: false},
				{proto: 'udp4', localPort: four, netns, backlog: null, isV6Only: null},
			].sort((a, b) => a.localPort - b.localPort),
		);
	});

	it.skipIf(!canNamespace)('gives them, as root, for those of another network namespace too', async () => {
		const namespace = makeNamespace('once');
		onTestFinished(namespace.remove);
		const {pid, line} = await startPython(script, [], ['ip', 'netns', 'exec', namespace.name!]);
		const [four, six] = line.split(' ').map(Number) as [number, number];
		expect(await listeners(pid, [four, six])).toEqual([
			{proto: 'tcp4', localPort: four, netns: namespace.name, backlog: 5, isV6Only: null},
			{proto: 'tcp6', localPort: six, netns: namespace.name, backlog: 7, isV6Only: true},
		]);
	});
});

/** A dual-stack listener on :: and an IPv6-only one, and an IPv4 client connected to the first; prints their ports. */
const familyScript = `
import socket, sys
def tcp6(v6only):
    s = socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only); s.bind(('::', 0)); s.listen(4); return s
dual, only = tcp6(0), tcp6(1)
client = socket.create_connection(('127.0.0.1', dual.getsockname()[1])); accepted = dual.accept()[0]
print(dual.getsockname()[1], only.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('socktop -4 --once: IPv6 sockets that carry IPv4, as sockstat -4 lists tcp46', () => {
	it('lists a dual-stack listener (tcp46) and an IPv4 client\'s connection to it, not an IPv6-only listener (ss -tulnHe asked without --json)', async () => {
		const {pid, line} = await startPython(familyScript);
		const [dual, only] = line.split(' ').map(Number) as [number, number];
		const io = capture(false, isRoot);
		const filters = {...defaultFilters, netns: 'host', ipv4: true, ports: [dual, only].map(port => [port, port] as const)};
		await printSnapshot(testOptions({filters}), createLinuxCollector(), io);
		// USER COMMAND PID FD PROTO LOCAL FOREIGN STATE, the rows of the python process.
		const rows = io.out().split('\n').map(row => row.split(/\s+/)).filter(cells => cells[2] === String(pid));
		expect(rows.map(cells => cells.slice(4, 8)).sort()).toEqual(
			[
				['tcp4', expect.stringMatching(/^127\.0\.0\.1:\d+$/), `127.0.0.1:${dual}`, 'ESTABLISHED'],
				['tcp46', `*:${dual}`, '*:*', 'LISTEN'],
				['tcp6', `[::ffff:127.0.0.1]:${dual}`, expect.stringMatching(/^\[::ffff:127\.0\.0\.1\]:\d+$/), 'ESTABLISHED'],
			].sort(),
		);
	});
});

