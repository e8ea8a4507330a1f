import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {jsonPieces} from '../../../source/format/json.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * /proc/net/unix has no queue columns; ss does (sock_diag): a unix listener's Recv-Q is its
 * accept queue, as a TCP listener's is. The table, --json and the PID view read them from the
 * ss run socktop makes anyway.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix queues test skipped: needs Linux, python3 (to open the sockets) and ss (iproute2)');

const directory = mkdtempSync(path.join(tmpdir(), 'socktop-uq-'));
afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

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
		expect(rowOf(listenerFd)).toMatchObject({state: 'LISTEN', path: socketPath, rxQueue: 2, txQueue: null});
		expect(rowOf(readerFd)).toMatchObject({rxQueue: 5, txQueue: 0});
		const json = JSON.parse([...jsonPieces(snapshot)].join('')) as {sockets: Array<{pid: number; fd: number; rxQueue: number | null}>};
		expect(json.sockets.find(socket => socket.pid === pid && socket.fd === listenerFd)?.rxQueue).toBe(2);

		const detail = await readProcessDetail(pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(fdOf(listenerFd).socket).toMatchObject({rxQueue: 2, txQueue: null});
		expect(fdRow(fdOf(listenerFd), pid)).toMatchObject({state: 'LISTEN', recvQ: '2', sendQ: ''});
		expect(fdRow(fdOf(readerFd), pid)).toMatchObject({recvQ: '5', sendQ: '0'});
		expect(fdOf(writerFd).socket).toMatchObject({rxQueue: 0});
		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: null});
		expect(text).toContain('; Recv-Q 2: 2 connections wait in its accept queue for python3 to accept()');
		expect(text).toContain('; Recv-Q 5: 5 bytes received that python3 has not read yet');
	});
});
