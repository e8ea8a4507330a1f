import {afterAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {startLoad} from '../../bench/load.mjs';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';
import {makeNamespace} from '../stress/helpers.js';

/**
 * Over SSH, keys typed quickly or pasted arrive in one read: '/quit' is one
 * chunk, not five keys. Every key must count, in the mode it was typed in:
 * after '/', the rest of the chunk is filter text, never table commands (q
 * quits, k opens the kill dialog, c toggles "connected").
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`input-bursts: skipped, needs Linux, tmux and a build at ${cliPath}`);
}

vi.setConfig({testTimeout: 60_000});

const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) {
		pane.kill();
	}
});

/** socktop in a 120x30 pane, once it draws and reads keys. */
async function live(): Promise<TmuxPane> {
	const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 -u; echo "EXIT""ED"; sleep 600`, 120, 30);
	panes.push(pane);
	await pane.waitFor(screen => /\bPROTO\b/.test(screen) && pane.isRawMode, 30_000);
	return pane;
}

const headerFilters = (screen: string) => screen.split('\n').find(line => line.startsWith('Sort ')) ?? '';

describe.skipIf(!canRun)('keys arriving in one chunk', () => {
	it('each toggles: "lc" turns on listening and connected', async () => {
		const pane = await live();
		pane.type('lc');
		const screen = await pane.waitFor(text => /listening connected/.test(headerFilters(text)), 10_000);
		expect(headerFilters(screen)).toMatch(/Filter listening connected unix/);
	});

	it.each(['/abc', '/quit', '/kill'])('after "/", the rest of %j is filter text, not commands', async chunk => {
		const pane = await live();
		pane.type(chunk);
		const text = chunk.slice(1);
		const screen = await pane.waitFor(current => current.includes(`Filter: ${text}`) || current.includes('EXITED'), 10_000);
		expect(screen).not.toContain('EXITED');
		expect(screen).toContain(`Filter: ${text}`);
		expect(headerFilters(screen)).not.toMatch(/connected|listening/);
		expect(screen).not.toMatch(/Send a signal/);
	});

	it('keys typed the moment the prompt appears are kept', async () => {
		const pane = await live();
		pane.type('/');
		await pane.waitFor(text => text.includes('Filter: '), 10_000);
		pane.type('xyz');
		const screen = await pane.waitFor(text => text.includes('Filter: xyz'), 10_000);
		expect(screen).toContain('Filter: xyz');
	});

	it('a key typed right after leaving the PID view counts: q, then q 30 ms later, quits', async () => {
		// 10,000 sockets (in a namespace of their own) make the table's first frame after the PID view take a while,
		// which is when a key used to reach the PID view's stale handler and vanish.
		const namespace = makeNamespace('bursts');
		const load = await startLoad({sockets: 10_000, procs: 100, netns: namespace.name});
		try {
			// The quotes keep the marker out of the shell's command line, which the PID view shows.
			const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 --pid $$; echo "EXIT""ED=$?"; sleep 600`, 120, 30);
			panes.push(pane);
			await pane.waitFor(screen => /\bFD\b/.test(screen) && /\bTYPE\b/.test(screen) && pane.isRawMode, 30_000);
			await sleep(300);
			pane.keys('q');
			await sleep(30);
			pane.keys('q');
			const screen = await pane.waitFor(text => text.includes('EXITED='), 10_000);
			expect(screen).toContain('EXITED=0');
		} finally {
			await load.stop();
			namespace.remove();
		}
	});
});
