import {execFile, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {existsSync, readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it, onTestFinished} from 'vitest';
import {helpWalk} from '../../../source/collect/linux/fd-worker.js';
import {startProcessWalk} from '../../../source/collect/linux/fds.js';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {createSlicer} from '../../../source/collect/linux/slice.js';
import {readSocketTables} from '../../../source/collect/linux/tables.js';
import {failureFromCode} from '../../../source/collect/linux/read.js';
import {createWalkMemory, planWalk, recheckRecalled} from '../../../source/collect/linux/walk-memory.js';
import {mayBeZombieLeader} from '../../../source/collect/linux/zombie-leader.js';
import {fdCountOf, processFacts} from '../../../source/model/pid-rows.js';
import {hasExited} from '../../../source/model/process.js';
import type {Snapshot} from '../../../source/model/types.js';
import {cliPath, isBuilt, runCli} from '../../helpers/cli.js';
import {hasPython, hasSs} from '../../helpers/tools.js';

/**
 * A process whose main thread has exited while another thread holds its sockets (a
 * "zombie leader"): /proc/PID/fd lists nothing, and ss -p and lsof show its sockets with
 * no holder. socktop reads the live thread's table: the snapshot, the helper thread's
 * walk, a remembered walk, the PID view and the CLI all name the process.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('zombie-leader test skipped: needs Linux and python3 (to end a main thread alone)');
if (canRun && !isBuilt) console.warn(`zombie-leader test of the built CLI skipped: no build at ${cliPath} (npm run build)`);

const script = fileURLToPath(new URL('../../helpers/zombie-leader.py', import.meta.url));
const run = promisify(execFile);
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
// The full path where there is one: a PATH search as nobody may land on a shim nobody cannot run.
const nobodysPython = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const whyNotNobody = (() => {
	if (!canRun || !isBuilt) return 'see above';
	if (process.getuid?.() !== 0) return 'not root, so cannot switch to user nobody';
	if (spawnSync('setpriv', [...NOBODY, 'test', '-r', cliPath]).status !== 0) return `setpriv (util-linux) missing, or nobody cannot read ${cliPath}`;
	if (spawnSync('setpriv', [...NOBODY, nobodysPython, '-c', `open(${JSON.stringify(script)})`]).status !== 0) return `nobody cannot run ${nobodysPython} on ${script}`;
	return null;
})();
if (canRun && isBuilt && whyNotNobody !== null) console.warn(`zombie-leader test as nobody skipped: ${whyNotNobody}`);

/** A running zombie-leader.py: its listener, and the commands it takes (see there). */
type Zombie = {
	readonly child: ChildProcess;
	readonly pid: number;
	readonly command: string;
	readonly fd: number;
	port: number;
	ask(line: string): Promise<string>;
	/** End the main thread (once), and wait until /proc says what a zombie leader looks like: the leader Z, a second thread counted. */
	exitMain(): Promise<void>;
};

async function startZombie(argv: readonly string[]): Promise<Zombie> {
	const child = spawn(argv[0]!, [...argv.slice(1), script], {stdio: ['pipe', 'pipe', 'inherit']});
	const lines = createInterface({input: child.stdout!});
	const [fd, port] = ((await once(lines, 'line')) as [string])[0].split(' ').map(Number) as [number, number];
	const pid = child.pid!;
	let hasExitedMain = false;
	const ask = async (line: string) => {
		const answer = once(lines, 'line') as Promise<[string]>;
		child.stdin!.write(`${line}\n`);
		return (await answer)[0];
	};

	return {
		child,
		pid,
		command: readFileSync(`/proc/${pid}/comm`, 'utf8').trim(),
		fd,
		port,
		ask,
		async exitMain() {
			if (hasExitedMain) return;
			expect(await ask('exit-main')).toBe('exiting');
			hasExitedMain = true;
			for (let tries = 0; tries < 200; tries++) {
				const status = readFileSync(`/proc/${pid}/status`, 'utf8');
				if (/^State:\tZ/m.test(status) && /^Threads:\t2$/m.test(status)) return;
				await sleep(10);
			}

			throw new Error(`PID ${pid}'s main thread did not exit`);
		},
	};
}

const listenersOn = (snapshot: Snapshot, on: number) =>
	snapshot.sockets.filter(socket => socket.proto === 'tcp4' && socket.state === 'LISTEN' && socket.localPort === on).map(socket => [socket.command, socket.pid, socket.fd]);

const inodeOn = async (on: number) =>
	(await readSocketTables('self', createSlicer())).sockets.find(socket => socket.proto === 'tcp4' && socket.state === 'LISTEN' && socket.localPort === on)!.inode;

let zombie: Zombie;
let pid: number;
let command: string;
let fd: number;
const exitMain = async () => zombie.exitMain();
const ask = async (line: string) => zombie.ask(line);

beforeAll(async () => {
	if (!canRun) return;
	zombie = await startZombie(['python3']);
	({pid, command, fd} = zombie);
});

afterAll(() => {
	zombie?.child.kill();
});

describe('which fd directory listing may be a zombie leader\'s (mayBeZombieLeader)', () => {
	const denied = failureFromCode('EACCES');
	const unasked = () => {
		throw new Error('the owner was asked of a listing that tells without it');
	};

	it('an empty one, without asking who owns the process', () => {
		expect(mayBeZombieLeader([], unasked, 65534)).toBe(true);
	});

	it('not one that lists fds, nor one that is gone', () => {
		expect(mayBeZombieLeader(['0', '1', '2'], unasked, 65534)).toBe(false);
		expect(mayBeZombieLeader(failureFromCode('ENOENT'), unasked, 65534)).toBe(false);
	});

	it('a denied one only when the process is ours: without root every other user\'s is denied', () => {
		expect(mayBeZombieLeader(denied, () => 65534, 65534)).toBe(true);
		expect(mayBeZombieLeader(denied, () => 0, 65534)).toBe(false);
		expect(mayBeZombieLeader(denied, () => null, 65534)).toBe(false);
	});
});

describe.skipIf(!canRun)('a process whose main thread has exited (a zombie leader)', () => {
	// The leader exits during the first test, under a warm walk memory; the others end it first if it has not.
	it('stays the holder of its sockets through a remembered walk while its main thread exits', async () => {
		const memory = createWalkMemory();
		let snapshot = await readLinuxSnapshot({memory});
		while (planWalk(memory, Date.now()) !== 'recall') snapshot = await readLinuxSnapshot({memory});
		expect(listenersOn(snapshot, zombie.port)).toEqual([[command, pid, fd]]);
		await exitMain();
		// What ss -p and lsof read: nothing.
		expect(readdirSync(`/proc/${pid}/fd`)).toEqual([]);
		expect(planWalk(memory, Date.now())).toBe('recall');
		expect(listenersOn(await readLinuxSnapshot({memory}), zombie.port)).toEqual([[command, pid, fd]]);
	});

	it('is the holder in a one-shot snapshot: its PID, the fd, its command', async () => {
		await exitMain();
		expect(listenersOn(await readLinuxSnapshot(), zombie.port)).toEqual([[command, pid, fd]]);
	});

	it('is found by the helper thread too, which hands it to the main thread to read', async () => {
		await exitMain();
		// The helper alone walks: nothing else claims from its counter.
		const scans = await helpWalk([String(pid)], new Int32Array(new SharedArrayBuffer(4))).scans;
		expect(scans).toEqual([{index: 0, failure: null, found: [], status: null, statusFailure: null, netns: null, isZombieLeader: true}]);
	});

	it('lists its fds in the PID view, and is not taken for exited', async () => {
		await exitMain();
		const detail = await readProcessDetail(pid);
		expect(hasExited(detail)).toBe(false);
		const descriptor = detail.fds.find(each => each.fd === fd);
		expect(descriptor?.socket).toMatchObject({proto: 'tcp4', localPort: zombie.port, state: 'LISTEN', command, pid, fd});
		expect(detail.fdCount).toBe(detail.fds.length);
		// The command line and cwd are the live thread's: the leader's went with it.
		expect(detail.process?.cmdline).toContain(script);
		expect(detail.process?.cwd).not.toBeNull();
		const state = processFacts(detail.process!, fdCountOf(detail), Date.now()).find(fact => fact.label === 'State');
		expect(state?.value).toBe('Z (main thread exited)');
	});

	it('reads the one link again when its socket closed and a new one took the fd, in the thread\'s table', async () => {
		await exitMain();
		const pids = [String(pid)];
		const own = createWalkMemory();
		await startProcessWalk(createSlicer(), {pids, memory: own}).finish();
		zombie.port = Number(await ask('reuse-socket'));
		const walk = await startProcessWalk(createSlicer(), {pids, memory: own, isRecalled: true}).finish();
		const {sockets} = await readSocketTables('self', createSlicer());
		const live = new Set(sockets.map(socket => socket.inode));
		expect(recheckRecalled(walk, inode => live.has(inode), own)).toBe(1);
		const inode = await inodeOn(zombie.port);
		expect(walk.holders.get(inode)).toMatchObject({pid, fd, next: null});
		expect(own.processes.get(pids[0]!)?.links.get(String(fd))).toBe(inode);
	});

	if (canRun && !hasSs) console.warn('zombie-leader test of its stdin peer skipped: ss (iproute2) is not installed');

	it.skipIf(!hasSs)('is named as the other end of its stdin in our own PID view', async () => {
		await exitMain();
		// Node gives a child's stdin as one end of a unix socket pair: ss names the other end, held by the thread's table at fd 0.
		const ours = (zombie.child.stdin as unknown as {_handle: {fd: number}})._handle.fd;
		const peersOf = async () => {
			const descriptor = (await readProcessDetail(process.pid)).fds.find(each => each.fd === ours);
			return [descriptor?.peer, ...(descriptor?.morePeers ?? [])];
		};

		expect(await peersOf()).toEqual([{command, pid, fd: 0}]);
		// The next view keeps that answer while the thread's fd 0 still holds the socket (peers.ts), without walking
		// every process again, which is all that would find a second fd opened on it since (as for a fork).
		const second = Number(await ask('dup-stdin'));
		expect(await peersOf()).toEqual([{command, pid, fd: 0}]);
		expect(readlinkSync(`/proc/${pid}/task/${readdirSync(`/proc/${pid}/task`).find(task => task !== String(pid))}/fd/${second}`)).toMatch(/^socket:/);
	});

	it.skipIf(!isBuilt)('is the holder in the built CLI\'s table and its PID view', async () => {
		await exitMain();
		const table = await runCli(['--once', '-P', 'tcp', '-l', '-p', String(zombie.port)]);
		expect(table.stderr).toBe('');
		const row = table.stdout.toString('utf8').split('\n').find(line => line.includes(`127.0.0.1:${zombie.port} `));
		expect(row?.split(/\s+/).slice(1, 4)).toEqual([command, String(pid), String(fd)]);
		const view = (await runCli(['--pid', String(pid), '--once'])).stdout.toString('utf8');
		expect(view).toMatch(new RegExp(`^ *${fd}u +tcp4 +127\\.0\\.0\\.1:${zombie.port} +\\*:\\* +LISTEN$`, 'm'));
	});

	it('reads a thread\'s own fd table (one unshared with CLONE_FILES) as well: each socket once, and its pipe ends from its fdinfo', async () => {
		await exitMain();
		const [privateFd, privatePort, readEnd, writeEnd] = (await ask('private')).split(' ').map(Number) as [number, number, number, number];
		expect(privatePort).toBeGreaterThan(0);
		const snapshot = await readLinuxSnapshot();
		expect(listenersOn(snapshot, privatePort)).toEqual([[command, pid, privateFd]]);
		// Both tables hold the first listener at the same fd: one row.
		expect(listenersOn(snapshot, zombie.port)).toEqual([[command, pid, fd]]);
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(each => each.fd === privateFd)?.socket).toMatchObject({localPort: privatePort, pid});
		expect(detail.fds.filter(each => each.fd === fd)).toHaveLength(1);
		// A pipe only that table holds: which end each fd is, and so its peer, is read from that table's fdinfo.
		expect(readdirSync(`/proc/${pid}/task/${readdirSync(`/proc/${pid}/task`).find(task => task !== String(pid))}/fd`)).not.toContain(String(readEnd));
		expect(detail.fds.find(each => each.fd === readEnd)).toMatchObject({type: 'pipe', peer: {command, pid, fd: writeEnd}});
		expect(detail.fds.find(each => each.fd === writeEnd)).toMatchObject({type: 'pipe', peer: {command, pid, fd: readEnd}});
	});
});

describe.skipIf(whyNotNobody !== null)('a zombie leader of the user running socktop, without root', () => {
	it('is the holder in the table and its PID view, though its own fd directory is root\'s now', async () => {
		const own = await startZombie(['setpriv', ...NOBODY, nobodysPython]);
		onTestFinished(() => {
			own.child.kill();
		});
		await own.exitMain();
		// The kernel gives a process without a memory map of its own to root: its owner may not list its fd directory.
		expect(spawnSync('setpriv', [...NOBODY, 'ls', `/proc/${own.pid}/fd`]).status).not.toBe(0);
		const asNobody = async (args: readonly string[]) => (await run('setpriv', [...NOBODY, process.execPath, cliPath, ...args], {env: {...process.env, NO_COLOR: '1'}})).stdout;

		const table = await asNobody(['--once', '-P', 'tcp', '-l', '-p', String(own.port)]);
		const row = table.split('\n').find(line => line.includes(`127.0.0.1:${own.port} `));
		expect(row?.split(/\s+/).slice(0, 4)).toEqual(['nobody', own.command, String(own.pid), String(own.fd)]);
		const view = await asNobody(['--pid', String(own.pid), '--once']);
		expect(view).toMatch(new RegExp(`^ *${own.fd}u +tcp4 +127\\.0\\.0\\.1:${own.port} +\\*:\\* +LISTEN$`, 'm'));
		expect(view).not.toContain('Permission denied');
		// The helper thread (fd-worker.ts) hands the denied directory back to the main thread, as an empty one.
		const helperScript = fileURLToPath(new URL('helper-as-user.mts', import.meta.url));
		const {stdout} = await run('setpriv', [...NOBODY, process.execPath, '--import', 'tsx', helperScript, String(own.pid)], {cwd: fileURLToPath(new URL('../../../', import.meta.url))});
		expect(JSON.parse(stdout)).toEqual([{index: 0, failure: null, found: [], status: null, statusFailure: null, netns: null, isZombieLeader: true}]);
	});
});
