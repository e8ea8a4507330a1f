import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ProcessDetail} from '../../../source/model/process.js';
import type {Socket} from '../../../source/model/types.js';
import {createLsofCollector, lsofMissing} from '../../../source/collect/lsof/index.js';
import {runTool} from '../../../source/collect/lsof/run-tool.js';
import {createLinuxCollector} from '../../../source/collect/linux/index.js';
import {ownSockets} from '../../helpers/own-sockets.js';
import {hasLsof} from '../../helpers/tools.js';

const canRun = process.platform === 'linux' && hasLsof;
if (!canRun) {
	console.warn(`skipping the live lsof test: it needs Linux with lsof installed (platform ${process.platform}, lsof ${hasLsof ? 'found' : 'missing'})`);
}

const helper = fileURLToPath(new URL('../../helpers/backends-sockets.py', import.meta.url));
const dgramServers = fileURLToPath(new URL('../../fixtures/lsof/unix-dgram-servers.py', import.meta.url));
const hostileNames = fileURLToPath(new URL('../../fixtures/lsof/hostile-names.py', import.meta.url));
const peerChanges = fileURLToPath(new URL('../../fixtures/lsof/peer-changes.py', import.meta.url));

/** The columns both backends must agree on, keyed by fd. */
const key = (socket: Socket) => ({
	fd: socket.fd,
	proto: socket.proto,
	localAddress: socket.localAddress,
	localPort: socket.localPort,
	foreignAddress: socket.foreignAddress,
	foreignPort: socket.foreignPort,
	path: socket.path,
	// Unix peers: +E's `->INO=` from lsof, `ss -xH` for /proc; named by the peer's path.
	peerInode: socket.peerInode,
	peerPath: socket.peerPath,
	state: socket.state,
	inode: socket.inode,
	user: socket.user,
	uid: socket.uid,
	command: socket.command,
	pid: socket.pid,
});
const byFd = (a: {fd: number | null}, b: {fd: number | null}) => (a.fd ?? -1) - (b.fd ?? -1);

describe.skipIf(!canRun)('lsof backend, live on Linux, against the /proc backend', () => {
	let child: ChildProcessWithoutNullStreams;

	beforeAll(async () => {
		child = spawn('python3', [helper, 'socktop-lsof'], {stdio: 'pipe'});
		let output = '';
		while (!output.includes('\n')) {
			const [data] = (await once(child.stdout, 'data')) as [Buffer];
			output += data.toString();
		}

		expect(output).toMatch(/^ready /);
	});

	afterAll(async () => {
		child.stdin.end();
		if (child.exitCode === null) {
			await once(child, 'exit');
		}
	});

	it('lists the same sockets, PIDs, FDs and states as /proc for a process holding every kind', async () => {
		const lsof = await createLsofCollector().snapshot();
		const proc = await createLinuxCollector().snapshot();
		const mine = (snapshot: typeof lsof) =>
			snapshot.sockets
				.filter(socket => socket.pid === child.pid)
				.map(socket => key(socket))
				.sort(byFd);
		const fromLsof = mine(lsof);
		// 14 opened by the helper, plus stdin/stdout/stderr: node gives a child socketpairs for pipes.
		expect(fromLsof).toHaveLength(17);
		expect(fromLsof).toEqual(mine(proc));
		expect(new Set(fromLsof.map(socket => socket.state))).toEqual(
			new Set(['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT', 'UNCONN']),
		);
		expect(lsof.backend).toBe('lsof');
	});

	it("does not list the output channel of its own lsof run as one of socktop's sockets", async () => {
		const socketsOfMine = () => new Set(ownSockets().map(link => Number(link.slice('socket:['.length, -1))));
		const before = socketsOfMine();
		const lsof = await createLsofCollector().snapshot();
		const after = socketsOfMine();
		const listed = lsof.sockets.filter(socket => socket.pid === process.pid).map(socket => socket.inode);
		expect(listed.filter(inode => inode === null || (!before.has(inode) && !after.has(inode)))).toEqual([]);
	});

	it('shows the same socket fds in the PID view as /proc', async () => {
		const pid = child.pid!;
		const lsof = await createLsofCollector().process(pid);
		const proc = await createLinuxCollector().process(pid);
		expect(lsof.denied).toBeNull();
		expect(lsof.process).toMatchObject({pid, command: 'socktop-lsof', user: 'root', uid: 0});
		// Kill safety: the start token is the one /proc reports.
		expect(lsof.process?.startToken).toBe(proc.process?.startToken);
		// The uid aside: the proc backend's PID view leaves a unix socket's null (/proc/net/unix has none), lsof gives the holder's.
		const withoutUid = (socket: Socket) => ({...key(socket), uid: undefined});
		const sockets = (detail: typeof lsof) =>
			detail.fds
				.filter(fd => fd.type === 'socket')
				.map(fd => ({fd: fd.fd, target: fd.target, socket: fd.socket === null ? null : withoutUid(fd.socket), peer: fd.peer ?? null}));
		// Its stdio are socketpairs to this process (node's pipes): peers both backends name.
		expect(sockets(lsof).filter(fd => fd.peer !== null).length).toBeGreaterThan(3);
		expect(sockets(lsof)).toEqual(sockets(proc));
		expect(lsof.fds.map(fd => fd.fd)).toEqual(proc.fds.map(fd => fd.fd));
	});

	it('gives IPv4-mapped addresses of IPv6 sockets as /proc does', async () => {
		// A dual-stack listener on a free port and a connection to it over ::ffff:127.0.0.1.
		const script = [
			'import socket, sys',
			'l = socket.socket(socket.AF_INET6); l.bind(("::", 0)); l.listen()',
			'c = socket.socket(socket.AF_INET6); c.connect(("::ffff:127.0.0.1", l.getsockname()[1])); a, _ = l.accept()',
			'print("ready", flush=True); sys.stdin.read()',
		].join('\n');
		const mapped = spawn('python3', ['-c', script], {stdio: 'pipe'});
		try {
			await once(mapped.stdout, 'data');
			const [lsof, proc] = await Promise.all([createLsofCollector().snapshot(), createLinuxCollector().snapshot()]);
			const mine = (snapshot: typeof lsof) => snapshot.sockets.filter(socket => socket.pid === mapped.pid).map(socket => key(socket)).sort(byFd);
			expect(mine(lsof).filter(socket => socket.localAddress === '::ffff:127.0.0.1')).toHaveLength(2);
			expect(mine(lsof)).toEqual(mine(proc));
		} finally {
			mapped.stdin.end();
			if (mapped.exitCode === null) await once(mapped, 'exit');
		}
	});

	it('shows unix datagram servers and their clients as /proc does: servers not connected, peers by path', async () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-lsof-dgram-'));
		const servers = spawn('python3', [dgramServers, directory], {stdio: 'pipe'});
		try {
			// `name pid fd inode` per socket, then `ready`.
			const inodes = new Map<string, number>();
			for await (const line of readline.createInterface({input: servers.stdout})) {
				if (line === 'ready') break;
				const [name, , , inode] = line.split(' ');
				inodes.set(name!, Number(inode));
			}

			const [lsof, proc] = await Promise.all([createLsofCollector().snapshot(), createLinuxCollector().snapshot()]);
			const theirs = (snapshot: typeof lsof) =>
				snapshot.sockets
					.filter(socket => socket.inode !== null && [...inodes.values()].includes(socket.inode))
					.map(socket => key(socket))
					.sort((a, b) => a.inode! - b.inode!);
			const fromLsof = theirs(lsof);
			const fromProc = theirs(proc);
			expect(fromLsof).toHaveLength(inodes.size);
			const log = inodes.get('log')!;
			expect(fromLsof.find(socket => socket.inode === log)).toMatchObject({state: 'UNCONN', peerInode: null, peerPath: null});
			expect(fromLsof.find(socket => socket.inode === inodes.get('c1'))).toMatchObject({peerInode: log, peerPath: path.join(directory, 'log.sock')});
			// The one limit: a bound server with one bound client prints, in lsof +E, as two sockets connected to each other.
			const duo = inodes.get('duo')!;
			expect(fromProc.find(socket => socket.inode === duo)).toMatchObject({state: 'UNCONN', peerInode: null});
			expect(fromLsof.find(socket => socket.inode === duo)).toMatchObject({state: 'ESTABLISHED', peerInode: inodes.get('duoc')});
			const withoutDuo = (sockets: typeof fromLsof) => sockets.filter(socket => socket.inode !== duo);
			expect(withoutDuo(fromLsof)).toEqual(withoutDuo(fromProc));
		} finally {
			servers.stdin.end();
			if (servers.exitCode === null) await once(servers, 'exit');
			rmSync(directory, {recursive: true, force: true});
		}
	});

	it('shows a unix datagram server in the PID view as /proc does when the client lsof names is unbound', async () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-lsof-dgram-pid-'));
		const servers = spawn('python3', [dgramServers, directory], {stdio: 'pipe'});
		try {
			const pids = new Map<string, number>();
			for await (const line of readline.createInterface({input: servers.stdout})) {
				if (line === 'ready') break;
				const [name, pid] = line.split(' ');
				pids.set(name!, Number(pid));
			}

			const server = pids.get('log')!;
			const [lsof, proc] = await Promise.all([createLsofCollector().process(server), createLinuxCollector().process(server)]);
			const fds = (detail: typeof lsof) =>
				detail.fds
					.filter(fd => fd.socket !== null)
					.map(fd => ({fd: fd.fd, state: fd.socket!.state, peerPath: fd.socket!.peerPath, peer: fd.peer ?? null}));
			// lsof +E names one client per server, and lsof -p lists only that one: a bound one, as duo.sock's (fd 5)
			// only client, and either of log.sock's (fd 3) two, reads as a socket connected to the server.
			const ambiguous = (each: ReturnType<typeof fds>) => each.filter(fd => fd.fd !== 3 && fd.fd !== 5);
			expect(ambiguous(fds(lsof))).toEqual(ambiguous(fds(proc)));
			expect(fds(lsof).find(fd => fd.fd === 4)).toMatchObject({state: 'UNCONN', peer: null});
			expect(fds(lsof).find(fd => fd.fd === 9)).toMatchObject({state: 'ESTABLISHED', peer: {pid: pids.get('c1'), fd: 7}});
			// log.sock: not connected when lsof names its unbound client c1, connected to c2.sock when it names c2.
			const log = fds(lsof).find(fd => fd.fd === 3)!;
			const named = log.state === 'UNCONN' ? {peer: null, peerPath: null} : {peer: {pid: pids.get('c2'), fd: 4}, peerPath: path.join(directory, 'c2.sock')};
			expect(log).toMatchObject(named);
		} finally {
			servers.stdin.end();
			if (servers.exitCode === null) await once(servers, 'exit');
			rmSync(directory, {recursive: true, force: true});
		}
	});

	it('shows files whose names end like +E endpoints by their whole names in the PID view, as /proc does', async () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-lsof-names-'));
		const holder = spawn('python3', [hostileNames, directory], {stdio: 'pipe'});
		try {
			// `PARENT CHILD`, then `name fd` per file, then `ready`.
			const fds = new Map<string, number>();
			for await (const line of readline.createInterface({input: holder.stdout})) {
				if (line === 'ready') break;
				const [name, fd] = line.split(' ');
				fds.set(name!, Number(fd));
			}

			const pid = holder.pid!;
			const [lsof, proc] = await Promise.all([createLsofCollector().process(pid), createLinuxCollector().process(pid)]);
			const shown = (detail: typeof lsof, name: string) => {
				const found = detail.fds.find(fd => fd.fd === fds.get(name))!;
				return {target: found.target, peer: found.peer ?? null};
			};
			expect(shown(lsof, 'regular')).toEqual({target: path.join(directory, 'evil 1,init,3u'), peer: null});
			for (const name of ['regular', 'directory']) {
				expect(shown(lsof, name)).toEqual(shown(proc, name));
			}

			expect(shown(lsof, 'fifo').target).toBe(shown(proc, 'fifo').target);
			// Peers of the pipe and the socket; none of the FIFO's, the eventfd's or the pty's other holders.
			const peers = (detail: typeof lsof) => detail.fds.map(fd => ({fd: fd.fd, peer: fd.peer ?? null}));
			expect(peers(lsof)).toEqual(peers(proc));
			expect(shown(lsof, 'pipe').peer).toMatchObject({command: 'python3'});
		} finally {
			holder.stdin.end();
			if (holder.exitCode === null) await once(holder, 'exit');
			rmSync(directory, {recursive: true, force: true});
		}
	});

	it('keeps the PID view\'s peers right across refreshes that skip +E, as the peers open, fork and close', async () => {
		const helper = spawn('python3', [peerChanges], {stdio: 'pipe'});
		const lines = readline.createInterface({input: helper.stdout})[Symbol.asyncIterator]();
		const next = async () => String((await lines.next()).value);
		try {
			// `PEER VIEWED PIPE_FD UNIX_FD`; then each order is answered `ok` once done.
			const [peer, viewed, pipeFd, unixFd] = (await next()).split(' ').map(Number) as [number, number, number, number];
			const order = async (what: string) => {
				helper.stdin.write(`${what}\n`);
				expect(await next()).toBe('ok');
			};

			const real = runTool(lsofMissing);
			const calls: string[] = [];
			let clock = 0;
			const lsof = createLsofCollector({
				now: () => clock,
				run: async (command, args) => {
					calls.push(args.includes('+E') ? '+E' : 'plain');
					return real(command, args);
				},
			});
			const refresh = async () => {
				clock += 2000;
				return lsof.process(viewed);
			};

			const holders = (detail: ProcessDetail, fd: number) => {
				const found = detail.fds.find(each => each.fd === fd)!;
				return [found.peer, ...(found.morePeers ?? [])].flatMap(each => (each ? [each.pid] : []));
			};

			const peers = (detail: ProcessDetail) => detail.fds.map(fd => ({fd: fd.fd, peer: fd.peer ?? null, morePeers: fd.morePeers ?? []}));
			const first = await refresh();
			expect(holders(first, pipeFd)).toEqual([peer]);
			expect(peers(first)).toEqual(peers(await createLinuxCollector().process(viewed)));
			// Nothing changed: lsof -p alone, and the same peers.
			expect(peers(await refresh())).toEqual(peers(first));
			expect(calls).toEqual(['+E', 'plain']);
			// Two new fds (a pipe's ends): +E at once, and their peers as /proc has them.
			await order('open');
			const opened = await refresh();
			expect(calls.slice(2)).toEqual(['plain', '+E']);
			expect(opened.fds.length).toBe(first.fds.length + 2);
			expect(peers(opened)).toEqual(peers(await createLinuxCollector().process(viewed)));
			// The peer forks: its child holds the same ends, which only the next +E read, 10 s on, shows.
			await order('fork');
			expect(holders(await refresh(), pipeFd)).toEqual([peer]);
			clock += 8000;
			const forked = await refresh();
			expect(holders(forked, pipeFd)).toHaveLength(2);
			expect(calls.slice(4)).toEqual(['plain', '+E']);
			// The peer closes its ends and its child is killed: their /proc/PID/fd links say so, and +E runs at once.
			await order('close');
			const closed = await refresh();
			expect(calls.slice(6)).toEqual(['+E']);
			expect(holders(closed, pipeFd)).toEqual([]);
			expect(holders(closed, unixFd)).toEqual([]);
			expect(peers(closed)).toEqual(peers(await createLinuxCollector().process(viewed)));
		} finally {
			helper.stdin.end();
			if (helper.exitCode === null) await once(helper, 'exit');
		}
	});

	it('returns no process for a PID that does not exist', async () => {
		const detail = await createLsofCollector().process(2 ** 22 + 1);
		expect(detail).toMatchObject({process: null, fds: []});
	});
});
