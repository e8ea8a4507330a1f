import {spawnSync} from 'node:child_process';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';
import {forkHolders, hasPython, startPython} from '../helpers/tools.js';

/**
 * The kill dialog tells the truth before the user acts, on the real OS through the built
 * socktop in a terminal: as an ordinary user, k on root's process says at once that socktop
 * may not signal it (no menu, no y/N); and k on a worker of a prefork server says, under
 * the question, that the others keep its port bound, from the table and from the PID view.
 */
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
const canRun = process.platform === 'linux' && isBuilt && hasTmux;
const canDrop = canRun && isRoot && hasSetpriv && spawnSync('setpriv', [...NOBODY, 'test', '-r', cliPath]).status === 0;
if (!canRun) console.warn(`kill-truth: skipped, needs Linux, tmux and a build at ${cliPath}`);
else if (!canDrop) console.warn('kill-truth: the not-root case skipped, it needs root, setpriv and a build nobody can read');
if (canRun && !hasPython) console.warn('kill-truth: the prefork server case skipped, needs python3');

vi.setConfig({testTimeout: 60_000});

const panes: TmuxPane[] = [];
afterEach(() => {
	for (const pane of panes.splice(0)) pane.kill();
});

function socktop(args: string, prefix = ''): TmuxPane {
	const pane = new TmuxPane(`${prefix}${process.execPath} ${cliPath} ${args}; echo EXIT=$?; sleep 600`, 80, 24);
	panes.push(pane);
	return pane;
}

describe.skipIf(!canDrop)('as nobody', () => {
	it('k on root\'s process says at once that socktop may not signal it, and as whom to run, without the menu', async () => {
		const pane = socktop(`--pid ${process.pid}`, `setpriv ${NOBODY.join(' ')} `);
		// Read (denied): the title offers 'k kill' only until kill(pid, 0) refuses, which may be before the first
		// screen is captured, so the test waits for the read, not the hint; k still answers.
		await pane.waitFor(screen => screen.includes('Permission denied reading the open files'), 30_000);
		pane.keys('k');
		const screen = await pane.waitFor(screen => screen.includes('may not signal'));
		expect(screen).toMatch(new RegExp(`socktop may not signal \\S+\\[${process.pid}\\] \\(user root\\): run as root\\.`));
		expect(screen).not.toContain('SIGTERM');
		pane.keys('y');
		// Closed by the key, which sends nothing: the line stays as what k did, and this process lives.
		await pane.waitFor(screen => !screen.includes('Press any key') && screen.includes('may not signal'));
		pane.keys('q');
		expect(await pane.waitFor(screen => screen.includes('EXIT='))).toContain('EXIT=0');
	});
});

const server = `
import os, socket, sys, time
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen()
${forkHolders(2)}
print(s.getsockname()[1], *kids, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun || !hasPython)('a prefork server', () => {
	it('k on a holder of its listener, from the table and from the PID view, says the others keep the port bound', async () => {
		const {pid, line} = await startPython(server);
		const [port, ...kids] = line.split(' ').map(Number) as [number, ...number[]];
		const others = (holder: number) => [pid, ...kids].filter(each => each !== holder).sort((a, b) => a - b);

		const table = socktop(`-p ${port}`);
		await table.waitFor(screen => screen.split('\n').filter(row => row.includes(`:${port} `)).length === 3, 30_000);
		// The first row is selected: whichever holder it is, the other two hold the socket too.
		table.keys('k');
		await table.waitFor(screen => screen.includes('SIGTERM'));
		table.keys('Enter');
		const asked = await table.waitFor(screen => screen.includes('y/N'));
		const holder = Number(/Send SIGTERM to PID (\d+)/.exec(asked)?.[1]);
		const [first] = others(holder);
		expect(asked).toContain(`python3[${first}] fd 3 and 1 other also hold 127.0.0.1:${port} — it stays bound`);
		table.keys('Escape');
		await table.waitFor(screen => screen.includes('Cancelled'));

		const view = socktop(`--pid ${kids[0]}`);
		await view.waitFor(screen => screen.includes('k kill') && screen.includes(`127.0.0.1:${port}`), 30_000);
		view.keys('k');
		await view.waitFor(screen => screen.includes('SIGTERM'));
		view.keys('Enter');
		const question = await view.waitFor(screen => screen.includes('y/N'));
		expect(question).toContain(`python3[${others(kids[0]!)[0]}] fd 3 and 1 other also hold 127.0.0.1:${port} — it stays bound`);
		view.keys('Escape');
		await view.waitFor(screen => screen.includes('Cancelled'));
	});
});
