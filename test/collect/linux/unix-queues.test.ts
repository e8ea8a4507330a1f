import {spawn} from 'node:child_process';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {describe, expect, it, onTestFinished} from 'vitest';
import {createLinuxCollector, readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {jsonPieces} from '../../../source/format/json.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import type {Snapshot} from '../../../source/model/types.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * /proc/net/unix has no queue columns; ss does (sock_diag): a unix listener's Recv-Q is its
 * accept queue, as a TCP listener's is. The table, --json and the PID view read them from the
 * ss run socktop makes anyway.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix queues test skipped: needs Linux, python3 (to open the sockets) and ss (iproute2)');

const directory = tempDirectory('uq');

// A listener that never accepts, two clients waiting in its queue, and a socketpair with 5 bytes unread.
const script = `
import socket, sys
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(8)
clients = [socket.socket(socket.AF_UNIX) for _ in range(2)]
for each in clients: each.connect(sys.argv[1])
left, right = socket.socketpair(); left.send(b'hello')
print(listener.fileno(), right.fileno(), left.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('unix sockets\' queues', () => {
	it('are filled from ss: a listener\'s accept queue, a connection\'s unread bytes', async () => {
		const socketPath = path.join(directory, 'app.sock');
		const {pid, line} = await startPython(script, [socketPath]);
		const [listenerFd, readerFd, writerFd] = line.split(' ').map(Number) as [number, number, number];
		const snapshot = await readLinuxSnapshot();
		const rowOf = (fd: number) => snapshot.sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
		expect(rowOf(listenerFd)).toMatchObject({state: 'LISTEN', path: socketPath, rxQueue: 2, txQueue: null, backlog: 8});
		expect(rowOf(readerFd)).toMatchObject({rxQueue: 5, txQueue: 0});
		const json = JSON.parse([...jsonPieces(snapshot)].join('')) as {sockets: Array<{pid: number; fd: number; rxQueue: number | null}>};
		expect(json.sockets.find(socket => socket.pid === pid && socket.fd === listenerFd)?.rxQueue).toBe(2);

		const detail = await readProcessDetail(pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(fdOf(listenerFd).socket).toMatchObject({rxQueue: 2, txQueue: null});
		// Its SEND-Q is its backlog (listen(8)), as ss shows it.
		expect(fdRow(fdOf(listenerFd), pid)).toMatchObject({state: 'LISTEN', recvQ: '2', sendQ: '8'});
		expect(fdRow(fdOf(readerFd), pid)).toMatchObject({recvQ: '5', sendQ: '0'});
		expect(fdOf(writerFd).socket).toMatchObject({rxQueue: 0});
		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: null});
		expect(text).toContain('; Recv-Q 2 of backlog 8: 2 connections wait in its accept queue for python3 to accept()');
		expect(text).toContain('; Recv-Q 5: 5 bytes received that python3 has not read yet');
	});
});

// A socketpair with 5 bytes unread, 7 more sent on each line read; and a listener with a client in its queue, accepted and closed on 'accept'.
const live = `
import socket, sys
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(8)
client = socket.socket(socket.AF_UNIX); client.connect(sys.argv[1])
left, right = socket.socketpair(); left.send(b'hello')
print(right.fileno(), client.fileno(), flush=True)
for line in sys.stdin:
    if line.strip() == 'accept': listener.accept()[0].close()
    else: left.send(b'1234567')
    print('ok', flush=True)
`;

describe.skipIf(!canRun)('unix sockets\' queues in the live view', () => {
	it('are read anew on each refresh while one is not empty, though no unix socket opened, closed or changed state', async () => {
		const child = spawn('python3', ['-c', live, path.join(directory, 'live.sock')], {stdio: ['pipe', 'pipe', 'inherit']});
		onTestFinished(() => {
			child.kill();
		});
		const lines = createInterface({input: child.stdout})[Symbol.asyncIterator]();
		const [readerFd, clientFd] = String((await lines.next()).value).split(' ').map(Number) as [number, number];
		const ask = async (line: string) => {
			child.stdin.write(`${line}\n`);
			await lines.next();
		};

		const collector = createLinuxCollector();
		const rowOf = (snapshot: Snapshot, fd: number) => snapshot.sockets.find(socket => socket.pid === child.pid && socket.fd === fd)!;
		const queues: Array<number | null> = [];
		const first = await collector.snapshot();
		queues.push(rowOf(first, readerFd).rxQueue);
		expect(rowOf(first, clientFd).isAwaitingAccept).toBe(true);
		for (let refresh = 0; refresh < 2; refresh++) {
			await ask('send');
			queues.push(rowOf(await collector.snapshot(), readerFd).rxQueue);
		}

		expect(queues).toEqual([5, 12, 19]);
		// Accepted and closed between two refreshes: the client no longer waits (its peer is gone).
		await ask('accept');
		expect(rowOf(await collector.snapshot(), clientFd).isAwaitingAccept).toBeUndefined();
	});
});
