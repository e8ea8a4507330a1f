import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {missingNamespaceNote, printProcess, printSnapshot, skippedNote} from '../source/once.js';
import {type Collector, type SnapshotRequest, UserError} from '../source/collect/collector.js';
import {importCollector} from '../source/collect/import/index.js';
import {createCollector} from '../source/collect/index.js';
import {loadIpProtocolTable} from '../source/services/ip-protocol-table.js';
import {emptySkipped} from '../source/model/types.js';
import {defaultFilters} from '../source/options.js';
import {createServiceTable, createStaticServiceTable} from '../source/services/table.js';
import {sampleSockets} from './format/sockets.js';
import {testOptions} from './helpers/options.js';
import {capture, fakeCollector, snapshot} from './helpers/once-io.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

describe('skippedNote', () => {
	it('says what could not be seen, or nothing', () => {
		expect(skippedNote(emptySkipped)).toBeNull();
		expect(skippedNote({...emptySkipped, deniedProcesses: 1})).toBe('1 process could not be read — run as root to see which sockets they hold');
		expect(skippedNote({...emptySkipped, deniedProcesses: 3, deniedNamespaces: 2})).toBe(
			'3 processes could not be read — run as root to see which sockets they hold; 2 network namespaces could not be read',
		);
		expect(skippedNote({...emptySkipped, deniedProcesses: 1, deniedAsRoot: true})).toBe('1 process could not be read (even as root)');
		expect(skippedNote({...emptySkipped, deniedProcesses: 2, deniedNamespaces: 1}, true)).toBe(
			'2 processes could not be read (even as root); 1 network namespace could not be read (even as root)',
		);
		expect(skippedNote({...emptySkipped, procHidden: true})).toBe(
			'/proc is mounted hidepid=2: other users\' processes are invisible — run as root to see them and their owners',
		);
		// The first three by name, as the /proc backend names them.
		const deniedProcessList = [
			{pid: 1, command: 'systemd', user: 'root', uid: 0},
			{pid: 812, command: 'sshd', user: 'root', uid: 0},
			{pid: 900, command: 'cron\u001b[2J', user: 'root', uid: 0},
			{pid: 1340, command: 'postgres', user: 'postgres', uid: 114},
		];
		expect(skippedNote({...emptySkipped, deniedProcesses: 7, deniedProcessList})).toBe(
			'7 processes could not be read: systemd[1], sshd[812], cron\\x1b[2J[900] and 4 more — run as root to see which sockets they hold',
		);
		expect(skippedNote({...emptySkipped, deniedProcesses: 1, deniedAsRoot: true, deniedProcessList: deniedProcessList.slice(0, 1)})).toBe(
			'1 process could not be read: systemd[1] (even as root)',
		);
		// lsof without root: the backend says what it could not read at all.
		expect(skippedNote({...emptySkipped, unreadableTables: ['lsof lists only your own sockets — run as root']})).toBe('lsof lists only your own sockets — run as root');
	});
});

describe('missingNamespaceNote', () => {
	const inBlue = sampleSockets.map((socket, index) => (index === 0 ? {...socket, netns: 'blue'} : socket));

	it('names the namespaces that have sockets when the asked one has none', () => {
		expect(missingNamespaceNote('bleu', inBlue)).toBe("no sockets in a network namespace named 'bleu' (namespaces with sockets: host, blue, web)");
	});

	it('says nothing for all, host, or a namespace present', () => {
		expect(missingNamespaceNote('all', inBlue)).toBeNull();
		expect(missingNamespaceNote('host', [])).toBeNull();
		expect(missingNamespaceNote('blue', inBlue)).toBeNull();
	});
});

describe('printSnapshot', () => {
	it('prints the filtered table, and the note only to a person', async () => {
		const io = capture(true);
		expect(await printSnapshot(testOptions({filters: {...defaultFilters, user: 'root', listening: true, protocols: ['tcp']}}), fakeCollector, io)).toBe(0);
		// Every namespace (`all`) and the snapshot has a row in `web`: the NETNS column, though the filters keep only the host's rows.
		expect(io.out().split('\n')).toEqual([
			'USER COMMAND PID FD NETNS PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE',
			'root sshd    812 3  host  tcp4  *:22          *:*             LISTEN',
			'root sshd    812 4  host  tcp6  *:22          *:*             LISTEN',
			'',
		]);
		expect(io.err()).toBe('socktop: 7 processes could not be read — run as root to see which sockets they hold\n');
		const piped = capture(false);
		await printSnapshot(testOptions(), fakeCollector, piped);
		expect(piped.err()).toBe('');
		// A table piped on (`socktop --once | grep ssh`) with stderr still on the terminal: the person is told.
		const toPipe = {...capture(true), isStdoutTty: false};
		await printSnapshot(testOptions(), fakeCollector, toPipe);
		expect(toPipe.err()).toBe('socktop: 7 processes could not be read — run as root to see which sockets they hold\n');
		const root = capture(true, true);
		await printSnapshot(testOptions(), fakeCollector, root);
		expect(root.err()).toBe('socktop: 7 processes could not be read (even as root)\n');
	});

	it('leaves out exactly the header line for -q, and changes nothing in --json', async () => {
		const filters = {...defaultFilters, user: 'root', listening: true, protocols: ['tcp']};
		const quiet = capture(false);
		await printSnapshot(testOptions({filters, quiet: true}), fakeCollector, quiet);
		expect(quiet.out().split('\n')).toEqual([
			'root sshd    812 3  host  tcp4  *:22          *:*             LISTEN',
			'root sshd    812 4  host  tcp6  *:22          *:*             LISTEN',
			'',
		]);
		const [json, quietJson] = [capture(false), capture(false)];
		await printSnapshot(testOptions({json: true}), fakeCollector, json);
		await printSnapshot(testOptions({json: true, quiet: true}), fakeCollector, quietJson);
		expect(quietJson.out()).toBe(json.out());
	});

	it('tells a person when no socket is in the namespace --netns names (a typo, or none there now)', async () => {
		const tty = capture(true, true);
		await printSnapshot(testOptions({filters: {...defaultFilters, netns: 'bleu'}}), fakeCollector, tty);
		expect(tty.out()).toBe('USER COMMAND PID FD NETNS PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE\n');
		expect(tty.err()).toContain("socktop: no sockets in a network namespace named 'bleu' (namespaces with sockets: host, web)\n");
		const piped = capture(false, true);
		await printSnapshot(testOptions({filters: {...defaultFilters, netns: 'bleu'}}), fakeCollector, piped);
		expect(piped.err()).toBe('');
		const host = capture(true, true);
		await printSnapshot(testOptions({filters: {...defaultFilters, netns: 'host'}}), fakeCollector, host);
		expect(host.err()).not.toContain('network namespace named');
	});

	it('tells a person whose -p (top\'s PID flag) matched nothing that the number is a process, and --pid shows it', async () => {
		// 812 holds sockets in the snapshot; 31236 holds none, and identify (the collector's look at /proc) finds it.
		const identified: number[] = [];
		const collector: Collector = {...fakeCollector, snapshot: async () => ({...snapshot, skipped: emptySkipped}), identify: async pid => {
			identified.push(pid);
			return pid === 31_236 ? {startToken: '1', command: 'sleep', ageMs: 0} : null;
		}};
		const printed = async (ports: Array<[number, number]>, isTty = true, json = false, source = collector) => {
			const io = capture(isTty, true);
			expect(await printSnapshot(testOptions({json, filters: {...defaultFilters, netns: 'all', ports}}), source, io)).toBe(0);
			return io.err();
		};

		expect(await printed([[31_236, 31_236]])).toBe('socktop: no socket on port 31236; PID 31236 is a process: --pid 31236 shows its fds\n');
		expect(await printed([[812, 812]])).toBe('socktop: no socket on port 812; PID 812 is a process: --pid 812 shows its fds\n');
		expect(identified).toEqual([31_236]);
		// No process of that number, a range, a port with a socket (a table not empty): nothing to say.
		expect(await printed([[4444, 4444]])).toBe('');
		expect(await printed([[31_000, 32_000]])).toBe('');
		expect(await printed([[22, 22], [812, 812]])).toBe('');
		// Advice for a person, as the other notes: not to a pipe, nor with --json.
		expect(await printed([[31_236, 31_236]], false)).toBe('');
		expect(await printed([[31_236, 31_236]], true, true)).toBe('');
		// Nor of a capture (--import), whose PIDs are another machine's: 31219 holds every row of this one, none on port 31219.
		const imported = await createCollector(testOptions({importFile: fixture('ss/linux-iproute2-tunap.txt')}), {services: createServiceTable({file: null}), ipProtocols: loadIpProtocolTable});
		expect((await imported.snapshot()).sockets.every(socket => socket.pid === 31_219 && socket.localPort !== 31_219)).toBe(true);
		expect(await printed([[31_219, 31_219]], true, false, imported)).toBe('');
	});

	it('keeps the NETNS column whatever rows the filters pass: it follows --netns and the namespaces scanned', async () => {
		const header = async (filters: Partial<typeof defaultFilters>, isRoot = true) => {
			const io = capture(false, isRoot);
			// netns '' is no --netns given, as parseOptions leaves it.
			await printSnapshot(testOptions({filters: {...defaultFilters, netns: '', ...filters}}), fakeCollector, io);
			return io.out().split('\n')[0]!.replaceAll(/ +/g, ' ');
		};

		const withNetns = 'USER COMMAND PID FD NETNS PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE';
		const plain = 'USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE';
		// Root's default is every namespace; the snapshot has a row in `web`, so every table has the column,
		// even one whose rows are all the host's (-l -4: `awk '{print $6}'` is PROTO in each) or that has none.
		expect(await header({})).toBe(withNetns);
		expect(await header({listening: true, ipv4: true})).toBe(withNetns);
		expect(await header({ports: [[9999, 9999]]})).toBe(withNetns);
		// One namespace named: host's never has it, another's always has it, with rows or without.
		expect(await header({netns: 'host'})).toBe(plain);
		expect(await header({netns: 'web', listening: true})).toBe('USER COMMAND PID FD NETNS PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE');
		// Not root, the default is socktop's own namespace (the host's here): sockstat's columns.
		expect(await header({}, false)).toBe(plain);
		const quiet = capture(false, true);
		await printSnapshot(testOptions({quiet: true, filters: {...defaultFilters, netns: '', listening: true, ipv4: true}}), fakeCollector, quiet);
		expect(quiet.out().split('\n')[0]!.split(/ +/)[4]).toBe('host');
	});

	it('says, even to a pipe and with --json, that a namespace --netns names could not be read, not that it has no sockets', async () => {
		const unread: Collector = {...fakeCollector, snapshot: async () => ({...snapshot, namespacesRead: ['host', 'web'], skipped: {...emptySkipped, deniedProcesses: 7, deniedNamespaces: 1}})};
		const options = testOptions({filters: {...defaultFilters, netns: 'x'}});
		const note = "socktop: no process socktop may read is in network namespace 'x': it has none, or only other users' (1 namespace could not be read) — run as root to tell\n";
		for (const io of [capture(true), capture(false)]) {
			expect(await printSnapshot(options, unread, io)).toBe(0);
			expect(io.err()).toContain(note);
			expect(io.err()).not.toContain('no sockets in a network namespace');
		}

		const json = capture(false);
		await printSnapshot({...options, json: true}, unread, json);
		expect(json.err()).toBe(note);
	});

	it('tells a person how many rows --user could not match for want of their owner', async () => {
		const unix = {user: '?', uid: null, command: null, pid: null, fd: null, proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/app.sock', state: 'LISTEN'} as const;
		const rootUnix: Collector = {...fakeCollector, snapshot: async () => ({...snapshot, sockets: [...snapshot.sockets, {...snapshot.sockets[0]!, ...unix, inode: 900}]})};
		const options = testOptions({filters: {...defaultFilters, user: 'root', unix: true}});
		const tty = capture(true);
		await printSnapshot(options, rootUnix, tty);
		expect(tty.err()).toContain('socktop: 1 socket whose owner socktop cannot see is not shown — run as root to see whose they are\n');
		// Where the note on processes not read is not said, neither is this.
		const piped = capture(false);
		await printSnapshot(options, rootUnix, piped);
		expect(piped.err()).toBe('');
	});

	it('prints compact JSON to a pipe and indented JSON to a terminal', async () => {
		const piped = capture(false);
		await printSnapshot(testOptions({json: true, filters: {...defaultFilters, ipv6: true}}), fakeCollector, piped);
		expect(piped.out().trimEnd().split('\n')).toHaveLength(1);
		expect((JSON.parse(piped.out()) as {sockets: unknown[]}).sockets).toHaveLength(3);
		const tty = capture(true);
		await printSnapshot(testOptions({json: true}), fakeCollector, tty);
		expect(tty.out()).toMatch(/^\{\n {2}"formatVersion": 1,\n {2}"time": "2026-01-02T03:04:05.000Z",\n/);
		expect(tty.err()).toBe('');
	});

	it('asks the collector for the TCP listeners\' backlog for --json only (the table has no column for it)', async () => {
		const asked: Array<SnapshotRequest | undefined> = [];
		const collector: Collector = {
			...fakeCollector,
			async snapshot(request) {
				asked.push(request);
				return snapshot;
			},
		};
		await printSnapshot(testOptions({json: true}), collector, capture(false));
		await printSnapshot(testOptions(), collector, capture(false));
		expect(asked.map(request => request?.withListenerFacts)).toEqual([true, false]);
	});

	it('tells the collector the one network namespace --netns shows (ss is asked there alone): unset, all for root, else socktop\'s own', async () => {
		const asked: Array<SnapshotRequest | undefined> = [];
		const collector: Collector = {
			...fakeCollector,
			ownNamespace: () => 'blue',
			async snapshot(request) {
				asked.push(request);
				return snapshot;
			},
		};
		const unset = testOptions({filters: {...defaultFilters, netns: ''}});
		await printSnapshot(unset, collector, capture(false, true));
		await printSnapshot(unset, collector, capture(false, false));
		await printSnapshot(testOptions({filters: {...defaultFilters, netns: 'host'}}), collector, capture(false, true));
		await printSnapshot(testOptions({json: true, filters: {...defaultFilters, netns: 'red'}}), collector, capture(false, false));
		expect(asked).toEqual([
			{withListenerFacts: false, netns: 'all'},
			{withListenerFacts: false, netns: 'blue'},
			{withListenerFacts: false, netns: 'host'},
			{withListenerFacts: true, netns: 'red'},
		]);
	});

	it.each([false, true])('says on stderr how many lines of a capture it could not read (--json %s), even to a pipe', async json => {
		// No services table: the ten lines with service names (`127.0.0.2:domain`) are not read.
		const text = readFileSync(fixture('ss/linux-root-tulp-names.txt'), 'utf8');
		const piped = capture(false);
		await printSnapshot(testOptions({json}), importCollector(text, 'tulp.txt'), piped);
		expect(piped.err()).toBe("socktop: 10 lines of tulp.txt could not be read (e.g. 'udp UNCONN 0 0 127.0.0.2:domain 0.0.0.0:* users:((\"python3\"…')\n");
	});
});

describe('printSnapshot --sort', () => {
	const tcp = {...defaultFilters, protocols: ['tcp']};
	const pids = (out: string) => out.trimEnd().split('\n').slice(1).map(line => line.split(/\s+/)[2]);

	it('prints in the kernel\'s order without --sort, as sockstat does', async () => {
		const io = capture(false);
		await printSnapshot(testOptions({filters: tcp}), fakeCollector, io);
		expect(pids(io.out())).toEqual(['812', '812', '2001', '900', '?']);
	});

	it('sorts as the live table does: PIDs as numbers, unknown last both ways', async () => {
		const ascending = capture(false);
		await printSnapshot(testOptions({filters: tcp, sort: {column: 'pid', isDescending: false}}), fakeCollector, ascending);
		expect(pids(ascending.out())).toEqual(['812', '812', '900', '2001', '?']);
		const descending = capture(false);
		await printSnapshot(testOptions({filters: tcp, sort: {column: 'pid', isDescending: true}, json: true}), fakeCollector, descending);
		const sockets = (JSON.parse(descending.out()) as {sockets: Array<{pid: number | null; fd: number | null}>}).sockets;
		expect(sockets.map(socket => [socket.pid, socket.fd])).toEqual([[2001, 5], [900, 12], [812, 4], [812, 3], [null, null]]);
	});

	it('sorts by SERVICE with the run\'s services table, asked only then', async () => {
		const services = createStaticServiceTable([
			{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: '', source: '/etc/services'},
			{name: 'http-alt', port: 8080, protocol: 'tcp', aliases: [], comment: '', source: '/etc/services'},
		]);
		let asked = 0;
		const table = () => {
			asked++;
			return services;
		};

		await printSnapshot(testOptions({filters: tcp, sort: {column: 'pid', isDescending: false}}), fakeCollector, capture(false), table);
		expect(asked).toBe(0);
		const io = capture(false);
		await printSnapshot(testOptions({filters: tcp, sort: {column: 'service', isDescending: false}}), fakeCollector, io, table);
		expect(asked).toBe(1);
		// http-alt (8080: nginx's, curl's, and a TIME_WAIT's without a holder, last by PID) before ssh.
		expect(pids(io.out())).toEqual(['900', '2001', '?', '812', '812']);
	});
});

describe('printProcess', () => {
	it('fails with one line and exit 1 for a process that does not exist', async () => {
		const io = capture(false);
		expect(await printProcess(testOptions(), fakeCollector, 4242, io, createStaticServiceTable([]))).toBe(1);
		expect(io.out()).toBe('');
		expect(io.err()).toBe('socktop: no process 4242 (it has exited or never existed)\n');
	});

	it('says of a capture that it lists no socket of the PID: its PIDs are not this machine\'s processes', async () => {
		const io = capture(false);
		const capturing = importCollector('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\ntcp LISTEN 0 5 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=7,fd=3))\n', 'ss.txt');
		expect(await printProcess(testOptions({importFile: 'ss.txt'}), capturing, 4242, io, createStaticServiceTable([]))).toBe(1);
		expect(io.err()).toBe('socktop: the capture lists no socket of PID 4242\n');
	});
});

describe('--sort service with a --services file that cannot be read', () => {
	it('refuses with one line (exit 2), as --pid N --once does, rather than sort by IANA\'s names in silence', async () => {
		const services = () => createServiceTable({file: '/dev/zero'});
		await expect(printSnapshot(testOptions({sort: {column: 'service', isDescending: false}}), fakeCollector, capture(false), services)).rejects.toThrow(
			new UserError('cannot read services file /dev/zero: it is over 16 MiB, larger than any services file'),
		);
	});
});
