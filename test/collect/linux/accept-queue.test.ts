import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {noHolderReason, queueListenerOf} from '../../../source/services/phrases.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * A connection the server has not accepted yet: the kernel has finished its handshake and
 * queued it on the listener, so it is ESTABLISHED with inode 0 and no process holds it.
 * Enter on its row must say so, naming the listener's process, not call it a kernel socket.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('accept-queue test skipped: needs Linux and python3 (to open the sockets)');

const script = `
import socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen(8)
port = listener.getsockname()[1]
client = socket.create_connection(('127.0.0.1', port))
print(port, client.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a connection waiting in a listener\'s accept queue', () => {
	it('is said to wait for the listener\'s process to accept it', async () => {
		const {pid, line} = await startPython(script);
		const [port, clientPort] = line.split(' ').map(Number) as [number, number];
		const {sockets} = await readLinuxSnapshot();
		const queued = sockets.find(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.foreignPort === clientPort)!;
		expect(queued).toMatchObject({state: 'ESTABLISHED', inode: 0, pid: null});
		const listener = queueListenerOf(queued, sockets);
		expect(listener).toMatchObject({state: 'LISTEN', localPort: port, pid: pid});
		const reason = noHolderReason(queued, {isCapture: false, isRoot: true}, sockets);
		expect(reason).toBe(
			`No process holds it yet: it waits in the accept queue until python3 (PID ${pid}), listening on port ${port}, calls accept() for it. ` +
				"The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.",
		);
		// The client's end is held by python3: no queue there.
		const client = sockets.find(socket => socket.proto === 'tcp4' && socket.localPort === clientPort && socket.foreignPort === port)!;
		expect(queueListenerOf(client, sockets)).toBeNull();
	});

	it('shows the listener\'s Recv-Q of 1 in its PID view: a RECV-Q column, and its sentence counts the connection', async () => {
		const {pid, line} = await startPython(script);
		const port = Number(line.split(' ')[0]);
		const detail = await readProcessDetail(pid);
		const listener = detail.fds.find(each => each.socket?.state === 'LISTEN' && each.socket.localPort === port)!;
		expect(listener.socket).toMatchObject({rxQueue: 1});
		// Its backlog (listen(8)) is ss's Send-Q, which the PID view asks ss for (ss -tlnHe).
		expect(fdRow(listener, pid)).toMatchObject({state: 'LISTEN', recvQ: '1', sendQ: hasSs ? '8' : ''});
		const text = formatProcessText(detail, {services: createStaticServiceTable([]), ephemeral: null});
		const heading = text.split('\n').find(each => /^ *FD  /.test(each))!;
		expect(heading).toMatch(/ STATE +RECV-Q +SEND-Q$/);
		expect(text.split('\n').find(each => each.includes(`127.0.0.1:${port} `) && each.includes('LISTEN'))).toMatch(hasSs ? / LISTEN +1 +8$/ : / LISTEN +1$/);
		expect(text).toContain(`; Recv-Q 1${hasSs ? ' of backlog 8' : ''}: 1 connection waits in its accept queue for python3 to accept()`);
	});
});
