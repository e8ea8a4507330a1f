import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import dgram from 'node:dgram';
import {once} from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {deniedSentence, readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import type {FileDescriptor, ProcessDetail, ProcessInfo} from '../../../source/model/process.js';
import {createServiceTable, readEphemeralRange} from '../../../source/services/index.js';
import {hasSs} from '../../helpers/tools.js';

/**
 * A real child: node with a TCP listener, a client connected to it, an open
 * regular file, /dev/null, and stdin from a `sleep | node` pipeline (an
 * anonymous pipe whose other end sleep holds). Its PID view must list each.
 */
const isLinux = process.platform === 'linux';
if (isLinux && !hasSs) console.warn('ss (iproute2) is not installed: unix socket peers are not named, skipping that test');
if (!isLinux) console.warn('skipping the live /proc PID view tests: not Linux');

// The listener's port is below the ephemeral range, so the direction of the connection is unambiguous.
const childScript = `
const net = require('node:net');
const fs = require('node:fs');
const file = fs.openSync(process.argv[1], 'r');
const devnull = fs.openSync('/dev/null', 'r');
// A named pipe opened read-write (so open does not wait for a writer) and a directory.
const fifo = fs.openSync(process.argv[2], 'r+');
const dir = fs.openSync(require('node:path').dirname(process.argv[1]), 'r');
const server = net.createServer(socket => { socket.on('error', () => {}); });
const tryListen = attempt => {
	const port = 20000 + Math.floor(Math.random() * 10000);
	server.once('error', () => tryListen(attempt + 1));
	server.listen(port, '127.0.0.1', () => {
		const client = net.connect(port, '127.0.0.1', () => {
			console.log(JSON.stringify({pid: process.pid, port, clientPort: client.localPort, file, devnull, fifo, dir}));
		});
	});
};
tryListen(0);
setInterval(() => {}, 1000);
`;

type Ready = {pid: number; port: number; clientPort: number; file: number; devnull: number; fifo: number; dir: number};

let child: ChildProcess | undefined;
let ready: Ready;
let detail: ProcessDetail;
let directory: string;
let filePath: string;
let fifoPath: string;

beforeAll(async () => {
	if (!isLinux) return;
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'socktop-pid-'));
	filePath = path.join(directory, 'opened file.txt');
	fs.writeFileSync(filePath, 'held open by the child\n');
	fifoPath = path.join(directory, 'named pipe');
	execFileSync('mkfifo', [fifoPath]);
	// `exec` makes node replace the pipeline's last shell, so its stdin is the pipe from sleep.
	child = spawn('sh', ['-c', `sleep 600 | exec "${process.execPath}" -e "$0" "$1" "$2"`, childScript, filePath, fifoPath], {
		detached: true,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [line] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
	ready = JSON.parse(line) as Ready;
	detail = await readProcessDetail(ready.pid);
});

afterAll(() => {
	if (child?.pid !== undefined) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}

	if (directory) fs.rmSync(directory, {recursive: true, force: true});
});

const byFd = (fd: number): FileDescriptor | undefined => detail.fds.find(each => each.fd === fd);
const inet = (match: (fd: FileDescriptor) => boolean) => detail.fds.filter(fd => fd.socket?.proto === 'tcp4').find(match);

describe.skipIf(!isLinux)('readProcessDetail on a live child', () => {
	it('reads the process facts', () => {
		const info = detail.process!;
		expect(info.pid).toBe(ready.pid);
		expect(info.command).toBe('node');
		expect(info.cmdline?.[0]).toBe(process.execPath);
		expect(info.cmdline).toContain(filePath);
		expect(info.exe).toBe(fs.realpathSync(process.execPath));
		expect(info.cwd).toBe(process.cwd());
		expect(info.user).toBe(os.userInfo().username);
		expect(info.threads).toBeGreaterThan(1);
		expect(info.state).toMatch(/^[SR] \(/);
		expect(info.startToken).toMatch(/^\d+$/);
		// Started within the last minute, by the wall clock.
		expect(Math.abs(Date.now() - info.startTime!)).toBeLessThan(60_000);
		expect(info.fdLimit).toBeGreaterThan(0);
		expect(detail.denied).toBeNull();
		expect(detail.fdCount).toBe(detail.fds.length);
	});

	it('lists the open regular file and /dev/null with their paths', () => {
		expect(byFd(ready.file)).toMatchObject({type: 'file', target: filePath, socket: null});
		expect(byFd(ready.devnull)).toMatchObject({type: 'char', target: '/dev/null'});
	});

	it('tells a named pipe (FIFO) and a directory apart by stat', () => {
		expect(byFd(ready.fifo)).toMatchObject({type: 'fifo', target: fifoPath});
		expect(byFd(ready.dir)).toMatchObject({type: 'dir', target: directory});
	});

	it('lists stdin as a pipe and names sleep at its other end', () => {
		const stdin = byFd(0)!;
		expect(stdin.type).toBe('pipe');
		expect(stdin.target).toMatch(/^pipe:\[\d+\]$/);
		expect(stdin.peer).toMatchObject({command: 'sleep', fd: 1});
	});

	it('lists the listener, the client and the accepted connection, each peer naming the other fd', () => {
		const listener = inet(fd => fd.socket!.state === 'LISTEN');
		expect(listener?.socket).toMatchObject({localAddress: '127.0.0.1', localPort: ready.port, pid: ready.pid, command: 'node'});
		const client = inet(fd => fd.socket!.localPort === ready.clientPort)!;
		const accepted = inet(fd => fd.socket!.foreignPort === ready.clientPort)!;
		expect(client.socket).toMatchObject({state: 'ESTABLISHED', foreignAddress: '127.0.0.1', foreignPort: ready.port});
		expect(accepted.socket).toMatchObject({state: 'ESTABLISHED', localPort: ready.port});
		expect(client.target).toBe(`socket:[${client.socket!.inode}]`);
		expect(client.peer).toEqual({command: 'node', pid: ready.pid, fd: accepted.fd});
		expect(accepted.peer).toEqual({command: 'node', pid: ready.pid, fd: client.fd});
	});

	it.skipIf(!hasSs)('names this test process at the other end of the child stdout socketpair (via ss)', () => {
		const stdout = byFd(1)!;
		expect(stdout.socket?.proto).toBe('stream');
		expect(stdout.socket?.peerInode).toBeGreaterThan(0);
		expect(stdout.peer?.pid).toBe(process.pid);
	});

	it('explains the client port as the ephemeral port the kernel picked', async () => {
		const services = createServiceTable({file: null});
		await services.load();
		const ephemeral = await readEphemeralRange();
		expect(ephemeral).not.toBeNull();
		expect(ready.clientPort).toBeGreaterThanOrEqual(ephemeral![0]);
		const client = inet(fd => fd.socket!.localPort === ready.clientPort)!;
		const explained = explainFd(client, {services, ephemeral});
		expect(explained?.explanation.local?.class).toBe('ephemeral');
		expect(explained?.sentence).toContain(`ephemeral port ${ready.clientPort}`);
		const text = formatProcessText(detail, {services, ephemeral});
		expect(text).toContain(`fd ${client.fd}: node is connected from ephemeral port ${ready.clientPort} to 127.0.0.1 port ${ready.port}`);
		expect(text).toContain(filePath);
	});
});

describe.skipIf(!isLinux)('readProcessDetail on processes it cannot fully see', () => {
	it('returns process null for a process that has exited', async () => {
		const gone = spawn(process.execPath, ['-e', '']);
		await once(gone, 'exit');
		const result = await readProcessDetail(gone.pid!);
		expect(result).toMatchObject({pid: gone.pid, process: null, fds: [], denied: null});
	});

	const isRoot = process.getuid?.() === 0;
	const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];
	// Nobody must be able to read the checkout and tsx (a clone under /root is not readable).
	const canRunAsNobody =
		isRoot && spawnSync('setpriv', [...nobody, 'test', '-r', path.join(process.cwd(), 'node_modules', 'tsx', 'package.json')]).status === 0;
	if (isLinux && !canRunAsNobody) console.warn('PID view as nobody: skipped, needs root, setpriv and a checkout nobody can read');
	it.skipIf(!canRunAsNobody)('as nobody, says what would help for a root process and still shows its facts', async () => {
		const script = `import {readProcessDetail} from './source/collect/linux/process.ts';
			const d = await readProcessDetail(${process.pid});
			console.log(JSON.stringify(d));`;
		const runner = spawn('setpriv', [...nobody, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
			cwd: process.cwd(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let error = '';
		runner.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		runner.stderr.setEncoding('utf8').on('data', (chunk: string) => (error += chunk));
		const [code] = (await once(runner, 'exit')) as [number];
		expect(code, error).toBe(0);

		const seen = JSON.parse(out) as ProcessDetail;
		expect(seen.process?.pid).toBe(process.pid);
		expect(seen.process?.cmdline?.length).toBeGreaterThan(0);
		expect(seen.process?.exe).toBeNull();
		expect(seen.fds).toEqual([]);
		expect(seen.denied).toMatch(/\(user root\): run socktop as root \(sudo\) to see its files and sockets\.$/);
	});
});

describe.skipIf(!isLinux)('directions when both ports are in the ephemeral range', () => {
	it('tells the accepted end from the client by the listener, not by the port numbers', async () => {
		// listen(0) takes its port from the ephemeral range too, as dev servers and test fixtures do.
		const server = net.createServer(socket => socket.on('error', () => undefined));
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as net.AddressInfo;
		const client = net.connect(port, '127.0.0.1');
		await once(client, 'connect');
		try {
			const own = await readProcessDetail(process.pid);
			expect(own.listening).toContain(`tcp/${port}`);
			const services = createServiceTable({file: null});
			await services.load();
			const text = formatProcessText(own, {services, ephemeral: await readEphemeralRange()});
			const clientFd = own.fds.find(fd => fd.socket?.localPort === client.localPort)!;
			const acceptedFd = own.fds.find(fd => fd.socket?.foreignPort === client.localPort)!;
			expect(text).toContain(`fd ${clientFd.fd}: node is connected from ephemeral port ${client.localPort} to 127.0.0.1 port ${port}`);
			expect(text).toMatch(new RegExp(`fd ${acceptedFd.fd}: node accepted a connection on port ${port}\\b`));
		} finally {
			client.destroy();
			server.close();
		}
	});
});

describe.skipIf(!isLinux)('an IPv4 and an IPv6-only wildcard listener on one port, as sshd opens them', () => {
	// With ss the flag itself tells (ss -tulnHe's v6only:1); without, the twin does, and a lone one is hedged.
	it('says the IPv6 one leaves IPv4 to its twin, and hedges for an IPv6 listener alone (without ss; with it, their flags tell)', async () => {
		const v4 = net.createServer();
		await new Promise<void>(resolve => v4.listen({port: 0, host: '0.0.0.0'}, resolve));
		const {port} = v4.address() as net.AddressInfo;
		const v6 = net.createServer();
		const lone = net.createServer();
		try {
			await new Promise<void>(resolve => v6.listen({port, host: '::', ipv6Only: true}, resolve));
			await new Promise<void>(resolve => lone.listen({port: 0, host: '::'}, resolve));
			const own = await readProcessDetail(process.pid);
			const services = createServiceTable({file: null});
			await services.load();
			const text = formatProcessText(own, {services, ephemeral: null});
			const fdOf = (server: net.Server, proto: string) =>
				own.fds.find(fd => fd.socket?.proto === proto && fd.socket.state === 'LISTEN' && fd.socket.localPort === (server.address() as net.AddressInfo).port)!.fd;
			const [v6Place, lonePlace] = hasSs
				? [String.raw`on every IPv6 address, and on no IPv4 address: the socket is IPv6-only \(IPV6_V6ONLY\)`, String.raw`and every IPv4 address too \(the socket is not IPv6-only\)`]
				: [String.raw`on every IPv6 address \(IPv4 clients reach the IPv4 socket listening on the same port\)`, String.raw`unless the socket is IPv6-only\)`];
			expect(text).toMatch(new RegExp(`fd ${fdOf(v6, 'tcp6')}: node listens .* ${v6Place}`));
			expect(text).toMatch(new RegExp(`fd ${fdOf(lone, 'tcp6')}: node listens .* ${lonePlace}`));
		} finally {
			v4.close();
			v6.close();
			lone.close();
		}
	});
});

describe.skipIf(!isLinux)('a UDP server and a client connected to it', () => {
	it('tells the client\'s direction by the bound server socket, as a TCP listener tells it', async () => {
		const server = dgram.createSocket('udp4');
		await new Promise<void>(resolve => server.bind(0, '127.0.0.1', resolve));
		const {port} = server.address();
		const client = dgram.createSocket('udp4');
		await new Promise<void>(resolve => client.connect(port, '127.0.0.1', resolve));
		try {
			const own = await readProcessDetail(process.pid);
			expect(own.listening).toContain(`udp/${port}`);
			const services = createServiceTable({file: null});
			await services.load();
			// No ephemeral range: only the bound server can tell which end is the client.
			const text = formatProcessText(own, {services, ephemeral: null});
			const clientFd = own.fds.find(fd => fd.socket?.proto === 'udp4' && fd.socket.foreignPort === port)!;
			expect(text).toMatch(new RegExp(`fd ${clientFd.fd}: node sends UDP datagrams from port ${client.address().port}\\b.* to 127\\.0\\.0\\.1 port ${port}\\b`));
		} finally {
			client.close();
			server.close();
		}
	});
});

describe('deniedSentence', () => {
	const owned = (user: string, uid: number) => ({pid: 812, user, uid}) as ProcessInfo;

	it('names the owner as a way in, unless the owner is root', () => {
		expect(deniedSentence(owned('alice', 1000), false)).toBe(
			'Permission denied reading the open files of PID 812 (user alice): run socktop as root (sudo) or as alice to see its files and sockets.',
		);
		expect(deniedSentence(owned('root', 0), false)).toBe(
			'Permission denied reading the open files of PID 812 (user root): run socktop as root (sudo) to see its files and sockets.',
		);
		expect(deniedSentence(owned('root', 0), true)).toMatch(/^Permission denied reading the open files of PID 812 even as root: /);
	});

	it('says a zombie has exited, not to run as its owner, who is denied too', () => {
		const zombie = {...owned('nobody', 65_534), state: 'Z (zombie)'};
		expect(deniedSentence(zombie, false)).toBe(
			'PID 812 has exited: it is a zombie its parent has not reaped, so its files and sockets are closed (its fd list is denied even to its owner; root finds it empty).',
		);
	});
});
