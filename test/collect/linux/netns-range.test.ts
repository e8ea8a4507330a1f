import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {startPython} from '../../helpers/tools.js';
import {canMakeNamespaces, joinNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * Each network namespace has its own ip_local_port_range. A process in another one
 * (a container) gets its client ports from that range, so its PID view explains them
 * with it, read there through nsenter (root).
 */
if (!canMakeNamespaces) console.warn('netns-range test skipped: needs root and ip netns');

/** Sets a namespace's range: written, not set with sysctl, which is in /usr/sbin, where a PATH need not look (as env -i PATH=/usr/bin:/bin). */
const setRange = (netns: string, range: string) => execFileSync('ip', ['netns', 'exec', netns, 'sh', '-c', `echo ${range} > /proc/sys/net/ipv4/ip_local_port_range`]);
const inside = (netns: string) => ['ip', 'netns', 'exec', netns];

const script = `
import socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen()
client = socket.create_connection(listener.getsockname())
print(client.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canMakeNamespaces)('a process in a namespace with its own ephemeral range', () => {
	it('has its ports explained with that range', async () => {
		const namespace = makeNamespace('range');
		onTestFinished(namespace.remove);
		setRange(namespace.name!, '20000 20999');
		const {pid, line} = await startPython(script, [], inside(namespace.name!));
		const clientPort = Number(line);
		expect(clientPort).toBeGreaterThanOrEqual(20_000);
		expect(clientPort).toBeLessThanOrEqual(20_999);
		// Our own range is the default one, not the namespace's.
		expect(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim()).not.toMatch(/^20000\s+20999$/);

		const detail = await readProcessDetail(pid);
		expect(detail.ephemeral).toEqual([20_000, 20_999]);
		const fd = detail.fds.find(each => each.socket?.localPort === clientPort);
		expect(fd).toBeDefined();
		// The listener is in the same process, so the direction is told; the client port is then the range's.
		const explained = explainFd(fd!, {services: createStaticServiceTable([]), ephemeral: detail.ephemeral ?? null}, listeningOf(detail));
		expect(explained?.sentence).toContain(`ephemeral port ${clientPort}`);
	});
});

// A server that prints its PID once a client has connected and it has accepted; on a port of its own
// choice (one of the range would be the ephemeral note's subject), free in its namespace.
const server = `
import os, socket, sys
listener = socket.socket(); listener.bind(('10.203.0.1', 8080)); listener.listen()
print(listener.getsockname()[1], flush=True)
conn, peer = listener.accept()
print(os.getpid(), peer[1], flush=True)
sys.stdin.read()
`;

// Its client: connects to the address and port given, prints its port.
const client = `
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canMakeNamespaces)("a server in a namespace whose range is not its client's", () => {
	it("does not cite its own range for the port a client's kernel picked from another", async () => {
		const [serverSide, clientSide] = [makeNamespace('rsrv'), makeNamespace('rcli')];
		onTestFinished(() => [serverSide, clientSide].forEach(namespace => namespace.remove()));
		// The two joined by a veth pair, the server's with a range its client's default one does not overlap.
		joinNamespaces('sr', {netns: serverSide.name!, address: '10.203.0.1/24'}, {netns: clientSide.name!, address: '10.203.0.2/24'});
		setRange(serverSide.name!, '20000 20999');
		setRange(clientSide.name!, '40000 40999');
		const listening = await startPython(server, [], inside(serverSide.name!));
		await startPython(client, ['10.203.0.1', listening.line], inside(clientSide.name!));
		const [pid, clientPort] = (await listening.next()).split(' ').map(Number) as [number, number];
		expect(clientPort).toBeGreaterThanOrEqual(40_000);
		const detail = await readProcessDetail(pid);
		expect(detail.ephemeral).toEqual([20_000, 20_999]);
		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: detail.ephemeral ?? null, ephemeralSetting: 'net.ipv4.ip_local_port_range'});
		// The client's namespace is known (its end is found there), its range is not read: the note names where it is.
		expect(text).toContain(
			`    ${clientPort}: an ephemeral port, most likely picked by the client's kernel, in network namespace ${clientSide.name} (each namespace has its own range); no service is named for it\n`,
		);
	});
});

describe.skipIf(!canMakeNamespaces)("a server in a namespace with its own range, its client in socktop's", () => {
	it("explains the client's port with socktop's own range, the one the client's kernel picked it from", async () => {
		const serverSide = makeNamespace('rhost');
		onTestFinished(serverSide.remove);
		// A veth pair from socktop's namespace to the server's; deleting the namespace deletes both ends.
		joinNamespaces('sh', {netns: null, address: '10.204.0.2/24'}, {netns: serverSide.name!, address: '10.204.0.1/24'});
		setRange(serverSide.name!, '20000 20999');
		const listening = await startPython(server.replace('10.203.0.1', '10.204.0.1'), [], inside(serverSide.name!));
		await startPython(client, ['10.204.0.1', listening.line]);
		const [pid, clientPort] = (await listening.next()).split(' ').map(Number) as [number, number];
		const own = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number) as [number, number];
		const detail = await readProcessDetail(pid);
		expect(detail.ephemeral).toEqual([20_000, 20_999]);
		// socktop's own namespace: 'host' where the tests run in the host's.
		expect(detail.viewerNetns).toBeDefined();
		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: detail.ephemeral ?? null, viewerEphemeral: own, ephemeralSetting: 'net.ipv4.ip_local_port_range'});
		expect(text).toContain(
			`    ${clientPort}: an ephemeral port, most likely picked by the client's kernel from its range (in network namespace ${detail.viewerNetns}: ${own[0]}-${own[1]}, net.ipv4.ip_local_port_range); no service is named for it\n`,
		);
		expect(text).not.toContain('20000-20999');
	});
});
