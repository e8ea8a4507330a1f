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

/** A frame's lines as one, for a notice wrapped over several. */
const oneLine = (frame: string) => frame.replaceAll(/\s*\n\s*/g, ' ');

/** Scripted snapshots; PID 1204 is now `now` (null: no process has it). */
class ReusedCollector extends ScriptedCollector {
	constructor(
		/** Who has the PID: the test may hand it to another process, or to none. */
		public now: ProcessIdentity | null,
		scannedAt: number,
	) {
		super(snapshotOf([nginx], scannedAt));
	}

	/** Reads of the process's fds. */
	reads = 0;

	override async process(pid: number): Promise<ProcessDetail> {
		this.reads++;
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

	it('once the row\'s process is known gone, a refresh asks only who has the PID: it reads the fds of none it would not show', async () => {
		const collector = new ReusedCollector({startToken: '9001', command: 'intruder', ageMs: 1000}, Date.now() - 60_000);
		const {view} = await openNginx(collector.now, collector);
		// The view refreshes every 0.05 s here.
		await tick(400);
		expect(collector.reads).toBe(1);
		// Another process has the PID since: read once, for its name, as before.
		collector.now = {startToken: '9002', command: 'respawned', ageMs: 10};
		await view.waitFor(frame => frame.includes('now belongs to another process (respawned)'));
		await tick(400);
		expect(collector.reads).toBe(2);
		collector.now = null;
		await view.waitFor(frame => frame.includes('Process 1204 (nginx) has exited.'));
		await tick(400);
		expect(collector.reads).toBe(3);
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

	it('where its age is not known (ps off Linux), says another command has the PID, not that it took it: the row\'s, after exec, reads the same', async () => {
		const now = {startToken: 'Sat Nov 28 15:47:04 2026', command: 'intruder', ageMs: null};
		const collector = new ReusedCollector(now, Date.now() - 60_000);
		const {view, frame} = await openNginx(now, collector);
		expect(oneLine(frame)).toContain('socktop cannot tell whether PID 1204, which now runs intruder, is the row\'s nginx after exec or another process (no start time here), so shows none of its FDs.');
		expect(frame).not.toContain('has exited');
		expect(frame).not.toContain('/var/log/nginx/access.log');
		// k, as the table's k, sends nothing: in the same words, not "has exited".
		await view.press('k');
		expect(oneLine(await view.waitFor(frame => frame.includes('Not sending')))).toContain("Not sending: socktop cannot tell whether PID 1204, which now runs intruder, is the row's nginx after exec or another process (no start time here).");
		// Once the PID is another's, or no one's, the row's process has left it, whichever it was.
		collector.now = null;
		expect(await view.waitFor(frame => frame.includes('has exited'))).toContain('Process 1204 (nginx) has exited.');
	});

	it('names the row\'s process that has exited since (it existed: not "never existed")', async () => {
		const {frame} = await openNginx(null);
		expect(frame).toContain('Process 1204 (nginx) has exited.');
	});
});
