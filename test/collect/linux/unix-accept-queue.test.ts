import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createLinuxCollector, readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import type {Socket} from '../../../source/model/types.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {formatTable} from '../../../source/format/table.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {noHolderReason} from '../../../source/services/phrases.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A unix connection the listener has not accepted: connect() returned, so the client's end is
 * connected, while the server's end is an embryo no process holds (CONNECTING, inode 0 in
 * /proc/net/unix; ss gives the client peer 0, as for a closed peer). Both must be said to wait
 * in the listener's accept queue, not "a peer socktop cannot name" or "a kernel socket".
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix accept-queue test skipped: needs Linux, python3 (to open the sockets) and ss (iproute2)');

const directory = tempDirectory('uaq');

const script = `
import socket, sys
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(8)
client = socket.socket(socket.AF_UNIX); client.connect(sys.argv[1])
print(listener.fileno(), client.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a unix connection waiting to be accepted', () => {
	it('reads, on the client\'s row, as connected to the listener\'s path; its PID view says it waits to be accepted', async () => {
		const socketPath = path.join(directory, 'app.sock');
		const {pid, line} = await startPython(script, [socketPath]);
		const [listenerFd, clientFd] = line.split(' ').map(Number) as [number, number];
		const {sockets} = await readLinuxSnapshot();
		const client = sockets.find(socket => socket.pid === pid && socket.fd === clientFd)!;
		expect(client).toMatchObject({proto: 'stream', state: 'ESTABLISHED', path: null, peerPath: socketPath, peerInode: null, isAwaitingAccept: true});
		expect(formatTable([client]).split('\n')[1]).toMatch(new RegExp(String.raw` -> ${socketPath} +ESTABLISHED$`));
		const detail = await readProcessDetail(pid);
		const fd = detail.fds.find(each => each.fd === clientFd)!;
		expect(fd.socket).toMatchObject({peerPath: socketPath, isAwaitingAccept: true});
		expect(explainFd(fd, ctx)?.sentence).toBe(
			`python3 is connected to the unix stream socket ${socketPath}, but not accepted yet: the connection waits in python3[${pid}]'s accept queue until that process calls accept()`,
		);
		// Its peer is the listener's holder, on the listener's fd, which Enter opens.
		expect(fd).toMatchObject({isAwaitingAccept: true, peer: {command: 'python3', pid, fd: listenerFd}});
		expect(fdRow(fd, pid).foreign).toBe(`→ python3[${pid}] (listener)`);
		expect(detail.fds.find(each => each.fd === listenerFd)?.socket?.isAwaitingAccept).toBeUndefined();
	});

	it('explains the server\'s end, which no process holds yet, as waiting in the listener\'s accept queue', async () => {
		const socketPath = path.join(directory, 'embryo.sock');
		const {pid} = await startPython(script, [socketPath]);
		const {sockets} = await readLinuxSnapshot();
		const embryo = sockets.find(socket => socket.path === socketPath && socket.state === 'CONNECTING')!;
		expect(embryo).toMatchObject({proto: 'stream', inode: 0, pid: null});
		expect(noHolderReason(embryo, {isCapture: false, isRoot: true}, sockets)).toBe(
			`No process holds it yet: it is the server's end of a connection waiting in the accept queue until python3 (PID ${pid}), listening on ${socketPath}, calls accept() for it. ` +
				"The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.",
		);
		// And it does, in the sentence, whether or not the view has room for a RECV-Q column.
		const listener = (await readProcessDetail(pid)).fds.find(each => each.socket?.path === socketPath && each.socket.state === 'LISTEN')!;
		expect(explainFd(listener, ctx)?.sentence).toContain('Recv-Q 1 of backlog 8: 1 connection waits in its accept queue for python3 to accept()');
	});

	it('does not take the server\'s end of a connection whose client closed before accept() (ss: peers: 0) for a client of the listener', async () => {
		const socketPath = path.join(directory, 'orphan.sock');
		const {pid} = await startPython(script.replace('print(', 'client.close(); print('), [socketPath]);
		const {sockets} = await readLinuxSnapshot();
		const embryo = sockets.find(socket => socket.path === socketPath && socket.state === 'CONNECTING')!;
		expect(embryo).toMatchObject({proto: 'stream', inode: 0, pid: null, peerPath: null});
		expect(embryo.isAwaitingAccept).toBeUndefined();
		expect(formatTable([embryo]).split('\n')[1]).toMatch(new RegExp(String.raw`stream ${socketPath} +-> \? +CONNECTING$`));
		expect(sockets.some(socket => socket.pid === pid && socket.state === 'LISTEN')).toBe(true);
	});

	it('is seen on the next refresh of the live table, and seen accepted on the one after, while the listeners\' answer is kept between', async () => {
		const socketPath = path.join(directory, 'later.sock');
		// Each SIGUSR1 takes the next step: connect a client, then accept it.
		const {pid, line, next} = await startPython(
			`
import signal, socket, sys, os
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(8)
kept = []
def step(signum, frame):
    if not kept:
        client = socket.socket(socket.AF_UNIX); client.connect(sys.argv[1]); kept.append(client); print(client.fileno(), flush=True)
    else:
        kept.append(listener.accept()[0]); print(kept[-1].fileno(), flush=True)
signal.signal(signal.SIGUSR1, step)
print(listener.fileno(), flush=True)
while True: signal.pause()
`,
			[socketPath],
		);
		const collector = createLinuxCollector();
		const listenerOf = (sockets: readonly Socket[]) => sockets.find(socket => socket.pid === pid && socket.fd === Number(line));
		// The first scan asks ss beside the tables; the second asks it after them and keeps the listeners' answer.
		await collector.snapshot();
		expect(listenerOf((await collector.snapshot()).sockets)).toMatchObject({state: 'LISTEN', path: socketPath, rxQueue: 0});
		process.kill(pid, 'SIGUSR1');
		const clientFd = Number(await next());
		const waiting = (await collector.snapshot()).sockets;
		expect(waiting.find(socket => socket.pid === pid && socket.fd === clientFd)).toMatchObject({peerPath: socketPath, isAwaitingAccept: true});
		expect(listenerOf(waiting)).toMatchObject({rxQueue: 1});
		process.kill(pid, 'SIGUSR1');
		const acceptedFd = Number(await next());
		const accepted = (await collector.snapshot()).sockets;
		const client = accepted.find(socket => socket.pid === pid && socket.fd === clientFd)!;
		expect(client.isAwaitingAccept).toBeUndefined();
		expect(client.peerInode).toBe(accepted.find(socket => socket.pid === pid && socket.fd === acceptedFd)!.inode);
		expect(listenerOf(accepted)).toMatchObject({rxQueue: 0});
	});
});
