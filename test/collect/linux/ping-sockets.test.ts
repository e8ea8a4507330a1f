import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {toJsonDocument} from '../../../source/format/json.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {applyFilters} from '../../../source/model/filter.js';
import type {ProcessDetail} from '../../../source/model/process.js';
import type {Snapshot} from '../../../source/model/types.js';
import {defaultFilters} from '../../../source/options.js';
import {servicePortOf} from '../../../source/services/explain.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {fixtureTable} from '../../services/helpers.js';
import {hasPython} from '../../helpers/tools.js';

/**
 * ICMP echo ("ping") sockets, as iputils ping opens them without privileges, in a network
 * namespace of the test's own whose net.ipv4.ping_group_range lets every group open them
 * (the host's may not: "1 0" allows none). Creating the namespace needs root and ip.
 */
const name = `socktop-ping-${process.pid}`;
const why =
	process.platform !== 'linux'
		? 'needs Linux'
		: process.getuid?.() !== 0
			? 'needs root to create a network namespace'
			: spawnSync('ip', ['-V']).status !== 0
				? '`ip` (iproute2) did not run'
				: hasPython
					? null
					: 'needs python3';
if (why !== null) console.warn(`ping socket test skipped: ${why}`);

// Identifier 22 (ssh's port) and 53 (domain's), so a lookup in the services file would find a name.
const script = `
import socket, sys
v4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
v4.bind(('0.0.0.0', 22))
v4.sendto(b'\\x08\\x00\\x00\\x00\\x00\\x01\\x00\\x01', ('127.0.0.1', 0))
connected = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
connected.connect(('127.0.0.1', 0))
v6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6)
v6.bind(('::1', 53))
# One hash bucket (identifiers equal mod 64), newest first: ::1 id 1128, 127.0.0.1 id 1064, then
# an unconnected IPv6 socket on :: (id 1000), which both tables then list alike: its family is a guess.
guessed = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6)
guessed.bind(('::', 1000))
near4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
near4.bind(('127.0.0.1', 1064))
near6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6)
near6.bind(('::1', 1128))
print(v4.fileno(), connected.fileno(), connected.getsockname()[1], v6.fileno(), guessed.fileno(), near4.fileno(), near6.fileno(), flush=True)
sys.stdin.read()
`;

let child: ChildProcess | undefined;
let pid: number;
let fds: {v4: number; connected: number; connectedId: number; v6: number; guessed: number; near4: number; near6: number};
let snapshot: Snapshot;
let detail: ProcessDetail;

beforeAll(async () => {
	if (why !== null) return;
	execFileSync('ip', ['netns', 'add', name]);
	execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
	execFileSync('ip', ['netns', 'exec', name, 'sh', '-c', 'echo 0 2147483647 > /proc/sys/net/ipv4/ping_group_range']);
	// ip netns exec execs python3 itself, so the child's PID is python's.
	child = spawn('ip', ['netns', 'exec', name, 'python3', '-c', script], {stdio: ['pipe', 'pipe', 'inherit']});
	const [line] = (await once(createInterface({input: child.stdout!}), 'line')) as [string];
	const [v4, connected, connectedId, v6, guessed, near4, near6] = line.split(' ').map(Number) as [number, number, number, number, number, number, number];
	pid = child.pid!;
	fds = {v4, connected, connectedId, v6, guessed, near4, near6};
	snapshot = await readLinuxSnapshot();
	detail = await readProcessDetail(pid);
});

afterAll(() => {
	child?.stdin?.end();
	child?.kill();
	if (why === null) spawnSync('ip', ['netns', 'del', name]);
});

describe.skipIf(why !== null)('ICMP echo (ping) sockets, live in a private network namespace', () => {
	it('marks the one whose family the tables do not tell, and says so in JSON and the PID view', () => {
		const own = snapshot.sockets.filter(socket => socket.pid === pid);
		// Kept as IPv4, though it is IPv6: both tables print it alike.
		expect(own.filter(socket => socket.isFamilyGuessed === true)).toEqual([expect.objectContaining({fd: fds.guessed, proto: 'icmp4', localAddress: '*', localPort: 1000})]);
		expect(own.find(socket => socket.fd === fds.near4)).toMatchObject({proto: 'icmp4', localAddress: '127.0.0.1', localPort: 1064});
		expect(own.find(socket => socket.fd === fds.near6)).toMatchObject({proto: 'icmp6', localAddress: '::1', localPort: 1128});
		const json = toJsonDocument(snapshot, own);
		expect(json.sockets.map(socket => [socket.fd, socket.isFamilyGuessed])).toContainEqual([fds.guessed, true]);
		expect(json.sockets.filter(socket => socket.isFamilyGuessed)).toHaveLength(1);

		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: null});
		expect(text).toContain(
			`fd ${fds.guessed}: python3 has a ping socket: an unprivileged ICMP or ICMPv6 echo socket (net.ipv4.ping_group_range allows it; which of the two is not known: /proc/net/icmp and icmp6 list it alike); the kernel matches replies by identifier 1000,`,
		);
		expect(text).toContain(`fd ${fds.near4}: python3 has a ping socket: an unprivileged ICMP echo socket (net.ipv4.ping_group_range allows it) from 127.0.0.1;`);
	});

	const rowOf = (fd: number) => snapshot.sockets.filter(socket => socket.pid === pid && socket.fd === fd);

	it('lists each one with its proto, PID, FD, identifier and namespace', () => {
		expect(rowOf(fds.v4)).toEqual([
			expect.objectContaining({proto: 'icmp4', command: 'python3', localAddress: '*', localPort: 22, foreignAddress: '*', foreignPort: null, state: 'UNCONN', netns: name}),
		]);
		expect(rowOf(fds.connected)).toEqual([
			expect.objectContaining({proto: 'icmp4', localAddress: '127.0.0.1', localPort: fds.connectedId, foreignAddress: '127.0.0.1', state: 'ESTABLISHED', netns: name}),
		]);
		expect(rowOf(fds.v6)).toEqual([expect.objectContaining({proto: 'icmp6', localAddress: '::1', localPort: 53, state: 'UNCONN', netns: name})]);
		const filtered = applyFilters(snapshot.sockets, {...defaultFilters, protocols: ['icmp']}).filter(socket => socket.pid === pid);
		expect(filtered.map(socket => socket.fd).sort()).toEqual(Object.entries(fds).filter(([key]) => key !== 'connectedId').map(([, fd]) => fd).sort());
		expect(applyFilters(snapshot.sockets, {...defaultFilters, ports: [[22, 22]]}).some(socket => socket.pid === pid)).toBe(false);
	});

	it('names no service for an identifier, in the table or the PID view, whose sentence says what the socket is', async () => {
		const services = await fixtureTable('debian-services');
		for (const socket of snapshot.sockets.filter(each => each.pid === pid)) {
			expect(servicePortOf(socket)).toBeNull();
		}

		const text = formatProcessText(detail, {services, ephemeral: null});
		expect(text).toContain(
			`fd ${fds.v4}: python3 has a ping socket: an unprivileged ICMP echo socket (net.ipv4.ping_group_range allows it); the kernel matches replies by identifier 22, the echo id it sends with (not a port)`,
		);
		expect(text).toContain(`fd ${fds.v6}: python3 has a ping socket: an unprivileged ICMPv6 echo socket (net.ipv4.ping_group_range allows it) from ::1;`);
		// RECV-Q and SEND-Q follow when a socket has something queued (an echo reply not read yet).
		const queues = '( +\\d+ +\\d+)?';
		expect(text).toMatch(new RegExp(`^ *${fds.v4}u +icmp4 +\\*:id=22 +\\*:\\* +UNCONN${queues}$`, 'm'));
		expect(text).toMatch(new RegExp(`^ *${fds.connected}u +icmp4 +127\\.0\\.0\\.1:id=${fds.connectedId} +127\\.0\\.0\\.1:\\* +ESTABLISHED${queues}$`, 'm'));
		expect(text).toMatch(new RegExp(`^ *${fds.v6}u +icmp6 +\\[::1\\]:id=53 +\\*:\\* +UNCONN${queues}$`, 'm'));
		// ssh and domain are the services file's names for 22 and 53: never said of an identifier.
		expect(text).not.toMatch(/\bssh\b|\bdomain\b/);
	});
});
