/**
 * Ink lays text out by the same measure socktop fits it with (displayWidth, per code point,
 * as tmux and xterm advance the cursor): vitest.config.ts and scripts/build.mjs hand Ink
 * source/format/string-width.ts in place of the string-width package, which measures grapheme
 * clusters ('☺️' 2 columns where socktop and those terminals count 1, '👍🏽' 2 where they count 4)
 * and so cut lines socktop had fitted, or moved a border.
 */
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {KillDialog} from '../../source/components/kill-dialog.js';
import {displayWidth} from '../../source/format/escape.js';
import type {ProcessDetail} from '../../source/model/process.js';
import {createTheme} from '../../source/theme.js';
import {unmountAfterEach} from '../helpers/unmount.js';
import {KEYS, ScriptedCollector, liveMounter, snapshotOf, socket, tick} from './live-fixtures.js';
import {isLoaded, tableRows} from './live-frames.js';
import {detailOf, sshdFds} from './pid-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
unmountAfterEach();

const unixListener = (inode: number, command: string, pid: number) =>
	socket({proto: 'stream', inode, localAddress: null, foreignAddress: null, path: `/run/${command}.sock`, state: 'LISTEN', command, pid, fd: 3});
const sockets = [
	unixListener(7, `☺️${'x'.repeat(60)}`, 18_524),
	unixListener(8, 'hrt❤️x', 6731),
	unixListener(9, '👍🏽x', 5877),
	unixListener(10, 'key1️⃣x', 4242),
	socket({proto: 'tcp4', inode: 11, localAddress: '10.0.0.1', localPort: 22, state: 'LISTEN', command: 'sshd', pid: 812, fd: 3}),
];

/** Lines wider than the screen, as the terminal counts columns. */
const tooWide = (frame: string, columns: number) => frame.split('\n').filter(line => displayWidth(line) > columns);

describe('the live table with emoji sequences in names and paths', () => {
	it('keeps every row whole to its STATE at 80 columns (no cut, no stray …)', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(sockets)), columns: 80, rows: 24});
		const frame = await view.waitFor(isLoaded);
		const rows = tableRows(frame).filter(row => row.includes(' stream '));
		expect(rows).toHaveLength(4);
		expect(rows.filter(row => !row.endsWith('LISTEN'))).toEqual([]);
		expect(tooWide(frame, 80)).toEqual([]);
	});

	it('keeps the filter prompt, the matches and the header in their columns', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(sockets)), columns: 80, rows: 24});
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		// Each match is drawn apart from the rest of its cell (highlighted).
		await view.press('☺️x');
		let frame = await view.waitFor(current => current.includes('Filter: ☺️x') && !current.includes('sshd'));
		expect(frame.split('\n').at(-1)).toMatch(/^Filter: ☺️x +Enter keep {2}Esc clear$/);
		expect(tableRows(frame)).toEqual([expect.stringMatching(/^root +☺️x+… +18524 +3 stream .* LISTEN$/)]);
		await view.press(KEYS.enter);
		frame = await view.waitFor(current => current.includes('q quit'));
		expect(frame).toContain('Filter "☺️x"   showing 1 of 5');
		expect(tooWide(frame, 80)).toEqual([]);
		// The help lists no names, but shows the kept filter's text.
		await view.press('?');
		frame = await view.waitFor(current => current.includes('Esc'));
		expect(tooWide(frame, 80)).toEqual([]);
	});
});

class OneFd extends ScriptedCollector {
	constructor(private readonly target: string) {
		super(snapshotOf([socket({proto: 'tcp4', inode: 1, command: 'x', pid: 812, fd: 3})]));
	}

	override async process(): Promise<ProcessDetail> {
		return detailOf([{fd: 0, type: 'file', target: this.target, socket: null}, ...sshdFds.slice(1)]);
	}
}

describe('the PID view with emoji sequences in file names', () => {
	it.each(['☺️', '👍🏽', '1️⃣'])('keeps the fd table\'s borders in their columns (%s)', async emoji => {
		const {view} = mount({collector: new OneFd(`/tmp/${'x'.repeat(90)}${emoji}`), columns: 80, rows: 24, pidView: 812});
		await view.waitFor(frame => frame.includes('TARGET'));
		await tick(100);
		const lines = view.frame().split('\n');
		const row = lines.find(line => line.includes(' file '))!;
		expect(row).toMatch(/^│ +0 │ file │ …x+/);
		const heading = lines.find(line => line.includes('TARGET'))!;
		expect(displayWidth(row)).toBe(displayWidth(heading));
	});
});

describe('the kill dialog with an emoji sequence in the command', () => {
	it('keeps the name whole where the live view clips it to the screen (slice-ansi)', async () => {
		// PID 6731 is made up: the dialog is told it is the process shown, and may be signalled, whatever runs here.
		const collector = Object.assign(new ScriptedCollector(snapshotOf([sockets[1]!], Date.now())), {
			identify: async () => ({startToken: '1', command: 'hrt❤️x', ageMs: 3_600_000}),
			checkSignal: async () => ({kind: 'allowed'}) as const,
		});
		const {view} = mount({collector, columns: 80, rows: 24});
		await view.waitFor(frame => frame.includes('hrt❤️x'));
		await view.press('k');
		const frame = await view.waitFor(current => current.includes('Send a signal to PID'));
		expect(frame).toMatch(/│ Send a signal to PID 6731 \(hrt❤️x\) +│/);
	});

	it('keeps its right border in one column', async () => {
		const instance = render(<KillDialog theme={createTheme(true)} pid={5877} command="👍🏽x" startToken="1" onDone={() => undefined} send={vi.fn()} identify={vi.fn()} />);
		await vi.waitFor(() => {
			expect(instance.lastFrame()).toContain('Send a signal to PID 5877 (👍🏽x)');
		});
		const lines = instance.lastFrame()!.split('\n');
		expect(new Set(lines.map(line => displayWidth(line))).size).toBe(1);
	});
});
