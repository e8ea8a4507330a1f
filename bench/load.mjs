#!/usr/bin/env node
/**
 * socktop's own loopback load generator.
 *
 * Run as a program (`node bench/load.mjs --sockets 10000 --procs 200`) it opens
 * N/2 TCP connections over loopback (N established sockets: BOTH ends count),
 * plus a few TCP listeners, UDP sockets and unix sockets, and hands them to P
 * holder processes: N/P established sockets each, the client end of a connection
 * in one holder and its server end in the next, as forked servers and their
 * clients look in /proc. The extras (listeners, UDP, unix) go to one more holder.
 * It prints one JSON line `{"ready": true, ...}` when every holder is up and
 * holds exactly what it should, then waits; closing its stdin, SIGTERM, SIGINT
 * or SIGHUP tears everything down. `--churn MS` also opens and closes one TCP
 * listener (in this process) every MS milliseconds: one socket changing.
 * `--forked K` adds K more holders that each hold only the first listener, as
 * the workers of a pre-fork server (Apache, php-fpm, gunicorn) share its
 * listening socket: one socket, K + 1 holders.
 *
 * Why holders are `tail -f /dev/null --pid=OWNER` and not Node: 500 Node
 * processes would need ~20 GB of RAM; a tail is ~2 MB and exits by itself
 * within a second of the owner dying, so nothing is left behind even after
 * a SIGKILL. The sockets are created here and inherited through spawn's stdio
 * (fd 3 upwards in the holder), so no process ever holds more than about
 * 2*N/P descriptors and RLIMIT_NOFILE never needs raising for the default sizes.
 *
 * Why teardown leaves no TIME_WAIT: every TCP socket gets SO_LINGER {1, 0}
 * (Node's resetAndDestroy) before this process drops its copy, so when the
 * holder exits the kernel sends RST instead of FIN. Listeners are spread over
 * 127.0.0.2-127.0.0.9 and ::1 so no (source, destination) pair runs short of
 * ephemeral ports even at 50,000 sockets.
 *
 * Imported, `startLoad()` runs the program above as a child and resolves once it
 * is ready; `stop()` (and process exit) tears it down.
 */
import {spawn} from 'node:child_process';
import dgram from 'node:dgram';
import {once} from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import readline from 'node:readline';
import {fileURLToPath} from 'node:url';
import {checkHolder, spawnHolder} from './lib/holders.mjs';

const self = fileURLToPath(import.meta.url);
const IPV4_LISTENERS = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9'];
/** One connection in this many goes over ::1, so tcp6 rows are part of the load. */
const IPV6_EVERY = 10;
const UDP_SOCKETS = 8;
const UNIX_CONNECTIONS = 8;

const fdOf = (handleOwner) => handleOwner._handle.fd;

/** Listens and collects accepted sockets in arrival order. */
const makeListener = async (host, pool) => {
	const server = net.createServer({pauseOnConnect: true}, (socket) => pool.push(socket));
	server.listen({host, port: 0, backlog: 4096});
	await once(server, 'listening');
	return server;
};

const waitFor = async (isDone, what, timeoutMs = 60_000) => {
	const start = Date.now();
	while (!isDone()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
};

/** Opens `count` connections; returns the client ends and as many accepted server ends. */
const makeBatch = async (count, targets, accepted, counter) => {
	const clients = await Promise.all(
		Array.from({length: count}, () => {
			const index = counter.next++;
			const target = index % IPV6_EVERY === IPV6_EVERY - 1 ? targets.v6 : targets.v4[index % targets.v4.length];
			return new Promise((resolve, reject) => {
				const socket = net.connect({host: target.host, port: target.port});
				socket.once('connect', () => {
					socket.pause();
					resolve(socket);
				});
				socket.once('error', reject);
			});
		}),
	);
	await waitFor(() => accepted.length >= count, 'accepted connections');
	return {clients, servers: accepted.splice(0, count)};
};

/** Drops this process's copy; the holder's copy lives on. Linger 0 so the final close sends RST. */
const release = (socket) => socket.resetAndDestroy();

const makeExtras = async (unixDir) => {
	const udp = [];
	for (let i = 0; i < UDP_SOCKETS; i++) {
		const isV6 = i % 4 === 3;
		const socket = dgram.createSocket(isV6 ? 'udp6' : 'udp4');
		socket.bind(0, isV6 ? '::1' : '127.0.0.1');
		await once(socket, 'listening');
		udp.push(socket);
	}
	// Half of them connected to the other half, so both UNCONN and ESTABLISHED datagram rows exist.
	for (let i = 0; i < udp.length / 2; i++) {
		const peer = udp[i + udp.length / 2];
		if (udp[i].type !== peer.type) continue;
		udp[i].connect(peer.address().port, peer.address().address);
		await once(udp[i], 'connect');
	}
	const unixPool = [];
	const unixPath = path.join(unixDir, 'listener.sock');
	const unixServer = net.createServer({pauseOnConnect: true}, (socket) => unixPool.push(socket));
	unixServer.listen(unixPath);
	await once(unixServer, 'listening');
	const abstractServer = net.createServer().listen(`\0socktop-bench-${process.pid}`);
	await once(abstractServer, 'listening');
	const unixClients = [];
	for (let i = 0; i < UNIX_CONNECTIONS; i++) {
		const socket = net.connect(unixPath);
		await once(socket, 'connect');
		unixClients.push(socket);
	}
	await waitFor(() => unixPool.length >= UNIX_CONNECTIONS, 'unix connections');
	return {udp, unixServers: [unixServer, abstractServer], unixSockets: [...unixClients, ...unixPool]};
};

/** A listener that is open for `periodMs`, then closed for `periodMs`, and so on. */
const startChurn = (periodMs) => {
	let server = null;
	setInterval(() => {
		if (server) {
			server.close();
			server = null;
		} else {
			server = net.createServer().listen(0, '127.0.0.1');
		}
	}, periodMs).unref();
};

/** The program: build the load, report, wait, tear down. */
const runMaster = async ({sockets, procs, owner, churn, forked}) => {
	const started = performance.now();
	const connections = Math.floor(sockets / 2);
	const holders = [];
	const unixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socktop-bench-'));
	let isStopping = false;
	const stop = async (code) => {
		if (isStopping) return;
		isStopping = true;
		const exits = holders.filter((child) => child.exitCode === null && child.signalCode === null).map((child) => {
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			return exited;
		});
		await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 5000))]);
		fs.rmSync(unixDir, {recursive: true, force: true});
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
	process.stdin.on('end', () => stop(0));
	process.stdin.resume();

	try {
		const accepted = [];
		const v4 = await Promise.all(IPV4_LISTENERS.map((host) => makeListener(host, accepted)));
		const v6Server = await makeListener('::1', accepted);
		const targets = {
			v4: v4.map((server) => ({host: server.address().address, port: server.address().port})),
			v6: {host: '::1', port: v6Server.address().port},
		};
		const counter = {next: 0};
		// Holder i gets the client ends of batch i and the server ends of batch i+1 (wrapping),
		// so every connection spans two processes.
		const sizes = Array.from({length: procs}, (_, i) =>
			Math.floor((connections * (i + 1)) / procs) - Math.floor((connections * i) / procs));
		const first = await makeBatch(sizes[0], targets, accepted, counter);
		let current = first;
		const expected = [];
		for (let i = 0; i < procs; i++) {
			const next = i + 1 < procs ? await makeBatch(sizes[i + 1], targets, accepted, counter) : first;
			const held = [...current.clients, ...next.servers];
			holders.push(spawnHolder(held.map(fdOf), owner));
			expected.push(held.length);
			for (const socket of held) release(socket);
			current = next;
		}
		const extras = await makeExtras(unixDir);
		const listeners = [...v4, v6Server, ...extras.unixServers];
		const extraFds = [...listeners.map(fdOf), ...extras.udp.map(fdOf), ...extras.unixSockets.map(fdOf)];
		holders.push(spawnHolder(extraFds, owner));
		expected.push(extraFds.length);
		for (let i = 0; i < forked; i++) {
			holders.push(spawnHolder([fdOf(v4[0])], owner));
			expected.push(1);
		}
		for (const server of listeners) server.close();
		for (const socket of extras.udp) socket.close();
		for (const socket of extras.unixSockets) socket.destroy();

		await Promise.all(holders.map((child) => (child.pid ? Promise.resolve() : once(child, 'spawn'))));
		for (const [i, child] of holders.entries()) {
			await checkHolder(child, expected[i]);
		}
		const report = {
			ready: true,
			pid: process.pid,
			holders: holders.map((child) => child.pid),
			listeners: [...targets.v4, targets.v6],
			counts: {
				tcpEstablished: connections * 2,
				tcpListen: v4.length + 1,
				udp: extras.udp.length,
				unix: extras.unixSockets.length + extras.unixServers.length,
				processes: holders.length,
				forkedWorkers: forked,
			},
			setupMs: Math.round(performance.now() - started),
		};
		if (churn > 0) startChurn(churn);
		process.stdout.write(`${JSON.stringify(report)}\n`);
	} catch (error) {
		process.stderr.write(`load: ${error.message}\n`);
		await stop(1);
	}
};

const started = new Set();
let isExitHooked = false;
const hookExit = () => {
	if (isExitHooked) return;
	isExitHooked = true;
	// Synchronous last resort; the masters' holders follow within a second (tail --pid).
	process.on('exit', () => {
		for (const child of started) child.kill('SIGTERM');
	});
};

/**
 * Starts a load in a child process and resolves when every socket is up.
 * `netns` runs it inside `ip netns exec NAME`. Returns the ready report and `stop()`.
 */
export const startLoad = async ({sockets, procs, netns = null, churn = 0, forked = 0}) => {
	hookExit();
	const perProcess = Math.ceil(sockets / procs) + 8;
	const node = [process.execPath, '--no-deprecation', self, '--sockets', String(sockets), '--procs', String(procs), '--churn', String(churn), '--forked', String(forked)];
	// Only a holder with more descriptors than the soft limit needs a raised one.
	const command = perProcess > 900
		? ['sh', '-c', `ulimit -n ${perProcess + 256} && exec "$@"`, 'sh', ...node]
		: node;
	const argv = netns ? ['ip', 'netns', 'exec', netns, ...command] : command;
	const child = spawn(argv[0], argv.slice(1), {stdio: ['pipe', 'pipe', 'inherit']});
	started.add(child);
	const exited = once(child, 'exit');
	const lines = readline.createInterface({input: child.stdout});
	const report = await new Promise((resolve, reject) => {
		lines.once('line', (line) => resolve(JSON.parse(line)));
		child.once('exit', (code) => reject(new Error(`load generator exited (${code}) before it was ready`)));
	});
	const stop = async () => {
		child.stdin.end();
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
		started.delete(child);
	};
	return {...report, stop};
};

const parseArgs = (argv) => {
	const args = {sockets: 1000, procs: 20, owner: process.pid, churn: 0, forked: 0};
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		const value = Number(argv[i + 1]);
		if (!(name in args) || !Number.isInteger(value) || value < (name === 'churn' || name === 'forked' ? 0 : 1)) {
			process.stderr.write(`load: usage: node bench/load.mjs [--sockets N] [--procs P] [--owner PID] [--churn MS] [--forked K]\n`);
			process.exit(2);
		}
		args[name] = value;
	}
	if (args.sockets % 2 !== 0 || args.sockets / 2 < args.procs) {
		process.stderr.write('load: --sockets must be even and at least 2 per process\n');
		process.exit(2);
	}
	return args;
};

if (process.argv[1] === self) await runMaster(parseArgs(process.argv.slice(2)));
