import {afterAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * htop's function keys, as tmux sends them (send-keys F9: ESC [20~; F10: ESC [21~; F1: ESC O P),
 * reach the built socktop through Ink and do what htop's do: F1 help, F9 kill, F10 quit.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`htop-keys: skipped, needs Linux, tmux and a build at ${cliPath}`);
}

vi.setConfig({testTimeout: 60_000});

const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) pane.kill();
});

describe.skipIf(!canRun)('htop function keys in a terminal', () => {
	it('F1 opens the help, F9 the kill dialog for the selected row, and F10 quits with exit code 0', async () => {
		// The only row is a listener of this pane's own: Esc cancels the dialog, nothing is sent.
		const port = 21_000 + (process.pid % 10_000);
		const listener = `${process.execPath} -e "require('net').createServer().listen(${port}, '127.0.0.1')"`;
		const pane = new TmuxPane(`${listener} & sleep 1; ${process.execPath} ${cliPath} -d 0.5 -4 -l -p ${port}; echo "EXIT $?"; kill $!; sleep 600`, 120, 30);
		panes.push(pane);
		await pane.waitFor(screen => new RegExp(`127\\.0\\.0\\.1:${port}`).test(screen) && pane.isRawMode, 30_000);
		pane.keys('F1');
		await pane.waitFor(screen => screen.includes('socktop keys'));
		pane.keys('Escape');
		await pane.waitFor(screen => !screen.includes('socktop keys') && screen.includes(`:${port}`));
		pane.keys('F9');
		const dialog = await pane.waitFor(screen => /Send a signal to PID \d+ \(node\)|Not sending:/.test(screen));
		expect(dialog).toMatch(/Send a signal to PID \d+ \(node\)/);
		pane.keys('Escape');
		await pane.waitFor(screen => screen.includes('Cancelled: no signal sent.'));
		pane.keys('F10');
		const after = await pane.waitFor(screen => screen.includes('EXIT '));
		expect(after).toContain('EXIT 0');
	});
});
