import {writeFileSync} from 'node:fs';
import type {Server} from 'node:net';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {loopbackListener} from '../helpers/listener.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * Redraws in a real terminal. Ctrl-L: socktop rewrites only the cells that changed, so what another program
 * writes on its terminal (wall's broadcast, a background job) stays until the whole frame is drawn
 * again. Written here straight to the pane's tty, as wall does; Ctrl-L must bring back the frame as
 * it was, on the table and on a kill dialog's question (which it must not cancel: k is only ever
 * cancelled, on this test's own listener). Resizes, as a pane is split, zoomed and squeezed: down to 1x1
 * and back, one clear line where there is one row, and the whole frame again once there is room, with
 * nothing left over from the sizes in between.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`redraw: skipped, needs Linux, tmux and a build at ${cliPath}`);
}

vi.setConfig({testTimeout: 60_000});

const panes: TmuxPane[] = [];
let server: Server | undefined;
let port = 0;
beforeAll(async () => {
	({server, port} = await loopbackListener());
});
afterAll(() => {
	for (const pane of panes) pane.kill();
	server?.close();
});

const broadcast = '\r\nBroadcast message from root@db1 (pts/3) (Sat Nov 28 10:31:02 2026):\r\n\r\nThe system is going down for reboot NOW!\r\n';

/** Write over the pane as another program would, and wait until the screen shows it. */
async function scribble(pane: TmuxPane): Promise<void> {
	writeFileSync(pane.variable('pane_tty'), broadcast);
	await pane.waitFor(screen => screen.includes('going down for reboot'));
}

describe.skipIf(!canRun)('Ctrl-L', () => {
	it('draws the whole frame again over what another program wrote on the terminal, on the table and on a kill dialog', async () => {
		// No refresh for the test's length: nothing but Ctrl-L may repaint.
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 600 -4 -l -p ${port}; echo "EXIT""ED=$?"; sleep 600`, 80, 24);
		panes.push(pane);
		await pane.waitFor(screen => screen.includes(`127.0.0.1:${port}`) && pane.isRawMode, 30_000);
		await sleep(300);
		for (const [keys, shows] of [
			[[], `127.0.0.1:${port}`],
			[['k', 'Enter'], 'y/N'],
		] as const) {
			for (const key of keys) {
				pane.keys(key);
				await sleep(300);
			}

			const clean = await pane.waitFor(screen => screen.includes(shows));
			await scribble(pane);
			expect(pane.capture()).not.toBe(clean);
			pane.keys('C-l');
			expect(await pane.waitFor(screen => screen === clean)).toContain(shows);
		}

		// The question is still asked: Esc cancels it, and q quits.
		pane.keys('Escape');
		await pane.waitFor(screen => screen.includes('Cancelled: no signal sent.'));
		pane.keys('q');
		expect(await pane.waitFor(screen => screen.includes('EXITED='))).toContain('EXITED=0');
	});
});

describe.skipIf(!canRun)('resizing the terminal', () => {
	it('says it is too small in one line on a 1-row terminal, and survives a resize storm down to 1x1', async () => {
		// No refresh for the test's length: only a resize or Ctrl-L may repaint.
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 600 -4 -l -p ${port}; echo "EXIT""ED=$?"; sleep 600`, 80, 24);
		panes.push(pane);
		await pane.waitFor(screen => screen.includes(`127.0.0.1:${port}`) && pane.isRawMode, 30_000);
		const resize = (columns: number, rows: number) => pane.tmux(['resize-window', '-t', '0', '-x', String(columns), '-y', String(rows)]);
		// The table with its footer, the same in two captures in a row: right after a resize Ink draws the last
		// layout once more (taller, its lines cut with '…') before the one for the new size.
		const settled = async () => {
			let last = '';
			return pane.waitFor(screen => {
				const isSame = screen === last;
				last = screen;
				return isSame && screen.includes(`127.0.0.1:${port}`) && screen.includes('q quit');
			});
		};

		// From the full frame to one row: Ink draws the last layout once more, 23 rows on 1, before the message.
		resize(80, 1);
		await pane.waitFor(screen => screen.trimEnd() === 'Terminal too small (80x1); socktop needs 40x10. q quits.');
		resize(80, 24);
		const full = await settled();

		for (const [columns, rows] of [[1, 1], [3, 40], [120, 1], [2, 2], [39, 10], [200, 60], [40, 1], [1, 30], [80, 2]] as const) {
			resize(columns, rows);
			// eslint-disable-next-line no-await-in-loop
			await sleep(20);
		}

		resize(80, 24);
		await sleep(300);
		// As it was, and as Ctrl-L draws it whole.
		expect(await settled()).toBe(full);
		pane.keys('C-l');
		await sleep(300);
		expect(await settled()).toBe(full);
		pane.keys('q');
		expect(await pane.waitFor(screen => screen.includes('EXITED='))).toContain('EXITED=0');
	});
});
