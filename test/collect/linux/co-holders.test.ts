import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessJson, formatProcessText} from '../../../source/format/pid.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {forkHolders, hasPython, startPython} from '../../helpers/tools.js';

/**
 * A python parent makes a TCP listener, then forks three workers that keep it, as a prefork
 * server does: a worker's PID view says the same socket is held by the parent and the other
 * workers, which is why the port stays bound after that worker is killed.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('co-holders test skipped: needs Linux and python3');

const script = `
import os, socket, sys, time
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen()
${forkHolders(3)}
print(s.fileno(), s.getsockname()[1], *kids, flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a listener forked workers share', () => {
	it('names the parent and the other workers as holders of the same socket in a worker\'s PID view', async () => {
		const {pid, line} = await startPython(script);
		const [fd, port, ...kids] = line.split(' ').map(Number) as [number, number, ...number[]];
		const worker = kids[1]!;
		const others = [pid, ...kids.filter(each => each !== worker)].sort((x, y) => x - y);
		const detail = await readProcessDetail(worker);
		expect(detail.fds.find(each => each.fd === fd)?.coHolders).toEqual(others.map(each => ({command: 'python3', pid: each, fd})));

		const text = formatProcessText(detail, ctx);
		const names = others.map(each => `python3[${each}] fd ${fd}`).join(', ');
		expect(text).toContain(`fd ${fd}: python3 listens for TCP connections on port ${port}`);
		expect(text).toContain(`; the same socket is also held by ${names}\n`);

		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; coHolders: unknown}>};
		expect(json.fds.find(each => each.fd === fd)?.coHolders).toEqual(others.map(each => ({command: 'python3', pid: each, fd})));
	});
});
