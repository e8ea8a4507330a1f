/**
 * The built socktop's live PID view in a real terminal (tmux), started with `--pid TID -l`
 * on a real thread: it shows the thread's process, lists only its listener, and says both.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';
import {hasPython, startPython, threadListener} from '../helpers/tools.js';

const canRun = process.platform === 'linux' && hasTmux && isBuilt && hasPython;
if (!canRun) console.warn(`--pid TID live e2e: skipped, needs Linux, tmux, python3 and a build at ${cliPath} (npm run build)`);

describe.skipIf(!canRun)('socktop --pid TID -l, live', () => {
	it('opens the thread\'s process, lists only its listener, and says whose thread it is and what the filter hides', async () => {
		const {pid, line} = await startPython(threadListener);
		const [tid, port] = line.split(' ');
		const pane = new TmuxPane(`${process.execPath} ${cliPath} --pid ${tid} -l; echo "EXIT=$?"; sleep 600`, 120, 30);
		onTestFinished(() => {
			pane.kill();
		});
		const screen = await pane.waitFor(text => text.includes(`127.0.0.1:${port}`));
		expect(screen).toMatch(new RegExp(`^ PID ${pid} python3`, 'm'));
		expect(screen).toContain(`PID ${tid} is a thread of ${pid} (python3`);
		expect(screen).toMatch(/Filters in force: listening; they hide \d+ of the \d+ fds read/);
		const rows = screen.split('\n').filter(row => /^│ +\d+[rwu]? │/.test(row));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toContain(`127.0.0.1:${port}`);
		pane.keys('q');
		await pane.waitFor(text => text.includes('EXIT=0'));
	});
});
