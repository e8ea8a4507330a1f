import {describe, expect, it, vi} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/** The inode of each unix socket unixSsFields was asked about, once per asking. */
const asked = vi.hoisted(() => ({inodes: [] as number[]}));
vi.mock('../../../source/collect/linux/unix-ss-fields.js', async importOriginal => {
	const original = await importOriginal<typeof import('../../../source/collect/linux/unix-ss-fields.js')>();
	return {
		...original,
		unixSsFields(raw: RawSocket, ...rest: [never, never]) {
			asked.inodes.push(raw.inode);
			return original.unixSsFields(raw, ...rest);
		},
	};
});

const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unixSsFields-once test skipped: needs Linux, python3 (to open the sockets) and ss (iproute2)');

/** A listener (an abstract name: no file to clean up), a client waiting in its accept queue, and a connected socketpair. */
const script = `
import socket, sys
name = '\\0socktop-ussf-' + sys.argv[1]
listener = socket.socket(socket.AF_UNIX); listener.bind(name); listener.listen(8)
client = socket.socket(socket.AF_UNIX); client.connect(name)
pair = socket.socketpair()
print(listener.fileno(), client.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('the PID view and ss\'s fields of its unix sockets', () => {
	it('works out each unix socket\'s fields (its queues, the accept queue it waits in) once, for its peer and its row alike', async () => {
		const {pid, line} = await startPython(script, [String(process.pid)]);
		const [listenerFd, clientFd] = line.split(' ').map(Number) as [number, number];
		asked.inodes = [];
		const detail = await readProcessDetail(pid);
		const unix = detail.fds.flatMap(fd => (fd.socket === null || fd.socket.localAddress !== null ? [] : [fd.socket.inode]));
		// And its stdio, which Node gives it as socketpairs.
		expect(unix.length).toBeGreaterThanOrEqual(4);
		expect(asked.inodes.toSorted((a, b) => a! - b!)).toEqual(unix.toSorted((a, b) => a! - b!));
		// What it is worked out for, both still told: the client waits (its fd and its socket say so), the listener holds it.
		const client = detail.fds.find(fd => fd.fd === clientFd)!;
		expect(client).toMatchObject({isAwaitingAccept: true, socket: {isAwaitingAccept: true}, peer: {pid, fd: listenerFd}});
		expect(detail.fds.filter(fd => fd.isAwaitingAccept === true || fd.socket?.isAwaitingAccept === true).map(fd => fd.fd)).toEqual([clientFd]);
	});
});
