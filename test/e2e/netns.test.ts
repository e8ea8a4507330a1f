import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readlinkSync} from 'node:fs';
import net from 'node:net';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Socket, Snapshot} from '../../source/model/types.js';
import {cliPath, isBuilt, runCli} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * The built socktop against a real second network namespace: a listener on
 * 127.0.0.1:PORT inside `ip netns` NAME and its twin on the host's
 * 127.0.0.1:PORT. The JSON labels each, --netns picks one, a user who is
 * not root is told a namespace is hidden, and the live view's NETNS column
 * and `n` key show them apart.
 */
const name = `se2e-${process.pid}`;
// A second namespace whose listener runs as nobody, so nobody can see into it.
const ownName = `se2e-u-${process.pid}`;
// One that no process is in, so it holds no socket.
const emptyName = `se2e-e-${process.pid}`;
const works = (command: string, argument: string) => spawnSync(command, [argument]).status === 0;
const why =
	process.platform !== 'linux' || process.getuid?.() !== 0
		? 'needs root on Linux to create a network namespace'
		: !isBuilt
			? `needs a build at ${cliPath} (npm run build)`
			: !works('ip', '-V')
				? 'needs ip (iproute2)'
				: null;
if (why !== null) console.warn(`netns e2e skipped: ${why}`);
const whyNotNobody = why ?? (works('setpriv', '--version') ? null : 'needs setpriv (util-linux)');
const whyNoTerminal = why ?? (hasTmux ? null : 'needs tmux');
if (why === null && whyNotNobody !== null) console.warn(`netns e2e as nobody skipped: ${whyNotNobody}`);
const whyNoLsof = why ?? (works('lsof', '-v') ? null : 'needs lsof');
if (why === null && whyNoLsof !== null) console.warn(`netns e2e with lsof skipped: ${whyNoLsof}`);
if (why === null && whyNoTerminal !== null) console.warn(`netns e2e in a terminal skipped: ${whyNoTerminal}`);

const listener = `
const server = require('node:net').createServer();
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({pid: process.pid, port: server.address().port})));
process.stdin.on('end', () => process.exit(0)).resume();
`;

let inside: ChildProcess | undefined;
let insidePid = 0;
let port = 0;
let twin: net.Server | undefined;
let own: ChildProcess | undefined;
let ownPort = 0;
let ownPid = 0;
let ownTwin: net.Server | undefined;
const panes: TmuxPane[] = [];

beforeAll(async () => {
	if (why !== null) return;
	execFileSync('ip', ['netns', 'add', name]);
	execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
	inside = spawn('ip', ['netns', 'exec', name, process.execPath, '-e', listener], {stdio: ['pipe', 'pipe', 'inherit']});
	const [line] = (await once(createInterface({input: inside.stdout!}), 'line')) as [string];
	({pid: insidePid, port} = JSON.parse(line) as {pid: number; port: number});
	twin = net.createServer();
	twin.listen(port, '127.0.0.1');
	await once(twin, 'listening');
	if (whyNotNobody !== null) return;
	execFileSync('ip', ['netns', 'add', ownName]);
	execFileSync('ip', ['-n', ownName, 'link', 'set', 'lo', 'up']);
	const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
	own = spawn('ip', ['netns', 'exec', ownName, ...asNobody, process.execPath, '-e', listener], {stdio: ['pipe', 'pipe', 'inherit']});
	const [ownLine] = (await once(createInterface({input: own.stdout!}), 'line')) as [string];
	({pid: ownPid, port: ownPort} = JSON.parse(ownLine) as {pid: number; port: number});
	ownTwin = net.createServer();
	ownTwin.listen(ownPort, '127.0.0.1');
	await once(ownTwin, 'listening');
});

afterAll(() => {
	for (const pane of panes) pane.kill();
	twin?.close();
	ownTwin?.close();
	for (const child of [inside, own]) {
		child?.stdin?.end();
		child?.kill();
	}

	if (why === null) spawnSync('ip', ['netns', 'del', name]);
	if (own !== undefined) spawnSync('ip', ['netns', 'del', ownName]);
});

const listeners = (snapshot: Snapshot) =>
	snapshot.sockets.filter(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.state === 'LISTEN');
const json = async (args: string[], command?: string[]) => {
	const result = command === undefined ? await runCli(args) : await runAs(command, args);
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout.toString('utf8')) as Snapshot;
};

async function runAs(prefix: string[], args: string[]): Promise<{code: number | null; stdout: Buffer}> {
	const child = spawn(prefix[0]!, [...prefix.slice(1), process.execPath, cliPath, ...args], {stdio: ['ignore', 'pipe', 'inherit']});
	const chunks: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
	const [code] = (await once(child, 'close')) as [number | null];
	return {code, stdout: Buffer.concat(chunks)};
}

describe('network namespaces through the built CLI', () => {
	it.skipIf(why !== null)('labels each socket with its namespace in --json', async () => {
		const rows = listeners(await json(['--json', '-p', String(port)]));
		const pairs = rows.map((socket: Socket) => [socket.netns, socket.pid]).sort();
		expect(pairs).toEqual([['host', process.pid], [name, insidePid]].sort());
	});

	it.skipIf(why !== null)('shows one namespace with --netns NAME, and the host with --netns host', async () => {
		expect(listeners(await json(['--json', '-p', String(port), '--netns', name])).map(socket => socket.pid)).toEqual([insidePid]);
		expect(listeners(await json(['--json', '-p', String(port), '--netns', 'host'])).map(socket => socket.pid)).toEqual([process.pid]);
	});

	it.skipIf(why !== null)('takes the namespace by its inode as readlink, lsns and the NETNS column spell it', async () => {
		const inode = readlinkSync(`/proc/${insidePid}/ns/net`).replace(/\D/g, '');
		for (const spelled of [`netns:[${inode}]`, `net:[${inode}]`, inode, `[${inode}]`]) {
			expect(listeners(await json(['--json', '-p', String(port), '--netns', spelled])).map(socket => [socket.netns, socket.pid])).toEqual([[name, insidePid]]);
		}

		const result = await runCli(['--once', '--netns', '[1]']);
		expect({code: result.code, stderr: result.stderr}).toEqual({code: 2, stderr: expect.stringMatching(/^socktop: --netns: no network namespace with inode 1 \(namespaces now: host, [^\n]*\)\n$/)});
	});

	it.skipIf(why !== null)('--once names the namespace when every printed row is in one other namespace', async () => {
		const result = await runCli(['--once', '-p', String(port), '--netns', name]);
		expect(result.code).toBe(0);
		const [header, ...rows] = result.stdout.toString('utf8').trimEnd().split('\n');
		expect(header).toMatch(/ FD NETNS +PROTO /);
		expect(rows.filter(line => line.includes(`127.0.0.1:${port} `))).toEqual([
			expect.stringMatching(new RegExp(`^root +node +${insidePid} +\\d+ +${name} +tcp4 `)),
		]);
		// The host's twin alone keeps sockstat's columns.
		const host = await runCli(['--once', '-p', String(port), '--netns', 'host']);
		expect(host.stdout.toString('utf8').split('\n')[0]).toMatch(/ FD PROTO /);
	});

	it.skipIf(why !== null)('refuses a --netns no namespace has, in one line and exit 2, even in a pipe and with --json', async () => {
		for (const mode of ['--once', '--json']) {
			const result = await runCli([mode, '--netns', `${name}-typo`]);
			expect({code: result.code, stdout: result.stdout.toString('utf8')}).toEqual({code: 2, stdout: ''});
			expect(result.stderr).toMatch(new RegExp(`^socktop: --netns: no network namespace named '${name}-typo' \\(namespaces now: host, .*\\b${name}\\b.*\\)\n$`));
		}
	});

	it.skipIf(why !== null)('prints an empty table, exit 0, for a namespace that exists but holds no socket', async () => {
		execFileSync('ip', ['netns', 'add', emptyName]);
		try {
			const result = await runCli(['--once', '--netns', emptyName]);
			expect({code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr}).toEqual({
				code: 0,
				// A namespace named has the NETNS column, rows or none: the columns do not follow the rows.
				stdout: 'USER COMMAND PID FD NETNS PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE\n',
				stderr: '',
			});
		} finally {
			spawnSync('ip', ['netns', 'del', emptyName]);
		}
	});

	it.skipIf(whyNoLsof !== null)('says the lsof backend sees only its own namespace, exit 2', async () => {
		const result = await runCli(['--backend', 'lsof', '--once', '--netns', name]);
		expect({code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr}).toEqual({
			code: 2,
			stdout: '',
			stderr: `socktop: --netns ${name}: the lsof backend sees only its own network namespace (use --backend proc)\n`,
		});
	});

	it.skipIf(whyNoTerminal !== null)('refuses a --netns no namespace has before the live view starts', async () => {
		const pane = new TmuxPane(`${process.execPath} ${cliPath} --netns ${name}-typo; echo "exit=$?"; sleep 600`, 120, 30);
		panes.push(pane);
		const screen = await pane.waitFor(text => text.includes('exit='), 20_000);
		expect(screen).toContain(`socktop: --netns: no network namespace named '${name}-typo'`);
		expect(screen).toContain('exit=2');
		expect(screen).not.toContain('PROTO');
	});

	it.skipIf(whyNotNobody !== null)('refuses a --netns no namespace has to a user who is not root too, and takes one they cannot see into', async () => {
		const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
		expect(await runAs(nobody, ['--once', '--netns', `${name}-typo`])).toEqual({code: 2, stdout: Buffer.from('')});
		// Root's namespace: its sockets are hidden from nobody, but the name is no typo.
		expect((await runAs(nobody, ['--once', '--netns', name])).code).toBe(0);
	});

	it.skipIf(whyNotNobody !== null)('run inside a namespace (ip netns exec) by a user who is not root, names it and shows it by default', async () => {
		const inOwn = ['ip', 'netns', 'exec', ownName, 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
		// nobody's own listener; its twin on the host shows too while another test runs a process of nobody's there.
		const own = (snapshot: Snapshot) => snapshot.sockets.filter(socket => socket.pid === ownPid && socket.localPort === ownPort && socket.state === 'LISTEN');
		expect(own(await json(['--json', '-p', String(ownPort), '--netns', 'all'], inOwn))).toEqual([expect.objectContaining({netns: ownName, pid: ownPid})]);
		// Unset, --netns is the namespace socktop runs in, named in the NETNS column.
		const result = await runAs(inOwn, ['--once', '-p', String(ownPort), '-l']);
		const rows = result.stdout.toString('utf8').split('\n').filter(line => line.includes(`127.0.0.1:${ownPort} `));
		expect(rows).toEqual([expect.stringMatching(new RegExp(`^nobody +node +${ownPid} +\\d+ +${ownName} +tcp4 `))]);
		// With /proc mounted hidepid=2, pid 1 cannot be seen to tell the host by: the `ip netns` name still says where it runs.
		const hidden = ['ip', 'netns', 'exec', ownName, 'unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount -t proc -o hidepid=2 proc /proc && exec "$@"', 'sh', ...inOwn.slice(4)];
		const snapshot = await json(['--json', '-p', String(ownPort), '--netns', 'all'], hidden);
		expect(snapshot.skipped.procHidden).toBe(true);
		expect(own(snapshot)).toEqual([expect.objectContaining({netns: ownName, pid: ownPid})]);
	});

	it.skipIf(why !== null)('run inside a namespace as root, names it and still tells the host by its name', async () => {
		const rows = listeners(await json(['--json', '-p', String(port)], ['ip', 'netns', 'exec', name]));
		expect(rows.map((socket: Socket) => [socket.netns, socket.pid]).sort()).toEqual([['host', process.pid], [name, insidePid]].sort());
	});

	it.skipIf(whyNotNobody !== null)("tells a user who is not root that a namespace is hidden, and never shows its socket as the host's", async () => {
		const snapshot = await json(['--json', '-p', String(port)], ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
		expect(snapshot.skipped.deniedNamespaces).toBeGreaterThanOrEqual(1);
		// Only the host's twin, whose holder (root) nobody cannot see.
		expect(listeners(snapshot)).toEqual([expect.objectContaining({netns: 'host', pid: null})]);
	});

	it.skipIf(whyNotNobody !== null)('--once shows the host only by default to a user who is not root, every namespace to root', async () => {
		const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
		const rows = async (args: string[], command?: string[]) => {
			const result = command === undefined ? await runCli(args) : await runAs(command, args);
			expect(result.code).toBe(0);
			return result.stdout.toString('utf8').split('\n').filter(line => line.includes(`127.0.0.1:${ownPort} `));
		};

		const once = ['--once', '-p', String(ownPort), '-l'];
		// nobody can read its own listener's namespace, yet a partial "all" is not the default.
		const ownRow = new RegExp(`^nobody +node +${ownPid} `);
		expect(await rows(once, nobody)).toEqual([expect.not.stringMatching(ownRow)]);
		const everything = await rows([...once, '--netns', 'all'], nobody);
		expect(everything).toHaveLength(2);
		expect(everything.filter(line => ownRow.test(line))).toHaveLength(1);
		// Root sees both, and the table names each namespace once the rows span two.
		const asRoot = await rows(once);
		expect(asRoot).toHaveLength(2);
		expect(asRoot.filter(line => new RegExp(`^nobody +node +${ownPid} +\\d+ +${ownName} +tcp4 `).test(line))).toHaveLength(1);
	});

	it.skipIf(whyNoTerminal !== null)('shows a NETNS column in the live view and steps through the namespaces with n', async () => {
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.3 -p ${port}; sleep 600`, 120, 30);
		panes.push(pane);
		const rows = (screen: string) => screen.split('\n').filter(line => line.includes(`127.0.0.1:${port}`));
		let screen = await pane.waitFor(text => rows(text).length === 2, 20_000);
		expect(screen).toMatch(/ FD NETNS +PROTO /);
		expect(rows(screen).some(line => new RegExp(`${insidePid}\\s+\\d+ ${name}\\s+tcp4`).test(line))).toBe(true);
		expect(rows(screen).some(line => new RegExp(`${process.pid}\\s+\\d+ host\\s+tcp4`).test(line))).toBe(true);

		// The header's filter line reads 'Filter port N netns LABEL' once n has chosen one.
		const filterOf = (text: string) => /Filter .*?netns (\S+)/.exec(text)?.[1] ?? 'all';
		pane.type('n');
		screen = await pane.waitFor(text => filterOf(text) === 'host' && rows(text).length === 1, 20_000);
		expect(rows(screen)[0]).toContain(String(process.pid));
		// Other tests' namespaces may come first in the cycle: step until ours, one change at a time.
		for (let step = 0; step < 20 && filterOf(screen) !== name; step++) {
			const before = filterOf(screen);
			pane.type('n');
			// eslint-disable-next-line no-await-in-loop
			screen = await pane.waitFor(text => filterOf(text) !== before, 20_000);
		}

		screen = await pane.waitFor(text => filterOf(text) === name && rows(text).length === 1, 20_000);
		expect(rows(screen)[0]).toContain(String(insidePid));
		pane.type('q');
	});
});
