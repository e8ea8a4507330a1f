import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {startProcessWalk} from '../../../source/collect/linux/fds.js';
import {readSocketTables} from '../../../source/collect/linux/tables.js';
import type {Slicer} from '../../../source/collect/linux/slice.js';
import type {Snapshot, Socket} from '../../../source/model/types.js';
// @ts-expect-error plain JS helper shared with the child process
import {openSockets} from './open-sockets.mjs';
import {hasSs} from '../../helpers/tools.js';

type Expected = {what: string; fd: number} & Partial<Socket>;

if (!hasSs) console.warn('unix peer test skipped: `ss` (iproute2) is not installed');
type Opened = {expected: Expected[]; close(): void};

const script = fileURLToPath(new URL('open-sockets.mjs', import.meta.url));
const directory = mkdtempSync(path.join(tmpdir(), 'socktop-live-'));
const commandOf = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd();
/** The effective uid, the second number of status's Uid line. */
const statusUid = (pid: number) => Number(/^Uid:\t\d+\t(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

let own: Opened;
let child: ChildProcess;
let childPid: number;
let childExpected: Expected[];
let sharer: ChildProcess;
let timeWaitPort: number;
let timeWaitServerPort: number;
let snapshot: Snapshot;

beforeAll(async () => {
	own = (await openSockets(directory, 'self')) as Opened;
	child = spawn(process.execPath, [script, directory], {stdio: ['pipe', 'pipe', 'inherit']});
	const [line] = (await once(createInterface({input: child.stdout!}), 'line')) as [string];
	({pid: childPid, expected: childExpected} = JSON.parse(line) as {pid: number; expected: Expected[]});

	// A second holder of our tcp4 listener: `sleep` inherits it as fd 3, as a forked server's workers would.
	const listenerFd = own.expected[0]!.fd;
	sharer = spawn('sleep', ['60'], {stdio: ['ignore', 'ignore', 'ignore', listenerFd]});
	await once(sharer, 'spawn');

	// A TIME_WAIT entry: the client closes first, so its end waits; the kernel, not a process, holds it.
	const server = net.createServer(socket => socket.on('end', () => socket.end()));
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	timeWaitServerPort = (server.address() as net.AddressInfo).port;
	const client = net.connect(timeWaitServerPort, '127.0.0.1');
	await once(client, 'connect');
	timeWaitPort = (client.address() as net.AddressInfo).port;
	client.end();
	await once(client, 'close');
	server.close();

	// With the helper thread, whatever the machine's load: it is the path with more to go wrong.
	snapshot = await readLinuxSnapshot({isParallel: true});
});

afterAll(() => {
	own?.close();
	child?.stdin?.end();
	sharer?.kill();
	rmSync(directory, {recursive: true, force: true});
});

const rowsOf = (pid: number, fd: number) => snapshot.sockets.filter(socket => socket.pid === pid && socket.fd === fd);

function expectReported(pid: number, expected: readonly Expected[]) {
	expect(expected.length).toBe(12);
	for (const {what, fd, path: name, ...facts} of expected) {
		const rows = rowsOf(pid, fd);
		expect(rows.length, what).toBe(1);
		expect(rows[0], what).toMatchObject({...facts, command: commandOf(pid), user: 'root', uid: 0, netns: 'host'});
		if (name?.startsWith('@')) {
			// libuv binds abstract names with the whole 108-byte sun_path, so the kernel (and ss) show the NUL padding as '@'s.
			expect(rows[0]!.path, what).toMatch(new RegExp(`^${name}@*$`));
		} else {
			expect(rows[0]!.path, what).toBe(name ?? null);
		}

		expect(rows[0]!.inode, what).toBeGreaterThan(0);
	}
}

describe('readLinuxSnapshot on live sockets', () => {
	it('reports each socket this process opened with proto, addresses, state, PID and FD', () => {
		expectReported(process.pid, own.expected);
	});

	it('reports each socket a child process opened with its PID and FD', () => {
		expectReported(childPid, childExpected);
	});

	it('gives a datagram socket\'s row its drops, and a stream socket\'s none', () => {
		const rowOf = (what: string) => snapshot.sockets.find(socket => socket.pid === process.pid && socket.fd === own.expected.find(each => each.what === what)!.fd)!;
		expect(rowOf('self: udp4 unconnected')).toMatchObject({proto: 'udp4', drops: 0});
		expect(Object.keys(rowOf(own.expected[0]!.what))).not.toContain('drops');
	});

	it('finds the same holders on one thread as on two', async () => {
		const alone = await readLinuxSnapshot({isParallel: false});
		const ours = (sockets: readonly Socket[]) =>
			sockets
				.filter(socket => socket.pid === process.pid || socket.pid === childPid)
				.map(socket => `${socket.pid} ${socket.fd} ${socket.inode} ${socket.proto} ${socket.state}`)
				.sort();
		expect(ours(alone.sockets)).toEqual(ours(snapshot.sockets));
		expect(ours(alone.sockets).length).toBeGreaterThanOrEqual(24);
	});

	it('reports a socket held by two processes once per holder', () => {
		const listener = own.expected[0]!;
		const rows = snapshot.sockets.filter(socket => socket.proto === 'tcp4' && socket.localPort === listener.localPort && socket.state === 'LISTEN');
		expect(rows.map(row => [row.pid, row.fd, row.command]).sort()).toEqual(
			[
				[process.pid, listener.fd, commandOf(process.pid)],
				[sharer.pid, 3, 'sleep'],
			].sort(),
		);
		expect(new Set(rows.map(row => row.inode)).size).toBe(1);
	});

	it.skipIf(!hasSs)('names the peer of connected unix sockets (through ss -xH)', () => {
		const row = (what: string) => rowsOf(process.pid, own.expected.find(each => each.what === `self: ${what}`)!.fd)[0]!;
		const client = row('unix client');
		const accepted = row('unix accepted');
		expect(client).toMatchObject({peerInode: accepted.inode, peerPath: path.join(directory, 'self.sock')});
		expect(accepted).toMatchObject({peerInode: client.inode, peerPath: null});
		expect(row('unix listener')).toMatchObject({peerInode: null, peerPath: null});
	});

	it('reports a TIME_WAIT entry without a holder or a user: the kernel prints uid 0 there for anyone', () => {
		// By both ports: the kernel may give the same local port to another test's connection to another server.
		const rows = snapshot.sockets.filter(socket => socket.localPort === timeWaitPort && socket.foreignPort === timeWaitServerPort && socket.state === 'TIME_WAIT');
		expect(rows).toEqual([expect.objectContaining({proto: 'tcp4', command: null, pid: null, fd: null, user: '?', uid: null, inode: 0})]);
	});

	it('describes the scan: backend, host, time, and as root denies only what root cannot read either', () => {
		expect(snapshot.backend).toBe('proc');
		expect(snapshot.hostname).toBe(readFileSync('/proc/sys/kernel/hostname', 'utf8').trim());
		expect(Math.abs(snapshot.time - Date.now())).toBeLessThan(60_000);
		expect(snapshot.skipped).toMatchObject({malformedLines: 0, unreadableTables: [], deniedNamespaces: 0, procHidden: false});
		// The header then says "unreadable even as root", not "run as root".
		const {deniedProcesses, deniedNamespaces} = snapshot.skipped;
		expect(snapshot.skipped.deniedAsRoot).toBe(process.geteuid!() === 0 && deniedProcesses + deniedNamespaces > 0);
		// Even root can be refused a process's fd links (a sandbox's pid 1 here, an LSM elsewhere): count those now.
		const refused = readdirSync('/proc')
			.filter(name => /^\d+$/.test(name))
			.filter(name => {
				try {
					const first = readdirSync(`/proc/${name}/fd`)[0];
					if (first !== undefined) readlinkSync(`/proc/${name}/fd/${first}`);
					return false;
				} catch (error) {
					return ['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code!);
				}
			});
		expect(snapshot.skipped.deniedProcesses).toBe(refused.length);
		// And names them, lowest PIDs first, by what /proc/PID/status says of each.
		const named = refused.map(Number).sort((a, b) => a - b).slice(0, 20);
		expect(snapshot.skipped.deniedProcessList).toEqual(named.map(pid => ({pid, command: commandOf(pid), user: expect.any(String), uid: statusUid(pid)})));
	});
});

describe('overlapping snapshots', () => {
	it('each get complete answers when two run at once (the helper thread serves both)', async () => {
		const results = await Promise.all([readLinuxSnapshot({isParallel: true}), readLinuxSnapshot({isParallel: true}), readLinuxSnapshot()]);
		for (const result of results) {
			for (const {what, fd} of own.expected) {
				expect(result.sockets.filter(socket => socket.pid === process.pid && socket.fd === fd), what).toHaveLength(1);
			}

			for (const {what, fd} of childExpected) {
				expect(result.sockets.filter(socket => socket.pid === childPid && socket.fd === fd), what).toHaveLength(1);
			}
		}
	});
});

describe('the scan yields to the event loop', () => {
	it('pauses between slices in both the table read and the fd walk', async () => {
		let pauses = 0;
		const everyTime: Slicer = {
			isDue: () => true,
			async pause() {
				pauses++;
				await new Promise(resolve => setImmediate(resolve));
			},
		};
		await readSocketTables('self', everyTime);
		const afterTables = pauses;
		expect(afterTables).toBeGreaterThanOrEqual(9);
		await startProcessWalk(everyTime, {isParallel: false}).finish();
		expect(pauses - afterTables).toBeGreaterThan(24);
	});
});
