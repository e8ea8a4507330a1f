import {describe, expect, it} from 'vitest';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import type {FdPeer, ProcessDetail} from '../../../source/model/process.js';
import {forkHolders, hasLsof, hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * A process that makes a socketpair and a pipe, then forks three children that keep
 * all four ends open, as a prefork server's children inherit its sockets and a shell's
 * children its pipes: every end's other end is held by four processes, and the PID view
 * names them all, other processes first by PID, the viewed one's own fd last.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('forked peers test skipped: needs Linux and python3');
if (canRun && !hasSs) console.warn('forked peers test: ss (iproute2) is not installed, so the socketpair\'s holders are not checked');
if (canRun && !hasLsof) console.warn('forked peers test: lsof is not installed, so its PID view is not checked');

const script = `
import os, socket, sys, time
a, b = socket.socketpair()
r, w = os.pipe()
${forkHolders(3)}
print(a.fileno(), b.fileno(), r, w, *kids, flush=True)
sys.stdin.read()
`;

/** Every holder of an fd's other end, as the PID view ranks them: peer, then morePeers. */
const holdersOf = (detail: ProcessDetail, fd: number): FdPeer[] => {
	const found = detail.fds.find(each => each.fd === fd)!;
	return found.peer === null || found.peer === undefined ? [] : [found.peer, ...(found.morePeers ?? [])];
};

const held = (pids: readonly number[], fd: number): FdPeer[] => pids.map(pid => ({command: 'python3', pid, fd}));
const ascending = (pids: readonly number[]) => [...pids].sort((x, y) => x - y);

describe.skipIf(!canRun)('an fd whose other end forked processes share', () => {
	it('has every holder of the other end, other processes by PID first, in both backends', async () => {
		const {pid, line} = await startPython(script);
		const [a, b, r, w, ...kids] = line.split(' ').map(Number) as [number, number, number, number, ...number[]];
		const readers: Array<[string, (pid: number) => Promise<ProcessDetail>]> = [['proc', readProcessDetail]];
		if (hasLsof) readers.push(['lsof', async each => createLsofCollector().process(each)]);
		for (const [name, read] of readers) {
			const parent = await read(pid);
			// The read end's other end is the write end, which the children hold as the parent does.
			expect(holdersOf(parent, r), name).toEqual(held([...ascending(kids), pid], w));
			expect(holdersOf(parent, w), name).toEqual(held([...ascending(kids), pid], r));
			if (hasSs) expect(holdersOf(parent, a), name).toEqual(held([...ascending(kids), pid], b));
			const first = Math.min(...kids);
			expect(fdRow(parent.fds.find(each => each.fd === r)!, pid).foreign, name).toBe(`→ python3[${first}] fd ${w} (+3 more)`);

			// A child names the process it forked from first (the lower PID), itself last.
			const child = kids[1]!;
			const others = ascending([pid, ...kids.filter(each => each !== child)]);
			expect(holdersOf(await read(child), r), name).toEqual(held([...others, child], w));
		}

		// A child that exits (a prefork server recycles them) is no holder on the next read, though the last one was kept.
		const [gone, ...left] = kids.toSorted((x, y) => y - x);
		process.kill(gone!, 'SIGKILL');
		await expect.poll(async () => holdersOf(await readProcessDetail(pid), r)).toEqual(held([...ascending(left), pid], w));
	});
});
