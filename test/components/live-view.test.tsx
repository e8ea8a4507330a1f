import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {importCollector} from '../../source/collect/import/index.js';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createServiceTable, createStaticServiceTable} from '../../source/services/index.js';
import {displayWidth} from '../../source/format/escape.js';
import {KEYMAP} from '../../source/keymap.js';
import {
	KEYS,
	ScriptedCollector,
	baseSockets,
	browser,
	hidden,
	nginx,
	renderLiveView,
	snapshotOf,
	socket,
	tick,
	type LiveSetup,
	type Rendered,
} from './live-fixtures.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const services = createStaticServiceTable([
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: 'The Secure Shell (SSH) Protocol', source: '/etc/services'},
	{name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'WorldWideWeb HTTP', source: '/etc/services'},
	{name: 'https', port: 443, protocol: 'tcp', aliases: [], comment: 'http protocol over TLS/SSL', source: '/etc/services'},
	{name: 'domain', port: 53, protocol: 'udp', aliases: [], comment: 'Domain Name Server', source: '/etc/services'},
]);

type Setup = Omit<Partial<LiveSetup>, 'collector' | 'services'> & {readonly collector?: ScriptedCollector};

let current: Rendered | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

function mount({collector = new ScriptedCollector(snapshotOf(baseSockets)), ...setup}: Setup = {}) {
	current = renderLiveView({collector, services, ...setup});
	return {view: current, collector};
}

/** The COMMAND (or other) cell of each table row, top to bottom. */
const tableRows = (frame: string) => {
	const lines = frame.split('\n');
	const header = lines.findIndex(line => /^(USER|COMMAND)/.test(line));
	return lines.slice(header + 1, -1).filter(line => line.trim() !== '');
};

const pids = (frame: string) => tableRows(frame).map(line => line.match(/\s(\d+|\?)\s+(\d+|\?)\s+(tcp|udp|stream)/)?.[1] ?? '');
const selectedLine = (raw: string) => raw.split('\n').find(line => line.includes('\u001B[7m'))?.replaceAll(/\u001B\[[\d;]*m/g, '') ?? '';
const isLoaded = (frame: string) => frame.includes('sshd');

describe('LiveView: screen', () => {
	it('shows the header counts, the columns and one row per socket, sorted by command', async () => {
		const {view} = mount();
		const frame = await view.waitFor(isLoaded);
		expect(frame).toContain('web1  03:30:00  every 0.05s');
		expect(frame).toContain('Sockets 6 (tcp 4, udp 1, unix 1)   TCP 3 listen, 1 estab, 0 time_wait, 0 other');
		expect(frame).toContain('Sort COMMAND asc   Filter none   showing 6 of 6');
		expect(frame).toMatch(/^USER\s+COMMAND▲\s+PID\s+FD PROTO\s+LOCAL ADDRESS\s+FOREIGN ADDRESS\s+STATE\s+SERVICE$/m);
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['dbus-daemon', 'firefox', 'nginx', 'sshd', 'sshd', 'systemd-res…']);
		expect(frame).toMatch(/firefox\s+23001\s+87 tcp4\s+10\.0\.0\.2:51234\s+93\.184\.216\.34:443\s+ESTABLISHED https/);
		expect(frame).toMatch(/sshd\s+812\s+4 tcp6\s+\*:22\s+\*:\*\s+LISTEN\s+ssh/);
		expect(frame).toMatch(/systemd-res…\s+95\s+12 udp4\s+127\.0\.0\.53:53\s+\*:\*\s+UNCONN\s+domain/);
		expect(frame).toContain('↑↓ move  <> sort  / filter  Space pause  Enter pid  k kill  ? help  q quit');
	});

	it('names ports from IANA when the services file fails, and says why in the footer', async () => {
		current = renderLiveView({collector: new ScriptedCollector(snapshotOf(baseSockets)), services: createServiceTable({file: '/dev/zero'})});
		const frame = await current.waitFor(frame => frame.includes('/dev/zero') && /LISTEN\s+ssh/.test(frame));
		expect(frame).toMatch(/sshd\s+812\s+4 tcp6\s+\*:22\s+\*:\*\s+LISTEN\s+ssh/);
		expect(frame).toContain('cannot read services file /dev/zero: it is over 16 MiB, larger than any services file');
	});

	it('warns how many processes it could not read, and why', async () => {
		const collector = new ScriptedCollector(snapshotOf([...baseSockets, hidden], undefined, {deniedProcesses: 3, vanishedProcesses: 0, malformedLines: 0, unreadableTables: [], deniedNamespaces: 0, procHidden: false, deniedAsRoot: false}));
		const {view} = mount({collector});
		const frame = await view.waitFor(isLoaded);
		expect(frame.split('\n')[0]).toContain('3 processes hidden — run as root to see which sockets they hold');
		expect(frame).toMatch(/\?\s+\?\s+\?\s+\? tcp4\s+10\.0\.0\.2:40000\s+10\.0\.0\.10:5432\s+TIME_WAIT/);
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
			current = undefined;
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
			current = undefined;
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
		// The USER cell is cut inside the escape; the COMMAND cell keeps its own column.
		expect(row).toMatch(/^ev\\u202…\s+x\\x1b\]0;pwn…\s+6666\s+3 tcp4\s+127\.0\.0\.1:6666/);
	});
});

describe('LiveView: sorting', () => {
	it('< and > choose the column, r reverses it, and the header shows the direction', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('>');
		let frame = await view.waitFor(frame => frame.includes('Sort PID asc'));
		expect(frame).toMatch(/\s+PID▲/);
		// Numerically: 95 before 640 before 812, not as text.
		expect(pids(frame)).toEqual(['95', '640', '812', '812', '1204', '23001']);
		await view.press('r');
		frame = await view.waitFor(frame => frame.includes('Sort PID desc'));
		expect(frame).toMatch(/\s+PID▼/);
		expect(pids(frame)).toEqual(['23001', '1204', '812', '812', '640', '95']);
		await view.press('<');
		await view.press('<');
		frame = await view.waitFor(frame => frame.includes('Sort USER'));
		// A new column starts ascending.
		expect(frame).toContain('Sort USER asc');
	});

	it('sorts by every column both ways: descending is ascending reversed (unknown values stay last)', async () => {
		const {view} = mount({columns: 120});
		await view.waitFor(isLoaded);
		// Identity of each row: PID and FD.
		const order = () => tableRows(view.frame()).map(line => /\s(\d+)\s+(\d+) (tcp|udp|stream)/.exec(line)?.slice(1, 3).join('/'));
		const headers = ['COMMAND', 'PID', 'FD', 'PROTO', 'LOCAL ADDRESS', 'FOREIGN ADDRESS', 'STATE', 'SERVICE', 'USER'];
		for (const [step, header] of headers.entries()) {
			if (step > 0) {
				// eslint-disable-next-line no-await-in-loop
				await view.press('>');
			}

			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes(`Sort ${header} asc`));
			const ascending = order();
			// eslint-disable-next-line no-await-in-loop
			await view.press('r');
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes(`Sort ${header} desc`));
			const descending = order();
			// dbus-daemon (640/9) has no service: last both ways when sorting by SERVICE.
			const unknown = header === 'SERVICE' ? ['640/9'] : [];
			expect(descending.filter(row => !unknown.includes(row!))).toEqual(ascending.filter(row => !unknown.includes(row!)).reverse());
			expect(descending.slice(descending.length - unknown.length)).toEqual(unknown);
			// eslint-disable-next-line no-await-in-loop
			await view.press('r');
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes(`Sort ${header} asc`));
		}
	});

	it('sorts LOCAL ADDRESS by address, then port', async () => {
		const {view} = mount({filters: {ipv4: true}});
		await view.waitFor(isLoaded);
		for (let step = 0; step < 4; step++) {
			// eslint-disable-next-line no-await-in-loop
			await view.press('>');
		}

		const frame = await view.waitFor(frame => frame.includes('Sort LOCAL ADDRESS asc'));
		const locals = tableRows(frame).map(line => line.match(/(\*|[\d.]+):(\d+)/)?.[0]);
		expect(locals).toEqual(['*:22', '10.0.0.2:51234', '10.0.0.10:80', '127.0.0.53:53']);
	});
});

describe('LiveView: selection', () => {
	it('follows the same socket across a refresh that adds rows above it', async () => {
		const {view, collector} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		const newcomers = ['aaa', 'abc', 'acme'].map((command, index) => socket({proto: 'tcp4', inode: 9000 + index, localPort: 7000 + index, state: 'LISTEN', command, pid: 4000 + index, fd: 3}));
		collector.push(snapshotOf([...newcomers, ...baseSockets], Date.UTC(2026, 10, 27, 3, 30, 2)));
		const frame = await view.waitFor(frame => frame.includes('acme'));
		expect(tableRows(frame)[4]).toContain('firefox');
		expect(selectedLine(view.rawFrame())).toContain('firefox');
	});

	it('follows the same socket across a re-sort', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
		await view.press('>');
		await view.press('r');
		await view.waitFor(frame => frame.includes('Sort PID desc'));
		expect(selectedLine(view.rawFrame())).toContain('nginx');
		expect(tableRows(view.frame())[1]).toContain('nginx');
	});

	it('stays at the same position when its socket is gone for good', async () => {
		const {view, collector} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		const without = baseSockets.filter(each => each !== browser);
		collector.push(snapshotOf(without, Date.UTC(2026, 10, 27, 3, 30, 2)));
		collector.push(snapshotOf(without, Date.UTC(2026, 10, 27, 3, 30, 4)));
		await view.waitFor(frame => frame.includes('03:30:04'));
		expect(view.frame()).not.toContain('firefox');
		expect(selectedLine(view.rawFrame())).toContain('nginx');
	});

	it('moves with j, PgDn, G/End, g/Home', async () => {
		const {view} = mount({isColor: true, rows: 10, columns: 100});
		await view.waitFor(isLoaded);
		await view.press('G');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('systemd-res'));
		// The screen scrolled to keep the selection visible: the first rows are off screen.
		expect(view.frame()).not.toContain('dbus-daemon');
		await view.press('g');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('dbus-daemon'));
		await view.press('j');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		await view.press(KEYS.end);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('systemd-res'));
		await view.press(KEYS.home);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('dbus-daemon'));
		await view.press(KEYS.pageDown);
		// 10 rows: 4 body rows on screen, a page moves by 3.
		await view.waitFor(() => /sshd\s+812\s+3/.test(selectedLine(view.rawFrame())));
		await view.press(KEYS.up);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
	});
	it('counts every key of a chunk typed while a refresh held the event loop', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press('jjj');
		await view.waitFor(() => /sshd\s+812\s+3/.test(selectedLine(view.rawFrame())));
		await view.press('>>');
		await view.waitFor(frame => frame.includes('Sort FD asc'));
	});
});

describe('LiveView: filters', () => {
	it('shows the end of filter text longer than the line, where the cursor is', async () => {
		const {view} = mount({columns: 40});
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		// A paste: one read.
		await view.press(`${'x'.repeat(60)}END`);
		const frame = await view.waitFor(current => current.includes('END'));
		expect(frame.split('\n').at(-1)).toBe(`Filter: …${'x'.repeat(27)}END`);
	});

	it('/ filters as you type, Enter keeps it, Esc clears it', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		await view.press('s');
		await view.press('s');
		await view.press('h');
		let frame = await view.waitFor(frame => frame.includes('Filter: ssh'));
		expect(frame.split('\n').at(-1)).toMatch(/^Filter: ssh\s+Enter keep  Esc clear$/);
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['sshd', 'sshd']);
		await view.press(KEYS.enter);
		frame = await view.waitFor(frame => frame.includes('q quit'));
		expect(frame).toContain('Filter "ssh"   showing 2 of 6');
		// Keys go to the table again.
		await view.press('/');
		await view.press(KEYS.backspace);
		frame = await view.waitFor(frame => frame.includes('Filter: ss'));
		await view.press(KEYS.escape);
		frame = await view.waitFor(frame => frame.includes('nginx'));
		expect(frame).toContain('Filter none   showing 6 of 6');
	});

	it('Esc in the table clears a filter kept with Enter', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		await view.press('ssh');
		await view.waitFor(frame => frame.includes('Filter: ssh'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('Filter "ssh"   showing 2 of 6'));
		await view.press(KEYS.escape);
		const frame = await view.waitFor(frame => frame.includes('nginx'));
		expect(frame).toContain('Filter none   showing 6 of 6');
	});

	it('a chunk "/ssh" + Enter + "q" (typed fast over SSH) filters, closes the prompt and quits', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press('/ssh\rq');
		await view.waitFor(() => codes.length > 0);
		expect(codes).toEqual([0]);
		expect(view.frame()).toContain('Filter "ssh"');
	});

	it('/ matches the SERVICE column too', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.press('https');
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('Filter "https"'));
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['firefox']);
	});

	it('l c 4 6 u toggle listening, connected, IPv4, IPv6 and unix', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		const commands = () => tableRows(view.frame()).map(line => line.split(/\s+/)[1]);

		await view.press('l');
		await view.waitFor(frame => frame.includes('Filter listening'));
		expect(commands()).toEqual(['dbus-daemon', 'nginx', 'sshd', 'sshd', 'systemd-res…']);
		await view.press('l');
		await view.press('c');
		await view.waitFor(frame => frame.includes('Filter connected'));
		expect(commands()).toEqual(['firefox']);
		await view.press('c');
		await view.press('6');
		await view.waitFor(frame => frame.includes('Filter IPv6'));
		expect(tableRows(view.frame())).toHaveLength(1);
		expect(view.frame()).toMatch(/sshd\s+812\s+4 tcp6/);
		await view.press('u');
		await view.waitFor(frame => frame.includes('Filter IPv6+unix'));
		expect(commands()).toEqual(['dbus-daemon', 'sshd']);
		await view.press('6');
		await view.press('u');
		await view.press('4');
		await view.waitFor(frame => frame.includes('Filter IPv4 '));
		expect(commands()).toEqual(['firefox', 'nginx', 'sshd', 'systemd-res…']);
	});

	it('L toggles hiding loopback sockets, and the header says so', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		const commands = () => tableRows(view.frame()).map(line => line.split(/\s+/)[1]);

		await view.press('L');
		// The resolver on 127.0.0.53 goes; 'l' (listening) is another key.
		await view.waitFor(frame => frame.includes('Filter no loopback   showing 5 of 6'));
		expect(commands()).toEqual(['dbus-daemon', 'firefox', 'nginx', 'sshd', 'sshd']);
		await view.press('L');
		await view.waitFor(frame => frame.includes('Filter none   showing 6 of 6'));
		expect(commands()).toContain('systemd-res…');
	});

	it('starts from the command line filters', async () => {
		const {view} = mount({filters: {listening: true, ipv4: true}});
		const frame = await view.waitFor(isLoaded);
		expect(frame).toContain('Filter listening IPv4');
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['nginx', 'sshd', 'systemd-res…']);
	});

	it('shows, sorts and finds USER by uid under -n', async () => {
		const {view} = mount({isNumericUser: true});
		let frame = await view.waitFor(isLoaded);
		const users = (frame: string) => tableRows(frame).map(line => line.split(/\s+/)[0]);
		expect(users(frame)).toEqual(['101', '1000', '33', '0', '0', '991']);
		await view.press('<');
		frame = await view.waitFor(frame => frame.includes('Sort USER asc'));
		// As numbers: 33 before 101 before 991 before 1000.
		expect(users(frame)).toEqual(['0', '0', '33', '101', '991', '1000']);
		current?.unmount();
		// The text filter matches the uid shown (www-data is uid 33; no other cell holds 33).
		const found = mount({isNumericUser: true, filters: {text: '33'}}).view;
		frame = await found.waitFor(frame => frame.includes('showing 1 of 6'));
		expect(tableRows(frame).map(line => line.split(/\s+/).slice(0, 2))).toEqual([['33', 'nginx']]);
	});

	it('starts with loopback hidden under -L', async () => {
		const {view} = mount({filters: {listening: true, ipv4: true, noLoopback: true}});
		const frame = await view.waitFor(isLoaded);
		expect(frame).toContain('Filter listening IPv4 no loopback');
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['nginx', 'sshd']);
	});

	it('says so when nothing matches', async () => {
		const {view} = mount({filters: {text: 'no such thing'}});
		const frame = await view.waitFor(frame => frame.includes('No sockets match'));
		expect(frame).toContain('showing 0 of 6');
	});

	it('says how to clear the filters, L included, over whole lines at 80 columns', async () => {
		const {view} = mount({filters: {text: 'no such thing'}, columns: 80, rows: 24});
		const frame = await view.waitFor(frame => frame.includes('No sockets match'));
		const lines = frame.split('\n');
		expect(lines.slice(4, 6)).toEqual([
			'No sockets match the filters (Esc clears the text filter; l c 4 6 u L toggle;',
			'n netns).',
		]);
		expect(view.rawFrame().split('\n')).toHaveLength(23);
	});
});

describe('LiveView: changes between refreshes', () => {
	it('marks new sockets for one refresh and keeps gone ones one refresh, dimmed', async () => {
		const {view, collector} = mount({isColor: false});
		await view.waitFor(isLoaded);
		// The first snapshot marks nothing as new.
		expect(view.rawFrame()).not.toContain('\u001B[1mroot');
		const newcomer = socket({proto: 'tcp4', inode: 7777, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', command: 'python3', pid: 5555, fd: 3});
		collector.push(snapshotOf([...baseSockets.filter(each => each !== nginx), newcomer], Date.UTC(2026, 10, 27, 3, 30, 2)));
		await view.waitFor(frame => frame.includes('python3'));
		const lines = view.rawFrame().split('\n');
		const line = (text: string) => lines.find(each => each.includes(text)) ?? '';
		expect(line('python3')).toMatch(/^\u001B\[1m/);
		expect(line('nginx')).toMatch(/^\u001B\[2m/);
		expect(line('sshd')).not.toMatch(/^\u001B\[[12]m/);
		expect(view.frame()).toContain('Sockets 6 (');

		collector.push(snapshotOf([...baseSockets.filter(each => each !== nginx), newcomer], Date.UTC(2026, 10, 27, 3, 30, 4)));
		await view.waitFor(frame => frame.includes('03:30:04'));
		expect(view.frame()).not.toContain('nginx');
		expect(view.rawFrame().split('\n').find(each => each.includes('python3'))).not.toMatch(/^\u001B\[1m/);
	});
});

describe('LiveView: a capture (--import)', () => {
	it('says it is a capture, not refreshed, and offers no pause or kill keys', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-iproute2-tunap.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'web1-ss.txt'), services});
		const frame = await current.waitFor(text => text.includes('spc in name'));
		expect(frame.split('\n')[0]).toMatch(/^web1-ss\.txt {2}\d\d:\d\d:\d\d {2}a capture, not refreshed$/);
		expect(frame.split('\n').at(-1)).toBe('↑↓ move  <> sort  / filter  Enter pid  ? help  q quit');
	});

	it('leaves Space, + - and k out of its help too, and Space does not pause what never refreshes', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-iproute2-tunap.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'web1-ss.txt'), services, rows: 40});
		await current.waitFor(text => text.includes('spc in name'));
		await current.press(' ');
		await current.press('+');
		await tick(50);
		expect(current.frame().split('\n')[0]).not.toContain('PAUSED');
		await current.press('?');
		const help = await current.waitFor(text => text.includes('socktop keys'));
		expect(help).toContain('Enter   open the process');
		expect(help).not.toContain('pause or resume');
		expect(help).not.toContain('refresh interval');
		expect(help).not.toContain('send a signal');
	});

	it('does not pause from its PID view either', async () => {
		const capture = readFileSync(new URL('../fixtures/netstat/linux-root-tunapo.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tunapo.txt'), services, pidView: 6036, rows: 40});
		await current.waitFor(text => text.includes('127.0.0.1:18080'));
		await current.press(' ');
		await tick(50);
		expect(current.frame().split('\n')[0]).not.toContain('paused');
		await current.press(KEYS.escape);
		const table = await current.waitFor(text => text.includes('a capture, not refreshed'));
		expect(table.split('\n')[0]).not.toContain('PAUSED');
	});

	it('says how many of its lines it could not read, with the first one', async () => {
		// No services table: the ten lines with service names (`127.0.0.2:domain`) are not read.
		const capture = readFileSync(new URL('../fixtures/ss/linux-root-tulp-names.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tulp.txt'), services, columns: 200});
		const frame = await current.waitFor(text => text.includes('python3'));
		expect(frame.split('\n')[0]).toMatch(/a capture, not refreshed {2}10 lines could not be read \(e\.g\. 'udp UNCONN 0 0 127\.0\.0\.2:domain/);
	});

	it('its PID view lists a netstat capture\'s sockets, which have no fd number, with FD ?', async () => {
		const capture = readFileSync(new URL('../fixtures/netstat/linux-root-tunapo.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tunapo.txt'), services, pidView: 6036, rows: 40});
		const frame = await current.waitFor(text => text.includes('127.0.0.1:18080'));
		expect(frame).toMatch(/│ +\? │ tcp4 │ 127\.0\.0\.1:18080 │ \*:\* +│ LISTEN/);
		expect(frame).toMatch(/^tcp4 127\.0\.0\.1:18080: python3 listens for TCP connections on port 18080/m);
		// The selection moves by row, there being no fd number to follow.
		const selectedLine = () => current!.rawFrame().split('\n').find(line => line.includes('\u001B[7m') && line.includes('tcp')) ?? '';
		expect(selectedLine()).toContain('127.0.0.1:18080');
		await current.press('j');
		await current.waitFor(() => selectedLine().includes('*:18022'));
	});

	it('says it in few words when the sentence does not fit', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-root-tulp-names.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tulp.txt'), services});
		const frame = await current.waitFor(text => text.includes('python3'));
		expect(frame.split('\n')[0]).toMatch(/a capture, not refreshed {2}10 lines unread$/);
	});

	it('cuts a long capture path from the left, so the notes after it still show at 80 columns', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-root-tulp-names.txt', import.meta.url), 'utf8');
		const path = '/var/tmp/incident-2026-11-27/web1/before-the-restart/ss-tulp.txt';
		current = renderLiveView({collector: importCollector(capture, path), services, columns: 80, rows: 24});
		const frame = await current.waitFor(text => text.includes('python3'));
		expect(frame.split('\n')[0]).toMatch(/^…[\w/-]*\/ss-tulp\.txt {2}\d\d:\d\d:\d\d {2}a capture, not refreshed {2}10 lines unread$/);
		expect(displayWidth(frame.split('\n')[0]!)).toBe(80);
	});
});

describe('LiveView: a scan that takes long', () => {
	it('says the scan is still running, with its age, and stops saying it when the scan ends', async () => {
		// The scripted collector holds its second scan until a snapshot is pushed: a hung lsof.
		const {view, collector} = mount({slowScanAfterMs: 300});
		await view.waitFor(isLoaded);
		expect(view.frame().split('\n')[0]).not.toContain('still reading');
		const stalled = await view.waitFor(frame => frame.split('\n')[0]!.includes('still reading /proc (0s)'));
		// The rows of the last scan stay on screen meanwhile.
		expect(stalled).toContain('sshd');
		await view.waitFor(frame => frame.split('\n')[0]!.includes('still reading /proc (1s)'), 3000);
		collector.push(snapshotOf(baseSockets, Date.UTC(2026, 10, 27, 3, 30, 9)));
		const done = await view.waitFor(frame => frame.includes('03:30:09'));
		expect(done.split('\n')[0]).not.toContain('still reading');
	});
});

describe('LiveView: the kill dialog on a short terminal', () => {
	it.each([
		[40, 10],
		[60, 11],
		[80, 13],
		[80, 24],
	])('at %ix%i it fits under the header and one table row at least, and never says no socket matches', async (columns, rows) => {
		const {view} = mount({columns, rows});
		await view.waitFor(isLoaded);
		await view.press('k');
		const frame = await view.waitFor(current => /(?:Send a signal to|Not sending:) PID 640/.test(current));
		const lines = frame.split('\n');
		expect(view.rawFrame().split('\n')).toHaveLength(rows - 1);
		expect(lines[0]).toMatch(/^web1/);
		expect(lines[3]).toMatch(/^(USER|COMMAN)/);
		expect(lines[4]).toContain('dbus-daemon'.slice(0, 6));
		expect(frame).not.toContain('No sockets match');
		expect(lines.every(line => displayWidth(line) <= columns)).toBe(true);
		// A border only where the whole box fits, and then it is whole.
		const top = lines.findIndex(line => line.startsWith('╭'));
		if (top !== -1) {
			expect(lines[top]).toMatch(/^╭─+╮$/);
			expect(lines.slice(top + 1).find(line => !line.startsWith('│'))).toMatch(/^╰─+╯$/);
		}
	});
});

describe('LiveView: narrow terminals', () => {
	it('fits 80 columns with every column, addresses keeping their port', async () => {
		const {view} = mount({columns: 80, rows: 24});
		const frame = await view.waitFor(isLoaded);
		expect(frame).toMatch(/^USER  COMMAND▲     PID FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE   SERVICE$/m);
		// ESTABLISHED is abbreviated as ss writes it; the foreign address is cut from the left, keeping its port.
		expect(frame).toMatch(/^alice firefox    23001 87 tcp4   10\.0\.0\.2:51234  …184\.216\.34:443 ESTAB   https$/m);
		for (const line of frame.split('\n')) {
			expect(displayWidth(line)).toBeLessThanOrEqual(80);
		}
	});

	it('drops the least useful columns at 40 columns', async () => {
		const {view} = mount({columns: 40, rows: 12});
		const frame = await view.waitFor(frame => frame.includes('firefox'));
		expect(frame).toMatch(/^COMMAN▲   PID LOCAL ADDRESS FOREIGN ADD…$/m);
		expect(frame).toMatch(/^firefox 23001 …\.0\.0\.2:51234 …\.216\.34:443$/m);
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

describe('LiveView: help and other screens', () => {
	it('? lists every key of the keymap; any other key closes it', async () => {
		const {view} = mount({rows: 40});
		await view.waitFor(isLoaded);
		await view.press('?');
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		for (const binding of KEYMAP) {
			expect(frame).toMatch(new RegExp(`${binding.keys.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${binding.description.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		}

		await view.press('x');
		await view.waitFor(isLoaded);
	});

	it('scrolls the help when the terminal is short', async () => {
		const {view} = mount({rows: 12});
		await view.waitFor(isLoaded);
		await view.press('?');
		let frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame).toContain('socktop keys  ↑↓ j scroll 1-9/28, any other key closes');
		expect(frame).not.toContain('Ctrl-C');
		// j scrolls as in the table, and does not close the help; so does jj in one read.
		await view.press('j');
		frame = await view.waitFor(frame => frame.includes('2-10/28'));
		expect(frame).toContain('socktop keys');
		await view.press('jj');
		frame = await view.waitFor(frame => frame.includes('4-12/28'));
		expect(frame).toContain('socktop keys');
		await view.press(KEYS.pageDown);
		await view.press(KEYS.pageDown);
		await view.press(KEYS.pageDown);
		frame = await view.waitFor(frame => frame.includes('Ctrl-C'));
		expect(frame.split('\n').length).toBeLessThanOrEqual(11);
		// Closed and opened again, it starts from the top.
		await view.press('x');
		await view.waitFor(isLoaded);
		await view.press('?');
		frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame).toContain('socktop keys  ↑↓ j scroll 1-9/28, any other key closes');
	});

	it('when the whole help fits, ↑ ↓ j PgUp PgDn close it too, as its title says', async () => {
		const {view} = mount({rows: 40});
		await view.waitFor(isLoaded);
		for (const key of ['j', KEYS.down, KEYS.up, KEYS.pageDown, KEYS.pageUp]) {
			await view.press('?');
			const frame = await view.waitFor(frame => frame.includes('socktop keys'));
			expect(frame.split('\n')[0]).toBe('socktop keys  any other key closes');
			await view.press(key);
			await view.waitFor(frame => isLoaded(frame) && !frame.includes('socktop keys'));
		}
	});

	it('the help\'s title says how to scroll first, so it survives at 40 columns', async () => {
		const {view} = mount({columns: 40, rows: 10});
		await view.waitFor(isLoaded);
		await view.press('?');
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame.split('\n')[0]).toMatch(/^socktop keys {2}↑↓ j scroll 1-7\/28, any/);
	});

	it.each([
		['?q', [], 'the help closes'],
		['?x', [], 'the help closes'],
		['?qq', [0], 'the second q quits from the table'],
		['?jq', [0], 'j closes the help (it fits), then q quits from the table'],
		['?jx^C', [130], 'Ctrl-C after the help closed quits'],
	] as const)('keys in the same read as ? go to the help, in order: %j, exit codes %j (%s)', async (chunk, exits, _why) => {
		const codes: number[] = [];
		const {view} = mount({rows: 40, isColor: true, onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		view.write(chunk.replace('^C', KEYS.ctrlC));
		await tick(100);
		const frame = await view.waitFor(isLoaded);
		expect(frame).not.toContain('socktop keys');
		expect(codes).toEqual(exits);
	});

	it('"jjjj?q" in one read: the j\'s move, then the help opens and the q closes it', async () => {
		const codes: number[] = [];
		const {view} = mount({rows: 40, isColor: true, onExit: code => codes.push(code)});
		const fifth = pids(await view.waitFor(isLoaded))[4]!;
		view.write('jjjj?q');
		await tick(100);
		const frame = await view.waitFor(isLoaded);
		expect(frame).not.toContain('socktop keys');
		expect(selectedLine(view.rawFrame())).toContain(` ${fifth} `);
		expect(codes).toEqual([]);
	});

	it('"?jj" in one read scrolls the help two lines from the top when it does not fit', async () => {
		const {view} = mount({rows: 12});
		await view.waitFor(isLoaded);
		view.write('?jj');
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		await tick(50);
		expect(view.frame().split('\n')[0]).toContain('3-11/28');
		expect(frame).toContain('socktop keys');
	});

	it('Ctrl-Z suspends from the help and the filter prompt too, leaving them open', async () => {
		let suspended = 0;
		const {view} = mount({onSuspend: () => suspended++});
		await view.waitFor(isLoaded);
		await view.press('?');
		await view.waitFor(frame => frame.includes('socktop keys'));
		await view.press('\u001A');
		expect(suspended).toBe(1);
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
		['the PID view', 640, '', 'q'],
		['a kill dialog', null, 'k', 'n'],
	] as const)('Ctrl-Z and Ctrl-C read right after leaving %s, before the table is drawn again, act once', async (_name, pidView, opens, leaves) => {
		let suspended = 0;
		const codes: number[] = [];
		const {view} = mount({pidView, onSuspend: () => suspended++, onExit: code => codes.push(code)});
		await view.waitFor(frame => frame.includes(pidView === null ? 'sshd' : 'PID 640'));
		await tick(50);
		if (opens !== '') await view.press(opens);
		// PID 640 is no process here: the dialog may say so, and any key closes it then.
		await view.waitFor(frame => (pidView === null ? /Send a signal|Not sending/ : /PID 640/).test(frame));
		await tick(50);
		// Three reads, no frame between them: the closed screen hands the last two to the table, and only the table acts on them.
		view.write(leaves);
		view.write('\u001A');
		view.write(KEYS.ctrlC);
		await tick(50);
		expect(suspended).toBe(1);
		expect(codes).toEqual([130]);
	});

	it('Space pauses refreshing and + / - change the interval', async () => {
		const {view, collector} = mount();
		await view.waitFor(isLoaded);
		// The second scan has started and waits for its snapshot, longer than the 0.05 s interval.
		while (collector.scans < 2) await tick(10);
		await view.press(' ');
		await view.waitFor(frame => frame.includes('PAUSED'));
		const scans = collector.scans;
		// Finished after the next one is due.
		await tick(100);
		collector.push(snapshotOf(baseSockets, Date.UTC(2026, 10, 27, 3, 31, 0)));
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		// The scan already waiting finishes, overdue, but no new one starts while paused.
		expect(collector.scans).toBe(scans);
		await view.press('+');
		await view.waitFor(frame => frame.includes('every 0.1s'));
		await view.press('+');
		await view.press('+');
		await view.waitFor(frame => frame.includes('every 0.5s'));
		await view.press('-');
		await view.waitFor(frame => frame.includes('every 0.2s'));
		await view.press(' ');
		await view.waitFor(frame => !frame.includes('PAUSED'));
	});

	it('Enter opens the PID view of the selected socket and Esc returns with the selection intact', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('PID 1204'));
		// The PID view listens for keys from its first effect on.
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(isLoaded);
		expect(selectedLine(view.rawFrame())).toContain('nginx');
	});

	it('keys typed right after Enter, before the PID view is drawn, go to the PID view: Enter then q comes back to the table', async () => {
		const codes: number[] = [];
		const {view} = mount({isColor: true, onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
		// Two reads with no render between them, as a fast typist over SSH sends them.
		view.write(KEYS.enter);
		view.write('q');
		await tick(100);
		expect(codes).toEqual([]);
		await view.waitFor(isLoaded);
		expect(selectedLine(view.rawFrame())).toContain('nginx');
		// In one read, too.
		await view.press(`${KEYS.enter}q`);
		await tick(100);
		expect(codes).toEqual([]);
		await view.waitFor(isLoaded);
	});

	it('--pid opens the PID view first', async () => {
		const {view} = mount({pidView: 640});
		await view.waitFor(frame => frame.includes('PID 640'));
	});

	it('says why Enter cannot open a TIME_WAIT socket: no process holds one', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([hidden]))});
		await view.waitFor(frame => frame.includes('TIME_WAIT'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('No process holds it'));
		// Whole at 80 columns (the footer is cut at the width).
		expect(frame.split('\n').at(-1)).toBe('No process holds it: TIME_WAIT is the kernel waiting out a closed connection.');
	});

	it('says whether root would show the holder of a socket with no process', async () => {
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 5432, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'postgres', uid: 114, command: null, pid: null, fd: null});
		for (const [isRoot, expected] of [
			[false, 'Held by a process of postgres that socktop cannot read: run as root to see it.'],
			[true, 'No process here holds it: a kernel socket, or one held outside this PID namespace.'],
		] as const) {
			const {view} = mount({collector: new ScriptedCollector(snapshotOf([listener])), isRoot});
			await view.waitFor(frame => frame.includes('5432'));
			await view.press('k');
			const frame = await view.waitFor(frame => frame.includes(expected.slice(0, 20)));
			expect(frame.split('\n').at(-1)).toBe(expected);
			view.unmount();
		}
	});

	it('says a connection with no process waits in the accept queue of the listener on its port, naming the listener\'s process', async () => {
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 5432, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'postgres', uid: 114, command: 'postgres', pid: 548, fd: 5});
		const queued = socket({proto: 'tcp4', inode: 0, localAddress: '10.0.0.2', localPort: 5432, foreignAddress: '10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
		// -c hides the listener's row: it is found among the snapshot's sockets, not the rows on screen.
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([queued, listener])), isRoot: true, columns: 240, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('accept queue'));
		expect(frame.split('\n').at(-1)).toMatch(/^No process holds it yet: it waits in the accept queue until postgres \(PID 548\), listening on port 5432, calls accept\(\) for it\./);
	});

	it('wraps a long reason over up to four lines at 80x24, taking them from the table, the selected row still on screen', async () => {
		const workers = Array.from({length: 20}, (_, index) => socket({proto: 'tcp4', inode: 7000 + index, localAddress: '127.0.0.1', localPort: 20_000 + index, state: 'LISTEN', command: 'worker', pid: 4000 + index, fd: 5}));
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 18_083, foreignAddress: '*', foreignPort: null, state: 'LISTEN', user: 'alice', uid: 1000, command: 'python3', pid: 25_447, fd: 3});
		const queued = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 18_083, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([...workers, listener, queued])), isRoot: true, isColor: true, columns: 80, rows: 24});
		await view.waitFor(frame => frame.includes('python3'));
		// The last row (no command sorts last), at the bottom of the body.
		await view.press('G');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('accept queue'));
		const lines = frame.split('\n');
		expect(view.rawFrame().split('\n')).toHaveLength(23);
		expect(lines.slice(-4)).toEqual([
			'No process holds it yet: it waits in the accept queue until python3 (PID',
			'25447), listening on port 18083, calls accept() for it. A queue that stays',
			"full (the listener's Recv-Q up to its backlog) means the server is not keeping",
			'up.',
		]);
		expect(lines.every(line => displayWidth(line) <= 80)).toBe(true);
		// The body gave up three rows and scrolled: the selection is still its last one.
		expect(selectedLine(view.rawFrame())).toContain('127.0.0.1:50000');
		expect(lines.at(-5)).toContain('127.0.0.1:50000');
		expect(lines[0]).toMatch(/^web1/);
		// Any key clears the message and gives the rows back.
		await view.press('j');
		const after = await view.waitFor(frame => !frame.includes('accept queue'));
		expect(after.split('\n').at(-1)).toContain('q quit');
		expect(view.rawFrame().split('\n')).toHaveLength(23);
	});

	it('cuts a message that needs more than four lines, and keeps the selected row on the smallest screen', async () => {
		const listener = socket({proto: 'tcp4', inode: 9001, localAddress: '*', localPort: 18_083, foreignAddress: '*', foreignPort: null, state: 'LISTEN', command: 'python3', pid: 25_447, fd: 3});
		const queued = socket({proto: 'tcp4', inode: 0, localAddress: '127.0.0.1', localPort: 18_083, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'CLOSE_WAIT', user: '?', uid: null, command: null, pid: null, fd: null});
		const expected = [
			'No process holds it yet: it waits in',
			'the accept queue until python3 (PID',
			'25447), listening on port 18083, calls',
			'accept() for it (the client has already…',
		];
		// At 40x10 the body has four rows: three go to the message, one (the selected) stays.
		for (const [columns, rows] of [[40, 24], [40, 10]] as const) {
			const {view} = mount({collector: new ScriptedCollector(snapshotOf([listener, queued])), isRoot: true, isColor: true, columns, rows});
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes('python3'));
			// eslint-disable-next-line no-await-in-loop
			await view.press('G');
			// eslint-disable-next-line no-await-in-loop
			await view.press(KEYS.enter);
			// eslint-disable-next-line no-await-in-loop
			const frame = await view.waitFor(frame => frame.includes('accept queue'));
			expect(frame.split('\n').slice(-expected.length)).toEqual(expected);
			expect(view.rawFrame().split('\n')).toHaveLength(rows - 1);
			expect(selectedLine(view.rawFrame())).toContain(':50000');
			view.unmount();
			current = undefined;
		}
	});

	it('does not say so for a capture whose sockets have no inode numbers (ss -tan): only inode 0 tells a queued connection', async () => {
		const listener = socket({proto: 'tcp4', inode: null, localAddress: '*', localPort: 22, foreignAddress: '*', foreignPort: null, state: 'LISTEN', command: 'sshd', pid: 900, fd: 3});
		const session = socket({proto: 'tcp4', inode: null, localAddress: '10.0.0.2', localPort: 22, foreignAddress: '10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', user: '?', uid: null, command: null, pid: null, fd: null});
		class Capture extends ScriptedCollector {
			override readonly name = 'import' as never;
		}

		const {view} = mount({collector: new Capture(snapshotOf([session, listener])), columns: 240, filters: {connected: true}});
		await view.waitFor(frame => frame.includes('50000'));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('capture names'));
		expect(frame.split('\n').at(-1)).toBe('The capture names no process for this socket.');
	});

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
});

describe('LiveView: keys that arrive together act on the row they lead to', () => {
	// Over a slow link, or while a scan holds the event loop, several keys come in one read.
	// k and Enter must act on the row the keys before them selected, not the one drawn last.
	// The fixture's PIDs are not this machine's processes: once the dialog has checked, it says so, naming the same PID.
	const dialogPid = (frame: string) => /(?:Send a signal to|Not sending:) PID (\d+)/.exec(frame)?.[1];

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

	it('a key read after k, before the kill dialog is drawn, is the dialog\'s: q does not quit, j does not move', async () => {
		const codes: number[] = [];
		const {view} = mount({isColor: true, onExit: code => codes.push(code)});
		const frame = await view.waitFor(isLoaded);
		const first = pids(frame)[0];
		// Two reads, no frame between them.
		view.write('k');
		view.write('q');
		view.write('j');
		const dialog = await view.waitFor(current => dialogPid(current) !== undefined);
		expect(dialogPid(dialog)).toBe(first);
		expect(codes).toEqual([]);
		await tick(50);
		await view.press(KEYS.escape);
		await view.waitFor(frame => dialogPid(frame) === undefined && isLoaded(frame));
		expect(selectedLine(view.rawFrame())).toContain(` ${first} `);
	});

	it('Ctrl-C counts inside a chunk of other keys', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press(`jj${KEYS.ctrlC}`);
		expect(codes).toEqual([130]);
	});
});

describe('LiveView: k sends a signal, after asking', () => {
	const spawnSleeper = async () => {
		const child = spawn('sleep', ['60'], {stdio: 'ignore'});
		await new Promise(resolve => {
			child.once('spawn', resolve);
		});
		const exited = new Promise<NodeJS.Signals | null>(resolve => {
			child.once('exit', (_code, signal) => {
				resolve(signal);
			});
		});
		const row = socket({proto: 'tcp4', inode: 31_337, localAddress: '127.0.0.1', localPort: 9, state: 'LISTEN', command: 'sleep', pid: child.pid, fd: 3});
		return {child, exited, row};
	};

	it.skipIf(process.platform !== 'linux')('terminates the selected process after the menu and y', async () => {
		const {child, exited, row} = await spawnSleeper();
		try {
			// Scanned now, after the sleeper started: a process younger than its frame is refused as a reused PID.
			const {view} = mount({collector: new ScriptedCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			await view.press('k');
			await view.waitFor(frame => frame.includes('SIGTERM'));
			await tick(50);
			await view.press(KEYS.enter);
			await view.waitFor(frame => /\by\b/.test(frame.split('\n').slice(-8).join('\n')) && frame.includes(String(child.pid)));
			await tick(50);
			await view.press('y');
			expect(await exited).toBe('SIGTERM');
			const frame = await view.waitFor(frame => frame.includes('q quit') || frame.includes('SIGTERM to'));
			expect(frame.split('\n').at(-1)).toContain(String(child.pid));
		} finally {
			child.kill('SIGKILL');
		}
	});

	it.skipIf(process.platform !== 'linux')('on a gone row, refuses a process that started after the scan the row came from', async () => {
		// The row was last seen a minute ago; its PID now belongs to a process started since, before the latest scan.
		const {child, row} = await spawnSleeper();
		try {
			const collector = new ScriptedCollector(snapshotOf([nginx, row], Date.now() - 60_000));
			const {view} = mount({collector, isColor: true});
			await view.waitFor(frame => frame.includes('sleep'));
			collector.push(snapshotOf([nginx], Date.now()));
			while (collector.scans < 3) await tick(10);
			await view.press('j');
			await view.waitFor(() => selectedLine(view.rawFrame()).includes('sleep'));
			await view.press('k');
			// The menu shows at once; the refusal once the dialog has looked at the process.
			const frame = await view.waitFor(frame => frame.includes('Not sending'));
			expect(frame).toContain(`PID ${child.pid} started after the table showed it`);
		} finally {
			child.kill('SIGKILL');
		}
	});

	it.skipIf(process.platform !== 'linux')('Esc cancels and leaves the process running', async () => {
		const {child, row} = await spawnSleeper();
		try {
			// Scanned now, after the sleeper started: a process younger than its frame is refused as a reused PID.
			const {view} = mount({collector: new ScriptedCollector(snapshotOf([row], Date.now()))});
			await view.waitFor(frame => frame.includes('sleep'));
			await view.press('k');
			await view.waitFor(frame => frame.includes('SIGTERM'));
			await tick(50);
			await view.press(KEYS.escape);
			const frame = await view.waitFor(frame => frame.includes('Cancelled'));
			expect(frame.split('\n').at(-1)).toBe('Cancelled: no signal sent.');
			expect(child.exitCode).toBeNull();
			expect(child.signalCode).toBeNull();
		} finally {
			child.kill('SIGKILL');
		}
	});
});
