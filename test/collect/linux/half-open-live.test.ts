import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {noHolderReason} from '../../../source/services/phrases.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Half-open connections, as a SYN flood or a firewall that drops the SYN-ACKs leaves them: in a
 * network namespace of its own (unshare -n), a listener on a veth whose other end answers nothing
 * gets two SYNs from a raw socket, from an address whose neighbour entry is fixed, so the kernel
 * sends its SYN-ACKs into the void and keeps both requests in SYN_RECV (inode 0, no process)
 * for a minute of retries. Root only (unshare, a raw socket).
 */
const isRoot = process.getuid?.() === 0;
const hasTools = ['unshare', 'ip'].every(tool => spawnSync('which', [tool], {stdio: 'ignore'}).status === 0);
const canRun = process.platform === 'linux' && hasPython && isRoot && hasTools;
if (!canRun) console.warn('half-open connections test skipped: needs Linux, root, python3, unshare and ip');

const server = `
import socket, struct, subprocess, sys
def ip(*args): return subprocess.run(['ip', *args], capture_output=True).returncode == 0
ip('link', 'set', 'lo', 'up')
if not (ip('link', 'add', 'ho-a', 'type', 'veth', 'peer', 'name', 'ho-b') and ip('link', 'set', 'ho-a', 'up') and ip('link', 'set', 'ho-b', 'up')
        and ip('addr', 'add', '10.99.0.1/24', 'dev', 'ho-a') and ip('neigh', 'add', '10.99.0.5', 'lladdr', '02:00:00:00:00:05', 'dev', 'ho-a', 'nud', 'permanent')):
    print('no veth', flush=True); sys.stdin.read(); sys.exit()
l = socket.socket(); l.bind(('10.99.0.1', 7000)); l.listen(8)
def checksum(data):
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data)); total = (total >> 16) + (total & 0xffff); return ~(total + (total >> 16)) & 0xffff
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
src, dst = socket.inet_aton('10.99.0.5'), socket.inet_aton('10.99.0.1')
for port in (40001, 40002):
    tcp = struct.pack('!HHLLBBHHH', port, 7000, 1, 0, 5 << 4, 0x02, 64240, 0, 0)
    tcp = tcp[:16] + struct.pack('!H', checksum(src + dst + struct.pack('!BBH', 0, 6, len(tcp)) + tcp)) + tcp[18:]
    raw.sendto(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40, 1, 0, 64, 6, 0, src, dst) + tcp, ('10.99.0.1', 0))
print(l.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('half-open connections (SYN_RECV) on a listener', () => {
	it('the listener\'s PID view counts them, and a row of one names the listener and says what it waits for', async context => {
		const listening = await startPython(server, [], ['unshare', '-n']);
		if (listening.line === 'no veth') {
			const why = 'half-open connections test skipped: could not set up its veth pair in the namespace (ip link, addr or neigh failed)';
			console.warn(why);
			context.skip(why);
		}

		const fd = Number(listening.line);
		let detail = await readProcessDetail(listening.pid);
		// The kernel takes the SYNs in as they arrive on lo: a moment after the send returned.
		for (let tries = 0; detail.fds.find(each => each.fd === fd)?.halfOpen !== 2 && tries < 50; tries++) detail = await readProcessDetail(listening.pid);
		expect(detail.fds.find(each => each.fd === fd)?.halfOpen).toBe(2);
		expect(formatProcessText(detail, ctx)).toContain(`  fd ${fd}: python3 listens for TCP connections on port 7000 (registered range, unnamed) only on the address 10.99.0.1`);
		expect(formatProcessText(detail, ctx)).toContain("; 2 connections to its port are half-open (SYN_RECV): the kernel answered their SYNs and waits for each client's final ACK");

		const {sockets} = await readLinuxSnapshot();
		// By its fd: its stdio (socketpairs node made) are the host's.
		const netns = sockets.find(socket => socket.pid === listening.pid && socket.fd === fd)?.netns;
		const requests = sockets.filter(socket => socket.netns === netns && socket.localPort === 7000 && socket.state === 'SYN_RECV');
		expect(requests).toHaveLength(2);
		expect(requests[0]).toMatchObject({pid: null, inode: 0, user: 'root'});
		expect(noHolderReason(requests[0]!, {isCapture: false, isRoot: true}, sockets)).toMatch(
			new RegExp(`^No process holds it yet: the kernel answered the client's SYN and waits for its final ACK \\(SYN_RECV\\); then it joins the accept queue of python3 \\(PID ${listening.pid}\\) on port 7000\\. `),
		);
	});
});
