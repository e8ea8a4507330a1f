import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {createLinuxCollector} from '../../source/collect/linux/index.js';
import {linuxTools} from '../../source/collect/linux/tools.js';
import {parseIfInet6} from '../../source/collect/linux/if-inet6.js';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessText} from '../../source/format/pid.js';
import {printSnapshot} from '../../source/once.js';
import {defaultFilters} from '../../source/options.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {isLinkLocalIpv4, isLinkLocalIpv6} from '../../source/services/link-local.js';
import {placePhrase} from '../../source/services/phrases.js';
import {capture} from '../helpers/once-io.js';
import {testOptions} from '../helpers/options.js';
import {hasPython, startPython} from '../helpers/tools.js';

describe('an IPv6 link-local address (fe80::/10)', () => {
	it('is told from other IPv6 addresses by its first 10 bits', () => {
		for (const address of ['fe80::1', 'FE80::fc:ff:fe00:1', 'febf::1', '[fe80::1]']) expect(isLinkLocalIpv6(address)).toBe(true);
		// fec0::/10 was site-local (deprecated); fd00::/8 is unique local; ::1 is loopback.
		for (const address of ['fec0::1', 'fd00::2', '::1', '2001:db8::1', 'fe8::1', '10.0.0.1']) expect(isLinkLocalIpv6(address)).toBe(false);
	});

	it('is said to be link-local, reachable only from the same link', () => {
		expect(placePhrase('fe80::fc:ff:fe00:1', 6)).toBe(
			'only on the link-local address fe80::fc:ff:fe00:1 (fe80::/10) — reachable only from the same link, through the interface that has it',
		);
		expect(placePhrase('fe80::1', 6, null, 'uat-a')).toBe(
			'only on the link-local address fe80::1 (fe80::/10) in network namespace uat-a — reachable only from the same link, through the interface that has it',
		);
		expect(placePhrase('fd00::2', 6)).toBe('only on the address fd00::2');
	});

	it('names the link by the interface that has the address, when it is known', () => {
		expect(placePhrase('fe80::1234', 6, null, null, 'eth0')).toBe(
			'only on the link-local address fe80::1234 (fe80::/10) — reachable only from the link of eth0, the interface that has it',
		);
	});
});

describe('an IPv4 link-local address (169.254.0.0/16)', () => {
	it('is told by its first 16 bits', () => {
		for (const address of ['169.254.0.1', '169.254.169.254']) expect(isLinkLocalIpv4(address)).toBe(true);
		for (const address of ['169.253.1.1', '10.169.254.1', '169.2541.1.1', 'fe80::1']) expect(isLinkLocalIpv4(address)).toBe(false);
	});

	// RFC 3927 section 2.7: a router forwards no packet to or from 169.254.0.0/16.
	it('is said to be link-local, reachable only from the same link, as an IPv6 one', () => {
		expect(placePhrase('169.254.1.2', 4)).toBe(
			'only on the link-local address 169.254.1.2 (169.254.0.0/16) — reachable only from the same link, through the interface that has it',
		);
		expect(placePhrase('169.254.1.2', 4, null, 'uat-a', 'eth0')).toBe(
			'only on the link-local address 169.254.1.2 (169.254.0.0/16) in network namespace uat-a — reachable only from the link of eth0, the interface that has it',
		);
	});
});

/** This machine's link-local addresses each on one interface, and that interface, from /proc/net/if_inet6. */
const linkLocal = (() => {
	try {
		const interfaces = parseIfInet6(readFileSync('/proc/net/if_inet6', 'utf8'));
		return [...interfaces].flatMap(([address, names]) => (isLinkLocalIpv6(address) && names.length === 1 ? [{address, name: names[0]!}] : []));
	} catch {
		return [];
	}
})();
const canRun = process.platform === 'linux' && hasPython && linkLocal.length > 0;
if (!canRun) console.warn('link-local listener test skipped: needs Linux, python3 and an fe80:: address on exactly one interface');

const script = `
import ipaddress, socket, sys
address = str(ipaddress.IPv6Address(sys.argv[1]))
listener = socket.socket(socket.AF_INET6)
listener.bind((address, 0, 0, socket.if_nametoindex(sys.argv[2]))); listener.listen(8)
print(address, listener.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a real listener on a link-local address', () => {
	it('is explained as link-local, on the link of its interface', async () => {
		const {address, name} = linkLocal[0]!;
		const {pid, line} = await startPython(script, [address, name]);
		const [bound, port] = line.split(' ') as [string, string];
		const text = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: null});
		expect(text.replaceAll(/\s+/g, ' ')).toContain(
			`python3 listens for TCP connections on port ${port} (`,
		);
		expect(text).toContain(`only on the link-local address ${bound} (fe80::/10) — reachable only from the link of ${name}, the interface that has it`);
	});
});

/** Why interfaces of our own cannot be made here (a network namespace, a veth pair), or null. */
const whyNoLink =
	process.platform !== 'linux' || process.getuid?.() !== 0
		? 'needs root on Linux to make a network namespace and interfaces'
		: !hasPython
			? 'needs python3'
			: spawnSync('ip', ['-V']).status === 0
				? null
				: 'needs ip (iproute2)';
if (whyNoLink !== null) console.warn(`link-local interface test skipped: ${whyNoLink}`);
const namespace = `socktop-ll-${process.pid}`;
const ip = (...args: string[]) => execFileSync('ip', ['-n', namespace, ...args]);

const threeListeners = `
import socket, sys
bound = []
for address, name in [("fe80::1234", "llv0"), ("fe80::5678", "llv1"), ("169.254.1.2", None)]:
    s = socket.socket(socket.AF_INET if name is None else socket.AF_INET6)
    s.bind((address, 0) if name is None else (address, 0, 0, socket.if_nametoindex(name)))
    s.listen()
    bound.append(s)
print(" ".join(str(s.fileno()) for s in bound), flush=True)
sys.stdin.read()
`;

/** A TCP listener and a UDP socket on fe80::1234%llv0, a TCP listener on fe80::5678%llv1 (on both interfaces); prints their ports. */
const linkLocalSockets = `
import socket, sys
def bound(kind, address, name):
    s = socket.socket(socket.AF_INET6, kind); s.bind((address, 0, 0, socket.if_nametoindex(name)))
    if kind == socket.SOCK_STREAM: s.listen()
    return s
held = [bound(socket.SOCK_STREAM, 'fe80::1234', 'llv0'), bound(socket.SOCK_DGRAM, 'fe80::1234', 'llv0'), bound(socket.SOCK_STREAM, 'fe80::5678', 'llv1')]
print(' '.join(str(s.getsockname()[1]) for s in held), flush=True)
sys.stdin.read()
`;

/** `socktop --once` (or `--json`) as root, `--netns` the test's, on `ports`. */
async function once(ports: readonly number[], json: boolean): Promise<string> {
	const io = capture(false, true);
	const filters = {...defaultFilters, netns: namespace, ports: ports.map(port => [port, port] as const)};
	await printSnapshot(testOptions({json, filters}), createLinuxCollector(), io);
	return io.out();
}

describe.skipIf(whyNoLink !== null)('listeners on link-local addresses of interfaces made for the test', () => {
	beforeAll(() => {
		execFileSync('ip', ['netns', 'add', namespace]);
		// A veth pair: the dummy module is not everywhere. nodad: the addresses are usable at once.
		ip('link', 'add', 'llv0', 'type', 'veth', 'peer', 'name', 'llv1');
		ip('link', 'set', 'llv0', 'up');
		ip('link', 'set', 'llv1', 'up');
		ip('-6', 'addr', 'add', 'fe80::1234/64', 'dev', 'llv0', 'nodad');
		// The same address on both interfaces: which one a socket on it is bound to is not known.
		ip('-6', 'addr', 'add', 'fe80::5678/64', 'dev', 'llv0', 'nodad');
		ip('-6', 'addr', 'add', 'fe80::5678/64', 'dev', 'llv1', 'nodad');
		ip('addr', 'add', '169.254.1.2/16', 'dev', 'llv0');
	});
	afterAll(() => {
		spawnSync('ip', ['netns', 'del', namespace]);
	});

	// Two one-shot scans and a PID view: a loaded machine takes more than the default 30 s.
	it('are written [fe80::1234]%llv0:PORT in --once and the PID view, and --json names the interface', {timeout: 90_000}, async () => {
		const {pid, line} = await startPython(linkLocalSockets, [], ['ip', 'netns', 'exec', namespace]);
		const [tcp, udp, both] = line.split(' ').map(Number) as [number, number, number];
		const text = await once([tcp, udp, both], false);
		expect(text).toMatch(new RegExp(String.raw`tcp6 +\[fe80::1234\]%llv0:${tcp} +\*:\* +LISTEN`, 'u'));
		expect(text).toMatch(new RegExp(String.raw`udp6 +\[fe80::1234\]%llv0:${udp} +\*:\* +UNCONN`, 'u'));
		// On two interfaces: which one is not known, and none is named.
		expect(text).toMatch(new RegExp(String.raw`tcp6 +\[fe80::5678\]:${both} +\*:\* +LISTEN`, 'u'));

		const rows = (JSON.parse(await once([tcp, udp, both], true)) as {sockets: Array<{pid: number; localPort: number; localAddress: string; linkInterface: string | null}>}).sockets;
		// In port order: the rows' own order (sort ties) is not what is tested here.
		const byPort = (a: {localPort: number}, b: {localPort: number}) => a.localPort - b.localPort;
		expect(rows.filter(row => row.pid === pid).map(({localPort, localAddress, linkInterface}) => ({localPort, localAddress, linkInterface})).sort(byPort)).toEqual(
			[
				{localPort: tcp, localAddress: 'fe80::1234', linkInterface: 'llv0'},
				{localPort: both, localAddress: 'fe80::5678', linkInterface: null},
				{localPort: udp, localAddress: 'fe80::1234', linkInterface: 'llv0'},
			].sort(byPort),
		);

		const view = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: null});
		expect(view).toMatch(new RegExp(String.raw`tcp6 +\[fe80::1234\]%llv0:${tcp} `, 'u'));
		expect(view).toMatch(new RegExp(String.raw`udp6 +\[fe80::1234\]%llv0:${udp} `, 'u'));
		expect(view).toMatch(new RegExp(String.raw`tcp6 +\[fe80::5678\]:${both} `, 'u'));
	});

	it('name the interface when one has the address, and none when several have it or it is gone', async () => {
		const {pid, line} = await startPython(threeListeners, [], ['ip', 'netns', 'exec', namespace]);
		const [one, both, ipv4] = line.split(' ').map(Number) as [number, number, number];
		const ctx = {services: createStaticServiceTable([]), ephemeral: null};
		const fdOf = async (fd: number) => (await readProcessDetail(pid)).fds.find(each => each.fd === fd)!;
		expect((await fdOf(one)).linkInterface).toBe('llv0');
		expect(await fdOf(both)).not.toHaveProperty('linkInterface');
		// An IPv4 one's interface: from ip, as /proc records none (ipv4-interfaces.ts).
		expect((await fdOf(ipv4)).linkInterface).toBe('llv0');
		const text = formatProcessText(await readProcessDetail(pid), ctx).replaceAll(/\s+/g, ' ');
		expect(text).toContain(`fd ${one}: python3 listens for TCP connections on port`);
		expect(text).toContain(`only on the link-local address fe80::1234 (fe80::/10) in network namespace ${namespace} — reachable only from the link of llv0, the interface that has it`);
		expect(text).toContain(`only on the link-local address fe80::5678 (fe80::/10) in network namespace ${namespace} — reachable only from the same link, through the interface that has it`);
		expect(text).toContain(`only on the link-local address 169.254.1.2 (169.254.0.0/16) in network namespace ${namespace} — reachable only from the link of llv0, the interface that has it`);

		// IPv4 allows one address on two interfaces: which one the socket is on is not known.
		ip('addr', 'add', '169.254.1.2/16', 'dev', 'llv1');
		expect(await fdOf(ipv4)).not.toHaveProperty('linkInterface');

		// The address removed: the socket still listens, on no interface's address.
		ip('-6', 'addr', 'del', 'fe80::1234/64', 'dev', 'llv0');
		expect(await fdOf(one)).not.toHaveProperty('linkInterface');
	});

	it('have their interfaces asked of ip once over a collector\'s refreshes of the PID view, not on each', async () => {
		// An address of its own: the test above moved its own and removed the IPv6 one.
		ip('addr', 'add', '169.254.5.5/16', 'dev', 'llv0');
		const {pid, line} = await startPython('import socket, sys\ns = socket.socket(); s.bind(("169.254.5.5", 0)); s.listen()\nprint(s.fileno(), flush=True)\nsys.stdin.read()\n', [], ['ip', 'netns', 'exec', namespace]);
		const ipv4 = Number(line);
		const collector = createLinuxCollector();
		const runs = vi.spyOn(linuxTools, 'stdoutIn');
		try {
			for (let refresh = 0; refresh < 3; refresh++) {
				// eslint-disable-next-line no-await-in-loop
				expect((await collector.process!(pid)).fds.find(each => each.fd === ipv4)?.linkInterface).toBe('llv0');
			}

			expect(runs.mock.calls.filter(([, tool]) => tool === 'ip')).toHaveLength(1);
		} finally {
			runs.mockRestore();
		}
	});
});
