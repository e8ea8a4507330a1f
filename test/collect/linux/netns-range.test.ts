import {execFileSync, spawn} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import readline from 'node:readline';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * Each network namespace has its own ip_local_port_range. A process in another one
 * (a container) gets its client ports from that range, so its PID view explains them
 * with it, read there through nsenter (root).
 */
if (!canMakeNamespaces) console.warn('netns-range test skipped: needs root and ip netns');

const script = `
import os, socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen()
client = socket.create_connection(listener.getsockname())
print(os.getpid(), client.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canMakeNamespaces)('a process in a namespace with its own ephemeral range', () => {
	it('has its ports explained with that range', async () => {
		const namespace = makeNamespace('range');
		onTestFinished(namespace.remove);
		// Written, not set with sysctl: that is in /usr/sbin, which a PATH need not have (as env -i PATH=/usr/bin:/bin).
		execFileSync('ip', ['netns', 'exec', namespace.name!, 'sh', '-c', 'echo 20000 20999 > /proc/sys/net/ipv4/ip_local_port_range']);
		const child = spawn('ip', ['netns', 'exec', namespace.name!, 'python3', '-c', script], {stdio: ['pipe', 'pipe', 'inherit']});
		try {
			const [line] = (await once(readline.createInterface({input: child.stdout}), 'line')) as [string];
			const [pid, clientPort] = line.split(' ').map(Number) as [number, number];
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
		} finally {
			child.kill();
		}
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

describe.skipIf(!canMakeNamespaces)("a server in a namespace whose range is not its client's", () => {
	it("does not cite its own range for the port a client's kernel picked from another", async () => {
		const [serverSide, clientSide] = [makeNamespace('rsrv'), makeNamespace('rcli')];
		onTestFinished(() => [serverSide, clientSide].forEach(namespace => namespace.remove()));
		// The two joined by a veth pair, the server's with a range its client's default one does not overlap.
		const link = `sr${process.pid % 100_000}`;
		execFileSync('ip', ['link', 'add', `${link}a`, 'netns', serverSide.name!, 'type', 'veth', 'peer', 'name', `${link}b`, 'netns', clientSide.name!]);
		for (const [namespace, end, address] of [[serverSide.name!, `${link}a`, '10.203.0.1/24'], [clientSide.name!, `${link}b`, '10.203.0.2/24']] as const) {
			execFileSync('ip', ['-n', namespace, 'addr', 'add', address, 'dev', end]);
			execFileSync('ip', ['-n', namespace, 'link', 'set', end, 'up']);
		}

		execFileSync('ip', ['netns', 'exec', serverSide.name!, 'sh', '-c', 'echo 20000 20999 > /proc/sys/net/ipv4/ip_local_port_range']);
		execFileSync('ip', ['netns', 'exec', clientSide.name!, 'sh', '-c', 'echo 40000 40999 > /proc/sys/net/ipv4/ip_local_port_range']);
		const child = spawn('ip', ['netns', 'exec', serverSide.name!, 'python3', '-c', server], {stdio: ['pipe', 'pipe', 'inherit']});
		const lines = readline.createInterface({input: child.stdout})[Symbol.asyncIterator]();
		const client = spawn('ip', ['netns', 'exec', clientSide.name!, 'python3', '-c', 'import socket, sys; s = socket.create_connection(("10.203.0.1", int(sys.argv[1]))); sys.stdin.read()', String((await lines.next()).value)], {stdio: ['pipe', 'inherit', 'inherit']});
		try {
			const [pid, clientPort] = String((await lines.next()).value).split(' ').map(Number) as [number, number];
			expect(clientPort).toBeGreaterThanOrEqual(40_000);
			const detail = await readProcessDetail(pid);
			expect(detail.ephemeral).toEqual([20_000, 20_999]);
			const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: detail.ephemeral ?? null, ephemeralSetting: 'net.ipv4.ip_local_port_range'});
			expect(text).toContain(
				`    ${clientPort}: an ephemeral port, most likely picked by the client's kernel from a range other than network namespace ${serverSide.name}'s (20000-20999, net.ipv4.ip_local_port_range): the client is on another machine or in another network namespace; no service is named for it\n`,
			);
		} finally {
			client.kill();
			child.kill();
		}
	});
});
