import {readlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runSsUnix} from '../../../source/collect/linux/ss-run.js';
import {parseSsUnix} from '../../../source/collect/linux/ss-unix.js';
import {ownSockets} from '../../helpers/own-sockets.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';


if (!hasSs) {
	console.warn('skipping the ss -xH run test: ss (iproute2) is not installed');
}

if (hasSs && !hasPython) console.warn('skipping the ss -xaH and -xlHe run test: python3 (to open the sockets) is not installed');

const directory = tempDirectory('ssrun');

/** A listener with three clients waiting in its accept queue, and a socketpair; prints their fds. */
const script = `
import socket, sys
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(8)
clients = [socket.socket(socket.AF_UNIX) for _ in range(3)]
for client in clients: client.connect(sys.argv[1])
pair = socket.socketpair()
print(' '.join(str(each.fileno()) for each in [listener, *clients, *pair]), flush=True)
sys.stdin.read()
`;

describe('runSsUnix', () => {
	it.skipIf(!hasSs)('asks ss without opening sockets of its own that a scan running meanwhile would list', async () => {
		const before = ownSockets();
		const running = runSsUnix();
		const during = ownSockets();
		const answer = await running;
		expect(during).toEqual(before);
		expect(answer).not.toBeNull();
		expect(answer!.all.split('\n').filter(line => line.startsWith('u_')).length).toBeGreaterThan(0);
		expect(answer!.listening).toBeNull();
	});

	it.skipIf(!hasSs || !hasPython)('with the files, asks ss -xaH for every socket and -xlHe for the listeners only, and they tell who waits where', async () => {
		const socketPath = path.join(directory, 'q.sock');
		const {pid, line} = await startPython(script, [socketPath]);
		const inodeOf = (fd: string) => Number(/socket:\[(\d+)]/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))![1]);
		const [listener, one, two, three, left, right] = line.split(' ').map(inodeOf) as [number, number, number, number, number, number];
		const answer = (await runSsUnix(true))!;
		// -e's part only on listeners' lines: not on the others', which ss would pad to the widest peers: list.
		expect(answer.all).not.toContain('<->');
		expect(answer.all).toContain(` ${left} * ${right}`);
		// (A line not starting u_ is the rest of a name with a newline, which other tests' sockets may have.)
		// ss -l lists sockets neither listening nor connected (UNCONN) too: bound datagram ones (/dev/log), unconnected stream ones.
		const listeners = answer.listening!.split('\n').filter(each => each.startsWith('u_'));
		expect(listeners.length).toBeGreaterThan(0);
		expect(listeners.filter(each => !/^u_\S+ +(LISTEN|UNCONN) /.test(each))).toEqual([]);
		expect(answer.listening).toContain(` ${listener} * 0 `);
		expect(answer.listening).not.toContain(` ${left} * ${right}`);
		const ss = parseSsUnix(answer.all, answer.listening);
		expect(ss.peers.get(left)).toBe(right);
		expect(ss.rxQueues.get(listener)).toBe(3);
		expect(ss.names.get(listener)).toBe(socketPath);
		expect(ss.listeners.has(listener)).toBe(true);
		expect(ss.files.has(listener)).toBe(true);
		expect([one, two, three].map(client => ss.waiting.get(client))).toEqual([listener, listener, listener]);
	});
});
