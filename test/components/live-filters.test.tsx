/** LiveView filters: the / prompt, the sockstat letters, and the command line filters. */
import {describe, expect, it, vi} from 'vitest';
import {emptySkipped} from '../../source/model/types.js';
import {KEYS, ScriptedCollector, baseSockets, hidden, nginx, snapshotOf, socket, liveMounter} from './live-fixtures.js';
import {isLoaded, tableRows} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

describe('LiveView: filters', () => {
	it('says how many sockets --user could not match for want of their owner (not root), where no row shows', async () => {
		const rootUnix = socket({proto: 'stream', inode: 3201, localAddress: null, foreignAddress: null, path: '/run/app.sock', state: 'LISTEN', user: '?', uid: null, command: null, pid: null, fd: null});
		const collector = new ScriptedCollector(snapshotOf([...baseSockets, rootUnix], undefined, {...emptySkipped, deniedProcesses: 43}));
		const {view} = mount({collector, filters: {user: 'root', unix: true}, isRoot: false});
		const frame = await view.waitFor(text => text.includes('showing 0 of 7'));
		expect(frame).toContain('1 socket whose owner socktop cannot see is not shown — run as root to see whose they are.');
	});

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
		// q acts in the chunk, before React draws what the keys before it did: the next frame shows it.
		await view.waitFor(frame => frame.includes('Filter "ssh"'));
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
		expect(commands()).toEqual(['dbus-daemon', 'nginx', 'sshd', 'sshd', 'systemd-resolve']);
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
		expect(commands()).toEqual(['firefox', 'nginx', 'sshd', 'systemd-resolve']);
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
		// Back with the dbus path, which 100 columns cannot show whole beside it.
		expect(commands()).toContain('systemd-resolve');
		expect(view.frame()).toContain('…bus/system_bus_socket');
	});

	it('starts from the command line filters', async () => {
		const {view} = mount({filters: {listening: true, ipv4: true}});
		const frame = await view.waitFor(isLoaded);
		expect(frame).toContain('Filter listening IPv4');
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['nginx', 'sshd', 'systemd-resolve']);
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
		view.unmount();
		// The text filter matches the uid shown (www-data is uid 33; no other cell holds 33).
		const found = mount({isNumericUser: true, filters: {text: '33'}}).view;
		frame = await found.waitFor(frame => frame.includes('showing 1 of 6'));
		expect(tableRows(frame).map(line => line.split(/\s+/).slice(0, 2))).toEqual([['33', 'nginx']]);
	});

	it('/ finds a row by the state it shows at 80 columns (CLOSE-W), and by ss\'s CLOSE-WAIT', async () => {
		const closeWait = socket({proto: 'tcp4', inode: 1007, localAddress: '10.0.0.10', localPort: 80, foreignAddress: '10.0.0.2', foreignPort: 40_001, state: 'CLOSE_WAIT', user: 'www-data', uid: 33, command: 'nginx', pid: 1205, fd: 7});
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([...baseSockets, closeWait])), columns: 80, rows: 24});
		let frame = await view.waitFor(isLoaded);
		// What the user sees, and types.
		expect(frame).toMatch(/\s1205\s.* CLOSE-W\s/);
		await view.press('/');
		await view.waitFor(frame => frame.includes('Filter: '));
		await view.press('CLOSE-W');
		await view.press(KEYS.enter);
		frame = await view.waitFor(frame => frame.includes('Filter "CLOSE-W"'));
		expect(frame).toContain('showing 1 of 7');
		expect(tableRows(frame).map(line => line.split(/\s+/).slice(1, 3))).toEqual([['nginx', '1205']]);
		await view.press(KEYS.escape);
		await view.press('/CLOSE-WAIT\r');
		frame = await view.waitFor(frame => frame.includes('Filter "CLOSE-WAIT"'));
		expect(frame).toContain('showing 1 of 7');
	});

	it('/ finds a cut cell pasted from the screen, … and all', async () => {
		const {view} = mount();
		let frame = await view.waitFor(isLoaded);
		expect(frame).toContain('systemd-r… systemd-resolve');
		await view.press('/systemd-r…\r');
		frame = await view.waitFor(frame => frame.includes('Filter "systemd-r…"'));
		expect(frame).toContain('showing 1 of 6');
		// The only row left: the columns fit it, so the command shows whole.
		expect(tableRows(frame).map(line => line.split(/\s+/)[1])).toEqual(['systemd-resolve']);
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

	it('says what -l hides on the port asked about, by state, where nothing shows: the TIME_WAITs a restart left', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([hidden, nginx])), filters: {listening: true, ports: [[5432, 5432]]}, columns: 80, rows: 24});
		const frame = await view.waitFor(frame => frame.includes('No sockets match'));
		expect(frame.split('\n').slice(4, 10).join(' ')).toContain('(l toggles; p edits the port list). Without listening, 1 would show: 1 TIME_WAIT. A socket bound without listen() is in no kernel table');
	});

	it('says the filters in force and the keys that clear them, over whole lines at 80 columns', async () => {
		const {view} = mount({filters: {text: 'no such thing', noLoopback: true, ports: [[5432, 5432]], protocols: ['udp']}, columns: 80, rows: 24});
		const frame = await view.waitFor(frame => frame.includes('No sockets match'));
		const lines = frame.split('\n');
		expect(lines.slice(4, 7)).toEqual([
			'No sockets match the filters: no loopback, udp, port 5432, "no such thing"',
			'(Esc clears the text filter; L toggles; p P edit the port and protocol lists).',
			'',
		]);
		expect(view.rawFrame().split('\n')).toHaveLength(23);
	});

	it('shows a dual-stack listener as tcp46, which 4 alone lists and an IPv6-only one not, asking the collector nothing more', async () => {
		const dual = socket({proto: 'tcp6', inode: 3301, localPort: 8445, state: 'LISTEN', command: 'dualstack', pid: 70, fd: 3, isV6Only: false});
		const only = socket({proto: 'tcp6', inode: 3302, localPort: 8446, state: 'LISTEN', command: 'v6only', pid: 71, fd: 3, isV6Only: true});
		const sockets = [...baseSockets, dual, only];
		const {view, collector} = mount({collector: new ScriptedCollector(snapshotOf(sockets)), interval: 60});
		const cells = (frame: string, command: string) => tableRows(frame).find(line => line.includes(command))?.split(/\s+/);
		const first = await view.waitFor(isLoaded);
		// COMMAND PID FD PROTO LOCAL: the flag comes with every snapshot (the /proc backend's ss -tulnHe, asked when a listener appears).
		expect(cells(first, 'dualstack')?.slice(1, 6)).toEqual(['dualstack', '70', '3', 'tcp46', '*:8445']);
		expect(cells(first, 'v6only')?.slice(1, 6)).toEqual(['v6only', '71', '3', 'tcp6', '*:8446']);
		await view.press('4');
		const frame = await view.waitFor(frame => frame.includes('Filter IPv4 '));
		expect(cells(frame, 'dualstack')?.[4]).toBe('tcp46');
		expect(frame).not.toContain('v6only');
		// (The namespace shown, where ss is asked: every one.)
		expect(collector.requests).toEqual([{netns: 'all'}]);
	});
});
