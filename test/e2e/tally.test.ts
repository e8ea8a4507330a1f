import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {loopbackListener} from '../helpers/listener.js';
import {hasTmux, panesKilledAfterAll, TmuxPane} from '../helpers/tmux.js';

/**
 * The built socktop's tally (t) in a real 80x24 terminal over real sockets: a listener of this
 * test's with 5 connections from 127.0.0.2 and 2 from 127.0.0.3, counted by FOREIGN and LOCAL,
 * a group drilled into with Enter and cleared with Esc.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) console.warn(`tally e2e: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);

const panes = panesKilledAfterAll();
let server: net.Server | undefined;
let port = 0;
const clients: net.Socket[] = [];

const connectFrom = async (localAddress: string) =>
	new Promise<void>((resolve, reject) => {
		const client = net.connect({host: '127.0.0.1', port, localAddress}, resolve);
		client.once('error', reject);
		clients.push(client);
	});

beforeAll(async () => {
	if (!canRun) return;
	({server, port} = await loopbackListener());
	for (const host of ['127.0.0.2', '127.0.0.2', '127.0.0.2', '127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3']) {
		// eslint-disable-next-line no-await-in-loop
		await connectFrom(host);
	}
});

afterAll(() => {
	for (const client of clients) client.destroy();
	server?.close();
});

const groupLines = (screen: string) =>
	screen
		.split('\n')
		.slice(4, -1)
		.map(line => line.trim())
		.filter(line => /^\d+ {2}\S/u.test(line));

describe.runIf(canRun)('socktop: the tally in a terminal', () => {
	it('counts the connections by remote host and by local address, drills into one host with Enter, and Esc clears it', async () => {
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 -p ${port} --sort foreign; sleep 600`, 80, 24);
		panes.push(pane);
		await pane.waitFor(screen => screen.includes(`127.0.0.2:`));
		pane.keys('t');
		let screen = await pane.waitFor(each => each.includes('COUNT  FOREIGN HOST'));
		expect(screen).toContain('COUNT  FOREIGN HOST   4 groups, 15 sockets');
		// Each client's own end has the listener as its foreign host: 7; then the accepted ends by the client's host.
		expect(groupLines(screen)).toEqual(['7  127.0.0.1', '5  127.0.0.2', '2  127.0.0.3', '1  *']);
		pane.keys('Down', 'Enter');
		// The group is said with the filters: 'Filter port PORT foreign 127.0.0.2   showing 5 of N', or where that
		// does not fit 80 columns (N depends on the machine's sockets), as typed: '-p PORT foreign 127.0.0.2 (5 of N)'.
		screen = await pane.waitFor(each => each.includes(`Filter port ${port} foreign 127.0.0.2   showing 5 of `) || each.includes(`-p ${port} foreign 127.0.0.2 (5 of `));
		expect(screen.split('\n').filter(line => line.includes(`127.0.0.1:${port}`) && line.includes('127.0.0.2:'))).toHaveLength(5);
		pane.keys('Escape');
		screen = await pane.waitFor(each => each.includes(`Filter port ${port}   showing 15 of `) || each.includes(`-p ${port} (15 of `));
		expect(screen).not.toContain('foreign 127.0.0.2');
		// By LOCAL: the listener's address with its 7 accepted connections, and the clients' ends, the kernel's picks, as one group.
		pane.keys('<', 't');
		screen = await pane.waitFor(each => each.includes('COUNT  LOCAL ADDRESS'));
		expect(groupLines(screen)).toEqual([`8  127.0.0.1:${port}`, expect.stringMatching(/^7 {2}ephemeral ports \d+-\d+$/u)]);
		pane.keys('q');
		await pane.waitFor(each => !each.includes('COUNT'));
	});
});
