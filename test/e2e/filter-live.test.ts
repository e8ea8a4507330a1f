/**
 * The built socktop started with --filter in a real terminal (tmux): the table opens with the
 * text in force, and `--pid N --filter` opens the PID view with it, the table behind it unfiltered.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {loopbackListener} from '../helpers/listener.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) console.warn(`--filter live e2e: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);

describe.skipIf(!canRun)('socktop --filter, live', () => {
	it('opens the table with the text in force', async () => {
		const {server, port} = await loopbackListener();
		const pane = new TmuxPane(`${process.execPath} ${cliPath} --filter 'lport:${port} pid:${process.pid}'; echo "EXIT=$?"; sleep 600`, 120, 30);
		onTestFinished(() => {
			pane.kill();
			server.close();
		});
		const screen = await pane.waitFor(text => text.includes(`127.0.0.1:${port}`) && text.includes('showing 1 of'));
		expect(screen).toContain(`Filter "lport:${port} pid:${process.pid}"`);
		pane.keys('q');
		await pane.waitFor(text => text.includes('EXIT=0'));
	});

	it('with --pid, filters the PID view\'s fds, not the table behind it', async () => {
		const {server, port} = await loopbackListener();
		const pane = new TmuxPane(`${process.execPath} ${cliPath} --pid ${process.pid} --filter 'target::${port}'; echo "EXIT=$?"; sleep 600`, 120, 30);
		onTestFinished(() => {
			pane.kill();
			server.close();
		});
		let screen = await pane.waitFor(text => text.includes(`127.0.0.1:${port}`) && / showing 1 of \d+/u.test(text));
		expect(screen.split('\n').filter(row => /^│ +\d+[rwu]? │/u.test(row))).toHaveLength(1);
		// Esc clears the kept filter, the next goes back to the table: with no text filter.
		pane.keys('Escape');
		await pane.waitFor(text => !/ showing 1 of/u.test(text));
		pane.keys('Escape');
		screen = await pane.waitFor(text => text.includes('Filter none'));
		expect(screen).not.toContain(`target::${port}`);
		pane.keys('q');
		await pane.waitFor(text => text.includes('EXIT=0'));
	});
});
