import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {formatProcessJson} from '../../../source/format/pid.js';
import {socketTally} from '../../../source/model/socket-tally.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * One socket on three fds of one process (dup2()): the PID view says fds 5 and 1000 are fd 3's
 * socket, and counts it once, as it says of a socket another process shares.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('dup()ed socket test skipped: needs Linux and python3 (to open the socket)');

const script = `
import os, socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen()
os.dup2(listener.fileno(), 1000); os.dup2(listener.fileno(), 5)
print(listener.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a socket dup()ed onto other fds of its process', () => {
	it('is said to be the lowest fd\'s socket on the others, and counted once', async () => {
		const {pid, line} = await startPython(script);
		const first = Number(line);
		const detail = await readProcessDetail(pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(fdOf(first).sameSocketAs).toBeUndefined();
		expect(fdOf(5).sameSocketAs).toBe(first);
		expect(fdOf(1000).sameSocketAs).toBe(first);
		const same = `; the same socket as fd ${first} (dup()/dup2() or inherited twice)`;
		expect(explainFd(fdOf(first), ctx)?.sentence).not.toContain('the same socket as');
		expect(explainFd(fdOf(1000), ctx)?.sentence).toMatch(new RegExp(`^python3 listens for TCP connections on port .*${same.replaceAll(/[()/]/g, String.raw`\$&`)}$`));
		// Its stdin and stdout are the test's unix socketpairs: counted after it.
		expect(socketTally(detail.fds)).toMatch(/^1 LISTEN \(TCP\)(;|$)/u);
		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; sameSocketAs?: number}>};
		expect(json.fds.find(each => each.fd === 5)?.sameSocketAs).toBe(first);
		expect(json.fds.find(each => each.fd === first)).not.toHaveProperty('sameSocketAs');
	});
});
