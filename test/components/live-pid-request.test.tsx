/** LiveView --pid: what the command line asked besides the PID (a thread, socket filters) holds on the view socktop started on, and only there. */
import {describe, expect, it, vi} from 'vitest';
import type {ProcessDetail} from '../../source/model/process.js';
import {KEYS, ScriptedCollector, baseSockets, snapshotOf, tick, liveMounter} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';
import {defaultFilters} from '../../source/options.js';
import {detailOf, inetSocket, nginxFds, nginxInfo} from './pid-fixtures.js';

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

/** The base table, and nginx's 18 fds for any PID. */
class NginxCollector extends ScriptedCollector {
	override async process(): Promise<ProcessDetail> {
		return detailOf(nginxFds(), {process: nginxInfo});
	}
}

/** The FD column of the PID view's table rows. */
const fdColumn = (frame: string) => frame.split('\n').flatMap(line => /^│ +(\d+) │/.exec(line)?.[1] ?? []);

/** The table is back (the PID view names sshd too, so isLoaded alone cannot tell). */
const isTable = (frame: string) => isLoaded(frame) && !frame.includes('Open FDs');

const THREAD_NOTE = 'PID 815 is a thread of 812 (sshd); showing the process';

describe('LiveView: --pid of a thread', () => {
	it('the PID view it starts on is the process\'s and says whose thread was asked for; one opened from the table does not', async () => {
		const {view} = mount({collector: new SshdCollector(snapshotOf(baseSockets)), pidView: 812, pidRequest: {thread: {tid: 815, name: 'sshd-worker', pid: 812, command: 'sshd'}}, isColor: true});
		const first = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(first.split('\n')[0]).toMatch(/^ PID 812 sshd /);
		expect(first).toContain(THREAD_NOTE);
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isTable);
		await tick(50);
		await view.press(KEYS.enter);
		// The fake answers sshd's detail for any PID: the view's title names the row's.
		const opened = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(opened.split('\n')[0]).toMatch(/^ PID \d+ sshd /);
		expect(opened).not.toContain(THREAD_NOTE);
	});
});

describe('LiveView: --pid with socket filters', () => {
	it('the PID view it starts on lists the socket fds that pass and says which filters hide how many; one opened from the table lists every fd', async () => {
		const listening = {...defaultFilters, listening: true};
		const {view} = mount({collector: new NginxCollector(snapshotOf(baseSockets)), pidView: 812, filters: listening, pidRequest: {filters: listening}, rows: 40});
		const first = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(first).toContain('Filters in force: listening; they hide 16 of the 18 fds read');
		expect(fdColumn(first)).toEqual(['5', '6']);
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isTable);
		await tick(50);
		await view.press(KEYS.enter);
		const opened = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(opened).not.toContain('Filters in force');
		expect(fdColumn(opened)).toEqual(['0', '2', '3', '4', '5', '6', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '19', '20']);
	});

	it('the / filter looks only among the fds the command line\'s filters pass', async () => {
		const listening = {...defaultFilters, listening: true};
		const {view} = mount({collector: new NginxCollector(snapshotOf(baseSockets)), pidView: 812, filters: listening, pidRequest: {filters: listening}, rows: 40});
		await view.waitFor(frame => frame.includes('Open FDs'));
		await tick(50);
		// tcp6 is fd 6, the listener, and fds 8-17, connections -l hides: they stay hidden.
		await view.press('/tcp6');
		const typed = await view.waitFor(frame => frame.includes('showing 1 of 2'));
		expect(fdColumn(typed)).toEqual(['6']);
		expect(typed).toContain('Filters in force: listening; they hide 16 of the 18 fds read');
		// access.log is fd 4, a file -l hides: no fd matches, which is said as the / filter's, not the command line's.
		await view.press(`${'\u007F'.repeat(4)}access.log`);
		const none = await view.waitFor(frame => frame.includes('No fd matches "access.log"'));
		expect(none).not.toContain('No fd passes the filters.');
		expect(none).toContain('Filters in force: listening; they hide 16 of the 18 fds read');
	});

	it('holds on the view socktop started on, not on a peer\'s Enter opens from it, and again once Esc comes back', async () => {
		const unix = {...defaultFilters, unix: true};
		const {view} = mount({collector: new NginxCollector(snapshotOf(baseSockets)), pidView: 812, filters: unix, pidRequest: {filters: unix}, rows: 40});
		const first = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(fdColumn(first)).toEqual(['3']);
		await tick(50);
		// fd 3's other end is postgres[548]: its view (the fake answers nginx's fds) lists every fd.
		await view.press(KEYS.enter);
		const peer = await view.waitFor(frame => frame.startsWith(' PID 548 ') && frame.includes('Open FDs'));
		expect(peer).not.toContain('Filters in force');
		expect(fdColumn(peer)).toHaveLength(18);
		await tick(50);
		await view.press(KEYS.escape);
		const back = await view.waitFor(frame => frame.startsWith(' PID 812 ') && frame.includes('Open FDs'));
		expect(back).toContain('Filters in force: unix; they hide 17 of the 18 fds read');
		expect(fdColumn(back)).toEqual(['3']);
	});

	it('says no fd passes, not that there are none, when the filters hide them all', async () => {
		const {view} = mount({collector: new SshdCollector(snapshotOf(baseSockets)), pidView: 812, pidRequest: {filters: {...defaultFilters, unix: true}}});
		const frame = await view.waitFor(frame => frame.includes('Open FDs'));
		expect(frame).toContain('Filters in force: unix; they hide 5 of the 5 fds read');
		expect(frame).toContain('No fd passes the filters.');
	});
});

/** The base table, and curl (for any PID) with one outgoing connection from an ephemeral port. */
class CurlCollector extends ScriptedCollector {
	override async process(): Promise<ProcessDetail> {
		const socket = inetSocket({localAddress: '10.0.0.5', localPort: 41_276, foreignAddress: '93.184.216.34', foreignPort: 443, state: 'ESTABLISHED', fd: 3, inode: 30_003});
		return detailOf([{fd: 3, type: 'socket', target: 'socket:[30003]', socket}], {process: {...nginxInfo, command: 'curl'}});
	}
}

describe('LiveView: the PID view\'s ephemeral note', () => {
	it('names the setting of this system\'s range that app hands down', async () => {
		const {view} = mount({collector: new CurlCollector(snapshotOf(baseSockets)), pidView: 812, ephemeralSetting: 'net.ipv4.ip_local_port_range'});
		const frame = await view.waitFor(each => each.includes('41276: an ephemeral port'));
		expect(frame.replaceAll(/\s+/g, ' ')).toContain('41276: an ephemeral port, most likely picked by the kernel for this connection from 32768-60999 (net.ipv4.ip_local_port_range), unless the program bound it; no service is named for it');
	});
});
