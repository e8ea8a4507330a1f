/** The kill dialog's y/N question takes three lines, not the menu's eight: the screen it is on gets the rest back. */
import {describe, expect, it, vi} from 'vitest';
import type {SignalAccess} from '../../source/model/signal.js';
import {detailOf, nginxFds, nginxInfo, scriptedCollector} from './pid-fixtures.js';
import {loaded, typeUntil, view} from './pid-frames.js';
import {KEYS, liveMounter, ScriptedCollector, snapshotOf, socket} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** Whatever this machine runs as PID 640, the dialog may signal it (and is never answered y). */
class Signallable extends ScriptedCollector {
	override readonly identify = async () => ({startToken: '1', command: 'worker', ageMs: 1e9});
	override readonly checkSignal = async (): Promise<SignalAccess> => ({kind: 'allowed'});
}

describe('the kill dialog\'s question', () => {
	it('leaves the PID view at 60x20 its lines: the selected fd\'s sentence on more than one line, no blank rows under the box', async () => {
		const instance = view({collector: scriptedCollector([detailOf(nginxFds(), {process: nginxInfo})]), width: 60, height: 19, initialFd: 8});
		await loaded(instance);
		await typeUntil(instance, 'k', 'Send a signal to PID 812');
		const lines = await typeUntil(instance, '\r', '? y/N');
		// The box is the frame's last three lines, and the frame is as tall as the view.
		expect(lines).toHaveLength(19);
		expect(lines.at(-3)).toMatch(/^╭─+╮$/);
		expect(lines.at(-1)).toMatch(/^╰─+╯$/);
		// Under the FD table, fd 8's sentence, over more than the one line it was cut to.
		const sentence = lines.findIndex(line => line.startsWith('└')) + 1;
		expect(lines[sentence]).toMatch(/^fd 8: nginx /);
		expect(lines[sentence + 1]).toMatch(/^ {2}\S/);
		instance.unmount();
	});

	it('gives the table its rows back at 80x24, the footer right under the box', async () => {
		const rows = Array.from({length: 40}, (_, index) => socket({proto: 'tcp4', inode: 50_000 + index, localAddress: '127.0.0.1', localPort: 9000 + index, state: 'LISTEN', command: 'worker', pid: 640, fd: 3 + index}));
		const {view: live} = mount({collector: new Signallable(snapshotOf(rows)), columns: 80, rows: 24});
		await live.waitFor(frame => frame.includes('worker'));
		await live.press('k');
		await live.waitFor(frame => frame.includes('Send a signal to PID 640'));
		await live.press(KEYS.enter);
		const lines = (await live.waitFor(frame => frame.includes('y/N'))).split('\n');
		const bottom = lines.findIndex(line => line.startsWith('╰'));
		expect(lines.slice(bottom - 2, bottom + 1).map(line => line[0])).toEqual(['╭', '│', '╰']);
		expect(lines[bottom + 1]).toContain('q quit');
		// 23 lines: the header's three, the column headings, the box's three and the footer; the rows have the rest.
		expect(lines).toHaveLength(23);
		expect(lines.filter(line => /^\S+ +worker +640 /.test(line))).toHaveLength(23 - 3 - 1 - 3 - 1);
	});
});
