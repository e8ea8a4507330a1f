import {spawn} from 'node:child_process';
import {once} from 'node:events';
import readline from 'node:readline';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * A socket stays in the network namespace it was made in. A process that listens in the
 * host's namespace and then calls setns() into another holds a socket its own
 * /proc/PID/net does not list: the PID view finds it in the host's tables (as the table
 * does) and labels it, and the process, with their namespaces.
 */
if (!canMakeNamespaces) console.warn('setns-socket test skipped: needs root and ip netns');

// Python 3.12 has os.setns; ctypes works on any. 0x40000000 is CLONE_NEWNET.
const script = `
import ctypes, os, socket, sys
host = socket.socket(); host.bind(('', 0)); host.listen()
libc = ctypes.CDLL(None, use_errno=True)
fd = os.open('/run/netns/' + sys.argv[1], os.O_RDONLY)
if libc.setns(fd, 0x40000000) != 0: raise OSError(ctypes.get_errno(), 'setns')
inner = socket.socket(); inner.bind(('127.0.0.1', 0)); inner.listen()
print(os.getpid(), host.fileno(), host.getsockname()[1], inner.fileno(), inner.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canMakeNamespaces)('a socket from another namespace than its process (setns)', () => {
	it('is found in that namespace and labelled with it', async () => {
		const namespace = makeNamespace('setns');
		const child = spawn('python3', ['-c', script, namespace.name!], {stdio: ['pipe', 'pipe', 'inherit']});
		try {
			const [line] = (await once(readline.createInterface({input: child.stdout}), 'line')) as [string];
			const [pid, hostFd, hostPort, innerFd, innerPort] = line.split(' ').map(Number) as [number, number, number, number, number];
			const detail = await readProcessDetail(pid);
			const host = detail.fds.find(each => each.fd === hostFd);
			expect(host?.socket).toMatchObject({proto: 'tcp4', localAddress: '*', localPort: hostPort, state: 'LISTEN', netns: 'host', pid, fd: hostFd});
			const inner = detail.fds.find(each => each.fd === innerFd);
			expect(inner?.socket).toMatchObject({localAddress: '127.0.0.1', localPort: innerPort, state: 'LISTEN', netns: namespace.name});
			expect(detail.netns).toBe(namespace.name);
			// Explained as a listener, not as "a socket not in the kernel's tables".
			const explained = explainFd(host!, {services: createStaticServiceTable([]), ephemeral: null, netns: detail.netns}, listeningOf(detail));
			expect(explained?.sentence).toContain(`listens for TCP connections on port ${hostPort}`);
			expect(explained?.sentence).toContain(`it is a socket of network namespace host, not of the process's own (${namespace.name})`);
		} finally {
			child.kill();
			namespace.remove();
		}
	});
});
