/** LiveView keys across screens: quit, suspend, and keys that arrive in one read (useLiveKeys). */
import {describe, expect, it, vi} from 'vitest';
import type {SignalAccess} from '../../source/model/signal.js';
import {waitForLasting} from '../helpers/wait.js';
import {baseSockets, KEYS, liveMounter, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';
import {isLoaded, pids, selectedLine} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** Whatever this machine runs as PID 640, the kill dialog says it has exited. */
class Exited extends ScriptedCollector {
	override readonly checkSignal = async (): Promise<SignalAccess> => ({kind: 'exited'});
}

/**
 * The PID the kill dialog names, whatever it says. The fixture's PIDs are this machine's only by
 * chance (and more often during a full run, which starts many processes): the dialog then offers
 * the menu, or says at once that the process has exited or may not be signalled, or that its PID
 * was taken, each naming the same PID.
 */
const dialogPid = (frame: string) =>
	/(?:Send a signal to PID |Not sending: PID |Process |may not signal \S*\[)(\d+)/.exec(frame)?.[1];

describe('LiveView: quit and suspend', () => {
	it('q quits with 0 and Ctrl-C with 130, from the table and from the help', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press('q');
		await view.press(KEYS.ctrlC);
		await view.press('?');
		await view.press(KEYS.ctrlC);
		expect(codes).toEqual([0, 130, 130]);
	});

	it('Ctrl-Z suspends from the help and the filter prompt too, leaving them open', async () => {
		let suspended = 0;
		const {view} = mount({onSuspend: () => suspended++});
		await view.waitFor(isLoaded);
		await view.press('?');
		await view.waitFor(frame => frame.includes('socktop keys'));
		await view.press('\u001A');
		expect(suspended).toBe(1);
		// And the help stays open: a frame without it would have come within these 50 ms.
		await tick(50);
		expect(view.frame()).toContain('socktop keys');
		await view.press('x');
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		await view.press('\u001A');
		expect(suspended).toBe(2);
		await view.press('s');
		await view.waitFor(frame => frame.includes('Filter: s'));
	});

	it.each([
		// Backspace: q quits a PID view socktop started on (--pid N).
		['the PID view', 640, '', KEYS.backspace],
		['a kill dialog', null, 'k', 'n'],
	] as const)('Ctrl-Z and Ctrl-C read right after leaving %s, before the table is drawn again, act once', async (_name, pidView, opens, leaves) => {
		let suspended = 0;
		const codes: number[] = [];
		const {view} = mount({pidView, collector: new Exited(snapshotOf(baseSockets)), onSuspend: () => suspended++, onExit: code => codes.push(code)});
		await view.waitFor(frame => frame.includes(pidView === null ? 'sshd' : 'PID 640'));
		await tick(50);
		if (opens !== '') await view.press(opens);
		// The dialog says PID 640 has exited, and any key closes it (n would not leave the menu, and keys
		// typed while it checks wait for the answer).
		await view.waitFor(frame => (pidView === null ? frame.includes('Press any key') : /PID 640/.test(frame)));
		await tick(50);
		// Three reads, no frame between them: the closed screen hands the last two to the table, and only the table acts on them.
		view.write(leaves);
		view.write('\u001A');
		view.write(KEYS.ctrlC);
		await waitForLasting(() => {
			expect(suspended).toBe(1);
			expect(codes).toEqual([130]);
		}, 50);
	});
});

describe('LiveView: keys that arrive together act on the row they lead to', () => {
	// Over a slow link, or while a scan holds the event loop, several keys come in one read.
	// k and Enter must act on the row the keys before them selected, not the one drawn last.

	it.each([
		['jjk', 'jjk'],
		['two Down arrows and k', `${KEYS.down}${KEYS.down}k`],
	])('%s opens the kill dialog for the third row', async (_name, keys) => {
		const {view} = mount();
		const frame = await view.waitFor(isLoaded);
		const third = pids(frame)[2];
		expect(third).toBe('1204');
		view.write(keys);
		const dialog = await view.waitFor(current => dialogPid(current) !== undefined);
		expect(dialogPid(dialog)).toBe(third);
	});

	it('a filter typed and submitted, then k, signals the row the filter left', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		view.write('/sshd\rk');
		const dialog = await view.waitFor(current => dialogPid(current) !== undefined);
		expect(dialogPid(dialog)).toBe('812');
	});

	it('jj and Enter open the PID view of the third row', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		view.write('jj\r');
		const frame = await view.waitFor(current => /PID \d+/.test(current.split('\n')[0] ?? ''));
		expect(frame.split('\n')[0]).toContain('PID 1204');
	});

	it.each([
		['Enter', '\r'],
		['?', '?'],
		['jk', 'jk'],
	])('Ctrl-C in the same read as %s, which opens another screen, still quits', async (_name, keys) => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		// The screen the keys open (held k: the kill dialog once the row's frame is drawn) can take
		// more than the one tick press() waits on a loaded machine: wait for the outcome.
		await view.press(`${keys}${KEYS.ctrlC}`);
		await vi.waitFor(() => {
			expect(codes).toEqual([130]);
		}, {timeout: 5000, interval: 20});
	});

	it('Ctrl-C inside a chunk reaches the PID view too', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code), pidView: 640});
		await view.waitFor(frame => frame.includes('PID 640'));
		await tick(50);
		await view.press(`j${KEYS.ctrlC}`);
		expect(codes).toEqual([130]);
	});

	it('a key read before the frame of the key before it goes to the screen that key opened', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		// Two reads, no frame between them: '/' then 'q' types q into the prompt, it does not quit.
		view.write('/');
		view.write('q');
		await view.waitFor(frame => frame.includes('Filter: q'));
		expect(codes).toEqual([]);
		// Enter closes the prompt; the next Enter, read before the table is drawn again, opens the PID view.
		await view.press(KEYS.backspace);
		view.write('sshd');
		view.write(KEYS.enter);
		view.write(KEYS.enter);
		const frame = await view.waitFor(current => /PID \d+/.test(current.split('\n')[0] ?? ''));
		expect(frame.split('\n')[0]).toContain('PID 812');
	});

	it('keys read after k, before the kill dialog is drawn, are the dialog\'s, in order: q cancels it (no quit), then j moves', async () => {
		const codes: number[] = [];
		const {view} = mount({isColor: true, onExit: code => codes.push(code)});
		const frame = await view.waitFor(isLoaded);
		const [first, second] = pids(frame);
		// Three reads, no frame between them.
		view.write('k');
		view.write('q');
		view.write('j');
		// The dialog closed (q, not the table's quit), and j moved the table's selection (clearing "Cancelled").
		await view.waitFor(current => isLoaded(current) && !/Send a signal|Not sending/.test(current) && selectedLine(view.rawFrame()).includes(` ${second} `));
		expect(second).not.toBe(first);
		expect(codes).toEqual([]);
	});

	it('Ctrl-C counts inside a chunk of other keys', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press(`jj${KEYS.ctrlC}`);
		expect(codes).toEqual([130]);
	});
});

describe('LiveView: Escape and a key in one read are Escape, then that key', () => {
	// tmux send-keys Escape q, a fast typist over SSH: ESC q in one read, which Ink reports as Meta+q.
	const filterLine = (frame: string) => frame.split('\n').find(line => line.startsWith('Sort ')) ?? '';

	it('ESC q clears the text filter, then quits', async () => {
		const codes: number[] = [];
		const {view} = mount({filters: {text: 'ssh'}, onExit: code => codes.push(code)});
		await view.waitFor(frame => filterLine(frame).includes('ssh'));
		view.write('\u001Bq');
		await view.waitFor(frame => isLoaded(frame) && !filterLine(frame).includes('ssh') && frame.includes('nginx'));
		expect(codes).toEqual([0]);
	});

	it('ESC q in the filter prompt cancels it, then quits', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		view.write('ssh');
		await view.waitFor(frame => frame.includes('Filter: ssh'));
		view.write('\u001Bq');
		await view.waitFor(frame => !frame.includes('Filter: ') && frame.includes('nginx'));
		expect(codes).toEqual([0]);
	});

	it('ESC q in a PID view opened from the table goes back to it, then quits', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press(KEYS.enter);
		await view.waitFor(frame => /^ PID \d+/.test(frame));
		await tick(50);
		view.write('\u001Bq');
		await view.waitFor(frame => isLoaded(frame) && !/^ PID \d+/.test(frame));
		expect(codes).toEqual([0]);
	});

	it.each([
		['ESC [ B (Down)', KEYS.down],
		['ESC O B (Down, application mode)', '\u001BOB'],
	])('an escape sequence stays one key: %s moves down, the filter stays', async (_name, keys) => {
		const codes: number[] = [];
		const {view} = mount({filters: {text: 'ssh'}, isColor: true, onExit: code => codes.push(code)});
		await view.waitFor(frame => filterLine(frame).includes('ssh') && isLoaded(frame));
		view.write(keys);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('tcp6'));
		expect(filterLine(view.frame())).toContain('ssh');
		expect(codes).toEqual([]);
	});
});
