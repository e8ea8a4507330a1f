import {spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {repoRoot, runCli} from './helpers/run-cli.js';
import {hasTmux, TmuxPane} from './helpers/tmux.js';
import {hasPython, hasSs, startPython, threadListener, whyToolCannotBeHidden} from './helpers/tools.js';

type JsonSocket = Record<string, unknown> & {proto: string; localPort: number | null; pid: number | null; fd: number | null};

const listen = async (server: net.Server, options: net.ListenOptions) =>
	new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options, resolve);
	});

/** net.core.somaxconn, which caps a listener's backlog. */
const somaxconn = () => Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));

let tcp4: net.Server;
let tcp6: net.Server;
let unixServer: net.Server;
let tcp4Port: number;
let tcp6Port: number;
let directory: string;
let unixPath: string;

beforeAll(async () => {
	tcp4 = net.createServer();
	await listen(tcp4, {host: '127.0.0.1', port: 0});
	tcp4Port = (tcp4.address() as net.AddressInfo).port;
	tcp6 = net.createServer();
	await listen(tcp6, {host: '::1', port: 0, ipv6Only: true});
	tcp6Port = (tcp6.address() as net.AddressInfo).port;
	directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-cli-'));
	unixPath = path.join(directory, 'cli.sock');
	unixServer = net.createServer();
	await listen(unixServer, {path: unixPath});
});

afterAll(() => {
	tcp4?.close();
	tcp6?.close();
	unixServer?.close();
	rmSync(directory, {recursive: true, force: true});
});

/**
 * Run a shell command on a real terminal (a tmux pane of its own server, 120x20) and
 * return the pane's non-blank lines once it prints `exit=N`.
 */
async function runOnTerminal(command: string): Promise<string[]> {
	const pane = new TmuxPane(`cd '${repoRoot}' && ${command}; echo "exit=$?"`, 120, 20);
	try {
		await pane.waitFor(text => text.includes('exit='), 20_000);
		// -S -: the history too: tmux 3.3a moves the first line of a pane whose command ended within
		// moments (remain-on-exit) into the history. -J: a line longer than the pane (a note naming
		// many hidden namespaces) comes back whole.
		return pane
			.tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', '0'])
			.split('\n')
			.map(line => line.trimEnd())
			.filter(line => line !== '');
	} finally {
		pane.kill();
	}
}

/** Lines of one-shot output whose LOCAL ADDRESS column is exactly `local`. */
const rowsFor = (stdout: string, local: string) =>
	stdout.split('\n').filter(line => line.split(/\s+/).includes(local));

describe('socktop --help and --version', () => {
	it('prints the help and exits 0', async () => {
		const result = await runCli(['--help']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('$ socktop [options]');
		// The live view's keys are its own screen's: --help says where.
		expect(result.stdout).toContain('Keys: press ? in the live view (q quits).');
		for (const flag of ['-4', '-6', '-u', '-l', '-c', '-p', '-P', '--pid', '--user', '-d', '--once', '--json', '--backend', '--import', '--services', '--ephemeral', '--netns', '--sort', '--no-color']) {
			expect(result.stdout).toMatch(new RegExp(`^ +(-\\w, )?${flag}[ ,]`, 'm'));
		}

		expect((await runCli(['-h'])).stdout).toBe(result.stdout);
	});

	it('prints the package version', async () => {
		const {version} = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string};
		expect(await runCli(['--version'])).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
	});

	it('documents in the README exactly what --help prints', async () => {
		const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
		const help = (await runCli(['--help'])).stdout.replace(/^\n+|\n+$/g, '');
		expect(readme).toContain(help);
	});
});

describe.concurrent('socktop usage errors', () => {
	it.each([
		[['-p', 'abc'], "socktop: -p: 'abc' is not a port number (1-65535)"],
		[['-p', '70000'], 'socktop: -p: port 70000 is out of range (1-65535)'],
		[['-p', '8100-8000'], 'socktop: -p: range 8100-8000 is reversed (write 8000-8100)'],
		[['-p', '22-'], "socktop: -p: '22-' is not a port range (LOW-HIGH)"],
		[['--jsn'], 'socktop: unknown flag --jsn (did you mean --json?)'],
		[['--Once'], 'socktop: unknown flag --Once (did you mean --once?)'],
		[['--no-colour=x'], 'socktop: unknown flag --no-colour (did you mean --no-color?)'],
		// --ipv is as close to --ipv4 as to --ipv6: no guess.
		[['--ipv'], 'socktop: unknown flag --ipv (see socktop --help)'],
		[['-P', 'nosuch'], "socktop: -P: unknown protocol 'nosuch' (use tcp, udp, udplite, icmp, raw, unix, stream, dgram, seqpacket, packet)"],
		[['-P', 'udp4'], 'socktop: -P takes udp without the 4; add -4 for IPv4'],
		[['--frobnicate'], 'socktop: unknown flag --frobnicate (see socktop --help)'],
		[['-z'], 'socktop: unknown flag -z (see socktop --help)'],
		[['-d', '0'], 'socktop: -d: interval 0 is out of range (0.1 to 3600 seconds)'],
		[['--pid', 'nope'], "socktop: --pid: 'nope' is not a process ID"],
		[['--backend', 'netstat'], "socktop: --backend: unknown backend 'netstat' (use proc, lsof or sockstat)"],
		[['extra'], "socktop: unexpected argument 'extra' (socktop takes only flags; see --help)"],
		// ps's and pgrep's -u USER, ip's -n NAME: the flag socktop takes that value with.
		[['-u', 'root'], "socktop: unexpected argument 'root' (-u is unix sockets; a user is --user root)"],
		[['-lu', 'www-data'], "socktop: unexpected argument 'www-data' (-u is unix sockets; a user is --user www-data)"],
		[['-n', 'blue'], "socktop: unexpected argument 'blue' (-n shows uids; a network namespace is --netns blue)"],
		// -p took the l: that is the mistake to name, not the 22 left over.
		[['-pl', '22'], "socktop: -p: 'l' is not a port number (1-65535)"],
		[['-l-p'], 'socktop: unknown flag -l-p (did you mean -l -p?)'],
		[['-P', 'tcp,'], "socktop: -P: 'tcp,' has an empty item (use tcp, udp, udplite, icmp, raw, unix, stream, dgram, seqpacket, packet)"],
		[['-p', '22,'], "socktop: -p: '22,' has an empty item (e.g. 22,80,8000-8100)"],
		[['--ephemeral', 'abc'], "socktop: --ephemeral: 'abc' is not a port range (LOW-HIGH, e.g. 32768-60999)"],
		[['--user', '-1'], "socktop: --user: '-1' is not a user ID (a uid is 0 or more)"],
		// ss habits: what socktop has instead.
		[['-tan'], 'socktop: unknown flag -t (for TCP, use -P tcp)'],
		[['-x'], 'socktop: unknown flag -x (for unix sockets, use -u)'],
		[['-a'], 'socktop: unknown flag -a (socktop shows every socket unless a filter is given)'],
		// lsof's, who holds a port.
		[['-i', ':5432'], "socktop: unknown flag -i (for lsof's -i :PORT, use -p PORT)"],
		// A value flag given twice, one rule and one wording for every one of them (findRepeatedFlag).
		[['-d', '1', '-d', '2'], "socktop: -d given twice ('1', then '2'): it takes one value"],
		[['--user', 'root', '--user', 'nobody', '--once'], "socktop: --user given twice ('root', then 'nobody'): it takes one value"],
		[['--pid', '1', '--pid', '1', '--once'], "socktop: --pid given twice ('1', then '1'): it takes one value"],
		[['--netns', 'host', '--netns=all'], "socktop: --netns given twice ('host', then 'all'): it takes one value"],
		[['--services', '/nonexistent/services', '--once'], 'socktop: --services /nonexistent/services: no such file'],
		[['--services', '/etc', '--once'], 'socktop: --services /etc: is a directory'],
		[['--import', 'test/fixtures/sockstat/article-2001.txt', '--pid', '3758', '--once', '--services', '/dev/zero'], 'socktop: cannot read services file /dev/zero: it is over 16 MiB, larger than any services file'],
		[['--import', '/nonexistent/capture', '--once'], 'socktop: cannot read /nonexistent/capture: no such file'],
		[['--import', '/nonexistent/\u001b[2J\nx', '--once'], 'socktop: cannot read /nonexistent/\\x1b[2J\\nx: no such file'],
		[['--user', 'socktop-no-such-user', '--once'], "socktop: --user: no user named 'socktop-no-such-user' on this machine"],
		[['-p'], 'socktop: -p needs a port list (e.g. 22,80,8000-8100)'],
		[['-lp'], 'socktop: -p needs a port list (e.g. 22,80,8000-8100)'],
		[['-p', '22', '-p'], 'socktop: -p needs a port list (e.g. 22,80,8000-8100)'],
		[['--ports='], 'socktop: --ports needs a port list (e.g. 22,80,8000-8100)'],
		[['-P'], 'socktop: -P needs a protocol list (e.g. tcp,udp)'],
		[['--protocols', '--once'], 'socktop: --protocols needs a protocol list (e.g. tcp,udp)'],
		[['--netns'], 'socktop: --netns needs all, host or a namespace name'],
		[['--once=yes'], "socktop: --once takes no value (got 'yes')"],
		[['--color=never'], "socktop: --color takes no value (got 'never')"],
		[['--no-loopback=x'], "socktop: --no-loopback takes no value (got 'x')"],
		[['--loopback'], 'socktop: unknown flag --loopback (see socktop --help)'],
		[['--sort', 'nope', '--once'], "socktop: --sort: unknown column 'nope' (use user, command, pid, fd, netns, proto, local, foreign, state, service; -COLUMN for descending)"],
		[['--sort'], 'socktop: --sort needs a column (e.g. pid, or -pid for descending)'],
	])('%j: one line on stderr, exit 2, no stack', async (args, message) => {
		const result = await runCli(args);
		expect(result).toEqual({code: 2, stdout: '', stderr: `${message}\n`});
	});
});

describe('socktop --sort', () => {
	// A FreeBSD capture: its PIDs (405 ... 60028) sort differently as text, its addresses as text too.
	const capture = ['--import', 'test/fixtures/sockstat/freebsd-smoke-s.txt'];
	const column = (stdout: string, index: number) => stdout.trimEnd().split('\n').slice(1).map(line => line.split(/\s+/)[index]!);

	it('prints the table in the order the live view sorts by, PIDs as numbers', async () => {
		const result = await runCli([...capture, '--once', '--sort', 'PID']);
		expect(result.code).toBe(0);
		const pids = column(result.stdout, 2).map(Number);
		expect(pids).toEqual([...pids].sort((a, b) => a - b));
		expect(pids.slice(0, 1).concat(pids.at(-1)!)).toEqual([405, 60_028]);
		// Without --sort: the capture's own order, as sockstat printed it.
		expect(column((await runCli([...capture, '--once'])).stdout, 2).slice(0, 2)).toEqual(['60028', '60028']);
	});

	it('-COLUMN sorts descending, in --json too; addresses by number', async () => {
		const result = await runCli([...capture, '--json', '-4', '--sort', '-local']);
		expect(result.code).toBe(0);
		const sockets = (JSON.parse(result.stdout) as {sockets: JsonSocket[]}).sockets;
		expect(sockets.map(socket => `${String(socket['localAddress'])}:${socket.localPort}`)).toEqual([
			'10.0.2.15:22',
			'10.0.2.15:22',
			'10.0.2.15:22',
			'10.0.2.15:22',
			'*:514',
			'*:22',
		]);
		expect(sockets.slice(0, 4).map(socket => socket.pid)).toEqual([60_028, 60_025, 2872, 2869]);
	});
});

describe('socktop environment errors', () => {
	it('names SOCKTOP_SERVICES, not a --services flag that was never given', async () => {
		const result = await runCli(['--once'], {env: {SOCKTOP_SERVICES: '/nonexistent/services'}});
		expect(result).toEqual({code: 2, stdout: '', stderr: 'socktop: SOCKTOP_SERVICES=/nonexistent/services: no such file\n'});
	});
});

describe('socktop unexpected errors', () => {
	// A preload that makes every write to stdout fail stands in for an I/O error.
	const failingStdout = `data:text/javascript,process.stdout.write=()=>{throw new Error('disk on fire')}`;
	const command = [process.execPath, '--import', failingStdout, 'dist/cli.js'];

	it('prints one line and exits 1', async () => {
		expect(await runCli(['--once', '-p', '1'], {command})).toEqual({code: 1, stdout: '', stderr: 'socktop: disk on fire\n'});
	});

	it('reports a full disk as one line and exit 1', async () => {
		const result = await runCli([], {command: ['bash', '-c', `"${process.execPath}" dist/cli.js --once -p 1 > /dev/full`]});
		expect(result).toEqual({code: 1, stdout: '', stderr: 'socktop: ENOSPC: no space left on device, write\n'});
	});

	it('adds the stack trace with SOCKTOP_DEBUG=1', async () => {
		const result = await runCli(['--once', '-p', '1'], {command, env: {SOCKTOP_DEBUG: '1'}});
		expect(result.code).toBe(1);
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines[0]).toBe('socktop: disk on fire');
		expect(lines[1]).toBe('Error: disk on fire');
		expect(lines.slice(2).every(line => line.startsWith('    at '))).toBe(true);
		expect(lines.length).toBeGreaterThan(2);
	});
});

describe('socktop one-shot output', () => {
	it('--once lists the test\'s listeners with this process as holder', async () => {
		// --netns host: other namespaces' sockets (containers, other tests) would add a NETNS column.
		const result = await runCli(['--once', '--netns', 'host']);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		expect(lines[0]).toMatch(/^USER +COMMAND +PID +FD +PROTO +LOCAL ADDRESS +FOREIGN ADDRESS +STATE$/);
		const [row4] = rowsFor(result.stdout, `127.0.0.1:${tcp4Port}`);
		expect(row4?.split(/\s+/)).toEqual([os.userInfo().username, expect.any(String), String(process.pid), expect.stringMatching(/^\d+$/), 'tcp4', `127.0.0.1:${tcp4Port}`, '*:*', 'LISTEN']);
		const [row6] = rowsFor(result.stdout, `[::1]:${tcp6Port}`);
		expect(row6?.split(/\s+/).slice(2)).toEqual([String(process.pid), expect.stringMatching(/^\d+$/), 'tcp6', `[::1]:${tcp6Port}`, '*:*', 'LISTEN']);
		const [rowUnix] = rowsFor(result.stdout, unixPath);
		expect(rowUnix?.split(/\s+/).slice(2)).toEqual([String(process.pid), expect.stringMatching(/^\d+$/), 'stream', unixPath, '-', 'LISTEN']);
	});

	it('prints the table when stdout is a pipe, even without --once', async () => {
		const result = await runCli(['-4l', '-p', String(tcp4Port)]);
		expect(result.code).toBe(0);
		expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
		expect(rowsFor(result.stdout, `127.0.0.1:${tcp4Port}`)).toHaveLength(1);
	});

	it('--json is one document with the listener and every socket field', async () => {
		const result = await runCli(['--json']);
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {time: string; hostname: string; backend: string; sockets: JsonSocket[]; skipped: Record<string, unknown>};
		expect(new Date(document.time).toISOString()).toBe(document.time);
		expect(document.hostname).toBe(os.hostname());
		expect(document.backend).toBe('proc');
		expect(Object.keys(document.skipped).sort()).toEqual(['deniedAsRoot', 'deniedNamespaces', 'deniedProcessList', 'deniedProcesses', 'malformedExample', 'malformedLines', 'procHidden', 'unreadableTables', 'vanishedProcesses']);
		const mine = document.sockets.filter(socket => socket.pid === process.pid && socket.proto === 'tcp4' && socket.localPort === tcp4Port);
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({localAddress: '127.0.0.1', foreignAddress: '*', foreignPort: null, path: null, state: 'LISTEN', user: os.userInfo().username, uid: os.userInfo().uid});
		expect(mine[0]!.fd).toBeGreaterThan(2);
		expect(Object.keys(mine[0]!).sort()).toEqual(
			['backlog', 'command', 'drops', 'fd', 'foreignAddress', 'foreignPort', 'inode', 'isFamilyGuessed', 'isV6Only', 'linkInterface', 'localAddress', 'localPort', 'netns', 'path', 'peerInode', 'peerPath', 'pid', 'proto', 'rxQueue', 'state', 'txQueue', 'uid', 'user'],
		);
		expect(mine[0]!.isFamilyGuessed).toBe(false);
		// --json asks ss -tlnHe for a TCP listener's backlog (Node's listen() gives 511, under somaxconn's
		// 4096 since Linux 5.4), where ss is installed; an IPv4 listener has no IPv6-only flag.
		expect(mine[0]).toMatchObject({backlog: hasSs ? Math.min(511, somaxconn()) : null, drops: null, isV6Only: null});
		const unix = document.sockets.find(socket => socket.path === unixPath);
		expect(unix).toMatchObject({proto: 'stream', pid: process.pid, localAddress: null, localPort: null, state: 'LISTEN'});
	});

	it('reads a short flag\'s value written onto it: -Ptcp, -lp22,80', async () => {
		const result = await runCli(['-4Ptcp', `-lp1,${tcp4Port}`, '--json']);
		expect(result.code).toBe(0);
		const sockets = (JSON.parse(result.stdout) as {sockets: JsonSocket[]}).sockets;
		expect(sockets.map(socket => `${socket.proto}:${socket.localPort}`)).toEqual([`tcp4:${tcp4Port}`]);
	});

	it('passes the filters through: families (grouped), listening, ports, user, unix', async () => {
		const ports = `${tcp4Port},${tcp6Port}`;
		const found = async (args: string[]) =>
			(JSON.parse((await runCli([...args, '--json'])).stdout) as {sockets: JsonSocket[]}).sockets
				.map(socket => `${socket.proto}:${socket.localPort}`)
				.sort();
		const [v6, both] = await Promise.all([
			found(['-6', '-p', ports]),
			found(['-46l', '--user', String(os.userInfo().uid), '-p', ports]),
		]);
		expect(v6).toEqual([`tcp6:${tcp6Port}`]);
		expect(both).toEqual([`tcp4:${tcp4Port}`, `tcp6:${tcp6Port}`]);
		const unixOnly = await runCli(['-u', '-l', '--once']);
		expect(rowsFor(unixOnly.stdout, unixPath)).toHaveLength(1);
		expect(rowsFor(unixOnly.stdout, `127.0.0.1:${tcp4Port}`)).toHaveLength(0);
	});

	it('--pid N --once and --json print the PID view of this process, its listener explained', async () => {
		const [text, json] = await Promise.all([
			runCli(['--pid', String(process.pid), '--once']),
			runCli(['--pid', String(process.pid), '--json']),
		]);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(new RegExp(`^PID +${process.pid}$`, 'm'));
		expect(text.stdout).toContain(`127.0.0.1:${tcp4Port}`);
		expect(text.stdout).toContain(unixPath);
		const detail = JSON.parse(json.stdout) as {process: {pid: number}; fds: Array<{fd: number; type: string; socket: JsonSocket | null; explanation: unknown}>};
		expect(detail.process.pid).toBe(process.pid);
		const listener = detail.fds.find(fd => fd.socket?.localPort === tcp4Port);
		expect(listener).toMatchObject({type: 'socket', socket: {proto: 'tcp4', state: 'LISTEN'}});
		expect(listener?.explanation).not.toBeNull();
	});

	it('--pid N with socket filters lists only the fds whose socket passes them, and says which filters hide how many', async () => {
		const [json, text] = await Promise.all([
			runCli(['--pid', String(process.pid), '-4l', '-p', String(tcp4Port), '--json']),
			runCli(['--pid', String(process.pid), '-u', '-l', '--once']),
		]);
		const detail = JSON.parse(json.stdout) as {filters: {active: string[]; hiddenFds: number}; fds: Array<{socket: JsonSocket | null}>; fdCount: number};
		expect(detail.fds.map(fd => `${fd.socket?.proto}:${fd.socket?.localPort}`)).toEqual([`tcp4:${tcp4Port}`]);
		expect(detail.filters).toEqual({active: ['listening', 'IPv4', `port ${tcp4Port}`], text: null, hiddenFds: expect.any(Number)});
		expect(detail.filters.hiddenFds).toBeGreaterThan(2);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^Note: Filters in force: listening, unix; they hide \d+ of the \d+ fds read$/m);
		expect(text.stdout).toContain(unixPath);
		expect(text.stdout).not.toContain(`127.0.0.1:${tcp4Port}`);
		expect(text.stdout).not.toMatch(/^ *0 /m);
	});

	if (process.platform === 'linux' && !hasPython) console.warn('skipping the --pid TID test: python3 (to start a thread) is not installed');

	it.skipIf(process.platform !== 'linux' || !hasPython)('--pid TID (a thread) prints its process\'s view, and says so in a note and a JSON field', async () => {
		const {pid, line} = await startPython(threadListener);
		const [tid, port] = line.split(' ');
		const [text, json] = await Promise.all([runCli(['--pid', tid!, '--once']), runCli(['--pid', tid!, '--json'])]);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(new RegExp(`^PID +${pid}$`, 'm'));
		expect(text.stdout).toMatch(new RegExp(`^Note: PID ${tid} is a thread of ${pid} \\(python3[^)]*\\); showing the process$`, 'm'));
		expect(text.stdout).toContain(`127.0.0.1:${port}`);
		const detail = JSON.parse(json.stdout) as {pid: number; thread: unknown; process: {pid: number}; fds: Array<{socket: JsonSocket | null}>};
		expect(detail).toMatchObject({pid, thread: {tid: Number(tid), name: 'sock-worker'}, process: {pid}});
		expect(detail.fds.some(fd => fd.socket?.localPort === Number(port) && fd.socket.pid === pid)).toBe(true);
		// A process's own PID is no thread's: no note, and the field is null.
		const own = await runCli(['--pid', String(pid), '--json']);
		expect(JSON.parse(own.stdout)).toMatchObject({pid, thread: null});
	});

	it('--import - reads a capture from stdin and filters it like a live scan', async () => {
		const capture = readFileSync(path.join(repoRoot, 'test/fixtures/sockstat/article-2001.txt'), 'utf8');
		const result = await runCli(['--import', '-', '-c', '--once'], {input: capture});
		expect(result).toEqual({
			code: 0,
			stderr: '',
			stdout: [
				'USER    COMMAND  PID  FD PROTO LOCAL ADDRESS      FOREIGN ADDRESS   STATE',
				'genisis navigato 3758 20 tcp4  24.141.117.39:4472 209.225.2.218:80  ?',
				'genisis navigato 3758 30 tcp4  24.141.117.39:4469 208.201.239.36:80 ?',
				'',
			].join('\n'),
		});
		const json = await runCli(['--import', '-', '--json', '-p', '512'], {input: capture});
		const document = JSON.parse(json.stdout) as {backend: string; sockets: JsonSocket[]};
		expect(document.backend).toBe('import');
		expect(document.sockets.map(socket => `${socket['user']} ${socket['command']} ${socket.pid} ${socket.fd}`)).toEqual([
			'tty comsat 8372 0',
			'tty comsat 8372 1',
			'tty comsat 8372 2',
			'root inetd 172 6',
		]);
	});

	if (!hasTmux) {
		console.warn('skipping the TERM=dumb test: tmux is not installed (.ci/run installs it)');
	}

	it.skipIf(!hasTmux)('prints the table on a terminal when TERM=dumb', async () => {
		// --netns host: sockstat's columns, whatever other namespaces (other tests') hold sockets meanwhile.
		const all = await runOnTerminal(`TERM=dumb "${process.execPath}" dist/cli.js -4l --netns host -p ${tcp4Port}`);
		// As root, a process even root cannot read (this sandbox's PID 1) is noted on stderr, without "run as root".
		const notes = all.filter(line => line.startsWith('socktop: '));
		for (const note of notes) expect(note).toMatch(process.getuid?.() === 0 ? /\(even as root\)/ : /run as root/);
		const lines = all.filter(line => !line.startsWith('socktop: '));
		expect(lines[0]).toMatch(/^USER +COMMAND +PID +FD +PROTO +LOCAL ADDRESS +FOREIGN ADDRESS +STATE$/);
		expect(lines[1]?.split(/\s+/)).toContain(`127.0.0.1:${tcp4Port}`);
		expect(lines[2]).toBe('exit=0');
	});

	const canDropRoot = hasTmux && process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
	if (!canDropRoot) {
		console.warn('skipping the not-root note test: it needs root, setpriv and tmux');
	}

	it.skipIf(!canDropRoot)('tells a person on a terminal, not a pipe, how many processes it could not read', async () => {
		const asNobody = `setpriv --reuid=65534 --regid=65534 --clear-groups "${process.execPath}" dist/cli.js --once -p ${tcp4Port}`;
		const lines = await runOnTerminal(asNobody);
		// The test's own listener is root's: listed, with its holder hidden.
		expect(lines[1]?.split(/\s+/)).toEqual(['root', '?', '?', '?', 'tcp4', `127.0.0.1:${tcp4Port}`, '*:*', 'LISTEN']);
		// Other tests' network namespaces, root's, may be hidden from nobody too; a process that exits
		// between its denied listing and the read of its name is named by PID (format/denied.ts).
		expect(lines[2]).toMatch(
			/^socktop: \d+ process(es)? could not be read: .+\[1\](, (.+\[\d+\]|pid \d+)){0,2}( and \d+ more)? — run as root to see which sockets they hold(; \d+ network namespaces? could not be read)?$/,
		);
		// Named from the lowest PID up: pid 1 is root's, so it comes first.
		expect(lines[2]).toContain(`: ${readFileSync('/proc/1/comm', 'utf8').trimEnd()}[1]`);
		expect(lines[3]).toBe('exit=0');
		const piped = await runCli([], {command: ['bash', '-c', `${asNobody} 2>&1`]});
		expect(piped.stdout).not.toContain('could not be read');
	});

	it('ends quietly when the reader closes the pipe early', async () => {
		const result = await runCli([], {command: ['bash', '-c', `set -o pipefail; "${process.execPath}" dist/cli.js --once | head -1`]});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^USER /);
		expect(result.stderr).toBe('');
	});

	it('ends quietly, with 0, when the reader closed the pipe before the first write (EPIPE)', async () => {
		// The reader closes its end at once: every write socktop makes fails with EPIPE.
		const result = await runCli([], {command: ['bash', '-c', `set -o pipefail; "${process.execPath}" dist/cli.js --once | (exec <&-; sleep 1)`]});
		expect(result).toEqual({code: 0, stdout: '', stderr: ''});
	});
});

const whyNoSsTest = process.platform === 'linux' ? whyToolCannotBeHidden('ss') : 'needs Linux';
if (whyNoSsTest !== null) console.warn(`the test without ss skipped: ${whyNoSsTest}`);

describe.skipIf(whyNoSsTest !== null)('without ss', () => {
	it('says in one line that unix peers are unnamed because ss is missing', async () => {
		// A unix socket of this process's own, connected, so there is a peer to name.
		const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-noss-'));
		const server = net.createServer().listen(path.join(directory, 's.sock'));
		await once(server, 'listening');
		const client = net.connect(path.join(directory, 's.sock'));
		await once(client, 'connect');
		try {
			// Node itself is found by its full path; nothing else is on PATH.
			const result = await runCli(['--json', '-u'], {env: {PATH: '/nonexistent'}});
			expect(result.code).toBe(0);
			const {skipped} = JSON.parse(result.stdout) as {skipped: {unreadableTables: string[]}};
			expect(skipped.unreadableTables).toContain('unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin');
		} finally {
			client.destroy();
			server.close();
			rmSync(directory, {recursive: true, force: true});
		}
	});
});
