import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {chmodSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Snapshot} from '../../source/model/types.js';
import {cliPath, isBuilt, runCli} from '../helpers/cli.js';
import {hasSs} from '../helpers/tools.js';

/**
 * Where the built socktop runs ss, seen by a stand-in ss first on PATH that logs the network
 * namespace it runs in (readlink /proc/self/ns/net) and its arguments, then runs the real one:
 * `--netns NAME` asks ss in NAME alone (through nsenter, as root), `--netns host` in no other, as
 * root and as nobody. And an ss -tulnHe that does not answer within 3 s is said in --json.
 */
const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
const name = `se2e-asks-${process.pid}`;
const works = (command: string, argument: string) => spawnSync(command, [argument], {stdio: 'ignore'}).status === 0;
const why =
	process.platform !== 'linux' || process.getuid?.() !== 0
		? 'needs root on Linux to create a network namespace'
		: !isBuilt
			? `needs a build at ${cliPath} (npm run build)`
			: !works('ip', '-V') || !hasSs
				? 'needs ip and ss (iproute2)'
				: null;
if (why !== null) console.warn(`netns asks e2e skipped: ${why}`);
// Nobody must be able to read the bundle (a checkout under /root is not).
const whyNotNobody = why ?? (works('setpriv', '--version') && spawnSync(NOBODY[0]!, [...NOBODY.slice(1), 'test', '-r', cliPath]).status === 0 ? null : `needs setpriv (util-linux) and a build nobody can read`);
if (why === null && whyNotNobody !== null) console.warn(`netns asks e2e as nobody skipped: ${whyNotNobody}`);

/** A dual-stack TCP listener on :: and a unix listener: what socktop asks ss about (ss -tulnHe, ss -xaH). */
const holder = `
const net = require('node:net');
const tcp = net.createServer().listen(0, '::', () => {
  net.createServer().listen('\\0socktop-asks-' + process.pid, () => console.log(JSON.stringify({pid: process.pid, port: tcp.address().port})));
});
process.stdin.on('end', () => process.exit(0)).resume();
`;

let inside: ChildProcess | undefined;
let insidePid = 0;
let insidePort = 0;
let insideLink = '';
let hostLink = '';
let host: net.Server | undefined;
let hostPort = 0;
let fakeDirectory = '';
const log = () => path.join(fakeDirectory, 'log');

/** A stand-in ss first on PATH: `body` runs before the real ss (which `exec` runs in its place). */
function fakeSs(body = ''): void {
	const real = execFileSync('sh', ['-c', 'command -v ss'], {encoding: 'utf8'}).trim();
	writeFileSync(path.join(fakeDirectory, 'ss'), `#!/bin/sh\necho "$(readlink /proc/self/ns/net) $*" >> '${log()}'\n${body}\nexec '${real}' "$@"\n`);
	chmodSync(path.join(fakeDirectory, 'ss'), 0o755);
	writeFileSync(log(), '');
	// Nobody's ss writes to it too.
	chmodSync(log(), 0o666);
}

/** The namespaces (their links) ss ran in since fakeSs, each with its first argument. */
const asked = () =>
	readFileSync(log(), 'utf8')
		.split('\n')
		.filter(line => line !== '')
		.map(line => line.split(' ').slice(0, 2).join(' '))
		.sort();

const environment = () => ({PATH: `${fakeDirectory}${path.delimiter}${process.env['PATH'] ?? ''}`});

beforeAll(async () => {
	if (why !== null) return;
	fakeDirectory = mkdtempSync(path.join(tmpdir(), 'socktop-asks-'));
	chmodSync(fakeDirectory, 0o755);
	execFileSync('ip', ['netns', 'add', name]);
	execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
	// As nobody, so that nobody reads its namespace's tables too.
	const command = whyNotNobody === null ? [...NOBODY, process.execPath] : [process.execPath];
	inside = spawn('ip', ['netns', 'exec', name, ...command, '-e', holder], {stdio: ['pipe', 'pipe', 'inherit']});
	const [line] = (await once(createInterface({input: inside.stdout!}), 'line')) as [string];
	({pid: insidePid, port: insidePort} = JSON.parse(line) as {pid: number; port: number});
	insideLink = readlinkSync(`/proc/${insidePid}/ns/net`);
	hostLink = readlinkSync('/proc/self/ns/net');
	host = net.createServer();
	await new Promise<void>(resolve => host!.listen(0, '::', resolve));
	hostPort = (host.address() as net.AddressInfo).port;
});

afterAll(() => {
	host?.close();
	inside?.stdin?.end();
	inside?.kill();
	if (why !== null) return;
	spawnSync('ip', ['netns', 'del', name]);
	rmSync(fakeDirectory, {recursive: true, force: true});
});

type Row = Pick<Snapshot['sockets'][number], 'pid' | 'localPort' | 'state' | 'proto' | 'isV6Only' | 'netns'>;

const rowsOf = (stdout: Buffer, port: number) => (JSON.parse(stdout.toString('utf8')) as Snapshot).sockets.filter((socket: Row) => socket.localPort === port && socket.state === 'LISTEN');

describe.skipIf(why !== null)('which network namespaces socktop asks ss in, with --netns', () => {
	it('--netns host asks ss in the host\'s namespace alone, not in another one with a listener on :: (as root)', async () => {
		fakeSs();
		const result = await runCli(['--json', '--netns', 'host', '-p', String(hostPort)], environment());
		expect(result.code).toBe(0);
		expect(rowsOf(result.stdout, hostPort).map(socket => [socket.pid, socket.isV6Only])).toEqual([[process.pid, false]]);
		expect(asked()).toEqual([`${hostLink} -tulnHe`, `${hostLink} -xaH`, `${hostLink} -xlHe`]);
	});

	it('--netns NAME asks ss in NAME alone (through nsenter), which tells its listener on :: is tcp46', async () => {
		fakeSs();
		const result = await runCli(['--once', '--netns', name, '-p', String(insidePort)], environment());
		expect(result.code).toBe(0);
		expect(result.stdout.toString('utf8')).toMatch(new RegExp(` ${insidePid} .* tcp46 +\\*:${insidePort} `));
		expect(asked()).toEqual([`${insideLink} -tulnHe`, `${insideLink} -xaH`, `${insideLink} -xlHe`]);
	});

	it('every namespace is asked without --netns (root: all)', async () => {
		fakeSs();
		expect((await runCli(['--once'], environment())).code).toBe(0);
		expect(asked()).toEqual(expect.arrayContaining([`${hostLink} -xaH`, `${insideLink} -tulnHe`, `${insideLink} -xaH`]));
	});

	it.skipIf(whyNotNobody !== null)('as nobody, --netns NAME runs no ss at all: not in NAME (no nsenter without root), nor in socktop\'s own', async () => {
		fakeSs();
		const child = spawn(NOBODY[0]!, [...NOBODY.slice(1), process.execPath, cliPath, '--once', '--netns', name, '-p', String(insidePort)], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: {...process.env, ...environment(), NO_COLOR: '1'},
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		const [code] = (await once(child, 'close')) as [number | null];
		expect(code).toBe(0);
		// Its rows still come from /proc: tcp6, as nothing tells the flag there.
		expect(Buffer.concat(chunks).toString('utf8')).toMatch(new RegExp(` ${insidePid} .* tcp6 +\\*:${insidePort} `));
		expect(asked()).toEqual([]);
	});

	it('--json says why a listener on :: is tcp6 when ss -tulnHe does not answer within 3 s', async () => {
		// exec: the timeout's signal goes to sleep itself, which then leaves no process behind.
		fakeSs('case "$1" in -tulnHe) exec sleep 10 ;; esac');
		const result = await runCli(['--json', '--netns', 'host', '-p', String(hostPort)], environment());
		expect(result.code).toBe(0);
		expect(rowsOf(result.stdout, hostPort).map(socket => [socket.proto, socket.isV6Only])).toEqual([['tcp6', null]]);
		expect((JSON.parse(result.stdout.toString('utf8')) as Snapshot).skipped.unreadableTables).toContain('IPv6-only flags (tcp46 or tcp6): ss did not answer within 3 s');
	});
});
