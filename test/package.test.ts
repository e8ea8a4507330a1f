import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {repoRoot, runCli} from './helpers/run-cli.js';

/**
 * What `npx socktop` users get: pack the package, install the tarball into an
 * empty folder, and run the installed binary from there. `npm test` has just
 * built dist/, so the pack skips prepack (rebuilding dist/ here would race the
 * other test files that run it); .ci/run packs with scripts on a fresh clone.
 */

const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {name: string; version: string; dependencies?: Record<string, string>};
let folder: string;
let server: net.Server;
let port: number;
let packed: {files: Array<{path: string}>; filename: string};

const npm = (args: string[], cwd: string) =>
	execFileSync('npm', args, {cwd, encoding: 'utf8', env: {...process.env, npm_config_update_notifier: 'false'}, stdio: ['ignore', 'pipe', 'pipe']});

beforeAll(async () => {
	folder = mkdtempSync(path.join(os.tmpdir(), 'socktop-pack-'));
	const output = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', folder], repoRoot);
	packed = (JSON.parse(output) as Array<typeof packed>)[0]!;
	npm(['init', '-y'], folder);
	npm(['install', '--no-audit', '--no-fund', '--offline', `./${packed.filename}`], folder);
	server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen({host: '127.0.0.1', port: 0}, resolve);
	});
	port = (server.address() as net.AddressInfo).port;
}, 120_000);

afterAll(() => {
	server?.close();
	if (folder) {
		rmSync(folder, {recursive: true, force: true});
	}
});

const npx = async (args: string[]) => runCli(['--no', '--', 'socktop', ...args], {command: ['npx'], cwd: folder});

describe('the published package', () => {
	it('holds only what runs and has no runtime dependencies', () => {
		const files = packed.files.map(file => file.path).sort();
		expect(files).toContain('dist/cli.js');
		expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
		expect(files.filter(file => !file.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(file))).toEqual([]);
		expect(files.filter(file => file.endsWith('.map') || file.endsWith('.ts') || file.endsWith('.tsx'))).toEqual([]);
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(readFileSync(path.join(repoRoot, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
	});

	it('says in one line that it needs Node.js 20 on an older Node, before any bundled code runs', () => {
		const bin = readFileSync(path.join(repoRoot, 'dist/cli.js'), 'utf8');
		// The check alone (the shebang and the bundle's import left out), against a process claiming Node 18.
		const check = bin.split('\n').filter(line => !line.startsWith('#!') && !line.includes('import(')).join('\n');
		const run = (version: string) => {
			const written: string[] = [];
			let code: number | undefined;
			const fakeProcess = {versions: {node: version}, stderr: {write: (text: string) => written.push(text)}, exit: (exitCode: number) => {
				code = exitCode;
			}};
			// eslint-disable-next-line no-new-func, @typescript-eslint/no-implied-eval
			new Function('process', check)(fakeProcess);
			return {written, code};
		};

		expect(run('18.19.1')).toEqual({written: ['socktop: needs Node.js 20 or newer; this is Node.js 18.19.1\n'], code: 2});
		expect(run('20.0.0')).toEqual({written: [], code: undefined});
		// And the bin loads the bundle only after it.
		expect(bin.trimEnd().endsWith("\nimport('./socktop.js');")).toBe(true);
		// The whole bin parses as a plain script (no top-level await, no static import), so a Node
		// too old for top-level await (before 14.8) reaches the check instead of a SyntaxError.
		const body = bin.split('\n').filter(line => !line.startsWith('#!')).join('\n');
		// eslint-disable-next-line no-new-func, @typescript-eslint/no-implied-eval
		expect(() => new Function('process', body)).not.toThrow();
	});

	it('npx socktop --once lists a listener this test opened', async () => {
		// --netns host: other namespaces' sockets (containers, other tests) would add a NETNS column.
		const result = await npx(['--once', '-4l', '--netns', 'host']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const row = result.stdout.split('\n').find(line => line.split(/\s+/).includes(`127.0.0.1:${port}`));
		expect(row?.split(/\s+/)).toEqual([os.userInfo().username, expect.any(String), String(process.pid), expect.stringMatching(/^\d+$/), 'tcp4', `127.0.0.1:${port}`, '*:*', 'LISTEN']);
	});

	it('npx socktop --json lists it too', async () => {
		const result = await npx(['--json', '-p', String(port)]);
		expect(result.code).toBe(0);
		const {sockets} = JSON.parse(result.stdout) as {sockets: Array<{pid: number | null; localPort: number | null; state: string | null}>};
		expect(sockets).toContainEqual(expect.objectContaining({pid: process.pid, localPort: port, state: 'LISTEN'}));
	});

	it('npx socktop --version and --help work', async () => {
		expect(await npx(['--version'])).toEqual({code: 0, stdout: `${packageJson.version}\n`, stderr: ''});
		const help = await npx(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('$ socktop [options]');
	});
});
