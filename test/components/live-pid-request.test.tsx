/** LiveView --pid: what the command line asked besides the PID is said on the view socktop started on, and only there. */
import {describe, expect, it, vi} from 'vitest';
import type {ProcessDetail} from '../../source/model/process.js';
import {KEYS, ScriptedCollector, baseSockets, snapshotOf, tick, liveMounter} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';
import {detailOf} from './pid-fixtures.js';

vi.hoisted(() => {
	// The table's selection is inverse video: the frames must carry it.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** The base table, and sshd (PID 812) read alive by the PID view. */
class SshdCollector extends ScriptedCollector {
	override async process(): Promise<ProcessDetail> {
		return detailOf();
	}
}

const THREAD_NOTE = 'PID 815 is a thread of 812 (sshd); showing the process';

describe('LiveView: --pid of a thread', () => {
	it('the PID view it starts on is the process\'s and says whose thread was asked for; one opened from the table does not', async () => {
		const {view} = mount({collector: new SshdCollector(snapshotOf(baseSockets)), pidView: 812, pidRequest: {thread: {tid: 815, name: 'sshd-worker', pid: 812, command: 'sshd'}}, isColor: true});
		const first = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(first.split('\n')[0]).toMatch(/^ PID 812 sshd /);
		expect(first).toContain(THREAD_NOTE);
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isLoaded);
		await view.press(KEYS.enter);
		// The fake answers sshd's detail for any PID: the view's title names the row's.
		const opened = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(opened.split('\n')[0]).toMatch(/^ PID \d+ sshd /);
		expect(opened).not.toContain(THREAD_NOTE);
	});
});
