/** LiveView Enter and k judge the row's process by when its scan ended, by age alone where the row has no command, and survive a send that throws. */
import {describe, expect, it, vi} from 'vitest';
import type {ProcessDetail} from '../../source/model/process.js';
import type {ProcessIdentity, SignalAccess, SignalResult} from '../../source/model/signal.js';
import type {Snapshot, Socket} from '../../source/model/types.js';
import {KEYS, ScriptedCollector, nginx, snapshotOf, tick, liveMounter} from './live-fixtures.js';
import {selectedLine} from './live-frames.js';
import {detailOf, nginxFds, nginxInfo} from './pid-fixtures.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/**
 * One scan of `row` that takes 300 ms (the scans after it never end, so the table keeps showing it); PID 1204's
 * process started 100 ms into that scan, and is in it. Its age is known unless `isAgeKnown` is false (lsof, sockstat).
 */
class SlowScanCollector extends ScriptedCollector {
	private scanStart: number | null = null;

	constructor(
		private readonly row: Socket,
		private readonly isAgeKnown = true,
	) {
		super();
	}

	override async snapshot(): Promise<Snapshot> {
		if (this.scanStart !== null) return new Promise(() => undefined);
		const start = Date.now();
		this.scanStart = start;
		await tick(300);
		return snapshotOf([this.row], start);
	}

	override async process(pid: number): Promise<ProcessDetail> {
		return detailOf(nginxFds(), {time: Date.now(), pid, process: {...nginxInfo, pid, startToken: '9001'}});
	}

	override readonly identify = async (): Promise<ProcessIdentity | null> => ({startToken: '9001', command: 'nginx', ageMs: this.isAgeKnown ? Date.now() - (this.scanStart! + 100) : null});

	override readonly checkSignal = async (): Promise<SignalAccess> => ({kind: 'allowed'});

	override readonly signal = async (): Promise<SignalResult> => {
		throw new Error('test: kill failed');
	};
}

const shown = async (collector: SlowScanCollector) => {
	const {view} = mount({collector, isColor: true});
	await view.waitFor(() => selectedLine(view.rawFrame()).includes('1204'));
	return view;
};

describe.each([
	['a process that started during the slow scan that showed it', nginx, true],
	['a row with no command (lsof), its process\'s age not known', {...nginx, command: null}, false],
])('LiveView: %s is the row\'s', (_name, row, isAgeKnown) => {
	it('Enter shows it, not "has exited"', async () => {
		const view = await shown(new SlowScanCollector(row, isAgeKnown));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('PID 1204') && !frame.includes('Reading'));
		expect(frame).not.toContain('has exited');
		expect(frame).toContain('/var/log/nginx/access.log');
	});

	it('k offers the signals, not refusing it', async () => {
		const view = await shown(new SlowScanCollector(row, isAgeKnown));
		await view.press('k');
		// Checked: the menu, or a refusal (the dialog's title shows while it checks, before either).
		const frame = await view.waitFor(frame => frame.includes('SIGTERM') || frame.includes('Not sending'));
		expect(frame).toContain('Send a signal');
		expect(frame).not.toContain('Not sending');
	});
});

describe('LiveView: a send that throws', () => {
	it('says it was not sent, and the keys after it work', async () => {
		const view = await shown(new SlowScanCollector(nginx));
		await view.press('k');
		await view.waitFor(frame => frame.includes('SIGTERM'));
		await tick(50);
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('y/N'));
		await tick(50);
		await view.press('y');
		const frame = await view.waitFor(frame => frame.includes('Not sent'));
		expect(frame.split('\n').at(-1)).toBe('Not sent: test: kill failed.');
		await view.press('l');
		const after = await view.waitFor(frame => !frame.includes('Not sent'));
		expect(after.split('\n').at(-1)).toMatch(/^l: filter on: listening sockets/);
	});
});
