import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessJson, formatProcessText} from '../../../source/format/pid.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * A TCP client whose connection waits in a listener's accept queue: connect() has returned, so its
 * end is ESTABLISHED and held, while the server's end is an ESTABLISHED row of inode 0 that no
 * process holds until the listener's process calls accept(). Its PID view says so, as it does for
 * a unix client, and names the listener's holder as its peer.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('tcp-accept-queue test skipped: needs Linux and python3 (to open the sockets)');

// argv: family (4, 6, or 64: an IPv6 wildcard listener taking an IPv4 client), never accepting.
const server = `
import socket, sys
family = sys.argv[1]
listener = socket.socket(socket.AF_INET if family == '4' else socket.AF_INET6)
listener.bind(('127.0.0.1' if family == '4' else '::1' if family == '6' else '::', 0)); listener.listen(8)
print(listener.fileno(), listener.getsockname()[1], flush=True)
sys.stdin.read()
`;

const client = `
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
conn = socket.create_connection((host, port))
print(conn.fileno(), conn.getsockname()[1], flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a TCP client whose connection waits in an accept queue', () => {
	it.each([
		['6', '::1'],
		['4', '127.0.0.1'],
		['64', '127.0.0.1'],
	])('says it is not accepted yet and names the listener (listener family %s, client to %s)', async (family, host) => {
		const listening = await startPython(server, [family]);
		const [listenerFd, port] = listening.line.split(' ').map(Number) as [number, number];
		const connecting = await startPython(client, [host, String(port)]);
		const clientFd = Number(connecting.line.split(' ')[0]);
		const detail = await readProcessDetail(connecting.pid);
		const fd = detail.fds.find(each => each.fd === clientFd)!;
		expect(fd).toMatchObject({isAwaitingAccept: true, peer: {command: 'python3', pid: listening.pid, fd: listenerFd}});
		expect(fdRow(fd, connecting.pid).foreign).toMatch(new RegExp(String.raw`:${port} → python3\[${listening.pid}\] \(listener\)$`));
		const line = formatProcessText(detail, ctx).split('\n').find(each => each.startsWith(`  fd ${clientFd}: `))!;
		expect(line).toContain(`to ${host} port ${port} (`);
		expect(line).toContain(
			`, but not accepted yet: the kernel established the connection, which waits in python3[${listening.pid}]'s accept queue on port ${port} until that process calls accept()`,
		);
		expect(line).not.toContain('the other end is');
		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; isAwaitingAccept?: boolean; explanation: {sentence: string} | null}>};
		const jsonFd = json.fds.find(each => each.fd === clientFd)!;
		expect(jsonFd.isAwaitingAccept).toBe(true);
		expect(jsonFd.explanation?.sentence).toContain(`waits in python3[${listening.pid}]'s accept queue on port ${port}`);
	});

	it('is said no more once the listener accepts it: the other end is then the accepted socket', async () => {
		const accepting = `
import socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen(8)
print(listener.getsockname()[1], flush=True)
conn, _ = listener.accept()
sys.stdin.read()
`;
		const listening = await startPython(accepting);
		const connecting = await startPython(client, ['127.0.0.1', listening.line]);
		const clientFd = Number(connecting.line.split(' ')[0]);
		// accept() runs once the listener's python gets to it: ask until the server's end is held.
		let fd;
		for (let tries = 0; tries < 50; tries++) {
			fd = (await readProcessDetail(connecting.pid)).fds.find(each => each.fd === clientFd)!;
			if (fd.isAwaitingAccept === undefined) break;
			await new Promise(resolve => setTimeout(resolve, 50));
		}

		expect(fd?.isAwaitingAccept).toBeUndefined();
		expect(fd?.peer).toMatchObject({pid: listening.pid});
		expect(fdRow(fd!, connecting.pid).foreign).not.toContain('(listener)');
	});
});

describe('a waiting TCP client, from a fixed descriptor', () => {
	const socket = {
		proto: 'tcp6',
		localAddress: '::1',
		localPort: 47_624,
		foreignAddress: '::1',
		foreignPort: 9600,
		path: null,
		peerInode: null,
		peerPath: null,
		state: 'ESTABLISHED',
		user: 'alice',
		uid: 1000,
		command: 'python3',
		pid: 2001,
		fd: 4,
		inode: 103,
		rxQueue: 0,
		txQueue: 0,
		netns: 'host',
		isAwaitingAccept: true,
	} as const;
	const descriptor = {fd: 4, type: 'socket', target: 'socket:[103]', socket, isAwaitingAccept: true} as const;

	it('names the listener\'s holder where it is known, and hedges where it is not', () => {
		const named = explainFd({...descriptor, peer: {command: 'python3', pid: 1234, fd: 3}}, ctx)!.sentence;
		expect(named).toMatch(/, but not accepted yet: the kernel established the connection, which waits in python3\[1234\]'s accept queue on port 9600 until that process calls accept\(\)$/);
		expect(fdRow({...descriptor, peer: {command: 'python3', pid: 1234, fd: 3}, morePeers: [{command: 'python3', pid: 1235, fd: 3}]}, 2001).foreign).toBe('[::1]:9600 → python3[1234] (listener) (+1 more)');
		// Another user's listener, when not root: its holder cannot be read.
		const hedged = explainFd({...descriptor, peer: null}, ctx)!.sentence;
		expect(hedged).toMatch(/, but not accepted yet: the kernel established the connection, which waits in the listener's accept queue on port 9600 until its process calls accept\(\)$/);
		expect(fdRow({...descriptor, peer: null}, 2001).foreign).toBe('[::1]:9600');
	});
});
