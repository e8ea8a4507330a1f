import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessJson, formatProcessText} from '../../../source/format/pid.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A listener that never accepts, its accept queue full: Linux queues backlog+1 connections, then
 * drops new SYNs (the clients stay in SYN_SENT). As in the UAT's backlog.py (listen(5), 20 clients),
 * smaller: listen(1) and 4 clients, TCP and unix. The backlog is ss's Send-Q (ss -tlnHe, ss -xaH).
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('full accept queue test skipped: needs Linux, python3 and ss (iproute2)');

const directory = tempDirectory('faq');

const server = `
import socket, sys
t = socket.socket(); t.bind(('127.0.0.1', 0)); t.listen(1)
u = socket.socket(socket.AF_UNIX); u.bind(sys.argv[1]); u.listen(1)
print(t.fileno(), t.getsockname()[1], u.fileno(), flush=True)
sys.stdin.read()
`;

// Four connection requests: two fit the queue (backlog 1, plus one), two stay in SYN_SENT.
const clients = `
import socket, sys, time
port = int(sys.argv[1])
cs = []
for i in range(4):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', port))
    except BlockingIOError: pass
    cs.append(c)
    time.sleep(0.05)
for i in range(3):
    d = socket.socket(socket.AF_UNIX); d.setblocking(False)
    try: d.connect(sys.argv[2])
    except OSError: pass
    cs.append(d)
time.sleep(0.2)
print(' '.join(str(c.fileno()) for c in cs[:4]), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a full accept queue', () => {
	it('shows each listener\'s backlog as its SEND-Q, says its queue is full, and tells the clients\' SYNs are dropped', async () => {
		const socketPath = path.join(directory, 'full.sock');
		const listening = await startPython(server, [socketPath]);
		const [tcpFd, port, unixFd] = listening.line.split(' ').map(Number) as [number, number, number];
		const connecting = await startPython(clients, [String(port), socketPath]);

		const detail = await readProcessDetail(listening.pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(fdOf(tcpFd).socket).toMatchObject({state: 'LISTEN', rxQueue: 2, backlog: 1});
		expect(fdRow(fdOf(tcpFd), listening.pid)).toMatchObject({recvQ: '2', sendQ: '1'});
		expect(fdRow(fdOf(unixFd), listening.pid)).toMatchObject({recvQ: '2', sendQ: '1'});
		const text = formatProcessText(detail, ctx);
		expect(text).toContain(
			`fd ${tcpFd}: python3 listens for TCP connections on port ${port}`,
		);
		expect(text).toContain('; Recv-Q 2 of backlog 1: the accept queue is full (Linux queues backlog+1); new connections wait in SYN_SENT, their SYNs dropped, until python3 calls accept()');
		expect(text).toContain("; Recv-Q 2 of backlog 1: the accept queue is full (Linux queues backlog+1); new clients' connect() waits (or fails with EAGAIN) until python3 calls accept()");
		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; socket: {backlog: number | null} | null}>};
		expect(json.fds.find(each => each.fd === tcpFd)?.socket?.backlog).toBe(1);

		// The table reads a unix listener's backlog from the ss it runs anyway; a TCP one's it does not ask for.
		const {sockets} = await readLinuxSnapshot();
		const rowOf = (fd: number) => sockets.find(socket => socket.pid === listening.pid && socket.fd === fd)!;
		expect(rowOf(unixFd)).toMatchObject({rxQueue: 2, backlog: 1});
		expect(rowOf(tcpFd).backlog).toBeUndefined();

		const asking = await readProcessDetail(connecting.pid);
		const waiting = asking.fds.filter(each => each.socket?.state === 'SYN_SENT');
		expect(waiting).toHaveLength(2);
		for (const each of waiting) {
			expect(each).toMatchObject({fullListener: {port, waiting: 2, backlog: 1}, peer: {command: 'python3', pid: listening.pid}});
			expect(fdRow(each, connecting.pid).foreign).toBe(`127.0.0.1:${port} → python3[${listening.pid}] (listener)`);
		}

		const line = formatProcessText(asking, ctx).split('\n').find(each => each.startsWith(`  fd ${waiting[0]!.fd}: `))!;
		expect(line).toContain(
			`; Send-Q 1: its connection request (SYN) to port ${port}, whose listener python3[${listening.pid}] has a full accept queue (2 of backlog 1): the kernel drops the SYN and the client retries`,
		);
		expect(line).not.toContain('the other end is');
	});
});
