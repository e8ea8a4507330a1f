/**
 * Too small and back (a tmux pane split, then closed): the screen under the message
 * stays mounted, hidden, so it comes back as it was, and the PID view goes on reading.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {FileDescriptor, ProcessDetail} from '../../source/model/process.js';
import type {SignalAccess, SignalName} from '../../source/model/signal.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {waitForLasting} from '../helpers/wait.js';
import {detailOf, sshdInfo} from './pid-fixtures.js';
import {KEYS, ScriptedCollector, baseSockets, renderLiveView, snapshotOf, tick, type LiveSetup, type Rendered} from './live-fixtures.js';

vi.hoisted(() => {
	// The selection is inverse video: the frames must carry it.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const services = createStaticServiceTable([]);

/** The message at 39x20, and nothing else: the hidden screen adds no line. */
const tooSmall = 'Terminal too small (39x20); socktop\nneeds 40x10. q quits.';

/** A collector whose process reads and signals the test sees; the process is always there, as first read. */
class Watched extends ScriptedCollector {
	reads = 0;
	readonly sent: Array<readonly [number, SignalName]> = [];
	answer: ProcessDetail = detailOf();

	override async process(): Promise<ProcessDetail> {
		this.reads++;
		return this.answer;
	}

	override readonly identify = async () => ({startToken: '31824', command: 'dbus-daemon', ageMs: 3_600_000});
	override readonly checkSignal = async (): Promise<SignalAccess> => ({kind: 'allowed'});

	override readonly signal = async (pid: number, signal: SignalName) => {
		this.sent.push([pid, signal]);
		return {isSent: true, message: `Sent ${signal} to PID ${pid}.`};
	};
}

let current: Rendered | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

function mount(setup: Omit<LiveSetup, 'services' | 'collector'> & {readonly collector: Watched}) {
	current = renderLiveView({services, ...setup});
	return current;
}

/** Too small, then back to 100x30. */
async function roundTrip(view: Rendered, whileSmall: () => Promise<void> = async () => undefined) {
	view.resize(39, 20);
	expect(await view.waitFor(frame => frame.includes('too small'))).toBe(tooSmall);
	await whileSmall();
	expect(view.frame()).toBe(tooSmall);
	view.resize(100, 30);
	return view.waitFor(frame => !frame.includes('too small'));
}

/**
 * Type `keys` the moment a frame matching `predicate` is written: inside Ink's commit, before
 * React's effects after it re-subscribe the input handlers, as a key that comes right after a
 * resize does. Resolves with that frame.
 */
async function typeOnFrame(view: Rendered, predicate: (frame: string) => boolean, keys: string): Promise<string> {
	const {write} = view.stdout;
	return new Promise(resolve => {
		view.stdout.write = frame => {
			const result = write(frame);
			if (predicate(frame)) {
				view.stdout.write = write;
				view.write(keys);
				resolve(view.frame());
			}

			return result;
		};
	});
}

const files: FileDescriptor[] = Array.from({length: 40}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));

describe('LiveView: too small and back', () => {
	it('keeps the PID view as it was, scroll and selection, and gives it no key meanwhile', async () => {
		const collector = new Watched(snapshotOf(baseSockets, Date.now()));
		collector.answer = detailOf(files);
		const view = mount({collector, pidView: 640});
		await view.waitFor(frame => frame.includes('file-0.log'));
		// The last page, then up a few: the selection is mid-page, the table scrolled to the end.
		await view.press('G');
		await view.press(`${KEYS.up}${KEYS.up}${KEYS.up}`);
		const before = await view.waitFor(frame => frame.includes('fd 36: the file /var/log/file-36.log'));
		expect(before).toMatch(/rows 2\d-40 of 40/);
		const beforeRaw = view.rawFrame();
		// Keys typed as the terminal goes too small, and once it is.
		const typed = typeOnFrame(view, frame => frame.includes('too small'), 'jG');
		await roundTrip(view, async () => {
			await typed;
			for (const key of ['j', 'g', KEYS.up, KEYS.end, ' ', 'k', '?', KEYS.escape]) {
				// eslint-disable-next-line no-await-in-loop
				await view.press(key);
			}
		});
		// Unchanged (a negative check): a key acted on would be drawn within these 100 ms.
		await tick(100);
		expect(view.rawFrame()).toBe(beforeRaw);
	});

	it('still catches a PID reused while the terminal was too small: the view stays on the process it opened', async () => {
		const collector = new Watched(snapshotOf(baseSockets, Date.now()));
		collector.answer = detailOf(files);
		const view = mount({collector, pidView: 640});
		await view.waitFor(frame => frame.includes('file-0.log'));
		await roundTrip(view, async () => {
			collector.answer = detailOf([], {process: {...sshdInfo, startToken: '99999', command: 'intruder'}});
			const reads = collector.reads;
			// The view reads on, hidden.
			await vi.waitFor(() => {
				expect(collector.reads).toBeGreaterThan(reads + 1);
			});
		});
		const frame = await view.waitFor(frame => frame.includes('has exited'));
		expect(frame.replaceAll(/\s+/g, ' ')).toContain('Process 640 has exited; PID 640 now belongs to another process (intruder); its last known FDs are shown dimmed.');
		expect(frame.split('\n')[0]).toMatch(/^ PID 640 sshd · Esc back/);
		expect(frame).not.toContain('k kill');
	});

	it('quits on q and Ctrl-C, as the message says, over a hidden PID view and its kill dialog, once each', async () => {
		const codes: number[] = [];
		const collector = new Watched(snapshotOf(baseSockets, Date.now()));
		const view = mount({collector, pidView: 640, onExit: code => codes.push(code)});
		await view.waitFor(frame => frame.includes('pipe:[4471]'));
		await view.press('k');
		await view.waitFor(frame => frame.includes('Send a signal to PID 640 (sshd)'));
		await roundTrip(view, async () => {
			await tick(50);
			await view.press('q');
			await view.press(KEYS.ctrlC);
		});
		expect(codes).toEqual([0, 130]);
		expect(collector.sent).toEqual([]);
	});

	it('keeps the PID view\'s kill dialog at its question, and y typed while too small sends nothing, even at once', async () => {
		const collector = new Watched(snapshotOf(baseSockets, Date.now()));
		const view = mount({collector, pidView: 640});
		await view.waitFor(frame => frame.includes('pipe:[4471]'));
		await view.press('k');
		await view.waitFor(frame => frame.includes('Send a signal to PID 640 (sshd)'));
		// The dialog listens from its first frame on.
		await tick(50);
		await view.press('2');
		await view.waitFor(frame => frame.includes('> 2 SIGINT'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('Send SIGINT to PID 640 (sshd)? y/N'));
		const typed = typeOnFrame(view, frame => frame.includes('too small'), 'y');
		const frame = await roundTrip(view, async () => {
			await typed;
			await view.press('y');
		});
		expect(frame).toContain('Send SIGINT to PID 640 (sshd)? y/N');
		await tick(50);
		await view.press('n');
		await view.waitFor(frame => frame.includes('Cancelled: no signal sent.'));
		expect(collector.sent).toEqual([]);
	});

	it('keeps the table\'s kill dialog at its question; y typed as it goes too small sends nothing, and n typed as it comes back cancels it, not a filter', async () => {
		const collector = new Watched(snapshotOf(baseSockets, Date.now()));
		const view = mount({collector});
		await view.waitFor(frame => frame.includes('dbus-daemon'));
		await view.press('k');
		await view.waitFor(frame => frame.includes('Send a signal to PID 640 (dbus-daemon)'));
		await tick(50);
		await view.press('2');
		await view.waitFor(frame => frame.includes('> 2 SIGINT'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('Send SIGINT to PID 640 (dbus-daemon)? y/N'));
		const typed = typeOnFrame(view, frame => frame.includes('too small'), 'y');
		let back: Promise<string> | undefined;
		await roundTrip(view, async () => {
			await typed;
			// n, the table's netns filter, is the dialog's answer the moment the dialog is back.
			back = typeOnFrame(view, frame => !frame.includes('too small'), 'n');
		});
		expect(await back).toContain('Send SIGINT to PID 640 (dbus-daemon)? y/N');
		const after = await view.waitFor(frame => frame.includes('Cancelled: no signal sent.'));
		expect(after.split('\n').at(-1)).toBe('Cancelled: no signal sent.');
		expect(after).toContain('Filter none');
		expect(collector.sent).toEqual([]);
	});

	it.each([
		['the table', null, ''],
		['its kill dialog', null, 'k'],
		['the help', null, '?'],
		['the PID view', 640, ''],
		['the PID view\'s kill dialog', 640, 'k'],
	] as const)('hidden, %s draws no line and does not break at any size, down to 1x1', async (_name, pidView, keys) => {
		const collector = new Watched(snapshotOf(baseSockets, Date.now()));
		const view = mount({collector, pidView});
		await view.waitFor(frame => frame.includes(pidView === null ? 'dbus-daemon' : 'pipe:[4471]'));
		await tick(50);
		if (keys !== '') await view.press(keys);
		const shown = await view.waitFor(frame => keys === '' || /Send a signal|keys/.test(frame));
		for (const [columns, rows, message] of [
			[1, 1, ''],
			// One line on a 1-row terminal, never in its last column.
			[40, 1, 'Terminal too small (40x1); socktop nee…'],
			[80, 1, 'Terminal too small (80x1); socktop needs 40x10. q quits.'],
			[10, 3, 'Terminal\ntoo small…'],
			[39, 60, 'Terminal too small (39x60); socktop\nneeds 40x10. q quits.'],
			[200, 9, 'Terminal too small (200x9); socktop needs 40x10. q quits.'],
		] as const) {
			view.resize(columns, rows);
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame === message);
		}

		view.resize(100, 30);
		const back = await view.waitFor(frame => !frame.includes('too small'));
		expect(back.split('\n')[0]).toBe(shown.split('\n')[0]);
	});
});

/** The screens a too-small message can hide: how to open each (keys after the first frame), and a line it draws. */
const screens = [
	['the table', null, '', 'dbus-daemon'],
	['its kill dialog', null, 'k', 'Send a signal'],
	['the help', null, '?', 'socktop keys'],
	['the filter prompt', null, '/', 'Filter: '],
	['the PID view', 640, '', 'pipe:[4471]'],
	['the PID view\'s kill dialog', 640, 'k', 'Send a signal'],
	['the PID view\'s help', 640, '?', 'PID 640: keys'],
] as const;

/** Mount, open `keys`'s screen, and count exits and suspends. */
async function openScreen(pidView: number | null, keys: string, shows: string) {
	const codes: number[] = [];
	const suspends: string[] = [];
	const collector = new Watched(snapshotOf(baseSockets, Date.now()));
	const view = mount({collector, pidView, onExit: code => codes.push(code), onSuspend: () => suspends.push('suspended')});
	await view.waitFor(frame => frame.includes(pidView === null ? 'dbus-daemon' : 'pipe:[4471]'));
	// The screen listens from its first frame on.
	await tick(50);
	if (keys !== '') await view.press(keys);
	await view.waitFor(frame => frame.includes(shows));
	await tick(50);
	return {view, codes, suspends, collector};
}

describe('LiveView: the too-small message\'s keys, the same over every screen', () => {
	it.each(screens)('over %s, Ctrl-Z suspends and q and Ctrl-C quit, once each', async (_name, pidView, keys, shows) => {
		const {view, codes, suspends, collector} = await openScreen(pidView, keys, shows);
		view.resize(39, 20);
		await view.waitFor(frame => frame === tooSmall);
		await tick(50);
		await view.press('\u001A');
		expect(suspends).toHaveLength(1);
		await view.press('q');
		expect(codes).toEqual([0]);
		await view.press(KEYS.ctrlC);
		expect(codes).toEqual([0, 130]);
		expect(suspends).toHaveLength(1);
		// The screen underneath took none of them.
		view.resize(100, 30);
		expect(await view.waitFor(frame => !frame.includes('too small'))).toContain(shows);
		expect(collector.sent).toEqual([]);
	});

	it.each(screens)('over %s, a q typed the moment the terminal goes too small quits, once', async (_name, pidView, keys, shows) => {
		const {view, codes, collector} = await openScreen(pidView, keys, shows);
		const typed = typeOnFrame(view, frame => frame.includes('too small'), 'q');
		view.resize(39, 20);
		await typed;
		await waitForLasting(() => {
			expect(codes).toEqual([0]);
		}, 50);
		expect(collector.sent).toEqual([]);
	});

	it.each(screens)('over %s, a Ctrl-Z typed the moment the terminal goes too small suspends, once', async (_name, pidView, keys, shows) => {
		const {view, suspends} = await openScreen(pidView, keys, shows);
		const typed = typeOnFrame(view, frame => frame.includes('too small'), '\u001A');
		view.resize(39, 20);
		await typed;
		await waitForLasting(() => {
			expect(suspends).toHaveLength(1);
		}, 50);
	});
});
