import {execFileSync, spawn} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import readline from 'node:readline';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
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
