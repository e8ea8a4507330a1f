import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {createLinuxCollector} from '../../../source/collect/linux/index.js';
import {linuxTools} from '../../../source/collect/linux/tools.js';
import {columnById} from '../../../source/model/columns.js';
import type {Socket} from '../../../source/model/types.js';
import {printSnapshot} from '../../../source/once.js';
import {defaultFilters, type Filters} from '../../../source/options.js';
import {isBuilt, runCli} from '../../helpers/cli.js';
import {capture} from '../../helpers/once-io.js';
import {testOptions} from '../../helpers/options.js';
import {hasPython, hasSs, startPython, whyToolCannotBeHidden} from '../../helpers/tools.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * The table's PROTO says tcp46 and udp46, as FreeBSD sockstat does, for real sockets on :: that
 * are not IPv6-only, from the IPv6-only flag ss -tulnHe tells; tcp6 and udp6 where they are, and
 * where ss is not there to tell.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('tcp46 test skipped: needs Linux, python3 and ss');
const whyNoSsless = !canRun ? 'needs Linux, python3 and ss' : !isBuilt ? 'needs a build (npm run build)' : whyToolCannotBeHidden('ss');
if (canRun && whyNoSsless !== null) console.warn(`tcp46 test without ss skipped: ${whyNoSsless}`);
if (canRun && !canMakeNamespaces) console.warn('tcp46 test of the live view\'s asks skipped: needs root and ip netns (a namespace no other process opens listeners in)');
const isRoot = process.getuid?.() === 0;

/**
 * TCP listeners on :: (dual-stack, IPv6-only), an IPv4 client connected to the first, and UDP servers
 * on :: (dual-stack, IPv6-only); prints the four ports.
 */
const script = `
import socket, sys
def on_any(kind, v6only):
    s = socket.socket(socket.AF_INET6, kind); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only); s.bind(('::', 0))
    if kind == socket.SOCK_STREAM: s.listen(4)
    return s
dual, only = on_any(socket.SOCK_STREAM, 0), on_any(socket.SOCK_STREAM, 1)
udp_dual, udp_only = on_any(socket.SOCK_DGRAM, 0), on_any(socket.SOCK_DGRAM, 1)
client = socket.create_connection(('127.0.0.1', dual.getsockname()[1])); accepted = dual.accept()[0]
print(*(s.getsockname()[1] for s in (dual, only, udp_dual, udp_only)), flush=True)
sys.stdin.read()
`;

type Ports = {dual: number; only: number; udpDual: number; udpOnly: number};

/** `prefix`: as startPython's (`ip netns exec NAME`). */
async function startSockets(prefix: readonly string[] = []): Promise<{pid: number; ports: Ports}> {
	const {pid, line} = await startPython(script, [], prefix);
	const [dual, only, udpDual, udpOnly] = line.split(' ').map(Number) as [number, number, number, number];
	return {pid, ports: {dual, only, udpDual, udpOnly}};
}

const portFilter = (ports: Ports) => Object.values(ports).map(port => [port, port] as const);

/** PROTO, LOCAL, FOREIGN and STATE of the rows of process `pid` in a printed table. */
const cellsOf = (text: string, pid: number): string[][] =>
	text
		.split('\n')
		.map(row => row.split(/\s+/))
		.filter(cells => cells[2] === String(pid))
		.map(cells => cells.slice(4, 8))
		.sort();

/** The --once table (this process's rights, our namespace) of the sockets on `ports`, with `filters`. */
async function printed(ports: Ports, filters: Partial<Filters> = {}): Promise<string> {
	const io = capture(false, isRoot);
	await printSnapshot(testOptions({filters: {...defaultFilters, netns: 'host', ports: portFilter(ports), ...filters}}), createLinuxCollector(), io);
	return io.out();
}

describe.skipIf(!canRun)('tcp46 and udp46 in the table, as ss -tulnHe tells the IPv6-only flag', () => {
	it('--once says tcp46 and udp46 of the sockets on :: that take IPv4 too, tcp6 and udp6 of the IPv6-only ones', async () => {
		const {pid, ports} = await startSockets();
		expect(cellsOf(await printed(ports), pid)).toEqual(
			[
				['tcp46', `*:${ports.dual}`, '*:*', 'LISTEN'],
				['tcp6', `*:${ports.only}`, '*:*', 'LISTEN'],
				['udp46', `*:${ports.udpDual}`, '*:*', 'UNCONN'],
				['udp6', `*:${ports.udpOnly}`, '*:*', 'UNCONN'],
				// The IPv4 client's connection: an IPv6 socket on Linux, its mapped address says IPv4 (sockstat's tcp4).
				['tcp6', `[::ffff:127.0.0.1]:${ports.dual}`, expect.stringMatching(/^\[::ffff:127\.0\.0\.1\]:\d+$/), 'ESTABLISHED'],
				['tcp4', expect.stringMatching(/^127\.0\.0\.1:\d+$/), `127.0.0.1:${ports.dual}`, 'ESTABLISHED'],
			].sort(),
		);
	});

	it('-6 lists tcp46 and udp46 with the IPv6 sockets, -4 with the IPv4 ones, -P tcp with TCP', async () => {
		const {pid, ports} = await startSockets();
		const protos = async (filters: Partial<Filters>) => cellsOf(await printed(ports, {...filters, listening: true}), pid).map(cells => cells[0]);
		expect(await protos({ipv6: true})).toEqual(['tcp46', 'tcp6', 'udp46', 'udp6']);
		expect(await protos({ipv4: true})).toEqual(['tcp46', 'udp46']);
		expect(await protos({protocols: ['tcp']})).toEqual(['tcp46', 'tcp6']);
	});

	// In a namespace of its own (root), where no other process on the machine opens listeners between two snapshots.
	it.skipIf(!canMakeNamespaces)('the live view\'s snapshots keep the flag and ask ss -tulnHe again only when a listener on :: appears', async () => {
		const namespace = makeNamespace('tcp46');
		onTestFinished(namespace.remove);
		const inNamespace = ['ip', 'netns', 'exec', namespace.name!];
		const asks = vi.spyOn(linuxTools, 'stdoutIn');
		onTestFinished(() => asks.mockRestore());
		const pids = new Set<number>();
		const start = async () => {
			const started = await startSockets(inNamespace);
			pids.add(started.pid);
			return started;
		};

		// ss -tulnHe through nsenter into that namespace (by the PID of a process in it, ours).
		const listenerAsks = () => asks.mock.calls.filter(([pid, tool, args]) => pids.has(pid) && tool === 'ss' && args.includes('-tulnHe')).length;
		const collector = createLinuxCollector();
		const {pid, ports} = await start();
		const proto = (sockets: readonly Socket[], port: number) =>
			sockets.filter(socket => socket.pid === pid && socket.localPort === port && socket.foreignAddress === '*').map(socket => columnById('proto').text(socket, {serviceName: () => ''}));
		const first = await collector.snapshot();
		expect(proto(first.sockets, ports.dual)).toEqual(['tcp46']);
		expect(listenerAsks()).toBe(1);
		const second = await collector.snapshot();
		expect([proto(second.sockets, ports.dual), proto(second.sockets, ports.only), proto(second.sockets, ports.udpDual)]).toEqual([['tcp46'], ['tcp6'], ['udp46']]);
		expect(listenerAsks()).toBe(1);
		const more = await start();
		const third = await collector.snapshot();
		expect(listenerAsks()).toBe(2);
		expect(third.sockets.filter(socket => socket.pid === more.pid && socket.localPort === more.ports.dual && socket.state === 'LISTEN').map(socket => socket.isV6Only)).toEqual([false]);
	});
});

describe.skipIf(!canRun || !canMakeNamespaces)('tcp46 in a namespace the snapshot does not show (SnapshotRequest.netns)', () => {
	it('asks no ss there (nsenter), and keeps the flags its last ask there told: back to it, the listener is tcp46 at once', async () => {
		const namespace = makeNamespace('tcp46-shown');
		onTestFinished(namespace.remove);
		const entered = vi.spyOn(linuxTools, 'stdoutIn');
		onTestFinished(() => entered.mockRestore());
		const inNamespace = ['ip', 'netns', 'exec', namespace.name!];
		const first = await startSockets(inNamespace);
		const pids = new Set([first.pid]);
		const intoIt = () => entered.mock.calls.filter(([into]) => pids.has(into)).length;
		const collector = createLinuxCollector();
		const dual = (sockets: readonly Socket[], {pid, ports}: {pid: number; ports: Ports}) =>
			sockets.filter(socket => socket.pid === pid && socket.localPort === ports.dual && socket.state === 'LISTEN').map(socket => columnById('proto').text(socket, {serviceName: () => ''}));
		expect(dual((await collector.snapshot()).sockets, first)).toEqual(['tcp46']);
		expect(intoIt()).toBe(1);
		// A new listener there, while the snapshots show the host's rows: ss is not run there, and its
		// rows are still read (from /proc, for the notes and the live view's n): the first tcp46 as told, the new one tcp6.
		const more = await startSockets(inNamespace);
		pids.add(more.pid);
		const hostShown = await collector.snapshot({netns: 'host'});
		expect([dual(hostShown.sockets, first), dual(hostShown.sockets, more)]).toEqual([['tcp46'], ['tcp6']]);
		expect(intoIt()).toBe(1);
		const shown = await collector.snapshot({netns: namespace.name!});
		expect([dual(shown.sockets, first), dual(shown.sockets, more)]).toEqual([['tcp46'], ['tcp46']]);
		expect(intoIt()).toBe(2);
	});
});

describe.skipIf(whyNoSsless !== null)('tcp46 without ss', () => {
	it('stays tcp6 and udp6 where socktop --once says tcp46 and udp46 with ss: without it nothing tells the flag, and socktop does not guess', async () => {
		const {pid, ports} = await startSockets();
		const protos = async (environment: Record<string, string>) => {
			const {stdout, code} = await runCli(['--once', '--netns', 'host', '-p', Object.values(ports).join(',')], environment);
			expect(code).toBe(0);
			return cellsOf(stdout.toString('utf8'), pid).map(cells => cells[0]);
		};

		expect(await protos({})).toEqual(['tcp4', 'tcp46', 'tcp6', 'tcp6', 'udp46', 'udp6']);
		expect(await protos({PATH: '/nonexistent'})).toEqual(['tcp4', 'tcp6', 'tcp6', 'tcp6', 'udp6', 'udp6']);
	});
});
