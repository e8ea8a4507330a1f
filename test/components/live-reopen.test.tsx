/** LiveView: the PID view opened, closed and opened again between two frames (keys in one read, or typed fast). */
import {spawn} from 'node:child_process';
import {describe, expect, it, vi} from 'vitest';
import {KEYS, RealProcessCollector, ScriptedCollector, baseSockets, snapshotOf, socket, tick, liveMounter} from './live-fixtures.js';
import {isLoaded, selectedLine} from './live-frames.js';
import {detailOf} from './pid-fixtures.js';

vi.hoisted(() => {
	// The selection is drawn in inverse: the frames must carry it.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
if (process.platform !== 'linux') console.warn('live reopen test of the kill dialog skipped: it signals a real process read from /proc (Linux only)');

/** The PID view's title, as drawn; the table's header starts with the host name. */
const isPidView = (frame: string) => /^ PID 1204 /.test(frame);

/** The live view with nginx's row (PID 1204) selected, and the exit codes it quit with. */
async function onNginx() {
	const codes: number[] = [];
	const {view} = mount({isColor: true, onExit: code => codes.push(code)});
	await view.waitFor(isLoaded);
	await view.press('jj');
	await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
	return {view, codes};
}

describe('LiveView: each Enter opens a PID view of its own', () => {
	it('Enter, Backspace and Enter in one read open the PID view again, and its keys are its own: Esc goes back, q does not quit', async () => {
		const {view, codes} = await onNginx();
		view.write(`${KEYS.enter}${KEYS.backspace}${KEYS.enter}`);
		await view.waitFor(isPidView);
		await tick(50);
		// The view opened last takes the keys: its own help, not the table's.
		await view.press('?');
		await view.waitFor(frame => frame.includes('PID 1204: keys'));
		await view.press('x');
		await view.waitFor(isPidView);
		await tick(50);
		await view.press('q');
		await view.waitFor(isLoaded);
		expect(codes).toEqual([]);
		expect(selectedLine(view.rawFrame())).toContain('nginx');
	});

	it('Enter and Esc pressed in turn, fast, end where the last key left: the table, then the PID view', async () => {
		const {view, codes} = await onNginx();
		for (let pair = 0; pair < 20; pair++) {
			view.write(KEYS.enter);
			// eslint-disable-next-line no-await-in-loop
			await tick(pair % 3);
			view.write(KEYS.escape);
			// eslint-disable-next-line no-await-in-loop
			await tick(pair % 2);
		}

		await tick(100);
		await view.waitFor(isLoaded);
		view.write(KEYS.enter);
		await view.waitFor(isPidView);
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isLoaded);
		// A negative check: a PID view opened again would be drawn within these 50 ms.
		await tick(50);
		expect(view.frame()).not.toMatch(/^ PID /);
		expect(codes).toEqual([]);
	});
});

describe('LiveView: Enter twice, before the PID view has read its process', () => {
	it('the second Enter says the view is still reading, and the line goes with the read: no fd is selected until then', async () => {
		// The process is read 300 ms after it is asked for.
		class SlowProcess extends ScriptedCollector {
			override async process(pid: number) {
				await tick(300);
				return detailOf(undefined, {pid});
			}
		}

		const {view} = mount({collector: new SlowProcess(snapshotOf(baseSockets))});
		await view.waitFor(isLoaded);
		view.write(`${KEYS.enter}${KEYS.enter}`);
		await view.waitFor(frame => frame.includes('Still reading PID 640; press Enter again once it is shown.'));
		await view.waitFor(frame => frame.includes('pipe:[4471]') && !frame.includes('Still reading'));
		// A negative check: a later frame saying so would come within these 100 ms.
		await tick(100);
		expect(view.frame()).not.toMatch(/Still reading|no fd is selected/);
	});
});

describe('LiveView: each k opens a kill dialog of its own', () => {
	it.skipIf(process.platform !== 'linux')('k, Esc and k in one read open the dialog again, and Esc cancels that one', async () => {
		const child = spawn('sleep', ['60'], {stdio: 'ignore'});
		await new Promise(resolve => {
			child.once('spawn', resolve);
		});
		try {
			const row = socket({proto: 'tcp4', inode: 31_337, localAddress: '127.0.0.1', localPort: 9, state: 'LISTEN', command: 'sleep', pid: child.pid, fd: 3});
			const {view} = mount({collector: new RealProcessCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			view.write(`k${KEYS.escape}k`);
			// The first dialog's menu, then (once it has checked the process and taken the Esc) the second's.
			await view.waitFor(frame => frame.includes('> 1 SIGTERM'));
			await tick(200);
			await view.waitFor(frame => frame.includes('> 1 SIGTERM'));
			await view.press(KEYS.escape);
			const frame = await view.waitFor(frame => frame.includes('Cancelled'));
			expect(frame.split('\n').at(-1)).toBe('Cancelled: no signal sent.');
			expect(frame).not.toContain('SIGTERM');
			expect(child.exitCode).toBeNull();
		} finally {
			child.kill('SIGKILL');
		}
	});
});

describe('LiveView: the terminal stays in raw mode', () => {
	it('from the first frame to the last, whatever screens open and close: keys typed meanwhile are never echoed, and Ctrl-C stays a key', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		const screens: Array<[keys: string, shows: (frame: string) => boolean]> = [
			[KEYS.enter, frame => /^ PID \d+ /.test(frame)],
			[KEYS.escape, isLoaded],
			['k', frame => /Send a signal|Press any key|Not sending/.test(frame)],
			[KEYS.escape, frame => isLoaded(frame) && !frame.includes('Send a signal')],
			['?', frame => frame.includes('socktop keys')],
			['x', isLoaded],
			['/', frame => frame.includes('Filter: ')],
			[KEYS.escape, frame => !frame.includes('Filter: ')],
		];
		for (const [keys, shows] of screens) {
			// eslint-disable-next-line no-await-in-loop
			await tick(50);
			// eslint-disable-next-line no-await-in-loop
			await view.press(keys);
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(shows);
		}

		expect(view.stdin.rawModes).toEqual([true]);
		view.unmount();
		expect(view.stdin.rawModes).toEqual([true, false]);
	});
});
