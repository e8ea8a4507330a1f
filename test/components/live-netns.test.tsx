import {afterEach, describe, expect, it, vi} from 'vitest';
import {KEYMAP} from '../../source/keymap.js';
import type {Filters} from '../../source/options.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {displayWidth} from '../../source/format/escape.js';
import {emptySkipped, type Skipped, type Socket} from '../../source/model/types.js';
import {ScriptedCollector, baseSockets, renderLiveView, snapshotOf, socket, type Rendered} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

/**
 * A host running an `ip netns` namespace, a docker container and an unnamed
 * namespace (a rootless tool's), labelled as the /proc collector labels them:
 * the same 127.0.0.1:8080 listens in two of them, which only NETNS tells apart.
 */
const host = baseSockets.map(each => ({...each, netns: 'host'}));
const blueApp = socket({proto: 'tcp4', inode: 3001, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', command: 'python3', pid: 4100, fd: 3, netns: 'blue'});
const hostApp = socket({proto: 'tcp4', inode: 3002, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', command: 'python3', pid: 4200, fd: 3, netns: 'host'});
const container = socket({proto: 'tcp4', inode: 3003, localPort: 80, state: 'LISTEN', command: 'nginx', pid: 5200, fd: 6, user: 'www-data', uid: 33, netns: 'docker:3f4e5a6b7c8d'});
const unnamed = socket({proto: 'udp4', inode: 3004, localAddress: '10.0.2.100', localPort: 5353, state: 'UNCONN', command: 'avahi-daemon', pid: 6300, fd: 14, netns: 'netns:[4026532202]'});
const spaced: readonly Socket[] = [...host, hostApp, blueApp, container, unnamed];

const services = createStaticServiceTable([
	{name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'WorldWideWeb HTTP', source: '/etc/services'},
]);

let current: Rendered | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

function mount(sockets: readonly Socket[], {columns = 120, rows = 30, filters = {}, skipped = emptySkipped}: {columns?: number; rows?: number; filters?: Partial<Filters>; skipped?: Skipped} = {}) {
	const collector = new ScriptedCollector(snapshotOf(sockets, undefined, skipped));
	current = renderLiveView({collector, services, columns, rows, filters});
	return {view: current, collector};
}

const lines = (frame: string) => frame.split('\n');
const columnHeader = (frame: string) => lines(frame).find(line => /^USER\s/.test(line)) ?? '';
const body = (frame: string) => {
	const all = lines(frame);
	return all.slice(all.findIndex(line => /^USER\s/.test(line)) + 1, -1).filter(line => line.trim() !== '');
};

const isLoaded = (frame: string) => frame.includes('sshd');

describe('LiveView: network namespaces', () => {
	it('has no NETNS column when every socket is in one namespace', async () => {
		const {view} = mount(host);
		const frame = await view.waitFor(isLoaded);
		expect(columnHeader(frame)).toMatch(/^USER\s+COMMAND▲\s+PID\s+FD PROTO\s+LOCAL ADDRESS\s+FOREIGN ADDRESS\s+STATE\s+SERVICE$/);
		expect(frame).not.toContain('NETNS');
	});

	it('shows a NETNS column after FD when the snapshot spans namespaces, each row labelled', async () => {
		const {view} = mount(spaced, {columns: 140});
		const frame = await view.waitFor(isLoaded);
		expect(columnHeader(frame)).toMatch(/^USER\s+COMMAND▲\s+PID\s+FD NETNS\s+PROTO\s+LOCAL ADDRESS\s+FOREIGN ADDRESS\s+STATE\s+SERVICE$/);
		const rows = body(frame);
		expect(rows).toHaveLength(spaced.length);
		// The same address in two namespaces: two rows, told apart by NETNS alone.
		expect(rows.filter(row => /python3\s+4100\s+3 blue\s+tcp4\s+127\.0\.0\.1:8080\s+\*:\*\s+LISTEN/.test(row))).toHaveLength(1);
		expect(rows.filter(row => /python3\s+4200\s+3 host\s+tcp4\s+127\.0\.0\.1:8080\s+\*:\*\s+LISTEN/.test(row))).toHaveLength(1);
		expect(frame).toMatch(/nginx\s+5200\s+6 docker:3f4e5a6b7c8d tcp4\s+\*:80\s+\*:\*\s+LISTEN\s+http/);
		expect(frame).toMatch(/avahi-daemon\s+6300\s+14 netns:\[4026532202\]\s+udp4\s+10\.0\.2\.100:5353/);
		expect(frame).toMatch(/sshd\s+812\s+3 host\s+tcp4\s+\*:22/);
		expect(frame).toContain('Filter none   showing 10 of 10');
	});

	it('makes NETNS no wider than its longest label, or its header and the sort arrow\'s room', async () => {
		const {view} = mount([...host, blueApp], {columns: 160});
		const frame = await view.waitFor(isLoaded);
		expect(columnHeader(frame)).toMatch(/ FD NETNS {2}PROTO /);
		expect(frame).toMatch(/python3\s+4100\s+3 blue {3}tcp4 /);
	});

	it('drops NETNS at 80 columns rather than cut an address beside it', async () => {
		const {view} = mount(spaced, {columns: 80, rows: 24});
		const frame = await view.waitFor(isLoaded);
		expect(columnHeader(frame)).toMatchInlineSnapshot(`"USER  COMMAND▲      PID PROTO  LOCAL ADDRESS   FOREIGN ADDRESS   STATE  SERVICE"`);
		expect(Math.max(...lines(frame).map(line => displayWidth(line)))).toBeLessThanOrEqual(80);
		expect(body(frame).find(line => line.includes('avahi'))).toMatch(/ udp4\s+10\.0\.2\.100:5353 /);
	});

	it('keeps NETNS at 100 columns beside addresses of 21 columns, cut from the left so the distinguishing end stays', async () => {
		const {view} = mount(spaced, {columns: 100, rows: 24});
		const frame = await view.waitFor(isLoaded);
		expect(columnHeader(frame)).toMatchInlineSnapshot(`"USER  COMMAND▲       PID  FD NETNS    PROTO  LOCAL ADDRESS         FOREIGN ADDRESS   STATE  SERVICE"`);
		// 'netns:[4026532202]' loses its prefix first, then its leading digits: never its end.
		expect(body(frame).find(line => line.includes('avahi'))).toMatchInlineSnapshot(`"root  avahi-daemon  6300  14 …532202] udp4   10.0.2.100:5353       *:*               UNCONN"`);
	});

	it('at 80 columns cuts a unix peer after its arrow, and "(not connected)" at its end', async () => {
		const log = socket({proto: 'dgram', inode: 3101, path: '/dev/log', state: 'UNCONN', command: 'rsyslogd', pid: 650, fd: 3, netns: 'host'});
		const client = socket({proto: 'dgram', inode: 3102, path: null, peerPath: '/run/systemd/journal/dev-log', peerInode: 3103, state: 'ESTABLISHED', command: 'systemd-journald', pid: 300, fd: 9, netns: 'host'});
		const {view} = mount([...spaced, log, client], {columns: 80, rows: 24, filters: {unix: true}});
		const frame = await view.waitFor(text => text.includes('rsyslo'));
		const row = (name: string) => body(frame).find(line => line.includes(name)) ?? '';
		expect(row('rsyslo')).toMatch(/\(not con[a-z)]*…? /);
		expect(row('rsyslo')).not.toContain('… connected)');
		expect(row('300')).toMatch(/-> …[^ ]*dev-log /);
	});

	it('shows NETNS only where a row shown is outside the host\'s namespace, as --once does', async () => {
		// -p 22: sshd's rows, all the host's, though the snapshot spans four namespaces: 'host' on each would tell nothing.
		const {view} = mount(spaced, {filters: {ports: [[22, 22]]}});
		const frame = await view.waitFor(isLoaded);
		expect(columnHeader(frame)).toMatchInlineSnapshot(`"USER  COMMAND▲  PID  FD PROTO  LOCAL ADDRESS FOREIGN ADDRESS STATE  SERVICE"`);
		expect(lines(frame)[2]).toMatchInlineSnapshot(`"Sort COMMAND asc   Filter port 22   showing 2 of 10"`);
		view.unmount();
		// / finds a label all the same, and its rows bring the column back.
		const found = mount(spaced, {filters: {text: 'docker'}});
		expect(body(await found.view.waitFor(text => text.includes('nginx')))).toMatchInlineSnapshot(`
			[
			  "www-data nginx    5200   6 docker:3f4e5a6b7c8d tcp4   *:80          *:*             LISTEN http",
			]
		`);
	});

	/** The header's filter line, the column header and the rows of `spaced` under `filters` at `columns` x 24, once python3's or sshd's rows show. */
	async function topAt(columns: number, filters: Partial<Filters>, count: number): Promise<string[]> {
		const {view} = mount(spaced, {columns, rows: 24, filters});
		const frame = await view.waitFor(text => text.includes('python3') || isLoaded(text));
		view.unmount();
		return lines(frame).slice(2, 2 + count);
	}

	it('says in the header which namespaces the rows are in where NETNS gives way to the addresses', async () => {
		// Both 127.0.0.1:8080 listeners, the host's and blue's: NETNS fits beside them at 80 columns, and gives way at 60.
		expect(await topAt(80, {ports: [[8080, 8080]]}, 4)).toMatchInlineSnapshot(`
			[
			  "Sort COMMAND asc   Filter port 8080   showing 2 of 10",
			  "USER  COMMAND▲  PID  FD NETNS  PROTO  LOCAL ADDRESS  FOREIGN  STATE  SERVICE",
			  "root  python3  4100   3 blue   tcp4   127.0.0.1:8080 *:*      LISTEN",
			  "root  python3  4200   3 host   tcp4   127.0.0.1:8080 *:*      LISTEN",
			]
		`);
		expect(await topAt(60, {ports: [[8080, 8080]]}, 4)).toMatchInlineSnapshot(`
			[
			  "Sort COMMAND▲   filter: -p 8080 (2 of 10, netns host,blue)",
			  "USER  COMMAND▲  PID PROTO  LOCAL ADDRESS  FOREIGN  STATE",
			  "root  python3  4100 tcp4   127.0.0.1:8080 *:*      LISTEN",
			  "root  python3  4200 tcp4   127.0.0.1:8080 *:*      LISTEN",
			]
		`);
		// Every row at 80: four namespaces, counted.
		expect(await topAt(80, {}, 1)).toMatchInlineSnapshot(`
			[
			  "Sort COMMAND asc   Filter none   in 4 netns   showing 10 of 10",
			]
		`);
		// One namespace that is not the host's (as a container's DNS server's rows), named; none where n names it.
		expect(await topAt(60, {ports: [[8080, 8080]], text: '4100'}, 3)).toMatchInlineSnapshot(`
			[
			  "Sort COMMAND▲   filter: /4100 -p 8080 (1 of 10, netns blue)",
			  "USER  COMMAND▲  PID PROTO  LOCAL ADDRESS  FOREIGN  STATE",
			  "root  python3  4100 tcp4   127.0.0.1:8080 *:*      LISTEN",
			]
		`);
		expect(await topAt(60, {ports: [[8080, 8080]], netns: 'blue'}, 1)).toMatchInlineSnapshot(`
			[
			  "Sort COMMAND asc   filter: -p 8080 --netns blue (1 of 10)",
			]
		`);
	});

	it('cycles the namespace filter with n: all, host, then each namespace present, then all again', async () => {
		const {view} = mount(spaced);
		await view.waitFor(isLoaded);
		const steps: Array<[string, number, RegExp]> = [
			['netns host', host.length + 1, /sshd/],
			['netns blue', 1, /python3\s+4100/],
			['netns docker:3f4e5a6b7c8d', 1, /nginx\s+5200/],
			['netns netns:[4026532202]', 1, /avahi-daemon/],
		];
		for (const [filter, count, row] of steps) {
			// eslint-disable-next-line no-await-in-loop
			await view.press('n');
			// eslint-disable-next-line no-await-in-loop
			const frame = await view.waitFor(text => text.includes(`Filter ${filter}   showing ${count} of 10`));
			expect(body(frame)).toHaveLength(count);
			expect(body(frame).every(line => row.test(line) || filter === 'netns host')).toBe(true);
			// The host's rows alone have no NETNS column, as --once prints them; one other namespace's keep it.
			if (filter === 'netns host') {
				expect(columnHeader(frame)).not.toContain('NETNS');
			} else {
				expect(body(frame).every(line => line.includes(` ${filter.slice('netns '.length)} `))).toBe(true);
			}
		}

		await view.press('n');
		const frame = await view.waitFor(text => text.includes('Filter none   showing 10 of 10'));
		expect(body(frame)).toHaveLength(10);
	});

	it('asks each scan for the namespace shown, where ss is asked, and scans at once when n changes it (not an interval later)', async () => {
		const collector = new ScriptedCollector(snapshotOf(spaced));
		current = renderLiveView({collector, services, columns: 120, rows: 30, interval: 60});
		await current.waitFor(isLoaded);
		expect(collector.requests).toEqual([{netns: 'all'}]);
		await current.press('n');
		await current.waitFor(() => collector.requests.length === 2);
		expect(collector.requests).toEqual([{netns: 'all'}, {netns: 'host'}]);
		collector.push(snapshotOf(spaced, Date.UTC(2026, 10, 27, 3, 31, 0)));
		await current.waitFor(text => text.includes('03:31:00'));
		await current.press('n');
		await current.waitFor(() => collector.requests.length === 3);
		expect(collector.requests[2]).toEqual({netns: 'blue'});
	});

	it('starts from --netns, and a namespace that went away shows nothing until n goes back to all', async () => {
		const {view, collector} = mount(spaced, {filters: {netns: 'blue'}});
		await view.waitFor(text => text.includes('Filter netns blue   showing 1 of 10'));
		collector.push(snapshotOf(spaced.filter(each => each.netns !== 'blue'), Date.UTC(2026, 10, 27, 3, 31, 0)));
		// The refresh shows blue's socket once more, dimmed as gone; then none.
		await view.waitFor(text => text.includes('03:31:00') && text.includes('showing 0 of 9'));
		collector.push(snapshotOf(spaced.filter(each => each.netns !== 'blue'), Date.UTC(2026, 10, 27, 3, 32, 0)));
		const empty = await view.waitFor(text => text.includes('03:32:00'));
		expect(empty).toContain('No sockets match the filters');
		await view.press('n');
		await view.waitFor(text => text.includes('Filter none   showing 9 of 9'));
	});

	it('says a --netns namespace socktop could not read (not root) was not read, not that no socket matches', async () => {
		const collector = new ScriptedCollector({...snapshotOf(host, undefined, {...emptySkipped, deniedProcesses: 43, deniedNamespaces: 1}), namespacesRead: ['host']});
		current = renderLiveView({collector, services, columns: 160, rows: 30, filters: {netns: 'x'}, isRoot: false});
		const frame = await current.waitFor(text => text.includes('showing 0 of 6'));
		expect(frame).toContain("No process socktop may read is in network namespace 'x': it has none, or only other users' (1 namespace could not be read) — run as root to tell.");
		expect(frame).not.toContain('No sockets match');
	});

	it('lets the / filter match the NETNS column when it is shown, and not otherwise', async () => {
		const {view} = mount(spaced);
		await view.waitFor(isLoaded);
		await view.press('/docker');
		await view.press('\r');
		let frame = await view.waitFor(text => text.includes('showing 1 of 10'));
		expect(body(frame)[0]).toMatch(/nginx\s+5200/);
		view.unmount();
		// One namespace: 'host' is on no row, so /host matches nothing (no hidden column to match).
		const single = mount(host);
		await single.view.waitFor(isLoaded);
		await single.view.press('/host');
		await single.view.press('\r');
		frame = await single.view.waitFor(text => text.includes('showing 0 of 6'));
		expect(frame).toContain('No sockets match');
	});

	it('lists n in the ? help, from the keymap', async () => {
		expect(KEYMAP.some(binding => binding.keys === 'n' && binding.action === 'netns')).toBe(true);
		// Tall enough for one column of keys and the states and cells after them: at 120x40 the keys sit in two, and this line wraps.
		const {view} = mount(spaced, {rows: 80});
		await view.waitFor(isLoaded);
		await view.press('?');
		const frame = await view.waitFor(text => text.includes('network namespace'));
		expect(frame).toMatch(/^\s*n\s+network namespace: all, host, then each one present$/m);
	});

	it('counts namespaces it could not read in the header warning, apart from the table', async () => {
		const skipped: Skipped = {...emptySkipped, deniedNamespaces: 2};
		const {view} = mount(host, {skipped});
		const frame = await view.waitFor(isLoaded);
		expect(lines(frame)[0]).toContain('2 network namespaces hidden — run as root to see their sockets');
		// Nothing of theirs is in the table, under 'host' or otherwise, and no NETNS column appears.
		expect(body(frame)).toHaveLength(host.length);
		expect(frame).not.toContain('NETNS');
	});

	it('names both hidden processes and hidden namespaces in one warning', async () => {
		const skipped: Skipped = {...emptySkipped, deniedProcesses: 3, deniedNamespaces: 1};
		const {view} = mount(spaced, {skipped});
		const frame = await view.waitFor(isLoaded);
		expect(lines(frame)[0]).toContain('3 processes and 1 network namespace hidden — run as root to see them');
	});
});
