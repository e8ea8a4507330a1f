import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {existsSync, readdirSync} from 'node:fs';
import net from 'node:net';
import {createInterface, type Interface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startProcessWalk} from '../../../source/collect/linux/fds.js';
import {createLinuxCollector, readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {createSlicer} from '../../../source/collect/linux/slice.js';
import {readSocketTables} from '../../../source/collect/linux/tables.js';
import type {Holder, ProcessWalk} from '../../../source/collect/linux/tally.js';
import {createWalkMemory, FULL_WALK_MS, planWalk, recheckRecalled, type WalkMemory} from '../../../source/collect/linux/walk-memory.js';
import type {Snapshot} from '../../../source/model/types.js';
import {canForcePidReuse, nextPidWillBe} from '../../helpers/pid-reuse.js';

// A collector's snapshots share a WalkMemory: a refresh reuses the fd links it read before.
// These tests change fds under a warm memory the ways a refresh has to notice.

const script = fileURLToPath(new URL('../../helpers/fd-reuse.py', import.meta.url));
// The full path where there is one: a PID forced through ns_last_pid must go to python itself, not to a PATH search.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const churnScript = fileURLToPath(new URL('../../helpers/fd-churn.py', import.meta.url));
if (!canForcePidReuse) console.warn('walk-memory: the pid-reuse case is skipped: it needs root and a writable /proc/sys/kernel/ns_last_pid');

let child: ChildProcess;
let lines: Interface;
let memory: WalkMemory;

async function ask(command: string): Promise<string> {
	const answer = once(lines, 'line') as Promise<[string]>;
	child.stdin!.write(`${command}\n`);
	return (await answer)[0];
}

const listenersOn = (snapshot: Snapshot, port: number) =>
	snapshot.sockets.filter(socket => socket.proto === 'tcp4' && socket.state === 'LISTEN' && socket.localPort === port);

/** Snapshots with the memory until one recalls links (the first two read every link). */
async function warm(): Promise<Snapshot> {
	let snapshot = await readLinuxSnapshot({memory});
	while (planWalk(memory, Date.now()) !== 'recall') snapshot = await readLinuxSnapshot({memory});
	return snapshot;
}

beforeAll(async () => {
	child = spawn(python, [script], {stdio: ['pipe', 'pipe', 'inherit']});
	lines = createInterface({input: child.stdout!});
	memory = createWalkMemory();
});

afterAll(() => {
	child.kill();
});

describe('planWalk', () => {
	it('lets the first walk run without memory, reads everything on the second and every FULL_WALK_MS, recalls between', () => {
		const fresh = createWalkMemory();
		expect(planWalk(undefined, 0)).toBe('first');
		expect(planWalk(fresh, 0)).toBe('first');
		fresh.walks = 1;
		expect(planWalk(fresh, 1000)).toBe('full');
		fresh.processes.set('1', {identity: 1, links: new Map(), task: null});
		fresh.lastFull = 1000;
		expect(planWalk(fresh, 1000 + FULL_WALK_MS - 1)).toBe('recall');
		expect(planWalk(fresh, 1000 + FULL_WALK_MS)).toBe('full');
	});
});

describe('a remembered fd walk', () => {
	it('keeps the time of the last walk that read every link through the recalled walks after it', async () => {
		const pids = [String(child.pid)];
		const own = createWalkMemory();
		await startProcessWalk(createSlicer(), {pids, memory: own}).finish();
		const fullAt = own.lastFull;
		expect(fullAt).toBeGreaterThan(0);
		await new Promise(resolve => setTimeout(resolve, 5));
		await startProcessWalk(createSlicer(), {pids, memory: own, isRecalled: true}).finish();
		// Else every refresh would push the full walk FULL_WALK_MS further and it would never come.
		expect(own.lastFull).toBe(fullAt);
	});

	it('puts a holder found by a second look in (pid, fd) order among the socket\'s other holders', async () => {
		const server = net.createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		try {
			const {port} = server.address() as net.AddressInfo;
			const fd = (server as unknown as {_handle: {fd: number}})._handle.fd;
			const {sockets} = await readSocketTables('self', createSlicer());
			const inode = sockets.find(socket => socket.proto === 'tcp4' && socket.state === 'LISTEN' && socket.localPort === port)!.inode;
			const owner = {command: 'node', uid: 0};
			const order = (others: Array<[number, number]>) => {
				// This process's fd was remembered holding a socket that has closed (inode 1); it now holds the listener.
				const stale: Holder = {pid: process.pid, fd, owner, next: null};
				let chain: Holder | null = null;
				for (const [pid, otherFd] of others.toReversed()) chain = {pid, fd: otherFd, owner, next: chain};
				const walk: ProcessWalk = {holders: new Map([[1, stale], [inode, chain!]]), deniedProcesses: 0, deniedPids: [], vanishedProcesses: 0, namespaces: new Map(), linksRead: 0};
				recheckRecalled(walk, each => each === inode, createWalkMemory());
				const found: Array<[number, number]> = [];
				for (let holder: Holder | null = walk.holders.get(inode)!; holder !== null; holder = holder.next) found.push([holder.pid, holder.fd]);
				return found;
			};

			expect(order([[1, 3], [2, 3]])).toEqual([[1, 3], [2, 3], [process.pid, fd]]);
			expect(order([[process.pid, fd + 1], [process.pid + 1, 0]])).toEqual([[process.pid, fd], [process.pid, fd + 1], [process.pid + 1, 0]]);
		} finally {
			server.close();
		}
	});

	it('reuses the links it read before instead of reading them again', async () => {
		const [fd, port] = (await ask('start')).split(' ').map(Number) as [number, number, number, number];
		const snapshot = await warm();
		expect(listenersOn(snapshot, port).map(socket => [socket.pid, socket.fd])).toEqual([[child.pid, fd]]);
		// Walks of the helper's process only: other test files open and close sockets meanwhile.
		const pids = [String(child.pid)];
		const own = createWalkMemory();
		const full = await startProcessWalk(createSlicer(), {pids, memory: own}).finish();
		expect(full.linksRead).toBe(readdirSync(`/proc/${child.pid}/fd`).length);
		const again = await startProcessWalk(createSlicer(), {pids, memory: own, isRecalled: true}).finish();
		expect(again.linksRead).toBe(0);
		expect(again.holders.get(listenersOn(snapshot, port)[0]!.inode!)).toMatchObject({pid: child.pid, fd, next: null});
	});

	it('forgets an fd that was closed', async () => {
		const [, , , fd] = (await ask('start')).split(' ').map(Number) as [number, number, number, number];
		const pids = [String(child.pid)];
		const own = createWalkMemory();
		await startProcessWalk(createSlicer(), {pids, memory: own}).finish();
		expect(own.processes.get(pids[0]!)!.links.get(String(fd))).toBe(0);
		expect(await ask('close-file')).toBe('closed');
		const again = await startProcessWalk(createSlicer(), {pids, memory: own, isRecalled: true}).finish();
		expect(again.linksRead).toBe(0);
		expect(own.processes.get(pids[0]!)!.links.has(String(fd))).toBe(false);
	});

	it('finds a socket this process opened since the last walk', async () => {
		await warm();
		const server = net.createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		try {
			const {port} = server.address() as net.AddressInfo;
			const fd = (server as unknown as {_handle: {fd: number}})._handle.fd;
			const snapshot = await readLinuxSnapshot({memory});
			expect(listenersOn(snapshot, port).map(socket => [socket.pid, socket.fd])).toEqual([[process.pid, fd]]);
		} finally {
			server.close();
		}
	});

	it('reads an fd again when its socket closed and a new socket took the number', async () => {
		const [fd, oldPort] = (await ask('start')).split(' ').map(Number) as [number, number, number, number];
		await warm();
		const port = Number(await ask('reuse-socket'));
		const snapshot = await readLinuxSnapshot({memory});
		expect(listenersOn(snapshot, port).map(socket => [socket.pid, socket.fd])).toEqual([[child.pid, fd]]);
		expect(listenersOn(snapshot, oldPort)).toEqual([]);
	});

	it('finds that socket by reading the one link again, not every link', async () => {
		// Walks of the helper's process only: other test files open and close sockets meanwhile.
		const [fd] = (await ask('start')).split(' ').map(Number) as [number, number, number, number];
		const pids = [String(child.pid)];
		const own = createWalkMemory();
		await startProcessWalk(createSlicer(), {pids, memory: own}).finish();
		const before = [...own.processes.get(pids[0]!)!.links];
		const port = Number(await ask('reuse-socket'));
		const walk = await startProcessWalk(createSlicer(), {pids, memory: own, isRecalled: true}).finish();
		expect([...own.processes.get(pids[0]!)!.links]).toEqual(before);
		const {sockets} = await readSocketTables('self', createSlicer());
		const live = new Set(sockets.map(socket => socket.inode));
		expect(recheckRecalled(walk, inode => live.has(inode), own)).toBe(1);
		const inode = sockets.find(socket => socket.proto === 'tcp4' && socket.state === 'LISTEN' && socket.localPort === port)!.inode;
		expect(walk.holders.get(inode)).toMatchObject({pid: child.pid, fd, next: null});
		expect(own.processes.get(pids[0]!)!.links.get(String(fd))).toBe(inode);
	});

	it('reads every link again when an fd that held a file now holds a socket', async () => {
		const [, , fd] = (await ask('start')).split(' ').map(Number) as [number, number, number, number];
		await warm();
		const port = Number(await ask('reuse-file'));
		const snapshot = await readLinuxSnapshot({memory});
		expect(listenersOn(snapshot, port).map(socket => [socket.pid, socket.fd])).toEqual([[child.pid, fd]]);
		// That refresh read everything, so the next one recalls again.
		expect(planWalk(memory, Date.now())).toBe('recall');
	});

	// 24 scans of the whole machine: over 30 s where it holds ~10,000 sockets and two cores are busy.
	it('agrees with a scan without memory after every round of fd reuse in a busy process', {timeout: 120_000}, async () => {
		const churner = spawn('python3', [churnScript], {stdio: ['pipe', 'pipe', 'inherit']});
		try {
			const churnLines = createInterface({input: churner.stdout!});
			const next = async (command?: string) => {
				const answer = once(churnLines, 'line') as Promise<[string]>;
				if (command !== undefined) churner.stdin!.write(`${command}\n`);
				return (await answer)[0];
			};

			const pid = Number(await next());
			const collector = createLinuxCollector();
			const held = (snapshot: Snapshot) =>
				snapshot.sockets
					.filter(socket => socket.pid === pid)
					.map(socket => `${socket.inode}@${socket.fd}`)
					.sort();
			let compared = 0;
			for (let round = 0; round < 12; round++) {
				expect(await next(`churn ${4 + round} ${round}`)).toBe('done');
				const remembered = await collector.snapshot();
				const fresh = await readLinuxSnapshot({isParallel: false});
				expect(held(remembered)).toEqual(held(fresh));
				compared += held(fresh).length;
			}

			// The rounds did put sockets on the pool, so the comparison was not of nothing.
			expect(compared).toBeGreaterThan(20);
		} finally {
			churner.kill();
		}
	});

	it.skipIf(!canForcePidReuse)('reads every link again for a new process that took a remembered pid', async ({skip}) => {
		const start = async () => {
			const started = spawn(python, [script], {stdio: ['pipe', 'pipe', 'inherit']});
			const startedLines = createInterface({input: started.stdout!});
			const answer = once(startedLines, 'line') as Promise<[string]>;
			started.stdin!.write('start\n');
			const [fd, port] = (await answer)[0].split(' ').map(Number) as [number, number];
			return {child: started, fd, port};
		};

		const first = await start();
		const pid = first.child.pid!;
		const own = createWalkMemory();
		await startProcessWalk(createSlicer(), {pids: [String(pid)], memory: own}).finish();
		first.child.kill('SIGKILL');
		await once(first.child, 'exit');
		let second: Awaited<ReturnType<typeof start>> | undefined;
		for (let attempt = 0; attempt < 50 && second === undefined; attempt++) {
			nextPidWillBe(pid);
			const next = await start();
			if (next.child.pid === pid) second = next;
			else next.child.kill('SIGKILL');
		}

		if (second === undefined) {
			skip('walk-memory: could not make the kernel reuse the PID (busy machine); the pid-reuse case is not checked');
			return;
		}

		try {
			// The same script: the same fd numbers, other sockets behind them.
			expect(second.fd).toBe(first.fd);
			const walk = await startProcessWalk(createSlicer(), {pids: [String(pid)], memory: own, isRecalled: true}).finish();
			expect(walk.linksRead).toBe(readdirSync(`/proc/${pid}/fd`).length);
			const {sockets} = await readSocketTables('self', createSlicer());
			const inode = sockets.find(socket => socket.proto === 'tcp4' && socket.state === 'LISTEN' && socket.localPort === second.port)!.inode;
			expect(walk.holders.get(inode)).toMatchObject({pid, fd: second.fd});
		} finally {
			second.child.kill('SIGKILL');
		}
	});

	it('forgets a process that exited, and starts afresh for a new one', async () => {
		await warm();
		const other = spawn('python3', [script], {stdio: ['pipe', 'pipe', 'inherit']});
		try {
			const otherLines = createInterface({input: other.stdout!});
			const answer = once(otherLines, 'line') as Promise<[string]>;
			other.stdin!.write('start\n');
			const [fd, port] = (await answer)[0].split(' ').map(Number) as [number, number];
			const snapshot = await readLinuxSnapshot({memory});
			expect(listenersOn(snapshot, port).map(socket => [socket.pid, socket.fd])).toEqual([[other.pid, fd]]);
			expect(memory.processes.has(String(other.pid))).toBe(true);
		} finally {
			other.kill();
			await once(other, 'exit');
		}

		await readLinuxSnapshot({memory});
		expect(memory.processes.has(String(other.pid))).toBe(false);
	});
});
