import fs from 'node:fs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * A process with more socket fds than the peer cache's 20,000 entries hold at two keys a socket:
 * the cache must keep its answers across refreshes, not clear itself during each one and send
 * for a walk of every process's fds again; and the end it holds itself (a socketpair's other fd)
 * is checked against the link just read, not with a readlink more.
 */
const PAIRS = 5100;
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('peer cache scale test skipped: needs Linux, python3 and ss');

const script = `
import resource, socket, sys
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
if hard != resource.RLIM_INFINITY and hard < ${2 * PAIRS + 100}:
    print('skip', hard, flush=True)
else:
    resource.setrlimit(resource.RLIMIT_NOFILE, (${2 * PAIRS + 100}, hard))
    keep = [socket.socketpair() for _ in range(${PAIRS})]
    print(keep[0][0].fileno(), keep[0][1].fileno(), flush=True)
sys.stdin.read()
`;

afterEach(() => {
	vi.restoreAllMocks();
	vi.useRealTimers();
});

describe.skipIf(!canRun)('the PID view of a process with 10,200 socket fds', () => {
	it('reads each fd link once on a second refresh: no walk of every process, no readlink per cached peer', async ({skip}) => {
		const {pid, line} = await startPython(script);
		if (line.startsWith('skip')) {
			// Skipped, not passed: nothing below was checked.
			const why = `peer cache scale test skipped: the hard fd limit is ${line.split(' ')[1]}, under the ${2 * PAIRS + 100} fds it needs`;
			console.warn(why);
			skip(why);
		}

		const [one, other] = line.split(' ').map(Number) as [number, number];
		// Frozen: "no peer found" is kept 10 s, and a slow first read must not let it lapse.
		vi.useFakeTimers({toFake: ['Date']});
		await readProcessDetail(pid);
		const readlink = vi.spyOn(fs, 'readlinkSync');
		const detail = await readProcessDetail(pid);
		const fds = detail.fds.length;
		expect(fds).toBeGreaterThan(2 * PAIRS);
		expect(detail.fds.find(each => each.fd === one)?.peer).toEqual({command: 'python3', pid, fd: other});
		// Its own fds, and a few besides (namespace and ss links); a walk would read every fd of every process again.
		expect(readlink.mock.calls.length).toBeLessThan(fds + 200);
	}, 120_000);
});
