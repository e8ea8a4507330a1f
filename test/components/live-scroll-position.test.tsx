/** Where the table's window is, when not every row fits: the footer says so, as the PID view does. */
import {describe, expect, it, vi} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {KEYS, ScriptedCollector, liveMounter, snapshotOf, socket} from './live-fixtures.js';
import {tableRows} from './live-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

// 60 clients of one local server, each its own process, so the rows sort by PID within COMMAND.
const clients = Array.from({length: 60}, (_, index) =>
	socket({proto: 'tcp4', inode: 5000 + index, localAddress: '127.0.0.1', localPort: 40_000 + index, foreignAddress: '127.0.0.1', foreignPort: 8080, state: 'ESTABLISHED', command: 'worker', pid: 7000 + index, fd: 3}),
);

const footer = (frame: string) => frame.split('\n').at(-1)!;
/** The frame once its footer reads `text`: a key's redraw can take longer than press's tick on two busy cores. */
const withFooter = async (shown: Awaited<ReturnType<typeof view>>, text: string) => shown.waitFor(frame => footer(frame) === text);
/** The PIDs of the first and last rows drawn. */
const onScreen = (frame: string) => {
	const shown = tableRows(frame).map(line => Number(/ (70\d\d) /.exec(line)?.[1]));
	return [shown[0], shown.at(-1)];
};

async function view(sockets: ReturnType<typeof socket>[], columns: number, rows: number) {
	const {view} = mount({collector: new ScriptedCollector(snapshotOf(sockets)), columns, rows});
	await view.waitFor(frame => frame.includes('worker'));
	return view;
}

describe('LiveView: the scroll position', () => {
	it('at 80x24 says which rows are on screen, giving up the sort hint for it', async () => {
		const shown = await view(clients, 80, 24);
		expect(footer(shown.frame())).toBe('↑↓ move  / filter  Space pause  Enter pid  k kill  ? help  q quit     1-18 of 60');
		await shown.press(KEYS.pageDown);
		await shown.press(KEYS.pageDown);
		// Rows 18 to 35 are what the table draws: PIDs 7017 to 7034.
		expect(onScreen(await withFooter(shown, '↑↓ move  / filter  Space pause  Enter pid  k kill  ? help  q quit    18-35 of 60'))).toEqual([7017, 7034]);
		await shown.press(KEYS.end);
		const end = await withFooter(shown, '↑↓ move  / filter  Space pause  Enter pid  k kill  ? help  q quit    43-60 of 60');
		for (const line of end.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
	});

	it('at 60x15 in fewer hints, ? and q kept', async () => {
		const shown = await view(clients, 60, 15);
		// The words are chosen for the widest numbers, so they stay as the window moves.
		expect(footer(shown.frame())).toBe('/ filter  Enter pid  k kill  ? help  q quit        1-9 of 60');
		await shown.press(KEYS.end);
		expect(onScreen(await withFooter(shown, '/ filter  Enter pid  k kill  ? help  q quit      52-60 of 60'))).toEqual([7051, 7059]);
	});

	it('says nothing of it where every row fits', async () => {
		const shown = await view(clients.slice(0, 5), 80, 24);
		expect(footer(shown.frame())).toBe('↑↓ move  <> sort  / filter  Space pause  Enter pid  k kill  ? help  q quit');
	});
});
