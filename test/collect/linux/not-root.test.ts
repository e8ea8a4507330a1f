import {execFile, execFileSync, spawn} from 'node:child_process';
import {once} from 'node:events';
import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import net from 'node:net';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import type {ProcessDetail} from '../../../source/model/process.js';
import type {Skipped, Socket} from '../../../source/model/types.js';

const execFileAsync = promisify(execFile);
const script = fileURLToPath(new URL('as-user.mts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

const why = (() => {
	if (process.getuid?.() !== 0) return 'not root, so cannot switch to user nobody';
	try {
		execFileSync('setpriv', ['--version'], {stdio: 'ignore'});
		return null;
	} catch {
		return 'setpriv (util-linux) is not installed';
	}
})();
if (why !== null) console.warn(`not-root snapshot test skipped: ${why}`);

/**
 * What nobody cannot read, counted independently of socktop's parsers: kernel threads
 * (flag PF_KTHREAD, 0x200000, in field 9 of /proc/PID/stat) and other users' processes.
 */
function countProcesses(): {kernelThreads: number; othersProcesses: number} {
	let kernelThreads = 0;
	let othersProcesses = 0;
	for (const name of readdirSync('/proc').filter(entry => /^\d+$/.test(entry))) {
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const flags = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[6]);
			if ((flags & 0x20_00_00) !== 0) kernelThreads++;
			else if (statSync(`/proc/${name}`).uid !== 65_534) othersProcesses++;
		} catch {
			// Gone meanwhile.
		}
	}

	return {kernelThreads, othersProcesses};
}

describe('snapshot as an unprivileged user', () => {
	it.skipIf(why !== null)('counts denied processes and still lists root-held sockets, without a holder', async () => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const rootPort = (server.address() as net.AddressInfo).port;
		// A unix listener of root's that nobody may connect to (the directory and socket open to all).
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-not-root-'));
		chmodSync(directory, 0o755);
		const rootPath = path.join(directory, 'root.sock');
		const unixServer = net.createServer();
		unixServer.listen(rootPath);
		await once(unixServer, 'listening');
		chmodSync(rootPath, 0o777);
		try {
			// Run without blocking: our listener accepts the script's connection meanwhile (in the accept queue its end has no inode).
			const {stdout: output} = await execFileAsync(
				'setpriv',
				['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', script, String(rootPort), rootPath],
				{cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 << 20},
			);
			const result = JSON.parse(output) as {pid: number; port: number; clientPort: number; unixFd: number; skipped: Skipped; sockets: Socket[]; detail: ProcessDetail};
			expect(result.skipped.deniedProcesses).toBeGreaterThan(0);
			// Kernel threads hide nothing (no fd table) and are not counted: at most the other users'
			// ordinary processes are, give or take a few that started or ended meanwhile.
			const {kernelThreads, othersProcesses} = countProcesses();
			expect(result.skipped.deniedProcesses).toBeLessThanOrEqual(othersProcesses + 5);
			if (kernelThreads > 5) expect(result.skipped.deniedProcesses).toBeLessThan(othersProcesses + kernelThreads - 5);
			else console.warn(`not-root: only ${kernelThreads} kernel threads visible (a PID namespace?), so their exclusion is not checked`);
			// The lowest PIDs of them are named: pid 1 (another user's to nobody) first, by its comm and owner.
			const list = result.skipped.deniedProcessList!;
			expect(list).toHaveLength(Math.min(result.skipped.deniedProcesses, 20));
			expect(list.map(each => each.pid)).toEqual([...list.map(each => each.pid)].sort((a, b) => a - b));
			expect(list[0]).toEqual({pid: 1, command: readFileSync('/proc/1/comm', 'utf8').trimEnd(), user: 'root', uid: 0});
			// Our root listener: visible in the table, its holder not.
			const rootRows = result.sockets.filter(socket => socket.localPort === rootPort && socket.state === 'LISTEN');
			expect(rootRows).toEqual([expect.objectContaining({proto: 'tcp4', user: 'root', uid: 0, command: null, pid: null, fd: null})]);
			// Its own listener: fully attributed to user nobody.
			const ownRows = result.sockets.filter(socket => socket.localPort === result.port && socket.state === 'LISTEN');
			expect(ownRows).toEqual([expect.objectContaining({user: 'nobody', uid: 65_534, command: 'node', pid: result.pid})]);
			// And the PID view of its own process reads its fds, the listener among them.
			expect(result.detail).toMatchObject({pid: result.pid, denied: null, process: {pid: result.pid, user: 'nobody'}});
			const listenerFds = result.detail.fds.filter(fd => fd.socket?.localPort === result.port && fd.socket.state === 'LISTEN');
			expect(listenerFds).toEqual([expect.objectContaining({type: 'socket', socket: expect.objectContaining({user: 'nobody', pid: result.pid})})]);
			// Its connection to our listener: the other end (our accepted socket) is in the table, its holder unreadable: whose it is is said.
			const clientFds = result.detail.fds.filter(fd => fd.socket?.localPort === result.clientPort);
			expect(clientFds).toEqual([expect.objectContaining({peer: null, hiddenPeer: {user: 'root', uid: 0}})]);
			// Its unix connection to our listener: ss names the other end, no process it may read holds it; no table says whose.
			expect(result.detail.fds.find(fd => fd.fd === result.unixFd)).toMatchObject({peer: null, hiddenPeer: {user: '?', uid: null}});
			// Nothing else is, but its stdio: execFile gives it unix socketpairs whose other ends this (root's) runner holds.
			const clientFd = clientFds[0]!.fd;
			const hidden = result.detail.fds.filter(fd => fd.hiddenPeer !== undefined).map(fd => fd.fd);
			expect(hidden.filter(fd => fd !== clientFd && fd !== result.unixFd)).toEqual(result.detail.fds.filter(fd => fd.fd !== null && fd.fd <= 2 && fd.socket?.proto === 'stream').map(fd => fd.fd));
			expect(hidden).toEqual(expect.arrayContaining([clientFd, result.unixFd]));
		} finally {
			server.close();
			unixServer.close();
			rmSync(directory, {recursive: true, force: true});
		}
	});
});

describe('the fd walk of another user\'s processes, as an unprivileged user', () => {
	it.skipIf(why !== null)('stats each one\'s /proc/PID once, on either thread: withExitedDenials takes the owner the walk found', async () => {
		// Root's: its fd directory is denied to nobody.
		const sleepers = [spawn('sleep', ['60']), spawn('sleep', ['60'])];
		try {
			const pids = sleepers.map(child => String(child.pid));
			const {stdout} = await execFileAsync(
				'setpriv',
				['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', fileURLToPath(new URL('denied-as-user.mts', import.meta.url)), ...pids],
				{cwd: projectRoot, encoding: 'utf8'},
			);
			const result = JSON.parse(stdout) as {denied: number; walkStats: string[]; scans: Array<{index: number; failure: string; owner?: number}>; helperStats: string[]};
			expect(result.denied).toBe(2);
			// This thread's walk: the stat that tells whether a denied listing may be a zombie leader's, no other.
			expect(result.walkStats).toEqual(pids.map(pid => `/proc/${pid}`));
			// The helper's: it stat'ed them itself, and says whose they are.
			expect(result.scans).toEqual([0, 1].map(index => expect.objectContaining({index, failure: 'EACCES', owner: 0})));
			expect(result.helperStats).toEqual([]);
		} finally {
			for (const child of sleepers) child.kill();
		}
	});
});
