import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import type {ProcessDetail} from '../../../source/model/process.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';
import {WAIT_MS} from '../../helpers/wait.js';
import {canMakeNamespaces, joinNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * A connection between two network namespaces (a host's client of a container's server across a
 * veth): each namespace's tables list one end, and the PID view names the other end's holder with
 * its namespace. Where two namespaces list the same other end (two containers can have the same
 * addresses behind different bridges), none is named. Root with ip netns, in namespaces of its own.
 */
const canRun = canMakeNamespaces && hasPython;
if (!canRun) console.warn('connections between network namespaces test skipped: needs root, ip netns and python3');

const server = `
import socket, sys, threading
l = socket.socket(); l.bind(('10.98.0.1', 7100)); l.listen(8)
held = []
def accept():
    while True: held.append(l.accept()[0])
threading.Thread(target=accept, daemon=True).start()
print(l.fileno(), flush=True)
sys.stdin.read()
`;

// Connects from the port given (0: one the kernel picks): the same one in two pairs makes twin connections.
const client = `
import socket, sys
c = socket.socket(); c.bind(('10.98.0.2', int(sys.argv[1]))); c.connect(('10.98.0.1', 7100))
print(c.fileno(), c.getsockname()[1], flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

/** A server's namespace and a client's, joined by a veth: 10.98.0.1 and 10.98.0.2 (the same in every pair). */
function makePair(tag: string): {server: string; client: string} {
	const [serverSpace, clientSpace] = [makeNamespace(`${tag}s`), makeNamespace(`${tag}c`)];
	onTestFinished(() => {
		serverSpace.remove();
		clientSpace.remove();
	});
	const [s, c] = [serverSpace.name!, clientSpace.name!];
	joinNamespaces(`xp${tag}`, {netns: s, address: '10.98.0.1/24'}, {netns: c, address: '10.98.0.2/24'});
	return {server: s, client: c};
}

/** The process's connection (its ESTABLISHED TCP socket's fd), read again until its server has accepted it. */
async function connectionOf(pid: number): Promise<{detail: ProcessDetail; fd: ProcessDetail['fds'][number]}> {
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		const detail = await readProcessDetail(pid);
		const fd = detail.fds.find(each => each.socket?.proto === 'tcp4' && each.socket.state === 'ESTABLISHED');
		if (fd !== undefined) return {detail, fd};
		if (Date.now() > deadline) throw new Error(`PID ${pid} has no ESTABLISHED connection after ${WAIT_MS} ms`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

// Each PID view read walks every process's fds: on two busy cores one takes seconds, and a test reads six or more.
describe.skipIf(!canRun)('a connection between two network namespaces', {timeout: 120_000}, () => {
	it('names the holder of each end from the other end, with its namespace, in the fd table and the sentence', async () => {
		const pair = makePair('a');
		const listening = await startPython(server, [], ['ip', 'netns', 'exec', pair.server]);
		const connected = await startPython(client, ['0'], ['ip', 'netns', 'exec', pair.client]);
		const [clientFd, clientPort] = connected.line.split(' ').map(Number) as [number, number];
		const accepted = await connectionOf(listening.pid);
		expect(accepted.fd.peer).toEqual({command: 'python3', pid: connected.pid, fd: clientFd, netns: pair.client});
		const text = formatProcessText(accepted.detail, ctx);
		expect(text).toContain(`10.98.0.2:${clientPort} → python3[${connected.pid}] fd ${clientFd} in netns ${pair.client}`);
		expect(text).toContain(`; the other end is python3[${connected.pid}] fd ${clientFd} in netns ${pair.client}`);
		const {fd} = await connectionOf(connected.pid);
		expect(fd.peer).toEqual({command: 'python3', pid: listening.pid, fd: accepted.fd.fd, netns: pair.server});
	});

	it('names none once another namespace lists the same other end too', async () => {
		const first = makePair('b');
		const listening = await startPython(server, [], ['ip', 'netns', 'exec', first.server]);
		const connected = await startPython(client, ['0'], ['ip', 'netns', 'exec', first.client]);
		const port = connected.line.split(' ')[1]!;
		await connectionOf(listening.pid);
		expect((await connectionOf(connected.pid)).fd.peer?.pid).toBe(listening.pid);
		// The same connection between a second pair: same addresses, same ports.
		const second = makePair('c');
		const twinServer = await startPython(server, [], ['ip', 'netns', 'exec', second.server]);
		const twin = await startPython(client, [port], ['ip', 'netns', 'exec', second.client]);
		await connectionOf(twinServer.pid);
		for (const pid of [connected.pid, twin.pid, listening.pid]) {
			const {fd} = await connectionOf(pid);
			expect(fd.socket?.foreignPort === Number(port) || fd.socket?.localPort === Number(port)).toBe(true);
			expect(fd.peer ?? null).toBeNull();
		}
	});
});
