/** LiveView Enter on a row whose PID another process took since the table's scan (a paused table, a busy machine). */
import {describe, expect, it, vi} from 'vitest';
import type {ProcessDetail} from '../../source/model/process.js';
import type {ProcessIdentity} from '../../source/model/signal.js';
import {KEYS, ScriptedCollector, nginx, snapshotOf, tick, liveMounter} from './live-fixtures.js';
import {selectedLine} from './live-frames.js';
import {detailOf, nginxFds, nginxInfo} from './pid-fixtures.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** Scripted snapshots; PID 1204 is now `now` (null: no process has it). */
class ReusedCollector extends ScriptedCollector {
	constructor(
		private readonly now: ProcessIdentity | null,
		scannedAt: number,
	) {
		super(snapshotOf([nginx], scannedAt));
	}

	override async process(pid: number): Promise<ProcessDetail> {
		const {now} = this;
		return detailOf(nginxFds(), {time: Date.now(), pid, process: now === null ? null : {...nginxInfo, pid, command: now.command!, startToken: now.startToken}});
	}

	identified = 0;

	override readonly identify = async (): Promise<ProcessIdentity | null> => {
		this.identified++;
		return this.now;
	};
}

const openNginx = async (now: ProcessIdentity | null, collector = new ReusedCollector(now, Date.now() - 60_000)) => {
	// The row was scanned a minute ago (the table paused since, say).
	const {view} = mount({collector, isColor: true});
	await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
	await view.press(KEYS.enter);
	return {view, frame: await view.waitFor(frame => frame.includes('PID 1204') && !frame.includes('Reading'))};
};

describe('LiveView: Enter on a row whose PID was taken since', () => {
	it('says the row\'s process has exited and who has the PID now, and shows none of the newcomer\'s fds', async () => {
		const {frame} = await openNginx({startToken: '9001', command: 'intruder', ageMs: 1000});
		expect(frame).toContain('Process 1204 (nginx) has exited; PID 1204 now belongs to another process (intruder).');
		expect(frame).not.toContain('/var/log/nginx/access.log');
	});

	it('shows the process when it is older than the scan, whatever it calls itself now; asks who has the PID once, not every refresh', async () => {
		const now = {startToken: '9001', command: 'nginx: worker', ageMs: 3_600_000};
		const collector = new ReusedCollector(now, Date.now() - 60_000);
		const {frame} = await openNginx(now, collector);
		expect(frame).not.toContain('has exited');
		expect(frame).toContain('/var/log/nginx/access.log');
		// The view refreshes every 0.05 s here.
		await tick(400);
		expect(collector.identified).toBe(1);
	});

	it('does not ask again on coming back from a peer\'s view (Esc): the view knows its process by then', async () => {
		const now = {startToken: '9001', command: 'nginx', ageMs: 3_600_000};
		const collector = new ReusedCollector(now, Date.now() - 60_000);
		const {view} = await openNginx(now, collector);
		// From fd 6 (the row's) up to fd 3, whose other end is postgres[548].
		for (const _ of [5, 4, 3]) await view.press(KEYS.up);
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.startsWith(' PID 548 '));
		await view.press(KEYS.escape);
		await view.waitFor(frame => frame.startsWith(' PID 1204 ') && frame.includes('/var/log/nginx/access.log'));
		await tick(200);
		expect(collector.identified).toBe(1);
	});

	it('tells a newcomer by its command where its age is not known (lsof, sockstat)', async () => {
		const {frame} = await openNginx({startToken: 'Sat Nov 28 15:47:04 2026', command: 'intruder', ageMs: null});
		expect(frame).toContain('PID 1204 now belongs to another process (intruder)');
	});

	it('names the row\'s process that has exited since (it existed: not "never existed")', async () => {
		const {frame} = await openNginx(null);
		expect(frame).toContain('Process 1204 (nginx) has exited.');
	});
});
