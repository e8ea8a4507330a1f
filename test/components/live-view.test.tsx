/** Whole-LiveView tests of the table screen: what it draws, in colour or not, and at each terminal size. */
import {createServiceTable} from '../../source/services/index.js';
import {displayWidth} from '../../source/format/escape.js';
import {describe, expect, it, vi} from 'vitest';
import {ScriptedCollector, baseSockets, hidden, renderLiveView, snapshotOf, socket, tick, liveMounter} from './live-fixtures.js';
import {isLoaded, tableRows} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount, keep} = liveMounter();

describe('LiveView: screen', () => {
	it('shows the header counts, the columns and one row per socket, sorted by command', async () => {
		const {view} = mount();
		const frame = await view.waitFor(isLoaded);
		expect(frame).toContain('web1  03:30:00  every 0.05s');
		expect(frame).toContain('Sockets 6 (tcp 4, udp 1, unix 1)   TCP: 3 listen, 1 estab');
		expect(frame).toContain('Sort COMMAND asc   Filter none   showing 6 of 6');
		expect(frame).toMatch(/^USER\s+COMMAND▲\s+PID\s+FD PROTO\s+LOCAL ADDRESS\s+FOREIGN ADDRESS\s+STATE\s+SERVICE$/m);
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['dbus-daemon', 'firefox', 'nginx', 'sshd', 'sshd', 'systemd-resolve']);
		// 100 columns cut the dbus path ('…bus/system_bus_socket'), so STATE is spelled as ss does.
		expect(frame).toMatch(/firefox\s+23001\s+87 tcp4\s+10\.0\.0\.2:51234\s+93\.184\.216\.34:443\s+ESTAB\s+https/);
		expect(frame).toMatch(/sshd\s+812\s+4 tcp6\s+\*:22\s+\*:\*\s+LISTEN\s+ssh/);
		expect(frame).toMatch(/systemd-resolve\s+95\s+12 udp4\s+127\.0\.0\.53:53\s+\*:\*\s+UNCONN\s+domain/);
		expect(frame).toContain('↑↓ move  <> sort  / filter  Space pause  Enter pid  k kill  ? help  q quit');
	});

	it('names ports from IANA when the services file fails, and says why in the footer', async () => {
		const view = keep(renderLiveView({collector: new ScriptedCollector(snapshotOf(baseSockets)), services: createServiceTable({file: '/dev/zero'})}));
		const frame = await view.waitFor(frame => frame.includes('/dev/zero') && /LISTEN\s+ssh/.test(frame));
		expect(frame).toMatch(/sshd\s+812\s+4 tcp6\s+\*:22\s+\*:\*\s+LISTEN\s+ssh/);
		expect(frame).toContain('cannot read services file /dev/zero: it is over 16 MiB, larger than any services file');
	});

	it('warns how many processes it could not read, and why', async () => {
		const collector = new ScriptedCollector(snapshotOf([...baseSockets, hidden], undefined, {deniedProcesses: 3, vanishedProcesses: 0, malformedLines: 0, unreadableTables: [], deniedNamespaces: 0, procHidden: false, deniedAsRoot: false}));
		const {view} = mount({collector});
		const frame = await view.waitFor(isLoaded);
		expect(frame.split('\n')[0]).toContain('3 processes hidden — run as root to see which sockets they hold');
		expect(frame).toMatch(/\?\s+\?\s+\?\s+\? tcp4\s+10\.0\.0\.2:40000\s+10\.0\.0\.10:5432\s+TIME-W/);
	});

	it('shortens the warning where the sentence would be cut, so "run as root" always shows', async () => {
		const skipped = {deniedProcesses: 147, vanishedProcesses: 0, malformedLines: 0, unreadableTables: [], deniedNamespaces: 1, procHidden: false, deniedAsRoot: false};
		for (const [columns, expected] of [
			[80, 'web1  03:30:00  every 0.05s  147 processes, 1 netns hidden (run as root)'],
			[120, 'web1  03:30:00  every 0.05s  147 processes and 1 network namespace hidden — run as root to see them'],
		] as const) {
			const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets, undefined, skipped)), columns});
			// eslint-disable-next-line no-await-in-loop
			const frame = await view.waitFor(isLoaded);
			expect(frame.split('\n')[0]).toBe(expected);
			view.unmount();
		}
	});

	it('never draws a frame taller than rows - 1 or wider than the terminal', async () => {
		for (const [columns, rows] of [[100, 30], [80, 24], [40, 10]] as const) {
			const many = Array.from({length: 200}, (_, index) => socket({proto: 'tcp4', inode: 5000 + index, localAddress: '127.0.0.1', localPort: 10_000 + index, state: 'LISTEN', command: 'worker', pid: 3000 + index, fd: 5}));
			const {view} = mount({collector: new ScriptedCollector(snapshotOf(many)), columns, rows});
			// eslint-disable-next-line no-await-in-loop
			const frame = await view.waitFor(frame => frame.includes('worker'));
			const lines = view.rawFrame().split('\n');
			expect(lines.length).toBe(rows - 1);
			expect(Math.max(...frame.split('\n').map(line => displayWidth(line)))).toBeLessThanOrEqual(columns);
			view.unmount();
		}
	});
});

describe('LiveView: colour and hostile text', () => {
	it('draws no colour at all without colour, keeping inverse for the selection', async () => {
		const {view} = mount({isColor: false});
		await view.waitFor(isLoaded);
		// eslint-disable-next-line no-control-regex
		expect(view.rawFrame()).not.toMatch(/\u001B\[(3\d|4\d|9\d|10\d)(;\d+)*m/);
		expect(view.rawFrame()).toContain('\u001B[7m');
	});

	it('colours states with colour on', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		expect(view.rawFrame()).toContain('\u001B[32mLISTEN');
	});

	it('shows control characters in names as visible escapes, columns unshifted', async () => {
		const evil = socket({proto: 'tcp4', inode: 666, localAddress: '127.0.0.1', localPort: 6666, state: 'LISTEN', command: 'x\u001B]0;pwned\u0007\n', pid: 6666, fd: 3, user: 'ev\u202Eil'});
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([evil]))});
		const frame = await view.waitFor(frame => frame.includes('6666'));
		expect(view.rawFrame()).not.toContain('\u0007');
		expect(view.rawFrame()).not.toContain('\u001B]');
		const row = frame.split('\n').find(line => line.includes('6666')) ?? '';
		// Each escape counts as the columns it is drawn in: the cells after it stay in their columns.
		expect(row).toMatch(/^ev\\u202eil x\\x1b\]0;pwned\\x07\\n 6666   3 tcp4   127\.0\.0\.1:6666 /);
	});
});

describe('LiveView: narrow terminals', () => {
	it('fits 80 columns, FD giving way to a whole IPv4 address', async () => {
		const {view} = mount({columns: 80, rows: 24});
		const frame = await view.waitFor(isLoaded);
		// SERVICE keeps the sort arrow's room ('SERVICE▲'), sorted or not. FD gives way to the
		// addresses: it cut firefox's peer to '93.184.2…34:443' (which host is connected is what the user looks for).
		expect(frame).toMatch(/^USER  COMMAND▲      PID PROTO  LOCAL ADDRESS   FOREIGN ADDRESS   STATE  SERVICE$/m);
		// ESTABLISHED is abbreviated as ss writes it; the foreign address is whole.
		expect(frame).toMatch(/^alice firefox     23001 tcp4   10\.0\.0\.2:51234  93\.184\.216\.34:443 ESTAB  https$/m);
		// Long user names give way before commands do; SERVICE is as wide as 'SERVICE', its widest.
		expect(frame).toMatch(/^syst… systemd-re…    95 udp4   127\.0\.0\.53:53   \*:\*               UNCONN domain$/m);
		for (const line of frame.split('\n')) {
			expect(displayWidth(line)).toBeLessThanOrEqual(80);
		}
	});

	it('drops the least useful columns at 40 columns', async () => {
		const {view} = mount({columns: 40, rows: 12});
		const frame = await view.waitFor(frame => frame.includes('firefox'));
		expect(frame).toMatch(/^COMMAND▲   PID LOCAL        FOREIGN$/m);
		expect(frame).toMatch(/^firefox  23001 10\.0…2:51234 93\.18…34:443$/m);
		for (const line of frame.split('\n')) {
			expect(displayWidth(line)).toBeLessThanOrEqual(40);
		}
	});

	it('says the size it needs and how to quit when the terminal is too small, and shows the table again after a resize', async () => {
		const {view} = mount({columns: 39, rows: 20});
		let frame = await view.waitFor(frame => frame.includes('too small'));
		expect(frame).toBe('Terminal too small (39x20); socktop\nneeds 40x10. q quits.');
		view.resize(100, 9);
		frame = await view.waitFor(frame => frame.includes('100x9'));
		expect(frame.split('\n')).toHaveLength(1);
		view.resize(20, 5);
		frame = await view.waitFor(frame => frame.includes('(20x5)'));
		expect(frame).toBe('Terminal too small\n(20x5); socktop\nneeds 40x10. q\nquits.');
		view.resize(100, 30);
		frame = await view.waitFor(isLoaded);
		expect(frame).toContain('Sort COMMAND asc');
	});

	it('takes no key but q and Ctrl-C while the terminal is too small', async () => {
		const {view} = mount({columns: 39, rows: 20});
		await view.waitFor(frame => frame.includes('too small'));
		// l (listening only), ? (help) and k (kill) would each change what comes back after the resize.
		await view.press('l');
		await view.press('?');
		await view.press('k');
		await tick(50);
		view.resize(100, 30);
		const frame = await view.waitFor(isLoaded);
		expect(frame).toContain('showing 6 of 6');
		expect(frame).not.toContain('socktop keys');
		expect(frame).not.toContain('SIGTERM');
	});
});
