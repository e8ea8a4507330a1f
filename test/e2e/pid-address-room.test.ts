import {spawn, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import {afterAll, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {hasPython} from '../helpers/hostile.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * The PID view at 80x24 of a real process with fds of four digits, a unix seqpacket socket and a
 * TCP connection to itself between two 15-character loopback hosts (127.0.0.0/8 is all loopback):
 * both ends read whole, where a session found '127.255.…254:PORT' beside TYPE 'unix seqpacket'.
 */
const canRun = process.platform === 'linux' && hasTmux && hasPython && isBuilt;
if (!canRun) console.warn(`pid-address-room: skipped, needs Linux, tmux, python3 and a build at ${cliPath} (npm run build)`);

vi.setConfig({testTimeout: 60_000});

/** Moves its sockets to fds 1105 and up (the fd limit raised to 4096, or as far as the hard one lets it), prints its PID, then waits. */
const holder = `
import os, resource, socket, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
try:
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, hard if hard == resource.RLIM_INFINITY else max(hard, 4096)))
except (ValueError, OSError):
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
server = socket.socket()
server.bind(("127.255.255.254", 0))
server.listen()
client = socket.socket()
client.bind(("127.255.255.253", 0))
client.connect(server.getsockname())
accepted, _ = server.accept()
for fd, sock in enumerate([a, b, server, client, accepted], start=1105):
    os.dup2(sock.fileno(), fd)
    sock.close()
print(os.getpid(), flush=True)
time.sleep(600)
`;

let python: ChildProcess | undefined;
let pane: TmuxPane | undefined;
afterAll(() => {
	pane?.kill();
	if (python?.pid !== undefined) process.kill(python.pid, 'SIGKILL');
});

it.skipIf(!canRun)('reads both 15-character IPv4 hosts and their ports whole at 80x24 beside fds of four digits and a seqpacket socket', async () => {
	python = spawn('python3', ['-c', holder], {stdio: ['ignore', 'pipe', 'inherit']});
	// Nothing printed: it failed (its traceback is on stderr).
	const line = await new Promise<string | undefined>(resolve => {
		const lines = createInterface({input: python!.stdout!});
		lines.once('line', resolve);
		lines.once('close', () => resolve(undefined));
	});
	expect(line).toBe(String(python.pid));
	pane = new TmuxPane(`${process.execPath} ${cliPath} --pid ${python.pid}; sleep 600`, 80, 24);
	const screen = await pane.waitFor(each => each.includes('1109u') && each.includes('└'), 30_000);
	const rows = screen.split('\n').filter(line => /^│ +11\d\du /u.test(line));
	expect(rows.find(line => line.includes('1105u'))).toContain('│ unix seqpac │');
	// The connection's two ends, each an address and port of 21 columns, whole in both columns.
	const whole = /127\.255\.255\.25[34]:\d{5}/gu;
	for (const fd of ['1108u', '1109u']) expect(rows.find(line => line.includes(fd))?.match(whole), `fd ${fd}`).toHaveLength(2);
	expect(screen).not.toMatch(/127\.255\.…/u);
});
