import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../source/collect/linux/index.js';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessText} from '../../source/format/pid.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {hasPython, startPython} from '../helpers/tools.js';

/**
 * The kernel counts the peer's FIN in Recv-Q (rcv_nxt - copied_seq) until the program reads the
 * end of file: a client that connects and closes without sending leaves Recv-Q 1 on a server that
 * never reads, and one that sends 4 bytes leaves 5. The sentence must not call that FIN a byte.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('queue FIN test skipped: needs Linux and python3 (to open the sockets)');

// A server that accepts and never reads; a client that sends argv[1] bytes, then closes.
const script = `
import socket, sys, time
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen(8)
port = listener.getsockname()[1]
client = socket.create_connection(('127.0.0.1', port))
server, _ = listener.accept()
client_port = client.getsockname()[1]
client.sendall(b'x' * int(sys.argv[1])); client.close()
while True:
    with open('/proc/net/tcp') as table:
        if any(' 08 ' in line and ':%04X ' % port in line for line in table): break
    time.sleep(0.01)
print(port, client_port, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('Recv-Q of a connection whose peer has closed (CLOSE_WAIT)', () => {
	it.each([
		[0, 1, "Recv-Q 1: the peer's end of file, which python3 has not read yet"],
		[4, 5, 'Recv-Q 5: 4 bytes and then the end of file, which python3 has not read yet'],
	])('counts the unread FIN after %i bytes as one more: Recv-Q %i', async (sent, recvQ, words) => {
		const {pid, line} = await startPython(script, [String(sent)]);
		const [port, clientPort] = line.split(' ').map(Number) as [number, number];
		const {sockets} = await readLinuxSnapshot();
		const server = sockets.find(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.foreignPort === clientPort)!;
		expect(server).toMatchObject({state: 'CLOSE_WAIT', rxQueue: recvQ, pid});
		const text = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: null});
		expect(text.replaceAll(/\s+/g, ' ')).toContain(words);
		expect(text).not.toContain('received that python3');
	});
});

// A client that fills the server's window (the server never reads), then shutdown(SHUT_WR):
// its FIN queues behind the unsent bytes, so Send-Q grows by one (FIN_WAIT1).
const closing = `
import socket, sys, time, subprocess
listener = socket.socket(); listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
listener.bind(('127.0.0.1', 0)); listener.listen(8)
port = listener.getsockname()[1]
client = socket.create_connection(('127.0.0.1', port)); server, _ = listener.accept()
client.setblocking(False)
try:
    while True: client.send(b'x' * 4096)
except BlockingIOError: pass
time.sleep(0.2)
def sendq():
    with open('/proc/net/tcp') as table:
        for line in table:
            fields = line.split()
            if fields[1].endswith(':%04X' % client.getsockname()[1]): return int(fields[4].split(':')[0], 16)
before = sendq()
client.shutdown(socket.SHUT_WR); time.sleep(0.2)
print(port, client.getsockname()[1], before, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('Send-Q of a connection this end has closed (FIN_WAIT1)', () => {
	it('counts its own unacknowledged FIN as one more', async () => {
		const {pid, line} = await startPython(closing);
		const [port, clientPort, before] = line.split(' ').map(Number) as [number, number, number];
		const {sockets} = await readLinuxSnapshot();
		const client = sockets.find(socket => socket.proto === 'tcp4' && socket.localPort === clientPort && socket.foreignPort === port)!;
		expect(client).toMatchObject({state: 'FIN_WAIT1', txQueue: before + 1, pid});
		const text = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: null});
		expect(text.replaceAll(/\s+/g, ' ')).toContain(`Send-Q ${before + 1}: ${before} bytes written and then its own end of file, which the other end has not acknowledged yet`);
	});
});
