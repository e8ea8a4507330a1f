/** LiveView's tally (t): the rows counted by the sort column, its moves, Enter's drill-in, Esc, and refreshes. */
import {describe, expect, it, vi} from 'vitest';
import type {Socket} from '../../source/model/types.js';
import {baseSockets, KEYS, liveMounter, nginx, ScriptedCollector, snapshotOf, socket} from './live-fixtures.js';
import {isLoaded, selectedLine} from './live-frames.js';

vi.hoisted(() => {
	// The selection is inverse: the frames must carry it.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

let inode = 5000;
/** A client of nginx (10.0.0.10:80) from `host`. */
const client = (host: string): Socket =>
	socket({proto: 'tcp4', inode: ++inode, localAddress: '10.0.0.10', localPort: 80, foreignAddress: host, foreignPort: 40_000 + inode, state: 'ESTABLISHED', command: 'nginx', pid: 1204, fd: inode, user: 'www-data', uid: 33});
const clients = (host: string, count: number) => Array.from({length: count}, () => client(host));

const busy = [...baseSockets, ...clients('10.0.0.5', 5), ...clients('10.0.0.50', 1), ...clients('10.0.0.6', 2)];
const bodyOf = (frame: string) => frame.split('\n').slice(4, 12).map(line => line.trimEnd());
/** The selected group's line (inverse), below the heading, whose COUNT is inverse too without colours. */
const selectedGroup = (raw: string) => selectedLine(raw.split('\n').slice(4).join('\n'));

describe('LiveView: the tally', () => {
	it('t counts the rows by the sort column, most first; the Move keys move among its groups; Enter narrows the table to exactly that group; Esc clears it', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(busy)), initialSort: {column: 'foreign', isDescending: false}, columns: 80, rows: 24});
		await view.waitFor(isLoaded);
		await view.press('t');
		let frame = await view.waitFor(frame => frame.includes('FOREIGN HOST'));
		expect(frame.split('\n')[3]).toMatch(/^COUNT {2}FOREIGN HOST {3}\d+ groups, 14 sockets/u);
		expect(bodyOf(frame).slice(0, 3)).toEqual(['    5  10.0.0.5', '    4  *', '    2  10.0.0.6']);
		expect(selectedGroup(view.rawFrame())).toMatch(/^ {4}5 {2}10\.0\.0\.5/u);
		await view.press('j');
		await view.press('j');
		frame = await view.waitFor(() => selectedGroup(view.rawFrame()).includes('10.0.0.6'));
		await view.press(KEYS.enter);
		frame = await view.waitFor(frame => frame.includes('Filter foreign 10.0.0.6'));
		// The table again, of the two rows from 10.0.0.6: not 10.0.0.50's (a substring filter would take it too).
		expect(frame).toContain('showing 2 of 14');
		expect(frame).not.toContain('10.0.0.50');
		await view.press(KEYS.escape);
		frame = await view.waitFor(frame => frame.includes('Filter none'));
		expect(frame).toContain('showing 14 of 14');
	});

	it('stays live: a refresh recounts, a group gone goes', async () => {
		const collector = new ScriptedCollector(snapshotOf(busy));
		const {view} = mount({collector, initialSort: {column: 'foreign', isDescending: false}, isTally: true, columns: 80, rows: 24});
		await view.waitFor(frame => frame.includes('10.0.0.50'));
		collector.push(snapshotOf([...baseSockets, ...clients('10.0.0.5', 2), ...clients('10.0.0.6', 3)], Date.UTC(2026, 10, 27, 3, 30, 2)));
		// Closed rows stay one refresh, dimmed, but are counted no more.
		const frame = await view.waitFor(frame => !frame.includes('10.0.0.50') && frame.includes('   3  10.0.0.6'));
		expect(bodyOf(frame).slice(0, 3)).toEqual(['    4  *', '    3  10.0.0.6', '    2  10.0.0.5']);
	});

	it('< and > choose what to count, skipping FD; t on FD says why not; k has no process', async () => {
		const {view} = mount({initialSort: {column: 'fd', isDescending: false}, columns: 80, rows: 24});
		await view.waitFor(isLoaded);
		await view.press('t');
		await view.waitFor(frame => frame.includes('t: FD is not counted: every socket has its own (< > choose another column)'));
		await view.press('<');
		await view.press('t');
		await view.waitFor(frame => frame.includes('PID COMMAND'));
		await view.press('>');
		let frame = await view.waitFor(frame => frame.includes('COUNT  PROTO') || frame.includes('COUNT  NETNS'));
		expect(frame).toMatch(/COUNT {2}PROTO {3}4 groups, 6 sockets/u);
		await view.press('k');
		frame = await view.waitFor(frame => frame.includes('k: a group is no process'));
		await view.press('t');
		frame = await view.waitFor(frame => !frame.includes('COUNT'));
		expect(frame).toContain('PROTO▲');
	});

	it('typed ahead in one read: tt ends where it began, tj moves among the groups, and < onto FD then t says why', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(busy)), initialSort: {column: 'foreign', isDescending: false}, columns: 80, rows: 24});
		await view.waitFor(isLoaded);
		view.write('tt');
		await view.press('/');
		// Was the tally: the second t read it as still off, and turned it on again.
		let frame = await view.waitFor(frame => frame.includes('Filter: '));
		expect(frame).not.toContain('COUNT');
		await view.press(KEYS.escape);
		view.write('tj');
		await view.waitFor(() => selectedGroup(view.rawFrame()).includes('  4  *'));
		await view.press('t');
		// FOREIGN, LOCAL, PROTO, FD: the t in the same read saw FOREIGN, and turned the tally on over FD.
		view.write('<<<t');
		frame = await view.waitFor(frame => frame.includes('t: FD is not counted'));
		expect(frame).toContain('Sort FD asc');
		// The table's keys are the table's again: was the tally's, on no group (k: 'a group is no process'). k opens the kill dialog.
		await view.press('k');
		await view.waitFor(frame => frame.includes('╭'));
	});

	it('r puts the fewest first (the table keeps its sort); the footer says what Enter does there and offers no k', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(busy)), initialSort: {column: 'foreign', isDescending: false}, isTally: true, columns: 80, rows: 24});
		let frame = await view.waitFor(frame => frame.includes('FOREIGN HOST'));
		expect(frame.split('\n').at(-1)).toMatch(/Enter sockets {2}\? help {2}q quit/u);
		expect(frame).not.toContain('k kill');
		await view.press('r');
		frame = await view.waitFor(frame => frame.includes('fewest first'));
		expect(bodyOf(frame).slice(0, 4)).toEqual(['    1  10.0.0.50', '    1  93.184.216.34', '    1  -', '    2  10.0.0.6']);
		expect(frame).toContain('Sort FOREIGN ADDRESS asc');
		await view.press('r');
		frame = await view.waitFor(frame => !frame.includes('fewest first'));
		expect(bodyOf(frame)[0]).toBe('    5  10.0.0.5');
		await view.press('t');
		frame = await view.waitFor(frame => !frame.includes('COUNT'));
		expect(frame.split('\n').at(-1)).toContain('Enter pid');
	});

	it('fits a 40x10 terminal: the heading and the groups cut to the width, the frame whole', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([...busy, nginx])), initialSort: {column: 'local', isDescending: false}, isTally: true, columns: 40, rows: 10});
		const frame = await view.waitFor(frame => frame.includes('COUNT'));
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(9);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
	});
});
