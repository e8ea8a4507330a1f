import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {afterAll, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {hasPython} from '../helpers/hostile.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * Enter on a real connection between two real processes: a python3 server and the child it
 * forked, connected to it over loopback TCP. From the child's PID view, `/` finds the
 * connection by its port, Enter opens the server's view, Backspace comes back with the filter
 * and selection, and q quits (socktop started on --pid). Run against the built bundle in tmux.
 */
const canRun = process.platform === 'linux' && hasTmux && hasPython && isBuilt;
if (!canRun) console.warn(`pid-follow: skipped, needs Linux, tmux, python3 and a build at ${cliPath} (npm run build)`);

vi.setConfig({testTimeout: 60_000});

/** Prints the child's PID and the server's port once the connection is accepted, then waits. */
const pair = `
import os, socket, time
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()
port = server.getsockname()[1]
child = os.fork()
if child == 0:
    server.close()
    client = socket.create_connection(("127.0.0.1", port))
    time.sleep(600)
else:
    accepted, _ = server.accept()
    print(child, port, flush=True)
    time.sleep(600)
`;

let python: ChildProcess | undefined;
let pane: TmuxPane | undefined;
afterAll(() => {
	pane?.kill();
	// Its own process group: the forked child goes with it.
	if (python?.pid !== undefined) process.kill(-python.pid, 'SIGKILL');
});

const commandOf = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
const titleOf = (screen: string) => screen.split('\n')[0] ?? '';

it.skipIf(!canRun)('Enter on a connection opens the PID view of the process at its other end; Backspace comes back, q quits', async () => {
	python = spawn('python3', ['-c', pair], {detached: true, stdio: ['ignore', 'pipe', 'inherit']});
	const line = await new Promise<string>(resolve => {
		createInterface({input: python!.stdout!}).once('line', resolve);
	});
	const [child, port] = line.split(' ').map(Number) as [number, number];
	const server = python.pid!;
	const command = commandOf(server);

	pane = new TmuxPane(`${process.execPath} ${cliPath} --pid ${child}; echo EXIT=$?; sleep 600`, 100, 30);
	await pane.waitFor(screen => titleOf(screen).startsWith(` PID ${child} `) && screen.includes(`:${port} → `) && pane!.isRawMode, 30_000);
	// The connection, found by its port among the child's fds.
	pane.keys('/');
	pane.type(String(port));
	pane.keys('Enter');
	await pane.waitFor(screen => titleOf(screen).includes(`"${port}": showing 1 of `) && !screen.includes('Filter:'));
	expect(titleOf(pane.capture())).toContain('Enter peer');

	pane.keys('Enter');
	const serverScreen = await pane.waitFor(screen => titleOf(screen).startsWith(` PID ${server} `) && screen.includes(`[${child}] fd `));
	expect(titleOf(serverScreen)).toContain(` PID ${server} ${command} `);
	// The server's end of the connection is selected: its sentence comes first under the table.
	const firstSentence = serverScreen.split('\n')[serverScreen.split('\n').findIndex(each => each.startsWith('└')) + 1] ?? '';
	expect(firstSentence).toMatch(new RegExp(`^fd \\d+: \\S+ accepted a connection on port ${port} `));

	pane.keys('BSpace');
	// Read again, with the filter it had.
	const back = await pane.waitFor(screen => titleOf(screen).startsWith(` PID ${child} `) && titleOf(screen).includes(`"${port}": showing 1 of `));
	expect(back).toContain(`${command}[${server}] fd `);

	// q quits where socktop started on the PID view, from a view Enter opened too.
	pane.keys('Enter');
	await pane.waitFor(screen => titleOf(screen).startsWith(` PID ${server} `));
	pane.keys('q');
	await pane.waitFor(screen => screen.includes('EXIT=0'));
});
