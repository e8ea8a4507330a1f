import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {MISSING_SS, toolShortForms} from '../../source/collect/linux/tools.js';
import {emptyTableText} from '../../source/components/filter-line.js';
import {describeTcp, Header} from '../../source/components/header.js';
import {displayWidth} from '../../source/format/escape.js';
import {summarize, type Summary} from '../../source/model/summary.js';
import {emptySkipped, type Snapshot} from '../../source/model/types.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {headerDefaults} from './header-fixtures.js';
import {baseSockets, snapshotOf} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

const allFilters: Filters = {
	...defaultFilters,
	listening: true,
	connected: true,
	ipv4: true,
	ipv6: true,
	unix: true,
	noLoopback: true,
	protocols: ['tcp', 'udp'],
	ports: [
		[22, 22],
		[80, 80],
	],
	user: 'root',
	netns: 'host',
};

type Drawn = {readonly snapshot?: Snapshot; readonly filters?: Filters; readonly defaultNetns?: string; readonly width?: number; readonly isLive?: boolean; readonly isPaused?: boolean; readonly shown?: number; readonly closed?: number; readonly rows?: number};

/** The header's three lines at `width` columns (ink-testing-library's terminal is 100 wide). */
function header({snapshot = snapshotOf(baseSockets), filters = defaultFilters, defaultNetns, width = 80, isLive = true, isPaused = false, shown = 6, closed, rows}: Drawn = {}): string[] {
	const drawn = render(
		<Header
			{...headerDefaults}
			snapshot={snapshot}
			summary={{...summarize(snapshot.sockets), ...(rows === undefined ? {} : {rows})}}
			shown={shown}
			closed={closed}
			isPaused={isPaused}
			filters={filters}
			defaultNetns={defaultNetns}
			isLive={isLive}
			width={width}
		/>,
	);
	const lines = (drawn.lastFrame() ?? '').split('\n');
	for (const line of lines) {
		expect(displayWidth(line)).toBeLessThanOrEqual(width);
	}

	return lines;
}

describe('Header: the sort and filter line', () => {
	it('says the filters in words, with the sort and "showing X of Y", where they fit', () => {
		expect(header({filters: {...defaultFilters, listening: true}, shown: 3})[2]).toBe('Sort COMMAND asc   Filter listening   showing 3 of 6');
	});

	it('says the namespace shown without root beside the count, not as a filter the user set', () => {
		const host = {...defaultFilters, netns: 'host'};
		expect(header({filters: host, defaultNetns: 'host'})[2]).toBe('Sort COMMAND asc   Filter none   netns host   showing 6 of 6');
		expect(header({filters: {...host, listening: true}, defaultNetns: 'host', shown: 3})[2]).toBe('Sort COMMAND asc   Filter listening   netns host   showing 3 of 6');
		// Short, the filters as typed and the namespace with the count; at 40 columns the sort goes short, as the table's heading marks it.
		expect(header({filters: {...host, ports: [[22, 22]], text: 'ssh', listening: true, connected: true}, defaultNetns: 'host', shown: 1, width: 70})[2]).toBe('Sort COMMAND asc   filter: /ssh -lc -p 22 (1 of 6, netns host)');
		expect(header({filters: host, defaultNetns: 'host', width: 40})[2]).toBe('COMMAND▲   netns host   showing 6 of 6');
		// Another namespace than socktop's own is one the user chose: a filter, as root's host is.
		expect(header({filters: {...defaultFilters, netns: 'blue'}, defaultNetns: 'host', shown: 0})[2]).toBe('Sort COMMAND asc   Filter netns blue   showing 0 of 6');
		expect(header({filters: host, shown: 6})[2]).toBe('Sort COMMAND asc   Filter netns host   showing 6 of 6');
	});

	it('writes a text filter with quotes of its own as typed after /, not inside more quotes', () => {
		const text = '"unix stream" x';
		// Was 'Filter ""unix stream" x"'.
		expect(header({filters: {...defaultFilters, text}, shown: 0})[2]).toBe('Sort COMMAND asc   Filter /"unix stream" x   showing 0 of 6');
		expect(emptyTableText({...defaultFilters, text})).toBe('No sockets match the filters: /"unix stream" x (Esc clears the text filter).');
	});

	it('says why the table is empty in words that match the header: Esc and the toggles only where a filter is set', () => {
		expect(emptyTableText({...defaultFilters, netns: 'host'}, 'host')).toBe('No sockets in netns host (n shows the other namespaces).');
		expect(emptyTableText({...defaultFilters, netns: 'host', text: 'ssh'}, 'host')).toBe('No sockets match the filters: "ssh" (Esc clears the text filter).');
		expect(emptyTableText({...defaultFilters, netns: 'blue'}, 'host')).toBe('No sockets match the filters: netns blue (n changes the netns).');
		// No text filter set: no Esc (the user test's -p 5432,9555 --netns uat3ns, as root).
		expect(emptyTableText({...defaultFilters, ports: [[5432, 5432], [9555, 9555]], netns: 'uat3ns'})).toBe(
			"No sockets match the filters: port 5432,9555, netns uat3ns (p edits the port list; n changes the netns). A socket bound without listen() is in no kernel table, so no row shows its port (nor ss -a or lsof -i); its process's PID view (--pid PID) lists it.",
		);
		// No TCP socket can pass: a bound UDP or unix socket is in its table.
		expect(emptyTableText({...defaultFilters, ports: [[53, 53]], protocols: ['udp']})).toBe('No sockets match the filters: udp, port 53 (p P edit the port and protocol lists).');
		expect(emptyTableText({...defaultFilters, ports: [[53, 53]], unix: true})).not.toContain('listen()');
		// What -l hides of the sockets the other filters pass, said after them.
		expect(emptyTableText({...defaultFilters, listening: true, ports: [[18_082, 18_082]]}, undefined, null, 'Without listening, 3 would show: 3 TIME_WAIT.')).toBe(
			"No sockets match the filters: listening, port 18082 (l toggles; p edits the port list). Without listening, 3 would show: 3 TIME_WAIT. A socket bound without listen() is in no kernel table, so no row shows its port (nor ss -a or lsof -i); its process's PID view (--pid PID) lists it.",
		);
		expect(emptyTableText({...defaultFilters, listening: true, noLoopback: true, protocols: ['udp'], ports: [[53, 53]], user: 'bind'})).toBe(
			'No sockets match the filters: listening, no loopback, udp, port 53, user bind (l L toggle; p P edit the port and protocol lists; no key changes --user).',
		);
		expect(emptyTableText({...defaultFilters, ipv6: true, protocols: ['raw']})).toBe('No sockets match the filters: IPv6, raw (6 toggles; P edits the protocol list).');
		expect(emptyTableText(defaultFilters)).toBe('No sockets.');
		// What the filters asked for and socktop could not read (model/unseen.ts) is said instead of "no match".
		expect(emptyTableText({...defaultFilters, netns: 'x'}, 'host', 'network namespace x could not be read')).toBe('Network namespace x could not be read.');
	});

	it('says every filter short, as typed, where the words do not fit, the sort giving way first', () => {
		expect(header({filters: allFilters, shown: 1, width: 100})[2]).toBe('Sort COMMAND asc   filter: -lc46uL -P tcp,udp -p 22,80 --user root --netns host (1 of 6)');
		expect(header({filters: allFilters, shown: 1})[2]).toBe('COMMAND▲   filter: -lc46uL -P tcp,udp -p 22,80 --user root --netns host (1 of 6)');
		expect(header({filters: allFilters, shown: 1, width: 70})[2]).toBe('filter: -lc46uL -P tcp,udp -p 22,80 --user root --netns host (1 of 6)');
	});

	it('never cuts a filter away on the smallest terminal: a tmux pane of 40 columns', () => {
		const filters = {...defaultFilters, listening: true, text: 'ssh'};
		expect(header({filters, shown: 3, width: 40})[2]).toBe('Sort COMMAND▲   filter: /ssh -l (3 of 6)');
		expect(header({filters, shown: 3, width: 39})[2]).toBe('COMMAND▲   filter: /ssh -l (3 of 6)');
		expect(header({filters: allFilters, shown: 1, width: 40})[2]).toBe('filter: -lc46uL -P tcp,udp -p … (1 of 6)');
		// A long port list keeps its first ports and counts the rest, rather than cut in the middle of a port.
		const ports = {...defaultFilters, ports: [9102, 9103, 22, 5514, 8080].map(port => [port, port] as const)};
		expect(header({filters: ports, shown: 3, width: 40})[2]).toBe('filter: -p 9102,9103,22,+2 more (3 of 6)');
		expect(header({filters: {...ports, listening: true}, shown: 3, width: 40})[2]).toBe('filter: -l -p 9102,9103,+3 more (3 of 6)');
		// Where not even '-p +5 more' fits, the line is cut at its end, as before.
		expect(header({filters: {...ports, text: 'a-rather-long-text'}, shown: 3, width: 40})[2]).toBe('filter: /a-rather-long-text -p… (3 of 6)');
		expect(header({filters: {...defaultFilters, text: 'a-very-long-text-filter-typed-in'}, shown: 0, width: 40})[2]).toBe('filter: /a-very-long-text-filt… (0 of 6)');
	});

	it('says how many closed sockets the table still draws, dimmed, where the line has room, as the footer counts them', () => {
		// The footer's 'rows 1-18 of 52' counts the rows drawn; 'showing 47 of 47' alone would disagree with it.
		expect(header({shown: 6, closed: 2})[2]).toBe('Sort COMMAND asc   Filter none   showing 6 of 6 + 2 just closed');
		expect(header({shown: 6, closed: 0})[2]).toBe('Sort COMMAND asc   Filter none   showing 6 of 6');
	});

	it('says the closed rows at every width, so the count never disagrees with the footer\'s (19210 of 19210 over "of 19213")', () => {
		const churn = {shown: 19_210, rows: 19_210, closed: 3};
		// 'Filter none' gives way first, then the sort, then the words.
		expect(header({...churn, width: 71})[2]).toBe('Sort COMMAND asc   Filter none   showing 19210 of 19210 + 3 just closed');
		expect(header({...churn, width: 60})[2]).toBe('Sort COMMAND asc   showing 19210 of 19210 + 3 just closed');
		expect(header({...churn, width: 49})[2]).toBe('COMMAND▲   showing 19210 of 19210 + 3 just closed');
		expect(header({...churn, width: 41})[2]).toBe('showing 19210 of 19210 + 3 just closed');
		expect(header({shown: 6, closed: 2, width: 50})[2]).toBe('Sort COMMAND asc   showing 6 of 6 + 2 just closed');
		// With filters, in the short count.
		const listening = {...defaultFilters, listening: true};
		expect(header({...churn, shown: 12, filters: listening, width: 60})[2]).toBe('Sort COMMAND asc   filter: -l (12 of 19210 + 3 closed)');
		expect(header({...churn, shown: 12, filters: listening, width: 40})[2]).toBe('filter: -l (12 of 19210 + 3 closed)');
		for (const width of [40, 50, 60, 80, 100]) {
			expect(header({...churn, width})[2], `at ${width}`).toMatch(/ \+ 3 (just )?closed\)?$/);
			expect(header({...churn, shown: 12, filters: {...listening, netns: 'host', ports: [[22, 22], [8080, 8090]]}, defaultNetns: 'host', width})[2], `at ${width}`).toMatch(/ \+ 3 (just )?closed([),]|$)/);
		}
	});

	it('keeps a whole port and counts the rest before cutting a long -p list, netns host giving way first (40 columns)', () => {
		const ports = {...defaultFilters, netns: 'host', ports: Array.from({length: 12}, (_, index) => [47_001 + index, 47_001 + index] as const)};
		const at = (width: number) => header({filters: ports, defaultNetns: 'host', shown: 12, rows: 19_068, width})[2];
		// Was 'filter: -p 47… (12 of 19068, netns host)', cut in the middle of a port.
		expect(at(40)).toBe('filter: -p 47001,+11 more (12 of 19068)');
		expect(at(51)).toBe('filter: -p 47001,+11 more (12 of 19068, netns host)');
		expect(at(57)).toBe('filter: -p 47001,47002,+10 more (12 of 19068, netns host)');
		// Where not even one port fits, the list keeps none but still counts them.
		expect(header({filters: {...ports, listening: true, connected: true, ipv4: true, unix: true}, defaultNetns: 'host', shown: 12, rows: 19_068, width: 40})[2]).toBe('filter: -lc4u -p +12 more (12 of 19068)');
	});

	it('keeps the count and the sort when no filter hides a row', () => {
		expect(header({width: 40})[2]).toBe('Sort COMMAND asc   showing 6 of 6');
	});
});

describe('Header: the first line', () => {
	const capture = (hostname: string): Snapshot => ({...snapshotOf(baseSockets), hostname, backend: 'import', skipped: {...emptySkipped, malformedLines: 3, malformedExample: 'tcp LISTEN 0 128 bad'}});

	it('cuts a long capture path from the left, keeping its file name and the notes after it', () => {
		const path = '/home/alice/incidents/2026-11-27-web1-outage/captures/from-the-load-balancer/ss-tunap.txt';
		expect(header({snapshot: capture(path), isLive: false})[0]).toBe('…-load-balancer/ss-tunap.txt  03:30:00  a capture, not refreshed  3 lines unread');
	});

	it('cuts a long host name at its end, keeping the labels that tell hosts apart, so the interval and PAUSED still show', () => {
		const snapshot = {...snapshotOf(baseSockets), hostname: 'build-worker-17.ci.eu-west-1.compute.internal.corp.example.com'};
		expect(header({snapshot, isPaused: true, width: 60})[0]).toBe('build-worker-17.ci.eu-west-1.…  03:30:00  every 2s   PAUSED');
	});

	it('names the processes even root could not read, two where they fit, one, then none before the short form', () => {
		const denied = {pid: 1, command: 'process_api', user: 'root', uid: 0};
		const one = snapshotOf(baseSockets, undefined, {...emptySkipped, deniedProcesses: 1, deniedAsRoot: true, deniedProcessList: [denied]});
		expect(header({snapshot: one})[0]).toBe('web1  03:30:00  every 2s  1 process unreadable even as root: process_api[1]');
		const list = [{...denied, command: 'init'}, {pid: 812, command: 'ssh\u001b', user: 'root', uid: 0}, {pid: 900, command: 'cron', user: 'root', uid: 0}];
		const three = snapshotOf(baseSockets, undefined, {...emptySkipped, deniedProcesses: 3, deniedAsRoot: true, deniedProcessList: list});
		// Another user's command is shown escaped, never raw.
		expect(header({snapshot: three, width: 100})[0]).toBe('web1  03:30:00  every 2s  3 processes unreadable even as root: init[1], ssh\\x1b[812] and 1 more');
		expect(header({snapshot: three, width: 85})[0]).toBe('web1  03:30:00  every 2s  3 processes unreadable even as root: init[1] and 2 more');
		expect(header({snapshot: three})[0]).toBe('web1  03:30:00  every 2s  3 processes unreadable even as root');
		expect(header({snapshot: three, width: 50})[0]).toBe('web1  03:30:00  every 2s  3 processes unreadable');
	});

	it('names a hidden process next to its count, so "run as root" still ends the line', () => {
		const skipped = {...emptySkipped, deniedProcesses: 1, deniedProcessList: [{pid: 1, command: 'systemd', user: 'root', uid: 0}]};
		expect(header({snapshot: snapshotOf(baseSockets, undefined, skipped), width: 100})[0]).toBe(
			'web1  03:30:00  every 2s  1 process hidden (systemd[1]) — run as root to see which sockets they hold',
		);
	});

	it('gives the short warning the interval\'s room, then the clock\'s, where even it would be cut (40 columns)', () => {
		// Was 'web1  03:30:00  every 2s  1 process unrea…'.
		const root = snapshotOf(baseSockets, undefined, {...emptySkipped, deniedProcesses: 1, deniedAsRoot: true});
		expect(header({snapshot: root, width: 40})[0]).toBe('web1  03:30:00  1 process unreadable');
		const hidden = snapshotOf(baseSockets, undefined, {...emptySkipped, deniedProcesses: 1});
		expect(header({snapshot: hidden, width: 40})[0]).toBe('web1  1 process hidden (run as root)');
		expect(header({snapshot: hidden, width: 60})[0]).toBe('web1  03:30:00  every 2s  1 process hidden (run as root)');
	});

	it('keeps the advice whole at 40-50 columns: fewer letters, then a slow scan\'s note and the host name give way', () => {
		// The user test, as nobody: 40 columns read 'vm  59 processes, 1 netns hidden (run a…', 44 '(run as ro…'.
		const skipped = {...emptySkipped, deniedProcesses: 59, deniedNamespaces: 1};
		const vm = {...snapshotOf(baseSockets, undefined, skipped), hostname: 'vm'};
		expect(header({snapshot: vm, width: 50})[0]).toBe('vm  59 processes, 1 netns hidden (run as root)');
		expect(header({snapshot: vm, width: 44})[0]).toBe('vm  59 procs, 1 netns hidden (run as root)');
		expect(header({snapshot: vm, width: 40})[0]).toBe('59 procs, 1 netns hidden (run as root)');
		const slow = (width: number) => render(<Header {...headerDefaults} snapshot={vm} summary={summarize(vm.sockets)} shown={6} slowScan="still reading /proc (8s)" width={width} />);
		// Was 'vm  still reading /proc (8s)  69 processes,…'.
		expect(slow(44).lastFrame()!.split('\n')[0]).toBe('vm  59 procs, 1 netns hidden (run as root)');
		expect(slow(80).lastFrame()!.split('\n')[0]).toBe('vm  still reading /proc (8s)  59 processes, 1 netns hidden (run as root)');
		// Where even that would be cut, the warning is left out whole (the ? screen says it).
		const paused = header({snapshot: vm, isPaused: true, width: 40})[0];
		expect(paused).toBe('vm  03:30:00  every 2s   PAUSED');
		for (const width of [30, 35, 40, 44, 50, 60]) {
			const first = header({snapshot: {...vm, hostname: 'build-worker-17.ci.example.com'}, width})[0]!;
			expect(first.includes('(run as root)') || !first.includes('hidden'), `${width}: ${first}`).toBe(true);
			expect(first).not.toContain('…)');
		}
	});

	it('keeps "run as root" where ss is missing too: the tool in few words, else left out (the ? screen says it)', () => {
		// The user test on a server without iproute2, as nobody at 80x24: the first line was 'vm  18:36:46  every 2s',
		// the sentence and the short form ('236 processes hidden (run as root); unix peers and queues: ss (iproute2) not found…') both too long.
		const skipped = {...emptySkipped, deniedProcesses: 236, unreadableTables: [MISSING_SS], tableShortForms: toolShortForms([MISSING_SS])};
		const vm = {...snapshotOf(baseSockets, undefined, skipped), hostname: 'vm'};
		expect(header({snapshot: vm})[0]).toBe('vm  03:30:00  236 processes hidden (run as root); no ss: unix peers unknown');
		expect(header({snapshot: vm, width: 40})[0]).toBe('vm  236 procs hidden (run as root)');
		// As root, with nothing denied: the tool's line alone.
		const root = {...vm, skipped: {...emptySkipped, unreadableTables: [MISSING_SS], tableShortForms: toolShortForms([MISSING_SS])}};
		expect(header({snapshot: root})[0]).toBe('vm  03:30:00  every 2s  no ss: unix peers unknown');
	});

	it('leaves a host name that fits alone', () => {
		expect(header()[0]).toBe('web1  03:30:00  every 2s');
	});
});

describe('Header: the counts line', () => {
	it('counts ping sockets as icmp, after unix, only when there are any', () => {
		const ping = {...baseSockets[0]!, proto: 'icmp4' as const, localPort: 4660, foreignPort: null, state: 'UNCONN' as const, inode: 7001};
		expect(header()[1]).not.toContain('icmp');
		expect(header({snapshot: snapshotOf([...baseSockets, ping])})[1]).toMatch(/^Sockets \d+ \(tcp \d+, udp \d+, unix \d+, icmp 1\)/);
	});
});

describe('Header: the counts line', () => {
	const counts = (summary: Partial<Summary>, width: number) => {
		const full: Summary = {total: 262, rows: 262, tcp: 254, udp: 4, udplite: 0, raw: 0, icmp: 0, unix: 4, packet: 0, listen: 8, established: 250, timeWait: 3, closeWait: 0, synSent: 0, synRecv: 0, otherTcp: 3, ...summary};
		const drawn = render(<Header {...headerDefaults} snapshot={snapshotOf(baseSockets)} summary={full} shown={262} width={width} />);
		return (drawn.lastFrame() ?? '').split('\n')[1];
	};

	it('says every TCP count at 80 columns, in fewer characters where the full words do not fit', () => {
		// 'TCP 8 listen, 250 estab,…' was all 80 columns showed.
		expect(counts({}, 80)).toBe('Sockets 262 (tcp 254, udp 4, unix 4)  TCP: 8 listen, 250 estab, 3 time-w …');
		expect(counts({}, 120)).toBe('Sockets 262 (tcp 254, udp 4, unix 4)   TCP: 8 listen, 250 estab, 3 time-wait, 3 other');
	});

	it('leaves out zero counts in the short form, so five-digit counts with ping sockets still fit 100 columns', () => {
		const big = {total: 50_271, rows: 50_271, tcp: 50_254, udp: 4, icmp: 2, raw: 1, unix: 10, listen: 4, established: 50_250, timeWait: 0, otherTcp: 4};
		expect(counts(big, 100)).toBe('Sockets 50271 (tcp 50254, udp 4, unix 10, icmp 2, raw 1)   TCP: 4 listen, 50250 estab, 4 other');
		expect(counts(big, 92)).toBe('Sockets 50271 (tcp 50254, udp 4, unix 10, icmp 2, raw 1)  TCP: 4 listen, 50250 estab …');
		expect(counts({listen: 0, established: 0, timeWait: 0, otherTcp: 0, tcp: 0, total: 8}, 40)).toBe('Sockets 8 (tcp 0, udp 4, unix 4)  TCP: 0');
		// UDP-Lite apart from UDP, as -P and the PID view count it, only when there is one.
		expect(counts({listen: 0, established: 0, timeWait: 0, otherTcp: 0, tcp: 0, total: 10, udplite: 2}, 60)).toBe('Sockets 10 (tcp 0, udp 4, udplite 2, unix 4)   TCP: 0');
	});

	it('leaves out zero counts in the long form too, as the short one does', () => {
		// Was 'TCP 11 listen, 8 estab, 1 time_wait, 0 other' at 110-120 columns.
		expect(counts({total: 28, tcp: 20, listen: 11, established: 8, timeWait: 1, otherTcp: 0}, 120)).toBe('Sockets 28 (tcp 20, udp 4, unix 4)   TCP: 11 listen, 8 estab, 1 time-wait');
		expect(counts({total: 8, tcp: 0, listen: 0, established: 0, timeWait: 0, otherTcp: 0}, 120)).toBe('Sockets 8 (tcp 0, udp 4, unix 4)   TCP: 0');
	});

	// A leak: the peers closed, the program never calls close(). 'other' hid them.
	const leak = {total: 2222, rows: 2222, tcp: 2212, listen: 12, established: 2000, timeWait: 0, closeWait: 200, otherTcp: 0};

	it('names CLOSE_WAIT sockets instead of counting them as other, in the long and the short form', () => {
		// The long form is wider than ink-testing-library's 100 columns: asked of describeTcp.
		expect(describeTcp({...leak, synSent: 0, synRecv: 0})).toBe('12 listen, 2000 estab, 200 close-wait');
		expect(counts(leak, 80)).toBe('Sockets 2222 (tcp 2212, udp 4, unix 4)  TCP: 12 listen, 2000 estab, 200 close-w');
	});

	it('names SYN_SENT and SYN_RECV when there are any, and leaves the rest in other', () => {
		expect(counts({...leak, closeWait: 0, synSent: 7, synRecv: 130, otherTcp: 63}, 100)).toBe('Sockets 2222 (tcp 2212, udp 4, unix 4)  TCP: 12 listen, 2000 estab, 7 syn-s, 130 syn-r, 63 other');
		// At 80 columns the least telling counts give way, other first, and '…' says some did.
		expect(counts({...leak, closeWait: 0, synSent: 7, synRecv: 130, otherTcp: 63}, 80)).toBe('Sockets 2222 (tcp 2212, udp 4, unix 4)  TCP: 2000 estab, 7 syn-s, 130 syn-r …');
		expect(describeTcp({...leak, closeWait: 0, synSent: 7, synRecv: 130, otherTcp: 63})).toBe('12 listen, 2000 estab, 7 syn-sent, 130 syn-recv, 63 other');
	});

	it('keeps the telling counts at 60 columns, leaving out the others with a mark', () => {
		// Was 'TCP 3 listen 505 tim…': the 200 CLOSE_WAIT were past the edge, and in 'other' anyway.
		const narrow = {total: 710, rows: 710, tcp: 708, udp: 1, unix: 1, listen: 3, established: 0, timeWait: 505, closeWait: 200, otherTcp: 0};
		expect(counts(narrow, 60)).toBe('Sockets 710 (tcp 708, udp 1, unix 1)  TCP: 200 close-w …');
		// Two piles with no room for both beside the protocols: the protocols give way.
		expect(counts({...leak, synRecv: 90}, 60)).toBe('Sockets 2222  TCP: 2000 estab, 200 close-w, 90 syn-r …');
		// No room for both even so: the larger stays, and no count is cut in the middle.
		expect(counts({...leak, synRecv: 900}, 40)).toBe('Sockets 2222  TCP: 900 syn-r …');
	});

	it('keeps the fault piles at 40 columns, the breakdown by protocol giving way', () => {
		// The user test: 5 SYN_SENT and 1 CLOSE_WAIT; 40 columns read 'Sockets 74 (tcp 42, udp 2, unix 30)  TC…'.
		const hanging = {total: 74, rows: 74, tcp: 42, udp: 2, unix: 30, listen: 20, established: 8, timeWait: 8, closeWait: 1, synSent: 5, otherTcp: 0};
		expect(counts(hanging, 80)).toBe('Sockets 74 (tcp 42, udp 2, unix 30)  TCP: 8 estab, 1 close-w, 5 syn-s …');
		expect(counts(hanging, 60)).toBe('Sockets 74  TCP: 20 listen, 8 estab, 1 close-w, 5 syn-s …');
		expect(counts(hanging, 40)).toBe('Sockets 74  TCP: 1 close-w, 5 syn-s …');
		// No fault piles: the TCP counts still show, not 'TC…'.
		expect(counts({...hanging, closeWait: 0, synSent: 0}, 40)).toBe('Sockets 74  TCP: 20 listen, 8 estab …');
	});
});
