import {spawn, type ChildProcess} from 'node:child_process';
import os from 'node:os';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {repoRoot, runCli} from '../helpers/run-cli.js';

/**
 * sockstat's -L on this machine's own sockets: another process (so the
 * listeners are a real holder's, as socktop finds them in /proc) listens on
 * 127.0.0.1 and on the IPv4 wildcard, and the built binary must list only the
 * wildcard one.
 */

const listeners = `
const net = require('node:net');
const loop = net.createServer().listen(0, '127.0.0.1', () => {
	const wild = net.createServer().listen(0, '0.0.0.0', () => {
		console.log(JSON.stringify({loopback: loop.address().port, wildcard: wild.address().port}));
	});
});
setTimeout(() => undefined, 600000);
`;

let child: ChildProcess | undefined;
let ports: {loopback: number; wildcard: number};

beforeAll(async () => {
	child = spawn(process.execPath, ['-e', listeners], {stdio: ['ignore', 'pipe', 'inherit']});
	const line = await new Promise<string>(resolve => {
		createInterface({input: child!.stdout!}).once('line', resolve);
	});
	ports = JSON.parse(line) as typeof ports;
});

afterAll(() => {
	child?.kill('SIGKILL');
});

/** The LOCAL ADDRESS cell of each row (the table's sixth column: --netns host, so no NETNS column, whatever other namespaces the machine has). */
const locals = (stdout: string) =>
	stdout
		.trimEnd()
		.split('\n')
		.filter(line => !line.startsWith('USER '))
		.map(line => line.split(/\s+/)[5]);

describe('socktop -L on real sockets', () => {
	it('lists both listeners without -L, only the wildcard one with it', async () => {
		const both = `${ports.loopback},${ports.wildcard}`;
		const [all, hidden] = await Promise.all([
			runCli(['--once', '--netns', 'host', '-p', both], {cwd: repoRoot}),
			runCli(['--once', '--netns', 'host', '-L', '-p', both], {cwd: repoRoot}),
		]);
		expect(all.code).toBe(0);
		expect(locals(all.stdout).sort()).toEqual([`*:${ports.wildcard}`, `127.0.0.1:${ports.loopback}`].sort());
		expect(hidden).toMatchObject({code: 0, stderr: ''});
		expect(locals(hidden.stdout)).toEqual([`*:${ports.wildcard}`]);
		expect(hidden.stdout).toMatch(/^USER +COMMAND/);
	});

	it('-4lLq prints the wildcard listener alone, without the header line; -46ls and -w are taken', async () => {
		const both = `${ports.loopback},${ports.wildcard}`;
		const [quiet, habits] = await Promise.all([
			runCli(['--once', '--netns', 'host', '-4lLq', '-p', both]),
			runCli(['--once', '--netns', 'host', '-46ls', '-w', '-p', both]),
		]);
		expect(quiet).toMatchObject({code: 0, stderr: ''});
		expect(quiet.stdout.trimEnd().split('\n')).toHaveLength(1);
		expect(quiet.stdout).toMatch(new RegExp(`^\\S+ +node +${child!.pid} +\\d+ +tcp4 +\\*:${ports.wildcard} +\\*:\\* +LISTEN\\n$`));
		expect(habits).toMatchObject({code: 0, stderr: ''});
		expect(habits.stdout).toMatch(/^USER +COMMAND/);
		expect(locals(habits.stdout).sort()).toEqual([`*:${ports.wildcard}`, `127.0.0.1:${ports.loopback}`].sort());
	});

	it('takes -L grouped and spelled out: -4lL, -Lp PORTS, --no-loopback', async () => {
		const both = `${ports.loopback},${ports.wildcard}`;
		const results = await Promise.all([
			runCli(['--once', '--netns', 'host', '-4lL', '-p', both]),
			runCli(['--once', '--netns', 'host', `-Lp`, both]),
			runCli(['--once', '--netns', 'host', '--no-loopback', `--ports=${both}`]),
		]);
		for (const result of results) {
			expect(result.code).toBe(0);
			expect(locals(result.stdout)).toEqual([`*:${ports.wildcard}`]);
		}
	});

	it('-n shows the uid in USER; --user NAME still matches, and --json keeps the name', async () => {
		const {username, uid} = os.userInfo();
		const [byName, json] = await Promise.all([
			runCli(['--once', '--netns', 'host', '-nq', '--user', username, '-p', String(ports.wildcard)]),
			runCli(['--json', '-n', '-p', String(ports.wildcard)]),
		]);
		expect(byName).toMatchObject({code: 0, stderr: ''});
		expect(byName.stdout.split(/\s+/).slice(0, 3)).toEqual([String(uid), 'node', String(child!.pid)]);
		const sockets = (JSON.parse(json.stdout) as {sockets: Array<{user: string; uid: number}>}).sockets;
		expect(sockets).toMatchObject([{user: username, uid}]);
	});
});
