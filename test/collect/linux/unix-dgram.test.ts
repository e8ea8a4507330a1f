import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A unix datagram server (syslog's /dev/log): bound, and a client connected to it.
 * /proc/net/unix prints the server as connected (St 03) though it has no peer; ss
 * (needed for unix peers) says it has none. sockstat calls it not connected, and
 * `-l` lists it.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix-dgram test skipped: needs Linux, python3 (to open the sockets) and ss (unix peers)');

const directory = tempDirectory('dgram');

/** `ip netns exec` runs python3 as its child, or execs it: the process holding the sockets. */
function pythonIn(pid: number): number {
	const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	return children[0] ?? pid;
}

const script = `
import os, socket, sys
server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); server.bind(sys.argv[1])
client = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); client.connect(sys.argv[1])
print(server.fileno(), os.fstat(server.fileno()).st_ino, client.fileno(), os.fstat(client.fileno()).st_ino, flush=True)
sys.stdin.read()
`;

if (canRun && !canMakeNamespaces) console.warn('unix-dgram test in a network namespace skipped: needs root and ip netns');

describe.skipIf(!canRun)('a unix datagram server a client connected to', () => {
	it.skipIf(!canMakeNamespaces)('in another network namespace too (root: ss runs there through nsenter)', async () => {
		const namespace = makeNamespace('dgram');
		onTestFinished(namespace.remove);
		const address = path.join(directory, 'ns-log.sock');
		const {pid, line} = await startPython(script, [address], ['ip', 'netns', 'exec', namespace.name!]);
		const [, serverInode, , clientInode] = line.split(' ').map(Number) as [number, number, number, number];
		const snapshot = await readLinuxSnapshot();
		const server = snapshot.sockets.find(socket => socket.inode === serverInode);
		const client = snapshot.sockets.find(socket => socket.inode === clientInode);
		expect(server).toMatchObject({proto: 'dgram', path: address, state: 'UNCONN', peerInode: null, netns: namespace.name});
		expect(client).toMatchObject({proto: 'dgram', state: 'ESTABLISHED', peerInode: serverInode, peerPath: address, netns: namespace.name});
		// And the PID view of that process, which reads its namespace's peers the same way.
		const detail = await readProcessDetail(pythonIn(pid));
		const sockets = detail.fds.map(fd => fd.socket).filter(socket => socket !== null);
		expect(sockets.find(socket => socket.inode === serverInode)).toMatchObject({state: 'UNCONN', peerInode: null});
		expect(sockets.find(socket => socket.inode === clientInode)).toMatchObject({state: 'ESTABLISHED', peerInode: serverInode});
	});

	it('is not connected (UNCONN, no peer), and its client is connected to it, in the table and the PID view', async () => {
		const address = path.join(directory, 'log.sock');
		const {pid, line} = await startPython(script, [address]);
		const [serverFd, serverInode, clientFd, clientInode] = line.split(' ').map(Number) as [number, number, number, number];
		const snapshot = await readLinuxSnapshot();
		const server = snapshot.sockets.find(socket => socket.inode === serverInode);
		const client = snapshot.sockets.find(socket => socket.inode === clientInode);
		expect(server).toMatchObject({proto: 'dgram', path: address, state: 'UNCONN', peerInode: null, pid: pid, fd: serverFd});
		expect(client).toMatchObject({proto: 'dgram', path: null, state: 'ESTABLISHED', peerInode: serverInode, peerPath: address, pid: pid, fd: clientFd});

		const detail = await readProcessDetail(pid);
		const fds = new Map(detail.fds.map(fd => [fd.fd, fd.socket]));
		expect(fds.get(serverFd)).toMatchObject({state: 'UNCONN', peerInode: null});
		expect(fds.get(clientFd)).toMatchObject({state: 'ESTABLISHED', peerInode: serverInode});
	});
});
