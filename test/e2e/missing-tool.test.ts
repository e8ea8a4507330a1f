import {afterAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';
import {whyToolCannotBeHidden} from '../helpers/tools.js';

/**
 * The live view with its backend's tool not installed: one line and exit 2, as --once
 * prints, instead of a live view reading sockets forever and retrying every 2 s. Run in a
 * real terminal (the live view opens only there), with a PATH that has neither tool.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) console.warn(`missing-tool: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);

const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) pane.kill();
});

const expected = {
	sockstat: 'socktop: sockstat not found on PATH or in /usr/sbin, /sbin: it is part of the FreeBSD base system; elsewhere use --backend proc or --backend lsof',
	lsof: 'socktop: lsof not found on PATH or in /usr/sbin, /sbin: install it (apt install lsof / brew install lsof) or use --backend proc',
};

describe.skipIf(!canRun)('the live view without its backend\'s tool', () => {
	// A tool in /usr/sbin or /sbin is found there whatever PATH says (macOS keeps lsof in /usr/sbin).
	it.concurrent.for(['sockstat', 'lsof'] as const)('--backend %s prints one line and exits 2', async (backend, {skip}) => {
		const why = whyToolCannotBeHidden(backend);
		if (why !== null) {
			console.warn(`missing-tool: --backend ${backend} skipped: ${why}`);
			skip(why);
		}

		const pane = new TmuxPane(`PATH=/nonexistent ${process.execPath} ${cliPath} --backend ${backend}; echo "EXIT""=$?"; exec /bin/sleep 600`, 160, 10);
		panes.push(pane);
		const screen = await pane.waitFor(text => /EXIT=\d+/.test(text));
		expect(screen.trimEnd().split('\n')).toEqual([expected[backend], 'EXIT=2']);
	});
});
