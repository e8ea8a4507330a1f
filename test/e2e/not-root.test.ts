import {execFile, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * socktop run by an ordinary user (nobody, via setpriv from util-linux) on a
 * machine where root holds sockets: it must not crash, must list root's
 * sockets with unknown ('?') holders, and must say how many processes it could
 * not read and why. Then the same with /proc mounted hidepid=2, in a private
 * mount namespace so the rest of the machine keeps its /proc.
 */
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
// Nobody must be able to read the bundle (a checkout under /root is not).
const isReadable = isRoot && hasSetpriv && isBuilt && spawnSync('setpriv', [...NOBODY, 'test', '-r', cliPath]).status === 0;
const canRun = process.platform === 'linux' && isReadable;
if (!canRun) {
	console.warn(
		`not-root: skipped, needs Linux, root (to drop to nobody), setpriv (util-linux) and a build at ${cliPath} that nobody can read`,
	);
}

vi.setConfig({testTimeout: 90_000});

type Result = {code: number | null; stdout: string; stderr: string};

async function asNobody(command: string[], prefix: string[] = []): Promise<Result> {
	return new Promise(resolve => {
		execFile(
			prefix[0] ?? 'setpriv',
			prefix.length > 0 ? [...prefix.slice(1), 'setpriv', ...NOBODY, ...command] : [...NOBODY, ...command],
			{maxBuffer: 1 << 30, env: {...process.env, NO_COLOR: '1'}},
			(error, stdout, stderr) => {
				resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr});
			},
		);
	});
}

type JsonSocket = {localPort: number | null; pid: number | null; command: string | null; user: string; uid: number | null};
type JsonDocument = {sockets: JsonSocket[]; skipped: {deniedProcesses: number; procHidden: boolean}};

let server: Server;
let port = 0;
const panes: TmuxPane[] = [];

beforeAll(async () => {
	// A listener held by root (this test process): nobody cannot read our fd table.
	server = createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	port = (server.address() as {port: number}).port;
});

afterAll(async () => {
	for (const pane of panes) {
		pane.kill();
	}

	await new Promise(resolve => {
		server.close(resolve);
	});
});

describe.skipIf(!canRun)('as nobody', () => {
	it('--json lists root\'s listener with no holder and counts the processes it could not read', async () => {
		const result = await asNobody([process.execPath, cliPath, '--json']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as JsonDocument;
		expect(document.skipped.deniedProcesses).toBeGreaterThan(0);
		expect(document.skipped.procHidden).toBe(false);
		const mine = document.sockets.find(socket => socket.localPort === port);
		expect(mine).toMatchObject({pid: null, command: null, user: 'root', uid: 0});
	});

	it('--once shows ? for the holder of root\'s listener', async () => {
		const result = await asNobody([process.execPath, cliPath, '--once', '-p', String(port)]);
		expect(result.code).toBe(0);
		const rows = result.stdout.split('\n').filter(line => line.includes(`:${port} `));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatch(/^root\s+\?\s+\?\s+\?\s+tcp4\s/);
	});

	it('--pid N --once of root\'s process prints its facts and why its fds are missing, and no empty fd table; --json agrees', async () => {
		const text = await asNobody([process.execPath, cliPath, '--pid', String(process.pid), '--once']);
		// As `ps -p N` succeeds for a process it can see: the process exists, only its fds are closed to nobody.
		expect(text.code).toBe(0);
		expect(text.stdout).toContain(`PID       ${process.pid}\n`);
		expect(text.stdout).toMatch(/\nNote: Permission denied reading the open files of PID \d+ \(user root\): run socktop as root \(sudo\) to see its files and sockets\.\n$/);
		expect(text.stdout).not.toContain('FOREIGN / PEER');
		const json = await asNobody([process.execPath, cliPath, '--pid', String(process.pid), '--json']);
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toMatchObject({pid: process.pid, fds: [], fdCount: null, denied: expect.stringMatching(/^Permission denied reading the open files of PID/)});
	});

	if (canRun && !hasTmux) console.warn('not-root: the terminal tests skipped, need tmux');

	it.skipIf(!hasTmux)('--once on a terminal says on stderr how many processes were hidden and why', async () => {
		const pane = new TmuxPane(`setpriv ${NOBODY.join(' ')} ${process.execPath} ${cliPath} --once -p ${port} >/dev/null; echo EXIT=$?; sleep 600`, 150, 10);
		panes.push(pane);
		const screen = await pane.waitFor(text => text.includes('EXIT='), 60_000);
		expect(screen).toContain('EXIT=0');
		expect(screen).toMatch(/socktop: \d+ processes could not be read: .+\[1\].* — run as root to see which sockets they hold/);
		// The lowest PIDs first: pid 1, root's, by its command.
		expect(screen).toContain(`could not be read: ${readFileSync('/proc/1/comm', 'utf8').trimEnd()}[1]`);
	});

	it.skipIf(!hasTmux)('the live header says how many processes are hidden and why', async () => {
		const pane = new TmuxPane(`setpriv ${NOBODY.join(' ')} ${process.execPath} ${cliPath} -d 0.5 -p ${port}; echo EXIT=$?; sleep 600`, 120, 20);
		panes.push(pane);
		const screen = await pane.waitFor(text => text.includes(`:${port} `), 60_000);
		// '219 processes hidden (systemd[1] and 218 more) — run as root to see which sockets they hold', or
		// '… and 2 network namespaces hidden — run as root to see them', naming processes where the line has room.
		expect(screen).toMatch(/\b[1-9]\d* process(es)?\b[^\n]* hidden[^\n]* — run as root to see/);
		// -p is the filter nobody set; the namespace shown without root is not one, and is said beside the count.
		expect(screen).toMatch(new RegExp(`Filter port ${port}   netns host   showing \\d+ of \\d+`));
		const row = screen.split('\n').find(line => line.includes(`:${port} `))!;
		// A NETNS cell ('host') shows when nobody can read another namespace (another test's process of nobody's).
		expect(row).toMatch(/^\s*root\s+\?\s+\?\s+\?\s+(host\s+)?tcp4\s/);
		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXIT='))).toContain('EXIT=0');
	});
});

/** unshare -m: a private mount namespace in which /proc is remounted with hidepid=2, then socktop as nobody. */
const hidepid = ['unshare', '-m', 'sh', '-c', 'mount -t proc -o hidepid=2 proc /proc && exec "$@"', 'sh'];
const canHide = canRun && spawnSync(hidepid[0]!, [...hidepid.slice(1), 'true']).status === 0;
if (canRun && !canHide) {
	console.warn('not-root: hidepid=2 case skipped, cannot mount /proc with hidepid=2 in a private mount namespace');
}

describe.skipIf(!canHide)('as nobody with /proc mounted hidepid=2', () => {
	it('sees only its own processes, yet lists every socket, root\'s with no holder', async () => {
		// Only nobody's processes are visible: this little pipeline's, and any other nobody runs on the machine (other tests' too).
		const seen = await asNobody(['sh', '-c', 'stat -c %u /proc/[0-9]* | sort -u; test -e /proc/1 && echo 1 is visible'], hidepid);
		expect(seen.stdout).toBe('65534\n');
		const result = await asNobody([process.execPath, cliPath, '--json'], hidepid);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as JsonDocument;
		const mine = document.sockets.find(socket => socket.localPort === port);
		expect(mine).toMatchObject({pid: null, command: null, user: 'root', uid: 0});
		expect(document.sockets.every(socket => socket.pid === null || socket.user === 'nobody')).toBe(true);
	});

	it('says in the JSON that /proc hides other users\' processes', async () => {
		const result = await asNobody([process.execPath, cliPath, '--json'], hidepid);
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as JsonDocument).skipped.procHidden).toBe(true);
	});

	it.skipIf(!hasTmux)('the live header says /proc hides other users\' processes', async () => {
		const pane = new TmuxPane(`${hidepid.map(word => `'${word}'`).join(' ')} setpriv ${NOBODY.join(' ')} ${process.execPath} ${cliPath} -d 0.5 -p ${port}; echo EXIT=$?; sleep 600`, 160, 20);
		panes.push(pane);
		const screen = await pane.waitFor(text => text.includes(`:${port} `), 60_000);
		expect(screen).toContain('/proc is mounted hidepid=2: other users\' processes are invisible — run as root');
		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXIT='))).toContain('EXIT=0');
	});
});
