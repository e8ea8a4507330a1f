import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {PROTOS} from '../../source/model/types.js';
import {atColumn, cliPath, displayColumn, isBuilt} from '../helpers/cli.js';
import {HOSTILE, hasPython, spawnAllHostile, visiblePathOf, type Hostile} from '../helpers/hostile.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * The live table and the live PID view, in a real terminal (tmux), showing
 * processes and sockets named by an attacker. Besides the screen, every byte
 * socktop writes is recorded (pipe-pane) and searched for the raw hostile bytes.
 */
const canRun = process.platform === 'linux' && hasPython && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`injection-live: skipped, needs Linux, python3, tmux and a build at ${cliPath}`);
}

// Each test waits for real scans of the whole machine, which take seconds when it is busy.
vi.setConfig({testTimeout: 120_000, hookTimeout: 60_000});

const directory = mkdtempSync(path.join(tmpdir(), 'socktop-hostile-live-'));
let hostile: Hostile[] = [];
const panes: TmuxPane[] = [];

beforeAll(async () => {
	if (canRun) {
		hostile = await spawnAllHostile(directory);
	}
});

afterAll(async () => {
	for (const pane of panes) {
		pane.kill();
	}

	await Promise.all(hostile.map(async each => each.stop()));
	rmSync(directory, {recursive: true, force: true});
});

/** Raw byte strings that must never appear in what socktop writes (each would act or hide). */
const forbidden: ReadonlyArray<[string, Buffer]> = [
	['OSC (title)', Buffer.from('\u001b]')],
	['8-bit CSI (UTF-8 C1)', Buffer.from('\u009b')],
	['right-to-left override', Buffer.from('\u202e')],
	['zero-width space', Buffer.from('\u200b')],
	['Hangul filler', Buffer.from('\u3164')],
	['raw newline variant', Buffer.from('a\nb\rc')],
	['invalid UTF-8', Buffer.from([0xff, 0xfe])],
	['raw 0x9b', Buffer.from([0x9b, 0x33, 0x31])],
];

/** Start socktop in a 160x50 pane, recording its output; resolves once `ready` shows. */
async function startLive(args: string, ready: (screen: string) => boolean): Promise<{pane: TmuxPane; output: string}> {
	const output = path.join(directory, `output-${panes.length}.bin`);
	const pane = new TmuxPane('sleep 600', 160, 50);
	panes.push(pane);
	// The pipe stays on the pane when its command is replaced, so socktop's first byte is recorded too.
	pane.tmux(['pipe-pane', '-t', '0', `cat > ${output}`]);
	pane.tmux(['respawn-pane', '-k', '-t', '0', `${process.execPath} ${cliPath} -d 0.5 ${args}; sleep 600`]);
	// Keys typed before the view reads the keyboard (raw mode) would go to the tty's line editor instead.
	await pane.waitFor(screen => ready(screen) && pane.isRawMode, 30_000);
	return {pane, output};
}

function expectInert(pane: TmuxPane, output: string): void {
	expect(pane.variable('pane_title')).not.toContain('pwned');
	const written = readFileSync(output);
	expect(written.length).toBeGreaterThan(0);
	const found = forbidden.filter(([, bytes]) => written.includes(bytes)).map(([name]) => name);
	expect(found).toEqual([]);
}

const protoAt = new RegExp(`^(${PROTOS.join('|')}) `);

describe.skipIf(!canRun)('the live table', () => {
	it('shows hostile commands made visible, the title untouched, and every row aligned', async () => {
		const ports = hostile.map(each => each.port).join(',');
		const {pane, output} = await startLive(`-4 -p ${ports}`, screen => screen.includes('\\x1b]0;pwned\\x07'));
		await sleep(1200); // A few refreshes.
		const screen = pane.capture();
		expectInert(pane, output);
		const lines = screen.split('\n');
		const header = lines.find(line => /\bPROTO\b/.test(line) && /\bCOMMAND/.test(line))!;
		expect(header).toBeDefined();
		const column = displayColumn(header, /\bPROTO\b/);
		const rows = lines.filter(line => hostile.some(each => line.includes(`:${each.port} `)));
		// 3 TCP sockets per process (listener, client, accepted), all within 48 table rows.
		expect(rows).toHaveLength(3 * hostile.length);
		expect(rows.filter(row => !protoAt.test(atColumn(row, column)))).toEqual([]);
		for (const each of hostile) {
			const visible = HOSTILE[each.variant].visible;
			// The live table cuts long commands with an ellipsis; the start of the visible form must be there.
			const start = visible.slice(0, 6);
			expect(rows.some(row => row.includes(start) && row.includes(`:${each.port} `)), `${each.variant} row`).toBe(true);
		}

		// Nothing moved the header to elsewhere, and nothing wrote past the last column.
		expect(lines[0]).toMatch(/\S/);
		expect(lines.every(line => [...line].length <= 160)).toBe(true);
	});

	it('shows hostile unix socket paths made visible, filtered with /', async () => {
		const {pane, output} = await startLive('-u', screen => /\bPROTO\b/.test(screen));
		pane.type('/');
		await pane.waitFor(text => text.includes('Filter: '), 20_000);
		pane.type(path.basename(directory));
		// Generous: on a loaded machine the first scan of tens of thousands of sockets takes seconds.
		await pane.waitFor(text => text.includes(`Filter: ${path.basename(directory)}`), 30_000);
		pane.keys('Enter');
		const screen = await pane.waitFor(
			text => hostile.every(each => text.includes(`${visiblePathOf(each.variant)}.s`)),
			30_000,
		);
		expectInert(pane, output);
		for (const each of hostile) {
			expect(screen, `${each.variant} path`).toContain(`${visiblePathOf(each.variant)}.s`);
		}

		const lines = screen.split('\n');
		const header = lines.find(line => /\bPROTO\b/.test(line))!;
		const column = displayColumn(header, /\bPROTO\b/);
		// Long paths are cut from the left ('…live-XXXX/name.s'), so rows are found by the '.s' ending.
		const rows = lines.filter(line => /\.s\s.*LISTEN/.test(line));
		expect(rows.length).toBeGreaterThanOrEqual(hostile.length);
		expect(rows.filter(row => !protoAt.test(atColumn(row, column)))).toEqual([]);
	});
});

describe.skipIf(!canRun)('the live PID view', () => {
	// The title sequence and the widest name; the other variants are covered by the table above and the printed PID view.
	it.concurrent.each(['osc', 'wide'] as const)('shows the %s process made visible, its fd table aligned', async variant => {
		const each = hostile.find(h => h.variant === variant)!;
		const visible = HOSTILE[variant].visible;
		const {pane, output} = await startLive(`--pid ${each.pid}`, screen => screen.includes(`${visible}.s`));
		await sleep(1000);
		const screen = pane.capture();
		expectInert(pane, output);
		expect(screen).toContain(visible);
		const lines = screen.split('\n');
		const header = lines.find(line => /\bFD\b/.test(line) && /\bTYPE\b/.test(line) && /\bSTATE\b/.test(line))!;
		expect(header, screen).toBeDefined();
		const column = displayColumn(header, /\bSTATE\b/);
		const withState = lines.filter(line => / (LISTEN|ESTABLISHED)\s*[│|]?\s*$/.test(line));
		expect(withState.length).toBeGreaterThanOrEqual(4);
		expect(withState.filter(line => !/^(LISTEN|ESTABLISHED)/.test(atColumn(line, column)))).toEqual([]);
	});
});
