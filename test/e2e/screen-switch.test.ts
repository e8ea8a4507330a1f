import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import type {Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {loopbackListener} from '../helpers/listener.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * Going from the table to the PID view or the kill dialog and back, in a real terminal: each
 * screen opened takes its own keys, and the terminal stays in raw mode throughout (strace shows
 * every change of its modes). The only row is a listener of this test's own, so Enter and k act
 * on a process known to be there (k is only ever cancelled).
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`screen-switch: skipped, needs Linux, tmux and a build at ${cliPath}`);
}

/** strace, where it may trace its own child (not in every container). */
const hasStrace = canRun && spawnSync('strace', ['-o', '/dev/null', 'true']).status === 0;
if (canRun && !hasStrace) console.warn('screen-switch: the raw mode test skipped, strace cannot trace its child here');

vi.setConfig({testTimeout: 60_000});

const panes: TmuxPane[] = [];
let server: Server | undefined;
let port = 0;
const folder = mkdtempSync(join(tmpdir(), 'socktop-switch-'));
beforeAll(async () => {
	({server, port} = await loopbackListener());
});
afterAll(() => {
	for (const pane of panes) pane.kill();
	server?.close();
	rmSync(folder, {recursive: true, force: true});
});

/** socktop at 80x24 (as `prefix` runs it), showing the listener alone, once it draws and reads keys. */
async function live(prefix = ''): Promise<TmuxPane> {
	const pane = new TmuxPane(`${prefix}${process.execPath} ${cliPath} -d 0.5 -4 -l -p ${port}; echo "EXIT""ED=$?"; sleep 600`, 80, 24);
	panes.push(pane);
	await pane.waitFor(screen => screen.includes(`127.0.0.1:${port}`) && pane.isRawMode, 30_000);
	return pane;
}

/** The table's column header and the listener's row (the footer may be a message: "Cancelled: no signal sent."). */
const isTable = (screen: string) => screen.includes(`127.0.0.1:${port}`) && /^USER +COMMAND/m.test(screen);
const isPidView = (screen: string) => /^ PID \d+ /.test(screen);

/** The local modes (c_lflag) of each change of the terminal's modes strace saw, in order. */
const modeChanges = (trace: string) =>
	trace
		.split('\n')
		.filter(line => /\bTCSETS[WF]?\b/.test(line))
		.map(line => new Set(/c_lflag=([\w|]+)/.exec(line)?.[1]?.split('|') ?? ['?']));

describe.skipIf(!canRun)('switching between the table and the screens on top of it', () => {
	it('Enter, Backspace and Enter in one read (tmux send-keys -H 0d 7f 0d) end in a PID view that takes its keys: Esc goes back', async () => {
		const pane = await live();
		pane.tmux(['send-keys', '-t', '0', '-H', '0d', '7f', '0d']);
		await pane.waitFor(isPidView);
		await sleep(300);
		pane.keys('Escape');
		await pane.waitFor(isTable);
		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXITED='))).toContain('EXITED=0');
	});

	it.skipIf(!hasStrace)('the terminal stays in raw mode (no echo, no ISIG) from the first frame until q, whatever screens open and close', async () => {
		const trace = join(folder, 'ioctl.trace');
		const pane = await live(`strace -qq -e trace=ioctl -e signal=none -o ${trace} `);
		const steps: Array<[key: string, shows: (screen: string) => boolean]> = [
			['Enter', isPidView],
			['Escape', isTable],
			['k', screen => /Send a signal|Not sending|Press any key/.test(screen)],
			['Escape', screen => isTable(screen) && !screen.includes('Send a signal')],
			['?', screen => screen.includes('socktop keys')],
			['x', isTable],
		];
		for (const [key, shows] of steps) {
			pane.keys(key);
			// eslint-disable-next-line no-await-in-loop
			await pane.waitFor(shows);
			// eslint-disable-next-line no-await-in-loop
			await sleep(200);
		}

		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXITED='))).toContain('EXITED=0');
		const changes = modeChanges(readFileSync(trace, 'utf8'));
		const isRaw = (flags: Set<string>) => !flags.has('ICANON') && !flags.has('ECHO') && !flags.has('ISIG');
		const first = changes.findIndex(flags => isRaw(flags));
		expect(first).toBeGreaterThanOrEqual(0);
		// Raw once, cooked once socktop quits: never cooked in between (each such switch echoed the keys typed then).
		const back = changes.findIndex((flags, index) => index > first && !isRaw(flags));
		expect(back).toBeGreaterThan(first);
		expect(changes.slice(back).filter(flags => isRaw(flags))).toEqual([]);
	});
});
