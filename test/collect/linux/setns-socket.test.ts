import {once} from 'node:events';
import net from 'node:net';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {SELECTED_MAX_LINES} from '../../../source/components/pid-layout.js';
import {selectedBlock} from '../../../source/components/selected-lines.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {startPython} from '../../helpers/tools.js';
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
print(host.fileno(), host.getsockname()[1], inner.fileno(), inner.getsockname()[1], flush=True)
sys.stdin.read()
`;

// Listens on loopback in the host's namespace, moves into another, then accepts there what comes to it.
const accepting = `
import ctypes, os, socket, sys, threading
host = socket.socket(); host.bind(('127.0.0.1', 0)); host.listen()
libc = ctypes.CDLL(None, use_errno=True)
fd = os.open('/run/netns/' + sys.argv[1], os.O_RDONLY)
if libc.setns(fd, 0x40000000) != 0: raise OSError(ctypes.get_errno(), 'setns')
held = []
threading.Thread(target=lambda: held.append(host.accept()[0]), daemon=True).start()
print(host.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canMakeNamespaces)('a socket from another namespace than its process (setns)', () => {
	it('is found in that namespace and labelled with it', async () => {
		const namespace = makeNamespace('setns');
		onTestFinished(namespace.remove);
		const {pid, line} = await startPython(script, [namespace.name!]);
		const [hostFd, hostPort, innerFd, innerPort] = line.split(' ').map(Number) as [number, number, number, number];
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
	});

	it('tells a connection accepted on such a listener by that namespace\'s listeners, and names its other end there', async () => {
		const namespace = makeNamespace('setnsacc');
		onTestFinished(namespace.remove);
		const {pid, line} = await startPython(accepting, [namespace.name!]);
		const port = Number(line);
		const client = net.connect(port, '127.0.0.1');
		onTestFinished(() => {
			client.destroy();
		});
		await once(client, 'connect');
		let detail = await readProcessDetail(pid);
		const acceptedOf = () => detail.fds.find(each => each.socket?.proto === 'tcp4' && each.socket.state === 'ESTABLISHED');
		for (let tries = 0; acceptedOf() === undefined && tries < 50; tries++) detail = await readProcessDetail(pid);
		const accepted = acceptedOf()!;
		expect(accepted.socket).toMatchObject({localPort: port, foreignPort: client.localPort, netns: 'host'});
		// Our client, in the same namespace as that socket: no namespace to name.
		expect(accepted.peer).toEqual({command: expect.any(String), pid: process.pid, fd: expect.any(Number)});
		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: null});
		expect(text).toContain(`  fd ${accepted.fd}: python3 accepted a connection on port ${port} (`);
		expect(text).not.toContain('told by its ports alone');
		expect(text).toMatch(new RegExp(`; the other end is [^;]+\\[${process.pid}\\] fd \\d+; it is a socket of network namespace host, not of the process's own`, 'mu'));
	});
});

// A unix server: says it listens, then accepts one client and prints its fd.
const unixServer = `
import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen()
print('listening', flush=True)
c, _ = s.accept()
print(c.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canMakeNamespaces)('a unix connection accepted from a client of another namespace', () => {
	it("is in the client's namespace: said so, not a setns() or a handover, and its other end named", async () => {
		const namespace = makeNamespace('unixfrom');
		const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-unixfrom-'));
		onTestFinished(() => {
			namespace.remove();
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'app.sock');
		// The server in the namespace, its client in the host's: one socket file both see.
		const server = await startPython(unixServer, [file], ['ip', 'netns', 'exec', namespace.name!]);
		const client = await startPython('import socket, sys; s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); print(s.fileno(), flush=True); sys.stdin.read()', [file]);
		const [clientFd, fd] = [Number(client.line), Number(await server.next())];
		const detail = await readProcessDetail(server.pid);
		const accepted = detail.fds.find(each => each.fd === fd)!;
		expect(accepted.socket).toMatchObject({proto: 'stream', path: file, netns: 'host'});
		expect(accepted.peer).toEqual({command: 'python3', pid: client.pid, fd: clientFd});
		const explained = explainFd(accepted, {services: createStaticServiceTable([]), ephemeral: null, netns: detail.netns}, listeningOf(detail));
		// The namespace said once, after the peer: at 60 columns the selected fd's lines name the peer.
		expect(explained?.sentence).toBe(
			`python3 has a connection accepted on the unix stream socket ${file}; the other end is python3[${client.pid}] fd ${clientFd}; its client connected from network namespace host (Linux makes an accepted unix socket in its client's namespace, not the listener's)`,
		);
		const shown = selectedBlock(`fd ${fd}: ${explained!.sentence}`, null, 60, SELECTED_MAX_LINES).join(' ').replaceAll(/\s+/gu, ' ');
		expect(shown).toContain(`the other end is python3[${client.pid}] fd ${clientFd}`);
	});
});
