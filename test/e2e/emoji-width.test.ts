import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {atColumn, cliPath, displayColumn, isBuilt} from '../helpers/cli.js';
import {hasPython, spawnNamed} from '../helpers/hostile.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * Processes and unix sockets named with emoji sequences, whose width string-width (by
 * grapheme cluster) and a wcwidth terminal (per code point) disagree on, in the built
 * socktop at 80x24 in tmux: Ink must lay them out as socktop fits them and tmux draws them.
 */
const canRun = process.platform === 'linux' && hasPython && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`emoji-width: skipped, needs Linux, python3, tmux and a build at ${cliPath}`);
}

vi.setConfig({testTimeout: 120_000, hookTimeout: 60_000});

// comm keeps 15 bytes: each name fits.
const names = ['☺️xxxxxxxx', 'hrt❤️x', '👍🏽x'];
const directory = mkdtempSync(path.join(tmpdir(), 'socktop-emoji-'));
let named: Array<Awaited<ReturnType<typeof spawnNamed>>> = [];
const panes: TmuxPane[] = [];

beforeAll(async () => {
	if (canRun) named = await Promise.all(names.map(async name => spawnNamed(Buffer.from(name), directory)));
});

afterAll(async () => {
	for (const pane of panes) pane.kill();
	await Promise.all(named.map(async each => each.stop()));
	rmSync(directory, {recursive: true, force: true});
});

async function start(args: string, ready: (screen: string) => boolean): Promise<TmuxPane> {
	const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.5 ${args}; sleep 600`, 80, 24);
	panes.push(pane);
	await pane.waitFor(screen => ready(screen) && pane.isRawMode, 30_000);
	return pane;
}

describe.skipIf(!canRun)('emoji sequences in tmux at 80x24', () => {
	it('keep the live table\'s rows whole and aligned, and the kill dialog\'s border', async () => {
		const pane = await start('-u', screen => /\bPROTO\b/.test(screen));
		pane.type('/');
		await pane.waitFor(text => text.includes('Filter: '), 20_000);
		pane.type(path.basename(directory));
		pane.keys('Enter');
		const screen = await pane.waitFor(text => names.every(name => text.includes(name)) && text.includes('showing 3 of'), 30_000);
		const lines = screen.split('\n');
		const column = displayColumn(lines.find(line => /\bPROTO\b/.test(line))!, /\bPROTO\b/);
		const rows = lines.filter(line => names.some(name => line.includes(name)));
		expect(rows, screen).toHaveLength(3);
		expect(rows.filter(row => !/ LISTEN$/.test(row) || !atColumn(row, column).startsWith('stream '))).toEqual([]);
		expect(lines.filter(line => displayWidth(line) > 80)).toEqual([]);

		pane.keys('k');
		const dialog = (await pane.waitFor(text => text.includes('Send a signal to PID'), 20_000)).split('\n');
		const title = dialog.find(line => line.includes('Send a signal to PID'))!;
		// Whichever row was selected: its name whole, the ')' after it, the border in its column.
		expect(names.some(name => title.includes(`(${name}) `))).toBe(true);
		const box = dialog.filter(line => /^[╭│╰]/.test(line));
		expect(box.length).toBeGreaterThanOrEqual(4);
		expect(box.filter(line => displayWidth(line) !== 80 || !/[╮│╯]$/.test(line))).toEqual([]);
	});

	it('keep the PID view\'s fd table borders and its explanations in their columns', async () => {
		const pane = await start(`--pid ${named[0]!.pid}`, screen => screen.includes('xxxxxxxx.s'));
		await sleep(1000);
		const lines = pane.capture().split('\n');
		const table = lines.slice(lines.findIndex(line => line.startsWith('┌')), lines.findIndex(line => line.startsWith('└')) + 1);
		expect(table.length).toBeGreaterThanOrEqual(6);
		expect(table.filter(line => displayWidth(line) !== 80 || !/^[┌│├└]/.test(line))).toEqual([]);
		expect(lines.filter(line => displayWidth(line) > 80)).toEqual([]);
		// Each explanation names the process, cut to its line, never run into the next.
		expect(lines.filter(line => line.startsWith('fd ') && !line.includes(names[0]!))).toEqual([]);
		expect(lines.filter(line => /^fd \d+: /.test(line)).length).toBeGreaterThanOrEqual(3);
	});
});
