import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../source/collect/linux/index.js';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessText} from '../../source/format/pid.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {hasPython, startPython} from '../helpers/tools.js';

/**
 * While connecting, Send-Q counts the SYN (it takes a sequence number): ss shows `SYN-SENT 0 1`,
 * and data sent with the SYN (TCP Fast Open) comes on top. The sentence must not call the SYN a byte.
 */
const canRun = process.platform === 'linux' && hasPython && process.getuid?.() === 0 && spawnSync('ip', ['-V'], {stdio: 'ignore'}).status === 0;
if (!canRun) console.warn('queue SYN test skipped: needs Linux, root, ip and python3 (a private network namespace whose peer never answers)');

// In a private network namespace, a veth whose far end never answers: each connect() stays in SYN_SENT.
const script = `
import ctypes, socket, subprocess, sys
if ctypes.CDLL(None, use_errno=True).unshare(0x40000000) != 0: sys.exit('unshare failed')
def ip(*args): subprocess.run(['ip', *args], check=True)
ip('link', 'set', 'lo', 'up'); ip('link', 'add', 'a0', 'type', 'veth', 'peer', 'name', 'b0')
ip('addr', 'add', '10.77.0.1/24', 'dev', 'a0'); ip('link', 'set', 'a0', 'up'); ip('link', 'set', 'b0', 'up')
ip('neigh', 'add', '10.77.0.2', 'lladdr', '02:00:00:00:00:02', 'dev', 'a0')
with open('/proc/sys/net/ipv4/tcp_fastopen', 'w') as setting: setting.write('5')  # client, no cookie needed
plain = socket.socket(); plain.setblocking(False); plain.connect_ex(('10.77.0.2', 80))
fast = socket.socket(); fast.setblocking(False)
try: fast.sendto(b'hello', socket.MSG_FASTOPEN, ('10.77.0.2', 81))
except BlockingIOError: pass
print(plain.getsockname()[1], fast.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('Send-Q of a connection waiting for its SYN to be answered (SYN_SENT)', () => {
	it('counts the SYN as its connection request, and data sent with it (TCP Fast Open) as bytes', async () => {
		const {pid, line} = await startPython(script);
		const [plainPort, fastPort] = line.split(' ').map(Number) as [number, number];
		const {sockets} = await readLinuxSnapshot();
		expect(sockets.find(socket => socket.localPort === plainPort && socket.pid === pid)).toMatchObject({state: 'SYN_SENT', txQueue: 1});
		expect(sockets.find(socket => socket.localPort === fastPort && socket.pid === pid)).toMatchObject({state: 'SYN_SENT', txQueue: 6});
		const text = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: null}).replaceAll(/\s+/g, ' ');
		expect(text).toContain('Send-Q 1: its connection request (SYN), which the other end has not acknowledged yet');
		expect(text).toContain('Send-Q 6: its connection request (SYN) and then 5 bytes written, which the other end has not acknowledged yet');
		expect(text).not.toContain('written that the other end');
	});
});
