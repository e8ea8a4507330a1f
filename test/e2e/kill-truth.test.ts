import {spawnSync} from 'node:child_process';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * The kill dialog tells the truth before the user acts, on the real OS through the built
 * socktop in a terminal: as an ordinary user, k on root's process says at once that socktop
 * may not signal it (no menu, no y/N).
 */
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
const canRun = process.platform === 'linux' && isBuilt && hasTmux;
const canDrop = canRun && isRoot && hasSetpriv && spawnSync('setpriv', [...NOBODY, 'test', '-r', cliPath]).status === 0;
if (!canRun) console.warn(`kill-truth: skipped, needs Linux, tmux and a build at ${cliPath}`);
else if (!canDrop) console.warn('kill-truth: the not-root case skipped, it needs root, setpriv and a build nobody can read');

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
		await pane.waitFor(screen => screen.includes('k kill'), 30_000);
		pane.keys('k');
		const screen = await pane.waitFor(screen => screen.includes('may not signal'), 10_000);
		expect(screen).toMatch(new RegExp(`socktop may not signal \\S+\\[${process.pid}\\] \\(user root\\): run as root\\.`));
		expect(screen).not.toContain('SIGTERM');
		pane.keys('y');
		// Closed by the key, which sends nothing: the line stays as what k did, and this process lives.
		await pane.waitFor(screen => !screen.includes('Press any key') && screen.includes('may not signal'), 10_000);
		pane.keys('q');
		expect(await pane.waitFor(screen => screen.includes('EXIT='), 10_000)).toContain('EXIT=0');
	});
});
