/**
 * Keys that arrive in one read (typed ahead over a slow SSH link, or sent by tmux send-keys) are
 * taken one by one, in order, on every screen, as htop takes them; the one exception is a kill
 * dialog's y typed before the dialog was on screen, which never sends (README: keys typed faster).
 */
import {describe, expect, it, vi} from 'vitest';
import type {SignalName} from '../../source/model/signal.js';
import {baseSockets, KEYS, liveMounter, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';
import {detailOf, sshdFds, sshdInfo} from './pid-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

/** Every process is live and may be signalled; the signals are recorded, not sent. */
class Recording extends ScriptedCollector {
	readonly sent: string[] = [];
	override readonly identify = async () => ({startToken: '1', command: 'dbus-daemon', ageMs: 1e9});
	override readonly checkSignal = async () => ({kind: 'allowed'}) as const;
	override readonly signal = async (pid: number, signal: SignalName) => {
		this.sent.push(`${signal} ${pid}`);
		return {isSent: true, message: `Sent ${signal} to PID ${pid}.`};
	};

	override async process(pid: number) {
		// The row's process, as identify names it: the PID view takes it as the row's, not as one that took its PID.
		return detailOf(sshdFds, {pid, process: {...sshdInfo, pid, command: 'dbus-daemon', startToken: '1'}, time: Date.now()});
	}
}

const footer = (frame: string) => frame.trimEnd().split('\n').at(-1);
const filterLine = (frame: string) => frame.split('\n').find(line => line.startsWith('Sort ')) ?? '';

/** The table on the fixtures (dbus-daemon, PID 640, selected), after `opening` keys each in a read of its own. */
async function at(...opening: string[]) {
	const collector = new Recording(snapshotOf(baseSockets, Date.now()));
	const {view} = mount({collector});
	await view.waitFor(isLoaded);
	for (const key of opening) {
		// eslint-disable-next-line no-await-in-loop
		await view.press(key);
		// eslint-disable-next-line no-await-in-loop
		await tick(100);
	}

	return {view, collector};
}

describe('LiveView: keys in one read, taken in order on each screen', () => {
	it('table: K, 1 and 5 (htop habits socktop has not) typed ahead leave the Enter after them to open the PID view', async () => {
		const {view} = await at();
		view.write('K15\r');
		await view.waitFor(frame => /^ PID 640 /.test(frame));
	});

	it('filter prompt: "/ssh⏎l" keeps the filter ssh, then l filters on listening', async () => {
		const {view} = await at();
		view.write('/ssh\rl');
		const frame = await view.waitFor(frame => footer(frame)?.startsWith('l: filter on') === true);
		expect(filterLine(frame)).toMatch(/listening .*"ssh"|"ssh".*listening/);
	});

	it('help: "?jjql" scrolls it, closes it, then l filters on listening', async () => {
		const {view} = await at();
		view.write('?jjql');
		const frame = await view.waitFor(frame => footer(frame)?.startsWith('l: filter on') === true);
		expect(filterLine(frame)).toContain('listening');
		expect(frame).not.toContain('socktop keys');
	});

	it('kill dialog typed ahead: "k⏎nl" cancels at the question, as n would there, then l filters; nothing is sent', async () => {
		const {view, collector} = await at();
		view.write('k\rnl');
		const frame = await view.waitFor(frame => footer(frame)?.startsWith('l: filter on') === true);
		expect(filterLine(frame)).toContain('listening');
		expect(frame).not.toMatch(/y\/N|Send a signal/);
		expect(collector.sent).toEqual([]);
	});

	it('kill dialog typed ahead: "k⏎y" asks, and says the y came too early; nothing is sent', async () => {
		const {view, collector} = await at();
		view.write('k\ry');
		await view.waitFor(frame => frame.includes('y ignored: it came before this question was shown'));
		// A negative check: a signal sent would be recorded within these 100 ms.
		await tick(100);
		expect(collector.sent).toEqual([]);
	});

	it('kill dialog on screen: "2⏎yl" sends SIGINT, then l filters on listening', async () => {
		const {view, collector} = await at('k');
		await view.waitFor(frame => frame.includes('Send a signal to PID 640'));
		view.write('2\ryl');
		const frame = await view.waitFor(frame => footer(frame)?.startsWith('l: filter on') === true);
		expect(collector.sent).toEqual(['SIGINT 640']);
		expect(filterLine(frame)).toContain('listening');
	});

	it('PID view: "k2⏎" chooses SIGINT and asks; the y typed once the question is shown sends it', async () => {
		const {view, collector} = await at(KEYS.enter);
		await view.waitFor(frame => frame.includes('pipe:[4471]'));
		view.write('k2\r');
		await view.waitFor(frame => frame.includes('Send SIGINT to PID 640'));
		await tick(50);
		await view.press('y');
		await view.waitFor(frame => frame.includes('Sent SIGINT to PID 640.'));
		expect(collector.sent).toEqual(['SIGINT 640']);
	});

	it('PID view: "jk⏎nq" moves, cancels the question typed ahead, and q goes back to the table', async () => {
		const {view, collector} = await at(KEYS.enter);
		await view.waitFor(frame => frame.includes('pipe:[4471]'));
		view.write('jk\rnq');
		await view.waitFor(frame => footer(frame)?.includes('q quit') === true && isLoaded(frame));
		expect(collector.sent).toEqual([]);
	});
});
