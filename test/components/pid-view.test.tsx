/** The PID view's drawing: the process block, the FD table, the notices above it, the explanations under it, at every size. */
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {PidView} from '../../source/components/pid-view.js';
import type {Collector} from '../../source/collect/collector.js';
import {displayWidth} from '../../source/format/escape.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {createServiceTable} from '../../source/services/index.js';
import {MISSING_NSENTER, MISSING_SS} from '../../source/collect/linux/tools.js';
import {detailOf, inetSocket, nginxFds, nginxInfo, NOW, scriptedCollector, sshdFds, sshdInfo, sshServices as services, tick, webServices} from './pid-fixtures.js';
import {dimText, ESC, frameOf, inverseRows, joined, loaded, press, rawLineWith, view, waitFor} from './pid-frames.js';

vi.hoisted(() => {
	// Frames must show dim and inverse (the exited process's FDs are dimmed) and local times must not depend on the machine.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

describe('PidView', () => {
	it('draws the process block, every fd with the first selected, it and each socket explained, in an exact frame', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), width: 100, interval: 60});
		await loaded(instance);
		expect(frameOf(instance)).toBe(
			[
				' PID 812 sshd · Esc back · ? help · k kill · ↑↓ select · / filter',
				'PID 812  PPID 1  User root (uid 0)  State S (sleeping)  Threads 1',
				'Started 2026-11-26 23:55:00 (3h 5m ago)  Open FDs 5 of 1024 (soft limit)  Sockets 2 LISTEN (TCP)',
				'Cmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
				'Cwd /  Exe /usr/sbin/sshd',
				'┌─────┬─────────┬─────────────┬────────────────────┬────────┐',
				'│ FD▲ │ TYPE    │ TARGET      │ FOREIGN / PEER     │ STATE  │',
				'├─────┼─────────┼─────────────┼────────────────────┼────────┤',
				'│   0 │ chr dev │ /dev/null   │                    │        │',
				'│   1 │ ?       │ socket:[1]  │                    │        │',
				'│   2 │ pipe    │ pipe:[4471] │ → logger[900] fd 0 │        │',
				'│   3 │ tcp4    │ *:22        │ *:*                │ LISTEN │',
				'│   4 │ tcp6    │ *:22        │ *:*                │ LISTEN │',
				'└─────┴─────────┴─────────────┴────────────────────┴────────┘',
				'fd 0: the character device /dev/null',
				'fd 3: sshd listens for TCP connections on port 22 (named ssh in /etc/services: The Secure Shell',
				'  (SSH) Protocol) on every IPv4 address',
				'fd 4: sshd listens for TCP connections on port 22 (named ssh in /etc/services: The Secure Shell',
				'  (SSH) Protocol) on every IPv6 address (and every IPv4 address too, unless the socket is IPv6-only)',
			].join('\n'),
		);
		// The selected row in inverse video, and only it.
		expect(inverseRows(instance)).toEqual(['0 chr dev /dev/null']);
	});

	it('lets explanations longer than two lines wrap onto the rows left blank, and cuts them only when no row is', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), width: 80, height: 24, interval: 60});
		await loaded(instance);
		// Under a line of Sockets (it does not fit beside Open FDs) and every fd row.
		expect(frameOf(instance).split('\n')[3]).toBe('Sockets 2 LISTEN (TCP)');
		expect(frameOf(instance).split('\n').slice(14)).toEqual([
			'└─────┴─────────┴─────────────┴────────────────────┴────────┘',
			'fd 0: the character device /dev/null',
			'fd 3: sshd listens for TCP connections on port 22 (named ssh in /etc/services:',
			'  The Secure Shell (SSH) Protocol) on every IPv4 address',
			'fd 4: sshd listens for TCP connections on port 22 (named ssh in /etc/services:',
			'  The Secure Shell (SSH) Protocol) on every IPv6 address (and every IPv4',
			'  address too, unless the socket is IPv6-only)',
		]);
		instance.unmount();
		// Shorter: the frame fills its height before a sentence is cut, and never goes past it.
		for (const height of [14, 15, 16, 17, 18, 20, 22]) {
			const short = view({collector: scriptedCollector([detailOf()]), width: 80, height, interval: 60});
			await loaded(short);
			const lines = frameOf(short).split('\n');
			expect(lines.length, `height ${height}`).toBeLessThanOrEqual(height);
			if (lines.some(line => line.endsWith('…'))) expect(lines.length, `height ${height}`).toBe(height);
			short.unmount();
		}
	});

	it('wraps a long command line over up to three lines when rows are spare, cut with …, and keeps it to one where the table needs them', async () => {
		const java = {...sshdInfo, command: 'java', cmdline: ['/usr/lib/jvm/java-17-openjdk-amd64/bin/java', '-Xms512m', '-Xmx2g', '-Djava.security.egd=file:/dev/./urandom', '-cp', '/opt/app/lib/app.jar:/opt/app/lib/netty-all-4.1.100.Final.jar:/opt/app/lib/jackson-databind-2.15.2.jar:/opt/app/lib/slf4j-api-2.0.9.jar', 'com.example.app.Main', '--server.port=8080']};
		const instance = view({collector: scriptedCollector([detailOf(undefined, {process: java})]), width: 80, height: 30, interval: 60});
		await loaded(instance);
		expect(frameOf(instance).split('\n').slice(3, 9)).toEqual([
			'Sockets 2 LISTEN (TCP)',
			'Cmdline /usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xms512m -Xmx2g',
			'        -Djava.security.egd=file:/dev/./urandom -cp',
			'        /opt/app/lib/app.jar:/opt/app/lib/netty-all-4.1.100.Final.jar:/opt/app/…',
			'Cwd /  Exe /usr/sbin/sshd',
			'┌─────┬─────────┬─────────────┬────────────────────┬────────┐',
		]);
		instance.unmount();
		// 80x24 with more fds than rows: one line, as before; every line the table can have is its.
		const many: FileDescriptor[] = Array.from({length: 40}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		const crowded = view({collector: scriptedCollector([detailOf(many, {process: java})]), width: 80, height: 24, interval: 60});
		await loaded(crowded);
		const lines = frameOf(crowded).split('\n');
		expect(lines[3]).toBe('Cmdline /usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xms512m -Xmx2g -Djava.secu…');
		expect(lines[4]).toBe('Cwd /  Exe /usr/sbin/sshd');
		expect(lines.length).toBeLessThanOrEqual(24);
	});

	it('explains ports from IANA when the services file fails to load', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), interval: 60, table: createServiceTable({file: '/dev/zero'})});
		await waitFor(() => {
			expect(frameOf(instance)).toContain("fd 3: sshd listens for TCP connections on port 22 (named ssh in IANA's registry: The Secure Shell");
		});
	});

	it('keeps the last FDs, dimmed, under a banner when the process exits while viewed', async () => {
		// The process exits when the test says so: every read answers `now`, counted.
		let now = detailOf();
		let reads = 0;
		const collector = {
			...scriptedCollector([now]),
			process: async () => {
				reads++;
				return now;
			},
		};
		const instance = view({collector});
		await loaded(instance);
		// Alive, its rows' own cells are plain: the table's rules, which are always dim, do not count.
		expect(dimText(rawLineWith(instance, 'pipe:[4471]')).dim).toBe('');
		expect(frameOf(instance)).not.toContain('has exited');
		now = detailOf([], {process: null});
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Process 812 has exited; its last known FDs are shown dimmed.');
		});
		// Every cell of the last rows is dim, and so are the facts above them and the explanations under them.
		expect(dimText(rawLineWith(instance, 'pipe:[4471]'))).toEqual({dim: '2pipepipe:[4471]→logger[900]fd0', plain: ''});
		expect(dimText(rawLineWith(instance, 'PPID 1')).plain).toBe('');
		// Said of the fds when last read: 'sshd listens' is no longer true.
		expect(dimText(rawLineWith(instance, 'fd 3 when last read: sshd listens')).plain).toBe('');
		expect(frameOf(instance)).not.toContain('fd 3: ');
		expect(frameOf(instance)).toContain('→ logger[900] fd 0');
		// The view keeps refreshing but does not fail on a gone process.
		const calls = reads;
		await waitFor(() => {
			expect(reads).toBeGreaterThan(calls);
		});
		expect(frameOf(instance)).toContain('has exited');
	});

	it('takes a zombie for exited: the last FDs stay, dimmed, and the banner names the parent that has not reaped it', async () => {
		// What /proc shows once the process has exited but its parent has not waited for it: state Z, no fds.
		// Started 20 s before its last read alive; the exit seen 11 s after that read, and reaped later still.
		const info = {...sshdInfo, startTime: NOW - 20_000};
		const zombie = detailOf([], {process: {...info, state: 'Z (zombie)', threads: 1, ppid: 640}, time: NOW + 11_000});
		const gone = detailOf([], {process: null, time: NOW + 30_000});
		const collector = scriptedCollector([detailOf(undefined, {process: info}), zombie, {...zombie, time: NOW + 20_000}, gone]);
		const ran = 'Started 2026-11-27 02:59:40, exited by 03:00:11 (31s later)';
		// Wide enough for the banner on one line.
		const instance = view({collector, width: 200});
		await waitFor(() => {
			expect(frameOf(instance)).toContain(
				'Process 812 has exited; its parent (PID 640) has not collected its exit status yet (a zombie); its last known FDs are shown dimmed.',
			);
		});
		expect(frameOf(instance)).toContain('pipe:[4471]');
		expect(dimText(rawLineWith(instance, 'pipe:[4471]')).plain).toBe('');
		expect(frameOf(instance)).not.toContain('No open files.');
		// The facts say what the last read said, as the banner does: a zombie, no files now; not "S (sleeping)".
		expect(frameOf(instance)).toContain('PID 812  PPID 640  User root (uid 0)  State Z (zombie)  Threads 1');
		expect(frameOf(instance)).toContain('Open FDs 0 of 1024 (soft limit)');
		expect(frameOf(instance)).not.toContain('sleeping');
		expect(frameOf(instance)).toContain(ran);
		// Then reaped: the same last FDs, not the zombie's none.
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Process 812 has exited; its last known FDs are shown dimmed.');
		});
		// The state last read was the zombie's (was 'S (sleeping)', the read alive before it), and the
		// time it ran stays what it was (was '(20s ago)': an earlier age than the zombie's, then frozen).
		expect(frameOf(instance)).toContain('State exited (last read: Z (zombie))');
		expect(frameOf(instance)).toContain(ran);
		expect(frameOf(instance)).toContain('Open FDs (last known) 5 of 1024 (soft limit)');
		expect(frameOf(instance)).toContain('pipe:[4471]');
		expect(dimText(rawLineWith(instance, 'pipe:[4471]')).plain).toBe('');
		expect(frameOf(instance)).not.toContain('No open files.');
	});

	it('shows a process that is a zombie from the start as one, with its state and parent', async () => {
		// As /proc shows a zombie: no command line, cwd or exe any more.
		const zombie = detailOf([], {process: {...sshdInfo, state: 'Z (zombie)', ppid: 640, cmdline: null, cwd: null, exe: null}});
		const instance = view({collector: scriptedCollector([zombie]), width: 200});
		await loaded(instance);
		expect(frameOf(instance)).toContain('Process 812 has exited; its parent (PID 640) has not collected its exit status yet (a zombie).');
		expect(frameOf(instance)).toContain('Z (zombie)');
		expect(frameOf(instance)).toContain('No open files.');
		// What /proc no longer has is said to be gone with the process, and there is nothing to signal.
		expect(frameOf(instance)).toContain('Cwd (none: it has exited)');
		expect(frameOf(instance).split('\n')[0]).not.toContain('k kill');
	});

	it('names a network namespace other than the host\'s among the facts, at 80 columns, and in the sentences', async () => {
		const inside = inetSocket({localAddress: '127.0.0.1', localPort: 8080, inode: 20_540, netns: 'uat-a'});
		const fds: FileDescriptor[] = [{fd: 3, type: 'socket', target: 'socket:[20540]', socket: inside}];
		const instance = view({collector: scriptedCollector([detailOf(fds, {netns: 'uat-a'})]), width: 80});
		await loaded(instance);
		expect(frameOf(instance).split('\n')[1]).toBe('PID 812  PPID 1  User root (uid 0)  Netns uat-a  State S (sleeping)  Threads 1');
		expect(joined(frameOf(instance))).toContain('only on the loopback address 127.0.0.1 in network namespace uat-a — reachable only from inside that namespace');
	});

	it('says the PID a process has in its own PID namespace: whole where the line has room, else the number', async () => {
		const detail = detailOf([], {netns: 'uat-a', process: {...sshdInfo, nsPid: 1}});
		const wide = view({collector: scriptedCollector([detail]), width: 140});
		await loaded(wide);
		expect(frameOf(wide).split('\n')[1]).toBe('PID 812  PPID 1  User root (uid 0)  Netns uat-a  NSpid 1 (its PID in its own PID namespace)  State S (sleeping)  Threads 1');
		const narrow = view({collector: scriptedCollector([detail]), width: 80});
		await loaded(narrow);
		expect(frameOf(narrow).split('\n')[1]).toBe('PID 812  PPID 1  User root (uid 0)  Netns uat-a  NSpid 1  State S (sleeping)');
	});

	it('shows a zombie leader (its main thread exited, others run on) as running: its FDs, its state explained, and k', async () => {
		const leader = detailOf(undefined, {process: {...sshdInfo, state: 'Z (zombie)', threads: 3}});
		// At 80 columns, so the state's explanation is seen whole where users look at it.
		const instance = view({collector: scriptedCollector([leader]), width: 80});
		await loaded(instance);
		expect(frameOf(instance)).not.toContain('Process 812 has exited');
		expect(frameOf(instance)).toContain('State Z (main thread exited)  Threads 3');
		// Its FDs drawn as a live process's, not dimmed as an exited one's last known (its fds are there either way).
		expect(dimText(rawLineWith(instance, 'pipe:[4471]')).dim).toBe('');
		expect(frameOf(instance).split('\n')[0]).toContain('k kill');
	});

	it('stays on the process it opened when another takes its PID, and offers no k for the stranger', async () => {
		const gone = detailOf([], {process: null});
		// Same PID, same name, but started later: another process.
		const stranger = detailOf([], {process: {...sshdInfo, startToken: '99999', startTime: sshdInfo.startTime! + 60_000}});
		const instance = view({collector: scriptedCollector([detailOf(), gone, stranger]), width: 200});
		await waitFor(() => {
			expect(frameOf(instance)).toContain(
				'Process 812 has exited; PID 812 now belongs to another process (sshd); its last known FDs are shown dimmed.',
			);
		});
		expect(frameOf(instance)).toContain('pipe:[4471]');
		expect(frameOf(instance).split('\n')[0]).not.toContain('k kill');
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Process 812 has exited; there is nothing to signal.');
		});
		expect(frameOf(instance)).not.toContain('Send a signal');
	});

	it('explains the ports of a process in another network namespace with that namespace\'s ephemeral range', async () => {
		const client = inetSocket({localAddress: '127.0.0.1', localPort: 20_500, foreignAddress: '127.0.0.1', foreignPort: 80, state: 'ESTABLISHED', fd: 7, inode: 777});
		const fds = [{fd: 7, type: 'socket' as const, target: 'socket:[777]', socket: client}];
		// The view's range is 32768-60999 (this machine's); the process's namespace uses 20000-20999.
		const instance = view({collector: scriptedCollector([detailOf(fds, {ephemeral: [20_000, 20_999]})]), width: 200, interval: 60});
		await waitFor(() => {
			expect(frameOf(instance)).toContain('fd 7: sshd is connected from ephemeral port 20500 to 127.0.0.1 port 80');
		});
	});

	it.each([
		[MISSING_SS, 100, ['unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin']],
		[MISSING_SS, 70, ['unix peers and queues: ss not found on PATH or in /usr/sbin, /sbin']],
		[MISSING_SS, 40, ['unix peers and queues: ss not found']],
		[MISSING_NSENTER, 115, ['unix peers and queues in other network namespaces: nsenter (util-linux) not found on PATH or in /usr/sbin, /sbin']],
		// Root, a process in another namespace, no nsenter: rarer, and two lines at 40 columns.
		[MISSING_NSENTER, 40, ['unix peers and queues in other network', '  namespaces: nsenter not found']],
	])('says which missing tool leaves the unix peers unnamed: "%s" at %i columns', async (line, width, said) => {
		// A connected unix socket whose peer the collector could not name.
		const unnamed = inetSocket({proto: 'stream', localAddress: null, localPort: null, foreignAddress: null, foreignPort: null, state: 'ESTABLISHED', fd: 5, inode: 30_001});
		const fds: FileDescriptor[] = [...sshdFds, {fd: 5, type: 'socket', target: 'socket:[30001]', socket: unnamed}];
		const instance = view({collector: scriptedCollector([detailOf(fds, {missingTools: [line]})]), width, height: 12});
		await loaded(instance);
		const lines = frameOf(instance).split('\n');
		// Under the title and the one line of facts a 12-line screen keeps, before the FD table.
		expect(lines[1]).toMatch(/^Cmdline sshd: /);
		expect(lines.slice(2, 2 + said.length)).toEqual(said);
		expect(lines[2 + said.length]).toMatch(/^┌/);
		expect(lines.length).toBeLessThanOrEqual(12);
		expect(lines.every(each => displayWidth(each) <= width)).toBe(true);
	});

	it('says a PID with no process from the start may have exited or never existed, without FDs', async () => {
		const instance = view({collector: scriptedCollector([detailOf([], {process: null})])});
		await loaded(instance);
		expect(frameOf(instance)).toContain('No process 812: it has exited or never existed.');
		expect(frameOf(instance)).toContain('No open files.');
	});

	it('shows why FDs are missing and still shows the facts', async () => {
		const denied = 'Permission denied reading the open files of PID 812 (user root): run socktop as root (sudo) to see its files and sockets.';
		const instance = view({collector: scriptedCollector([detailOf([], {denied, fdCount: null})]), width: 80});
		await loaded(instance);
		const frame = frameOf(instance);
		// Wrapped, never cut: what would help is the point of the message.
		expect(frame.replaceAll(/\n {2}/g, ' ')).toContain(denied);
		expect(frame).toContain('Open FDs ? of 1024');
		expect(frame).toContain('No open files readable.');
	});

	it('counts the rows it shows by position among the rows read, not by fd number nor against the fds the process has open', async () => {
		// fds 3 to 42 could be read, of 45 open.
		const files: FileDescriptor[] = Array.from({length: 40}, (_, index) => ({fd: index + 3, type: 'file', target: `/var/log/file-${index + 3}.log`, socket: null}));
		const instance = view({collector: scriptedCollector([detailOf(files, {fdCount: 45})]), height: 20, width: 80});
		await loaded(instance);
		const frame = frameOf(instance);
		const shown = Number(/ · rows 1-(\d+) of 40$/.exec(frame.split('\n')[0]!)?.[1]);
		expect(shown).toBeGreaterThan(3);
		expect(frame).toContain('Open FDs 45 of 1024');
		// Row 1 is fd 3; the last row shown is fd shown + 2.
		expect(frame).toContain(`file-${shown + 2}.log`);
		expect(frame).not.toContain(`file-${shown + 3}.log`);
	});

	it('explains the selected connection whole at 80x24, its client\'s address too, where one cut line each used to hide it', async () => {
		const instance = view({collector: scriptedCollector([detailOf(nginxFds(), {process: nginxInfo, listening: ['tcp/80']})]), width: 80, height: 24, table: webServices});
		await loaded(instance);
		// fd 8, the first accepted IPv6 connection: six rows down.
		for (const fd of [2, 3, 4, 5, 6]) await press(instance, 'j', `fd ${fd}: `);
		await press(instance, 'j', 'fd 8: ');
		const frame = frameOf(instance);
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		// STATE spelled short, as the socket table's on a narrow screen: its room goes to the client's address.
		expect(inverseRows(instance)).toEqual(['8 tcp6 [2001:db8::5]:80 [2001:db8:…7334]:51000 ESTAB']);
		const sentence =
			'fd 8: nginx accepted a connection on port 80 (named http in /etc/services: WorldWideWeb HTTP) from 2001:db8:85a3::8a2e:370:7334 port 51000 (the client\'s ephemeral port)';
		expect(joined(frame)).toContain(sentence);
		// Wrapped, starting under the table, every line within the width.
		const lines = frame.split('\n');
		const start = lines.findIndex(line => line.startsWith('fd 8: '));
		expect(lines[start - 1]).toMatch(/^└/);
		expect(lines.every(line => displayWidth(line) <= 80)).toBe(true);
	});

	it('says a unix socket\'s sentence, with the peer\'s path the table leaves out, and a file\'s whole path', async () => {
		const instance = view({collector: scriptedCollector([detailOf(nginxFds(), {process: nginxInfo, listening: ['tcp/80']})]), width: 80, height: 24, table: webServices});
		await loaded(instance);
		await press(instance, 'jj', 'fd 3: ');
		// The table shows the peer process only.
		expect(frameOf(instance)).toMatch(/│ → postgres\[548\] fd 7 +│/);
		expect(joined(frameOf(instance))).toContain(
			'fd 3: nginx is connected to the unix stream socket /var/run/postgresql/.s.PGSQL.5432; the other end is postgres[548] fd 7',
		);
		await press(instance, 'G', 'fd 20: ');
		// The table cuts the path from the left, keeping the file name's end; the explanation has it whole (broken after a '/').
		const row = frameOf(instance).split('\n').find(line => line.startsWith('│  20 │'));
		expect(row?.split('│')[3]?.trim()).toBe('…mporary-file-name.tmp');
		expect(frameOf(instance).replaceAll('\n  ', '')).toContain('fd 20: the file /var/cache/nginx/proxy_temp/7/42/0000000427-a-very-long-temporary-file-name.tmp');
		await press(instance, '\u001B[A', 'fd 19: ');
		expect(frameOf(instance).replaceAll('\n  ', ' ')).toContain('fd 19: a pipe (pipe:[7781]); the other end is logrotate[990] fd 1');
	});

	it.each([
		// ? lists every key, Esc too; the rows' total is never cut off (5 rows: the Cmdline line takes one).
		[40, false, ' PID 812 sshd · ? help · 1-5/12'],
		// Paused is a state, said nowhere else: it comes first, before the hints.
		[40, true, ' PID 812 sshd · paused · ? help · 1-5/12'],
		[60, true, ' PID 812 sshd · paused · Esc back · ? help · rows 1-5 of 12'],
	])('at %i columns the title still says ? help and how many rows there are (paused: %s)', async (width, isPaused, title) => {
		const many: FileDescriptor[] = Array.from({length: 12}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		// 12 rows: the fds do not all fit, and the title has their range (last).
		const instance = view({collector: scriptedCollector([detailOf(many)]), width, height: 12, interval: 60, isPaused});
		await loaded(instance);
		expect(frameOf(instance).split('\n')[0]).toBe(title);
	});

	it('says what a long read waits for, as the table\'s header does (a hung lsof)', async () => {
		const hung: Collector = {name: 'lsof', snapshot: async () => new Promise(() => undefined), process: async () => new Promise(() => undefined)};
		const instance = render(
			<PidView pid={812} collector={hung} services={services} ephemeral={null} interval={0.05} isPaused={false} width={100} height={30} onBack={() => undefined} slowReadAfterMs={1000} />,
		);
		expect(frameOf(instance)).toContain('Reading…');
		await waitFor(() => {
			expect(frameOf(instance)).toMatch(/Reading… waiting for lsof \(\d+s\)/);
		});
	});

	it('never draws more lines than it is given, nor lines wider, at small sizes', async () => {
		const fds: FileDescriptor[] = [
			...[...sshdFds],
			...Array.from({length: 30}, (_, index) => ({
				fd: 10 + index,
				type: 'socket' as const,
				target: `socket:[${100 + index}]`,
				socket: inetSocket({localAddress: '10.0.0.5', localPort: 22, foreignAddress: '203.0.113.9', foreignPort: 50_000 + index, state: 'ESTABLISHED', fd: 10 + index}),
			})),
		];
		for (const [width, height] of [
			[40, 10],
			[60, 14],
			[80, 24],
			[120, 40],
		] as const) {
			const instance = view({collector: scriptedCollector([detailOf(fds)]), width, height});
			await loaded(instance);
			// The first fd, then the middle of the connections (a long sentence), then the last.
			for (const [keys, fd] of [['', 0], ['jjjjjjjjjjjjjjjjjj', 23], ['G', 39]] as const) {
				if (keys !== '') await press(instance, keys, `fd ${fd}: `);
				const lines = frameOf(instance).split('\n');
				const name = `${width}x${height}, fd ${fd}`;
				expect(lines.length, name).toBeLessThanOrEqual(height);
				expect(Math.max(...lines.map(line => displayWidth(line))), name).toBeLessThanOrEqual(width);
				// The selected fd's explanation, right under the table.
				expect(lines[lines.findIndex(line => line.startsWith(`fd ${fd}: `)) - 1], name).toMatch(/^└/);
			}

			instance.unmount();
		}
	});

	it('shows hostile names made harmless', async () => {
		const hostile = {...sshdInfo, command: 'evil\u001B]0;pwned\u0007', cmdline: ['x\u001B[2Jy', '\u202Egnp.exe']};
		const fds: FileDescriptor[] = [{fd: 7, type: 'file', target: '/tmp/\u001B[31mred\nline', socket: null}];
		const instance = view({collector: scriptedCollector([detailOf(fds, {process: hostile})])});
		await loaded(instance);
		const frame = frameOf(instance);
		expect(frame).toContain('evil\\x1b]0;pwned\\x07');
		expect(frame).toContain('x\\x1b[2Jy \\u202egnp.exe');
		expect(frame).toContain('/tmp/\\x1b[31mred\\nline');
		expect(frame).not.toMatch(/\u001B\]|\u001B\[2J|\u202E/);
	});

	it('does not read again while paused', async () => {
		const collector = scriptedCollector([detailOf()]);
		view({collector, isPaused: true});
		await tick(200);
		expect(collector.calls).toBe(1);
	});

	it.each([
		[40, 9, ' PID 812 sshd · ? help · 1-1/5'],
		[60, 12, ' PID 812 sshd · Esc back · ? help · k kill · rows 1-3 of 5'],
	])('at %ix%i the kill dialog fits: the title, every signal on one line and the hint, within the height', async (width, height, title) => {
		const instance = view({collector: scriptedCollector([detailOf()]), width, height, interval: 60});
		await loaded(instance);
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('>1 TERM');
		});
		const lines = frameOf(instance).split('\n');
		expect(lines.length).toBeLessThanOrEqual(height);
		expect(lines[0]).toBe(title);
		expect(lines).toContain('Send a signal to PID 812 (sshd)');
		expect(lines.some(line => line.startsWith('>1 TERM  2 INT  3 HUP  4 KILL'))).toBe(true);
		expect(lines.at(-1)).toBe('←/→ 1-4 choose · Enter next · Esc cancel');
		expect(lines.every(line => line.length <= width)).toBe(true);
		// → and ↓ both choose the next one.
		await tick(50);
		instance.stdin.write('\u001B[C');
		await waitFor(() => {
			expect(frameOf(instance)).toContain(' 1 TERM >2 INT ');
		});
		instance.stdin.write('\u001B[B');
		await waitFor(() => {
			expect(frameOf(instance)).toContain(' 2 INT >3 HUP ');
		});
		instance.stdin.write(ESC);
	});

	it.each([
		[40, 10],
		[80, 24],
	])('at %ix%i the kill dialog fits with a long sentence selected, and the selection is kept after it', async (width, height) => {
		const instance = view({collector: scriptedCollector([detailOf(nginxFds(), {process: nginxInfo, listening: ['tcp/80']})]), width, height, interval: 60, table: webServices});
		await loaded(instance);
		await press(instance, 'jjjjjj', 'fd 8: ');
		await tick(50);
		instance.stdin.write('k');
		await waitFor(() => {
			expect(frameOf(instance)).toMatch(/1 (SIG)?TERM/);
		});
		const lines = frameOf(instance).split('\n');
		expect(lines.length).toBeLessThanOrEqual(height);
		expect(lines.every(line => displayWidth(line) <= width)).toBe(true);
		expect(lines.join('\n')).toContain('Send a signal to PID 812 (nginx)');
		expect(lines.join('\n')).toMatch(/[↑←]\/[↓→] 1-4 choose · Enter next · Esc cancel/);
		// Still the selected fd's explanation under the table, if only one line of it.
		expect(lines[lines.findIndex(line => line.startsWith('└')) + 1]).toMatch(/^fd 8: nginx accepted/);
		await tick(50);
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Cancelled: no signal sent.');
		});
		await press(instance, '', 'fd 8: ');
		expect(frameOf(instance).split('\n').length).toBeLessThanOrEqual(height);
	});
});
