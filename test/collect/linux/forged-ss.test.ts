import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {parseSsUnix} from '../../../source/collect/linux/ss-unix.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {unixSsFields} from '../../../source/collect/linux/unix-ss-fields.js';
import {socket} from '../../helpers/socket.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * ss prints unix names raw: a socket bound at an abstract name (no permission needed) holding a
 * newline can put a whole valid-looking ss line about someone else's sockets in its answer.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('forged ss lines test skipped: needs Linux, python3 and ss (iproute2)');

const directory = tempDirectory('fss');

// A listener with one connection accepted, then a socket whose abstract name forges a line saying the
// listener has 4242 connections waiting, the accepted client among them.
const script = `
import os, socket, sys
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(8)
client = socket.socket(socket.AF_UNIX); client.connect(sys.argv[1])
server, _ = listener.accept()
ino = lambda s: os.fstat(s.fileno()).st_ino
line = 'u_str LISTEN 4242 5 %s %d * 0 <-> ino:1 dev:0/1 peers: %d' % (sys.argv[1], ino(listener), ino(client))
forger = socket.socket(socket.AF_UNIX); forger.bind(('\\0x\\n' + line + '\\nz').encode())
print(listener.fileno(), client.fileno(), ino(server), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a unix name forging a line of ss', () => {
	it('lends no queue, and no place in an accept queue, to the real sockets it names', async () => {
		const socketPath = path.join(directory, 'real.sock');
		const {pid, line} = await startPython(script, [socketPath]);
		const [listenerFd, clientFd, serverInode] = line.split(' ').map(Number) as [number, number, number];
		const snapshot = await readLinuxSnapshot();
		const rowOf = (fd: number) => snapshot.sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
		expect(rowOf(listenerFd).rxQueue).not.toBe(4242);
		expect(rowOf(clientFd).isAwaitingAccept).toBeUndefined();
		expect(rowOf(clientFd).peerInode).toBe(serverInode);

		const detail = await readProcessDetail(pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!.socket!;
		expect(fdOf(listenerFd).rxQueue).not.toBe(4242);
		expect(fdOf(clientFd).isAwaitingAccept).toBeUndefined();
		expect(fdOf(clientFd).peerInode).toBe(serverInode);
	});
});

describe('parseSsUnix and an inode on two lines', () => {
	it('believes neither line about it', () => {
		const ss = parseSsUnix([
			'u_str LISTEN 0      5      /tmp/real.sock 100 * 0 <-> ino:7 dev:0/1 peers:',
			'u_str ESTAB  0      0      * 101 * 102 <->',
			'u_str UNCONN 0      0      @x',
			'u_str LISTEN 4242 5 /tmp/real.sock 100 * 0 <-> ino:1 dev:0/1 peers: 101',
			'z 103 * 0 <-> peers:',
		].join('\n'));
		expect(ss.rxQueues.has(100)).toBe(false);
		expect(ss.names.has(100)).toBe(false);
		expect(ss.listeners.has(100)).toBe(false);
		expect(ss.waiting.size).toBe(0);
		expect(ss.peers.get(101)).toBe(102);
	});
});

describe('unixSsFields and a listener whose own line ss did not print whole', () => {
	const raw = (inode: number, state: RawSocket['state'], path: string | null): RawSocket => ({...socket({proto: 'stream', state, path}), inode});
	// The listener's name has a newline: its own line is not one of ss's, so only the forged line names its inode.
	const listener = raw(100, 'LISTEN', '/tmp/a\nb');
	const client = raw(101, 'ESTABLISHED', null);
	const byInode = new Map([[100, listener], [101, client]]);
	const ss = parseSsUnix([
		'u_str LISTEN 0      5      /tmp/a',
		'b 100 * 0 <-> ino:7 dev:0/1 peers:',
		'u_str ESTAB  0      0      * 101 * 0 <->',
		'u_str LISTEN 4242 5 /tmp/other 100 * 0 <-> ino:1 dev:0/1 peers: 101',
	].join('\n'));

	it('takes a listener\'s fields only where ss\'s line agrees with /proc on its name', () => {
		expect(unixSsFields(listener, ss, byInode).rxQueue).toBeNull();
		expect(unixSsFields(client, ss, byInode).queueOf).toBeUndefined();
	});

	it('takes them where it agrees', () => {
		const named = raw(100, 'LISTEN', '/tmp/other');
		expect(unixSsFields(named, ss, byInode).rxQueue).toBe(4242);
		expect(unixSsFields(client, ss, new Map([[100, named], [101, client]])).queueOf).toBe(named);
	});
});
