import {afterAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

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
	const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 -u; echo EXITED; sleep 600`, 120, 30);
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
});
