import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {describeFd} from '../../../source/format/fd-sentence.js';
import {formatProcessJson, formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * A TCP socket that is bound but neither listens nor connects is in no table /proc/net
 * has (nor in `ss -tan`), yet it holds its port: a second bind gets EADDRINUSE. The PID
 * view must not call it unbound.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('bound TCP test skipped: needs Linux and python3 (to open the socket)');

const script = `
import errno, socket, sys
bound = socket.socket(); bound.bind(('127.0.0.1', 0))
second = socket.socket()
try:
    second.bind(bound.getsockname()); taken = 'free'
except OSError as error:
    taken = errno.errorcode[error.errno]
print(bound.fileno(), bound.getsockname()[1], taken, flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a bound TCP socket that neither listens nor connects', () => {
	it('is not said to be unbound: it may hold a port', async () => {
		const {pid, line} = await startPython(script);
		const [fd, port, taken] = line.split(' ') as [string, string, string];
		expect(taken).toBe('EADDRINUSE');
		const detail = await readProcessDetail(pid);
		const descriptor = detail.fds.find(each => each.fd === Number(fd))!;
		// No table lists it, so socktop has no socket for it...
		expect(descriptor).toMatchObject({type: 'socket', socket: null});
		expect(detail.fds.some(each => each.socket?.localPort === Number(port))).toBe(false);
		// ...and says what that can mean, not that it is unbound.
		const sentence = describeFd(descriptor, ctx);
		expect(sentence).not.toContain('unbound');
		expect(sentence).toMatch(/^a socket in none of the kernel's TCP, UDP or unix tables \(socket:\[\d+\]\): it neither listens nor is connected, not yet or no longer \(a failed connect\(\) leaves a TCP socket so\); it may be bound to a port/);
	});

	it('is explained by --pid N --once and --json as the live view explains it: the port bind() refuses is not silently missing', async () => {
		const {pid, line} = await startPython(script);
		const [fd] = line.split(' ') as [string];
		const detail = await readProcessDetail(pid);
		const sentence = describeFd(detail.fds.find(each => each.fd === Number(fd))!, ctx);
		expect(formatProcessText(detail, ctx)).toContain(`\n  fd ${fd}: ${sentence}\n`);
		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; explanation: unknown}>};
		expect(json.fds.find(each => each.fd === Number(fd))!.explanation).toEqual({sentence, local: null, foreign: null});
	});

	it('says a socket may be there no longer, not only not yet: a failed connect() leaves it in no table', async () => {
		// A port nothing listens on: bound, then closed, so the connect() is refused.
		const refused = `
import socket, sys
free = socket.socket(); free.bind(('127.0.0.1', 0)); port = free.getsockname()[1]; free.close()
client = socket.socket()
print(client.fileno(), client.connect_ex(('127.0.0.1', port)) != 0, flush=True)
sys.stdin.read()
`;
		const {pid, line} = await startPython(refused);
		const [fd, failed] = line.split(' ') as [string, string];
		expect(failed).toBe('True');
		const descriptor = (await readProcessDetail(pid)).fds.find(each => each.fd === Number(fd))!;
		expect(descriptor).toMatchObject({type: 'socket', socket: null});
		expect(describeFd(descriptor, ctx)).toContain('it neither listens nor is connected, not yet or no longer (a failed connect() leaves a TCP socket so)');
		expect(describeFd(descriptor, ctx)).not.toContain('(yet)');
	});
});
