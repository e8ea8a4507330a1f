import {readFileSync} from 'node:fs';
import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * The built socktop in a real terminal (tmux, 100x30) against the real OS:
 * two listeners this test opens show up, sorting changes their order (and --sort
 * sets it), p edits the port list, `?` shows the help, and `q` or SIGTERM leave the shell's screen as it was.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`live e2e: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);
}

const servers: net.Server[] = [];
const panes: TmuxPane[] = [];
let low = 0;

const listen = async (port: number) =>
	new Promise<net.Server>((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			resolve(server);
		});
	});

/** Two listeners on neighbouring free loopback ports, so one `-p LOW-HIGH` shows exactly them. */
async function listenOnPair(): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const base = 20_000 + Math.floor(Math.random() * 20_000);
		try {
			// eslint-disable-next-line no-await-in-loop
			servers.push(await listen(base));
		} catch {
			continue;
		}

		try {
			// eslint-disable-next-line no-await-in-loop
			servers.push(await listen(base + 1));
			return base;
		} catch {
			servers.pop()?.close();
		}
	}

	throw new Error('no two neighbouring free ports');
}

beforeAll(async () => {
	if (canRun) {
		low = await listenOnPair();
	}
});

afterAll(() => {
	for (const pane of panes) {
		pane.kill();
	}

	for (const server of servers) {
		server.close();
	}
});

function start(extra = ''): TmuxPane {
	const pane = new TmuxPane(
		`echo BEFORE-SOCKTOP; ${process.execPath} ${cliPath} -d 0.3 -4 -l -p ${low}-${low + 1} ${extra}; echo "EXIT=$?"; sleep 600`,
		100,
		30,
	);
	panes.push(pane);
	return pane;
}

const listenerRows = (screen: string) =>
	screen.split('\n').filter(line => line.includes(`127.0.0.1:${low}`) || line.includes(`127.0.0.1:${low + 1}`));

/** The order the two listeners' ports appear in, top to bottom. */
const portOrder = (screen: string) => listenerRows(screen).map(line => Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]));

describe.skipIf(!canRun)('socktop in a terminal', () => {
	it('shows the listeners, re-sorts them, shows help, and q gives the shell back', async () => {
		const pane = start();
		let screen = await pane.waitFor(text => listenerRows(text).length === 2);
		expect(pane.variable('alternate_on')).toBe('1');
		expect(screen).not.toContain('BEFORE-SOCKTOP');
		// A NETNS cell ('host') sits before PROTO when other tests have made namespaces meanwhile.
		expect(screen).toMatch(new RegExp(`node\\s+${process.pid}\\s+\\d+ (host\\s+)?tcp4\\s+127\\.0\\.0\\.1:${low}\\s+\\*:\\*\\s+LISTEN`));
		// The frame stays within rows - 1: the last screen row is never written.
		expect(screen.split('\n')[29] ?? '').toBe('');

		// PID, FD, (NETNS,) PROTO, LOCAL ADDRESS: sorted by address then port, ascending.
		pane.type(screen.includes(' NETNS ') ? '>>>>>' : '>>>>');
		// Generous waits: other tests may load the machine (50k-socket stress) while this runs.
		screen = await pane.waitFor(text => text.includes('Sort LOCAL ADDRESS asc'), 20_000);
		expect(portOrder(screen)).toEqual([low, low + 1]);
		pane.type('r');
		screen = await pane.waitFor(text => text.includes('Sort LOCAL ADDRESS desc'), 20_000);
		expect(portOrder(screen)).toEqual([low + 1, low]);

		pane.type('?');
		screen = await pane.waitFor(text => text.includes('socktop keys'), 20_000);
		expect(screen).toMatch(/<\s+sort by the column to the left/);
		pane.type('x');
		await pane.waitFor(text => listenerRows(text).length === 2, 20_000);

		pane.type('q');
		screen = await pane.waitFor(text => text.includes('EXIT='), 20_000);
		expect(screen).toContain('EXIT=0');
		expect(screen).toContain('BEFORE-SOCKTOP');
		expect(pane.variable('alternate_on')).toBe('0');
		expect(pane.variable('cursor_flag')).toBe('1');
	});

	it('--sort opens sorted by its column, and p edits the -p list it was given', async () => {
		const pane = start('--sort -local');
		let screen = await pane.waitFor(text => listenerRows(text).length === 2 && text.includes('Sort LOCAL ADDRESS desc'));
		expect(portOrder(screen)).toEqual([low + 1, low]);
		pane.type('p');
		screen = await pane.waitFor(text => text.includes(`ports: ${low}-${low + 1}`), 20_000);
		pane.keys('C-u');
		pane.type(String(low + 1));
		pane.keys('Enter');
		screen = await pane.waitFor(text => text.includes(`port ${low + 1} `) && listenerRows(text).length === 1, 20_000);
		expect(portOrder(screen)).toEqual([low + 1]);
		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXIT='), 20_000)).toContain('EXIT=0');
	});

	it('gives the shell back after kill -TERM, with exit code 143', async () => {
		const pane = start();
		await pane.waitFor(text => listenerRows(text).length === 2);
		const [child] = readFileSync(`/proc/${pane.panePid}/task/${pane.panePid}/children`, 'utf8').trim().split(/\s+/);
		process.kill(Number(child), 'SIGTERM');
		const screen = await pane.waitFor(text => text.includes('EXIT='), 20_000);
		expect(screen).toContain('EXIT=143');
		expect(screen).toContain('BEFORE-SOCKTOP');
		expect(pane.variable('alternate_on')).toBe('0');
	});

	it('--pid opens the PID view, and Esc shows the whole table, not only that PID', async () => {
		// The listeners belong to this test process; the table also has no --pid filter to clear.
		const pane = start(`--pid ${process.pid}`);
		await pane.waitFor(text => text.includes(`PID ${process.pid}`));
		pane.keys('Escape');
		const screen = await pane.waitFor(text => listenerRows(text).length === 2 && text.includes('Filter'), 20_000);
		expect(screen).not.toContain(`pid ${process.pid}`);
		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXIT='), 20_000)).toContain('EXIT=0');
	});
});
