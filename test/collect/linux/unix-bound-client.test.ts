import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A unix stream client that binds a name of its own before it connects (as some
 * database drivers and X clients do). /proc/net/unix prints an accepted connection with
 * its listener's name, so a connected socket with a name is either that or such a
 * client: only whether a listener has the name tells them apart.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix bound-client test skipped: needs Linux, python3 (to open the sockets) and ss (unix peers)');

const directory = tempDirectory('bound');

const script = `
import os, socket, sys
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); listener.bind(sys.argv[1]); listener.listen()
client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); client.bind(sys.argv[2]); client.connect(sys.argv[1])
accepted, _ = listener.accept()
print(client.fileno(), accepted.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a unix stream client bound to a name of its own', () => {
	it('is said to have bound it and connected from it; the accepted end is said to be accepted', async () => {
		const server = path.join(directory, 'server.sock');
		const own = path.join(directory, 'client.sock');
		const {pid, line} = await startPython(script, [server, own]);
		const [clientFd, acceptedFd] = line.split(' ').map(Number) as [number, number];
		const detail = await readProcessDetail(pid);
		const client = detail.fds.find(fd => fd.fd === clientFd)!;
		const accepted = detail.fds.find(fd => fd.fd === acceptedFd)!;
		// Both carry a name and are connected: the kernel's table alone cannot tell them apart.
		expect(client.socket).toMatchObject({proto: 'stream', path: own, state: 'ESTABLISHED'});
		expect(accepted.socket).toMatchObject({proto: 'stream', path: server, state: 'ESTABLISHED'});
		expect(client.isAccepted).toBe(false);
		expect(accepted.isAccepted).toBe(true);
		expect(explainFd(client, ctx)?.sentence).toMatch(
			new RegExp(`^python3 is connected to the unix stream socket ${server} from ${own}, a name it bound itself \\(no socket listens on it\\); the other end is fd ${acceptedFd} \\(same process\\)$`),
		);
		expect(explainFd(accepted, ctx)?.sentence).toMatch(new RegExp(`^python3 has a connection accepted on the unix stream socket ${server};`));
		// The listener itself carries no such flag.
		expect(detail.fds.find(fd => fd.socket?.state === 'LISTEN')).not.toHaveProperty('isAccepted');
	});
});

const autobindScript = `
import socket, sys
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); listener.bind(sys.argv[1]); listener.listen()
client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
client.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1); client.connect(sys.argv[1])
accepted, _ = listener.accept()
print(client.fileno(), client.getsockname().hex(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a unix stream client that the kernel named (autobind)', () => {
	it('is said to have been given its name, not to have bound it', async () => {
		const server = path.join(directory, 'autobind.sock');
		const {pid, line} = await startPython(autobindScript, [server]);
		const [clientFd, nameHex] = line.split(' ') as [string, string];
		// SO_PASSCRED made connect() autobind: a NUL and five hex digits, '@' and them in the table.
		const name = `@${Buffer.from(nameHex, 'hex').subarray(1).toString()}`;
		expect(name).toMatch(/^@[\da-f]{5}$/);
		const detail = await readProcessDetail(pid);
		const client = detail.fds.find(fd => fd.fd === Number(clientFd))!;
		expect(client.socket).toMatchObject({proto: 'stream', path: name, state: 'ESTABLISHED'});
		expect(client.isAccepted).toBe(false);
		expect(explainFd(client, ctx)?.sentence).toMatch(
			new RegExp(`^python3 is connected to the unix stream socket ${server} from ${name}, a name the kernel gave it \\(autobind: a socket that connects with SO_PASSCRED set gets one, as D-Bus clients do\\);`),
		);
	});
});

const closedListenerScript = `
import socket, sys
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); listener.bind(sys.argv[1]); listener.listen()
client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); client.connect(sys.argv[1])
accepted, _ = listener.accept()
listener.close()
print(accepted.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a connection accepted on a listener that has closed since (a drain, a reload)', () => {
	it('is still said to be accepted there: with no listener on either name, the name tells nothing', async () => {
		const server = path.join(directory, 'drained.sock');
		const {pid, line} = await startPython(closedListenerScript, [server]);
		const detail = await readProcessDetail(pid);
		const accepted = detail.fds.find(fd => fd.fd === Number(line))!;
		expect(accepted.socket).toMatchObject({proto: 'stream', path: server, state: 'ESTABLISHED'});
		expect(accepted).not.toHaveProperty('isAccepted');
		expect(explainFd(accepted, ctx)?.sentence).toMatch(new RegExp(`^python3 has a connection accepted on the unix stream socket ${server};`));
	});
});
