import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {noHolderReason, type RowSource} from '../../../source/services/phrases.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * What Enter says of the closing sockets a restart and a leak leave, checked against the kernel: a
 * server's TIME_WAIT refuses bind() of its port unless both sockets set SO_REUSEADDR, and a client's
 * orphaned FIN_WAIT2 waits on the server's CLOSE_WAIT end, whose holder is named.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('close reasons test skipped: needs Linux and python3 (to open the sockets)');

// What bind() of a port answers: 'ok' or the errno's name (EADDRINUSE).
const bindPy = `
import errno, random, socket, sys, time
def sock(reuse, family=socket.AF_INET):
    s = socket.socket(family)
    if reuse: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return s
def bind(port, addr, reuse, family=socket.AF_INET):
    s = sock(reuse, family)
    try:
        s.bind((addr, port)); return 'ok'
    except OSError as error:
        return errno.errorcode[error.errno]
    finally:
        s.close()
`;

// Ports outside the client range given below, so a server may bind them.
const script = `${bindPy}
def listener(reuse):
    while True:
        s = sock(reuse)
        try:
            s.bind(('127.0.0.1', random.randint(20000, 29999))); s.listen(); return s
        except OSError:
            s.close()
# A server that closes first, then stops: its end of the connection stays in TIME_WAIT.
def restart(reuse):
    server = listener(reuse); port = server.getsockname()[1]
    client = socket.create_connection(('127.0.0.1', port)); accepted, _ = server.accept()
    accepted.close(); time.sleep(0.1); client.close(); server.close(); time.sleep(0.1)
    return port, [bind(port, addr, new) for addr in ('127.0.0.1', '0.0.0.0') for new in (False, True)]
plain, plainBinds = restart(False)
reused, reusedBinds = restart(True)
# A server still listening, whose own end of a connection it closed first is in TIME_WAIT: bind() of its
# port fails while it listens, SO_REUSEADDR on both or not.
alive = listener(True); alivePort = alive.getsockname()[1]
peer = socket.create_connection(('127.0.0.1', alivePort)); ended, _ = alive.accept()
ended.close(); time.sleep(0.1); peer.close(); time.sleep(0.1)
aliveBind = bind(alivePort, '127.0.0.1', True)
# A server that never closes what it accepted: the client's close leaves it FIN_WAIT2, the server CLOSE_WAIT.
leaky = listener(False); client = socket.create_connection(leaky.getsockname()); kept, _ = leaky.accept()
client.close(); time.sleep(0.2)
print(plain, ','.join(plainBinds), reused, ','.join(reusedBinds), leaky.getsockname()[1], alivePort, aliveBind, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('Enter on a closing socket no process holds', () => {
	it('says a TIME_WAIT lasts 60 s and when it refuses bind(), and which process an orphaned FIN_WAIT2 waits for', async () => {
		const {pid, line} = await startPython(script);
		const [plain, plainBinds, reused, reusedBinds, leaky, alivePort, aliveBind] = line.split(' ') as [string, string, string, string, string, string, string];
		// bind() of 127.0.0.1, then 0.0.0.0, each without and with SO_REUSEADDR: only both sockets' SO_REUSEADDR gets it.
		expect(plainBinds).toBe('EADDRINUSE,EADDRINUSE,EADDRINUSE,EADDRINUSE');
		expect(reusedBinds).toBe('EADDRINUSE,ok,EADDRINUSE,ok');
		const finTimeout = Number(readFileSync('/proc/sys/net/ipv4/tcp_fin_timeout', 'utf8'));
		const source: RowSource = {isCapture: false, isRoot: process.getuid?.() === 0, ephemeral: [32_768, 60_999], finTimeout};
		const {sockets} = await readLinuxSnapshot();
		const reason = (state: string, field: 'localPort' | 'foreignPort', port: string) =>
			noHolderReason(sockets.find(socket => socket.state === state && socket[field] === Number(port) && socket.pid === null)!, source, sockets);
		expect(reason('TIME_WAIT', 'localPort', plain)).toBe(
			`No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends. Until then Linux refuses bind() of port ${plain} on 127.0.0.1, 0.0.0.0 or :: ("Address already in use") unless it and the old socket (a server's listener) both set SO_REUSEADDR, or both SO_REUSEPORT.`,
		);
		expect(reason('TIME_WAIT', 'localPort', reused)).toContain(`bind() of port ${reused} on 127.0.0.1`);
		// While the server still listens, its listener holds the port whatever the options: the TIME_WAIT is said of a restart.
		expect(aliveBind).toBe('EADDRINUSE');
		expect(reason('TIME_WAIT', 'localPort', alivePort)).toBe(
			`No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends. A server restarted on port ${alivePort} meanwhile gets "Address already in use" from bind() unless its new listener and the old one both set SO_REUSEADDR (or both SO_REUSEPORT).`,
		);
		// A client's TIME_WAIT (one that closed first) is on a port of the client range: no server binds it, so no word of bind().
		expect(noHolderReason({...sockets.find(socket => socket.state === 'TIME_WAIT' && socket.localPort === Number(plain))!, localPort: 40_000}, source, sockets)).toBe(
			"No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends.",
		);
		expect(reason('FIN_WAIT2', 'foreignPort', leaky)).toBe(
			`No process holds it: the program closed it and the kernel finishes the close (FIN_WAIT2), waiting for python3[${pid}], whose end is in CLOSE_WAIT, to close. Linux drops an orphaned FIN_WAIT2 after net.ipv4.tcp_fin_timeout (${finTimeout} s here).`,
		);
	});

	it("says a loopback listener refuses bind() of its port on the wildcard, even with SO_REUSEADDR", async () => {
		const {pid, line} = await startPython(`${bindPy}
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); server.bind(('127.0.0.1', 0)); server.listen()
port = server.getsockname()[1]
print(server.fileno(), port, bind(port, '0.0.0.0', True), bind(port, '::', True, socket.AF_INET6), bind(port, '127.0.0.2', True), flush=True)
sys.stdin.read()
`);
		const [fd, port, ...binds] = line.split(' ') as [string, string, string, string, string];
		expect(binds).toEqual(['EADDRINUSE', 'EADDRINUSE', 'ok']);
		const detail = await readProcessDetail(pid);
		const sentence = explainFd(detail.fds.find(each => each.fd === Number(fd))!, {services: createStaticServiceTable([]), ephemeral: null})?.sentence;
		expect(sentence).toMatch(new RegExp(`— not reachable from other machines; while it listens, Linux refuses bind\\(\\) of port ${port} on 0\\.0\\.0\\.0 \\(or a dual-stack ::\\) \\("Address already in use"\\), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user$`));
	});
});
