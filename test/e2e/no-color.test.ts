import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * --no-color and NO_COLOR=1 drop the colours but keep the attributes that carry
 * meaning: the selected row in inverse video. chalk (in Ink) reads --no-color from
 * process.argv on its own and would drop every attribute; only the built binary in
 * a real terminal (tmux) shows what reaches the screen.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`no-color e2e: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);
}

const panes: TmuxPane[] = [];
let server: net.Server;
let port = 0;

beforeAll(async () => {
	server = net.createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	port = (server.address() as net.AddressInfo).port;
});

afterAll(() => {
	for (const pane of panes) {
		pane.kill();
	}

	server?.close();
});

// SGR 7 (inverse) alone or among others: ESC[7m, ESC[0;7m, ESC[1;7m.
const inverse = /\u001B\[(?:\d+;)*7(?:;\d+)*m/;
// A foreground or background colour: 30-37, 40-47, 90-97, 100-107, 38;5;N, 48;2;R;G;B.
const colour = /\u001B\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;\d+)*m/;

describe.skipIf(!canRun)('socktop without colour', () => {
	it.concurrent.each([
		['--no-color', `env -u NO_COLOR -u FORCE_COLOR ${process.execPath} ${cliPath} --no-color`],
		['NO_COLOR=1', `env -u FORCE_COLOR NO_COLOR=1 ${process.execPath} ${cliPath}`],
		// chalk drops to level 0 for these (every attribute gone) unless socktop raises it.
		['FORCE_COLOR=0', `env -u NO_COLOR FORCE_COLOR=0 ${process.execPath} ${cliPath}`],
		['a TERM chalk does not know', `env -u NO_COLOR -u FORCE_COLOR TERM=xyz-unknown ${process.execPath} ${cliPath} --no-color`],
	])('%s keeps the selected row in inverse video, with no colour', async (_name, command) => {
		const pane = new TmuxPane(`${command} -d 0.3 -4 -l -p ${port}; sleep 600`, 100, 20);
		panes.push(pane);
		// Generous: other tests may load the machine while this runs.
		const screen = await pane.waitFor(text => text.includes(`127.0.0.1:${port}`), 20_000, true);
		const row = screen.split('\n').find(line => line.includes(`127.0.0.1:${port}`));
		expect(row).toMatch(inverse);
		expect(screen).not.toMatch(colour);
		pane.type('q');
	});

	// no-color.org: a per-run flag overrides NO_COLOR; FORCE_COLOR=0 would hold chalk at level 0 without socktop.
	it.concurrent.each([
		['NO_COLOR=1', `env -u FORCE_COLOR NO_COLOR=1 ${process.execPath} ${cliPath} --color`],
		['FORCE_COLOR=0', `env -u NO_COLOR FORCE_COLOR=0 ${process.execPath} ${cliPath} --color`],
	])('--color under %s draws colours', async (_name, command) => {
		const pane = new TmuxPane(`${command} -d 0.3 -4 -l -p ${port}; sleep 600`, 100, 20);
		panes.push(pane);
		const screen = await pane.waitFor(text => text.includes(`127.0.0.1:${port}`), 20_000, true);
		// The LISTEN state's colour on the test's listener row.
		expect(screen.split('\n').find(line => line.includes(`127.0.0.1:${port}`))).toMatch(colour);
		pane.type('q');
	});

	it('--no-color keeps the PID view\'s selected fd row in inverse video, with no colour', async () => {
		// This test's own process: it holds the listener.
		const pane = new TmuxPane(`env -u NO_COLOR -u FORCE_COLOR ${process.execPath} ${cliPath} --no-color -d 0.3 --pid ${process.pid}; sleep 600`, 100, 30);
		panes.push(pane);
		const screen = await pane.waitFor(text => text.includes('└') && /^fd \d+: /m.test(text), 20_000, true);
		const lines = screen.split('\n');
		// The FD rows (the title is inverse too): only the first, the selected one, is.
		const rows = lines.slice(lines.findIndex(line => line.includes('├')) + 1, lines.findIndex(line => line.includes('└')));
		expect(rows.length).toBeGreaterThan(1);
		expect(rows.map(row => inverse.test(row))).toEqual(rows.map((_, index) => index === 0));
		expect(screen).not.toMatch(colour);
		pane.type('q');
	});
});
