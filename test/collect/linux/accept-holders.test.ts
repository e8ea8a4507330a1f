import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {acceptWaiters, waitsToAccept} from '../../../source/collect/linux/accept-waiters.js';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {noHolderReason} from '../../../source/services/phrases.js';
import {hasPython, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A listener two processes hold, as systemd and sshd, or a prefork server's master and worker: a
 * parent opens a TCP and a unix listener and forks a child (named `acceptor`) while it sleeps in
 * read(). The child waits on the TCP listener in epoll_wait() (edge-triggered, so it goes on
 * waiting with a connection queued: an event loop that has not got to it yet), and a thread of
 * it in accept() on the unix listener. The parent connects a client to the TCP listener, which no
 * one accepts. The sentences about that connection must name the child, not the parent that holds
 * the listener but never accepts.
 */
const canRun = process.platform === 'linux' && hasPython && ['x64', 'arm64', 'riscv64'].includes(process.arch);
if (!canRun) console.warn('accept-holders test skipped: needs Linux on x86_64, aarch64 or riscv64, and python3');

const directory = tempDirectory('accept-holders');

const script = `
import ctypes, os, select, socket, sys, threading
tcp = socket.socket(); tcp.bind(('127.0.0.1', 0)); tcp.listen(8)
unix = socket.socket(socket.AF_UNIX); unix.bind(sys.argv[1]); unix.listen(8)
go, told = os.pipe()
parent = os.getpid()
child = os.fork()
if child == 0:
    ctypes.CDLL(None).prctl(15, b'acceptor', 0, 0, 0)
    threading.Thread(target=unix.accept, daemon=True).start()
    poller = select.epoll(); poller.register(tcp.fileno(), select.EPOLLIN | select.EPOLLET)
    os.read(go, 1)
    while os.getppid() == parent:
        poller.poll(2)
    os._exit(0)
client = socket.create_connection(('127.0.0.1', tcp.getsockname()[1]))
os.write(told, b'x')
print(tcp.getsockname()[1], tcp.fileno(), client.fileno(), child, flush=True)
sys.stdin.read()
`;

/** Until the parent waits in read() and the child's threads where the script puts them (its first poll returns the edge at once). */
async function settled(parent: number, child: number, inode: number): Promise<void> {
	for (let tries = 0; tries < 250 && (waitsToAccept(parent, inode) !== false || waitsToAccept(child, inode) !== true); tries++) await new Promise(resolve => setTimeout(resolve, 20));
}

const ctx = {services: createStaticServiceTable([]), ephemeral: null};
const watch = "The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.";

describe.skipIf(!canRun)('a connection waiting in the accept queue of a listener a parent and its child hold', () => {
	it('is said to wait for the child, which waits on the listener in epoll_wait(), not the parent, which sleeps', async () => {
		const socketPath = path.join(directory, 'app.sock');
		const {pid, line} = await startPython(script, [socketPath]);
		const [port, , , child] = line.split(' ').map(Number) as [number, number, number, number];
		const {sockets} = await readLinuxSnapshot();
		const listeners = sockets.filter(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.state === 'LISTEN');
		expect(listeners.map(socket => socket.pid).sort((a, b) => a! - b!)).toEqual([pid, child]);
		const {inode} = listeners[0]!;
		await settled(pid, child, inode!);
		const waiters = acceptWaiters([pid, child], inode!);
		expect(waiters).toEqual(new Map([[pid, false], [child, true]]));
		const queued = sockets.find(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.inode === 0)!;
		const source = {isCapture: false, isRoot: true};
		expect(noHolderReason(queued, source, sockets, waiters)).toBe(`No process holds it yet: it waits in the accept queue until acceptor (PID ${child}), listening on port ${port}, calls accept() for it. ${watch}`);
		// Without the facts (another backend, a capture), both are named.
		const both = pid < child ? `python3 (PID ${pid}), acceptor (PID ${child})` : `acceptor (PID ${child}), python3 (PID ${pid})`;
		expect(noHolderReason(queued, source, sockets)).toContain(`until one of the processes listening on port ${port} — ${both} — calls accept() for it.`);
	});

	it('says so in the client\'s PID view, and tells a thread blocked in accept() on the unix listener', async () => {
		const socketPath = path.join(directory, 'view.sock');
		const {pid, line} = await startPython(script, [socketPath]);
		const [port, , clientFd, child] = line.split(' ').map(Number) as [number, number, number, number];
		const detail = await readProcessDetail(pid);
		const tcpListener = detail.fds.find(each => each.socket?.state === 'LISTEN' && each.socket.localPort === port)!;
		await settled(pid, child, tcpListener.socket!.inode!);
		const settledDetail = await readProcessDetail(pid);
		const client = settledDetail.fds.find(each => each.fd === clientFd)!;
		expect(client.isAwaitingAccept).toBe(true);
		expect(explainFd(client, ctx)?.sentence).toMatch(
			new RegExp(String.raw`, but not accepted yet: the kernel established the connection, which waits in the listener's accept queue on port ${port} until acceptor\[${child}\] calls accept\(\)`, 'u'),
		);
		// The parent's own listener, with that connection waiting: the child accepts it, not the parent viewed.
		const ownListener = settledDetail.fds.find(each => each.fd === tcpListener.fd)!;
		expect(ownListener).toMatchObject({waitsToAccept: false, coHolders: [{command: 'acceptor', pid: child, waitsToAccept: true}]});
		expect(explainFd(ownListener, ctx)?.sentence).toMatch(/: 1 connection waits in its accept queue for acceptor\[\d+\] to accept\(\)/u);
		const unixListener = detail.fds.find(each => each.socket?.state === 'LISTEN' && each.socket.path === socketPath)!;
		await settled(pid, child, unixListener.socket!.inode!);
		expect(acceptWaiters([pid, child], unixListener.socket!.inode!)).toEqual(new Map([[pid, false], [child, true]]));
	});
});
