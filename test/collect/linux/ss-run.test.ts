import {readlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {askSs, type ListenersMemory, runSsUnix} from '../../../source/collect/linux/ss-run.js';
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

describe('askSs with the listeners kept (ListenersMemory)', () => {
	/** A fake ss: each run recorded; -xlHe answers with the run's number, so a kept answer shows. */
	const fakeSs = () => {
		const runs: string[] = [];
		const run = async (args: readonly string[]) => {
			runs.push(args.join(' '));
			return args[0] === '-xlHe' ? `u_str LISTEN 0 5 /run/a.sock 10${runs.length} * 0\n` : 'u_str LISTEN 0 5 /run/a.sock 101 * 0\n';
		};
		return {runs, run};
	};

	it('asks ss -xlHe again only when the unix table reads differently', async () => {
		const {runs, run} = fakeSs();
		const memory: ListenersMemory = {};
		const first = await askSs(run, true, {memory, unixText: 'table one'});
		expect(runs).toEqual(['-xaH', '-xlHe']);
		const same = await askSs(run, true, {memory, unixText: 'table one'});
		expect(runs).toEqual(['-xaH', '-xlHe', '-xaH']);
		expect(same).toEqual({all: first!.all, listening: first!.listening});
		const changed = await askSs(run, true, {memory, unixText: 'table two'});
		expect(runs.slice(3)).toEqual(['-xaH', '-xlHe']);
		expect(changed!.listening).not.toBe(first!.listening);
		// Kept for the table it was asked beside: the first table read again is asked about again.
		await askSs(run, true, {memory, unixText: 'table one'});
		expect(runs.slice(5)).toEqual(['-xaH', '-xlHe']);
	});

	it('asks every time where the table could not be read, where ss -xlHe failed, and keeps nothing without the files', async () => {
		const {runs, run} = fakeSs();
		const memory: ListenersMemory = {};
		await askSs(run, true, {memory, unixText: undefined});
		await askSs(run, true, {memory, unixText: undefined});
		expect(runs).toEqual(['-xaH', '-xlHe', '-xaH', '-xlHe']);

		const failing = async (args: readonly string[]) => (args[0] === '-xlHe' ? null : run(args));
		const failed: ListenersMemory = {};
		expect((await askSs(failing, true, {memory: failed, unixText: 't'}))!.listening).toBeNull();
		runs.length = 0;
		await askSs(run, true, {memory: failed, unixText: 't'});
		expect(runs).toEqual(['-xaH', '-xlHe']);

		runs.length = 0;
		expect(await askSs(run, false, {memory, unixText: 't'})).toMatchObject({listening: null});
		expect(runs).toEqual(['-xH']);
	});
});
