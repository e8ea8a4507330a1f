import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {startProcessWalk} from '../../../source/collect/linux/fds.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {hasExited} from '../../../source/model/process.js';
import {startZombie, stateOf} from '../../helpers/zombie.js';

/**
 * A process that exits while it is read (exiting.ts), made deterministic: the read of its fd links
 * kills it part way, and goes on once the kernel has closed its files (it is a zombie). What the
 * links say from then on is the kernel's (ENOENT), or, `isDenied`, what they say without root
 * (EACCES: an exiting process's fd directory is root's once its memory is gone).
 */
const race = vi.hoisted(() => ({pid: 0, killAt: 0, linksRead: 0, isDenied: false, deniedListing: 0}));

vi.mock('../../../source/collect/linux/read.js', async importOriginal => {
	const original = await importOriginal<typeof import('../../../source/collect/linux/read.js')>();
	const {stateOf: state} = await import('../../helpers/zombie.js');
	const isTarget = (path: string, pid: number) => pid > 0 && path.startsWith(`/proc/${pid}/fd/`);
	return {
		...original,
		readLink(path: string) {
			if (!isTarget(path, race.pid)) return original.readLink(path);
			if (++race.linksRead === race.killAt) {
				process.kill(race.pid, 'SIGKILL');
				// Its files are closed once it is a zombie; it stays one, as this thread does not let libuv reap it.
				for (const deadline = Date.now() + 10_000; state(race.pid) !== 'Z' && Date.now() < deadline; );
			}

			return race.isDenied && race.linksRead > race.killAt ? original.failureFromCode('EACCES') : original.readLink(path);
		},
		readDirectory(path: string) {
			return path === `/proc/${race.deniedListing}/fd/` ? original.failureFromCode('EACCES') : original.readDirectory(path);
		},
	};
});

// Node with a listener on fd `listener` and 300 connections to it, both ends held.
const serverScript = `
const net = require('node:net');
const ends = [];
const server = net.createServer(socket => {
	ends.push(socket);
	if (ends.length === 600) console.log(JSON.stringify({pid: process.pid, listener: server._handle.fd}));
});
server.listen(0, '127.0.0.1', () => {
	for (let i = 0; i < 300; i++) ends.push(net.connect(server.address().port, '127.0.0.1'));
});
setInterval(() => {}, 1000);
`;

let child: ChildProcess | undefined;
let zombieParent: ChildProcess | undefined;

afterEach(() => {
	child?.kill('SIGKILL');
	zombieParent?.kill('SIGKILL');
	Object.assign(race, {pid: 0, killAt: 0, linksRead: 0, isDenied: false, deniedListing: 0});
});

async function startServer(): Promise<{pid: number; listener: number}> {
	child = spawn(process.execPath, ['-e', serverScript], {stdio: ['ignore', 'pipe', 'inherit']});
	const [line] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
	return JSON.parse(line) as {pid: number; listener: number};
}

describe.skipIf(process.platform !== 'linux')('a process that exits while it is read', () => {
	it('is read as whole first: its listener and every connection', async () => {
		const {pid, listener} = await startServer();
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(fd => fd.fd === listener)?.socket?.state).toBe('LISTEN');
		expect(detail.fds.filter(fd => fd.socket?.proto === 'tcp4' && fd.socket.state === 'ESTABLISHED')).toHaveLength(600);
	});

	it.each([
		['its links gone (ENOENT)', false],
		['its links denied (EACCES, as without root)', true],
	])('gives the PID view the process exited, not the torn read, when %s', async (_case, isDenied) => {
		const {pid} = await startServer();
		Object.assign(race, {pid, killAt: 200, isDenied});
		const detail = await readProcessDetail(pid);
		expect(race.linksRead).toBeGreaterThanOrEqual(200);
		expect(stateOf(pid) ?? 'Z').toBe('Z');
		// A zombie (state Z, no fds), or gone: either way the view keeps its last whole read as last known.
		expect(hasExited(detail)).toBe(true);
		expect(detail.fds).toEqual([]);
		expect(detail.denied ?? '').not.toMatch(/could not be read|run socktop as root/);
	});

	it('counts a zombie of ours the table walk was denied as vanished, not denied', async () => {
		const zombie = await startZombie();
		zombieParent = zombie.parent;
		race.deniedListing = zombie.pid;
		const walk = await startProcessWalk(undefined, {pids: [String(zombie.pid)]}).finish();
		expect(walk).toMatchObject({deniedProcesses: 0, deniedPids: [], vanishedProcesses: 1});
	});
});
