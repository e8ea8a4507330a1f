import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {classifyFdLink, parseFdinfoAccess, parseSocketLink} from '../../../source/collect/linux/fd-link.js';
import {parseLimit} from '../../../source/collect/linux/limits.js';
import {acceptQueueListeners, inetPeerInodes, unheldPeerUids} from '../../../source/collect/linux/peers.js';
import {describeState, isKernelThread, parseBootTime, parseProcStat} from '../../../source/collect/linux/proc-stat.js';
import {parseStatusOwner, parseStatusRealUid} from '../../../source/collect/linux/owner.js';
import {parseProcStatus} from '../../../source/collect/linux/proc-status.js';
import {parseCmdline} from '../../../source/collect/linux/process-info.js';
import {parseSsUnix} from '../../../source/collect/linux/ss-unix.js';
import {rawConnection} from '../../helpers/raw-socket.js';

// Captured on this machine (Debian 12, kernel 6.1): `cat /proc/self/stat`.
const catStat =
	'6739 (cat) R 6736 6736 2850 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 31824 3133440 380 18446744073709551615 94148737609728 94148737629609 140728809743664 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94148737645616 94148737647232 94149448437760 140728809749209 140728809749229 140728809749229 140728809750507 0\n';

describe('parseProcStat', () => {
	it('reads pid, comm, state, ppid, threads and the start ticks (field 22)', () => {
		expect(parseProcStat(catStat)).toEqual({pid: 6739, comm: 'cat', state: 'R', ppid: 6736, flags: 4_194_304, threads: 1, startTicks: '31824'});
	});

	it('tells a kernel thread by its PF_KTHREAD flag (field 9)', () => {
		// Captured on this machine (kernel 6.x): `cat /proc/2/stat`, kthreadd.
		const kthreadd = '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 1 0 0 20 0 1 0 25 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
		expect(isKernelThread(parseProcStat(kthreadd)!)).toBe(true);
		expect(isKernelThread(parseProcStat(catStat)!)).toBe(false);
	});

	it('finds the fields after the last parenthesis when comm holds ") (" and spaces', () => {
		const hostile = catStat.replace('(cat)', '(a) S 1 (b)');
		expect(parseProcStat(hostile)).toMatchObject({comm: 'a) S 1 (b', state: 'R', ppid: 6736, startTicks: '31824'});
	});

	it('returns null for truncated or foreign text, never throws', () => {
		expect(parseProcStat(catStat.slice(0, 60))).toBeNull();
		expect(parseProcStat('')).toBeNull();
		fc.assert(
			fc.property(fc.string(), text => {
				const parsed = parseProcStat(text);
				return parsed === null || (Number.isInteger(parsed.pid) && /^\d+$/.test(parsed.startTicks));
			}),
			{numRuns: 2000},
		);
	});

	it('names states as ps does', () => {
		expect(describeState('Z')).toBe('Z (zombie)');
		expect(describeState('?')).toBe('?');
	});

	it('reads btime from /proc/stat', () => {
		expect(parseBootTime('cpu  2665 0 1827\nintr 1 2\nbtime 1795749843\nprocesses 9\n')).toBe(1_795_749_843);
		expect(parseBootTime('cpu 1\n')).toBeNull();
	});
});

describe('parseProcStatus', () => {
	it('reads the fields of a real status file and decodes the escaped name', () => {
		const text = 'Name:\tweird\\nname\\\\x\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t9\nPid:\t9\nPPid:\t1\nUid:\t1000\t1000\t1000\t1000\nThreads:\t4\n';
		expect(parseProcStatus(text)).toEqual({name: 'weird\nname\\x', state: 'S (sleeping)', ppid: 1, tgid: 9, uid: 1000, threads: 4, nsPid: null});
	});

	it('gives the PID in the innermost PID namespace where NSpid has several (a container\'s), none where it has one', () => {
		// Captured: python3 under `unshare --pid --net --mount-proc --fork`, `grep -E '^(Pid|NSpid)' /proc/PID/status` from the host.
		expect(parseProcStatus('Name:\tpython3\nPid:\t26105\nNSpid:\t26105\t1\n').nsPid).toBe(1);
		expect(parseProcStatus('Name:\tsh\nNSpid:\t900\t40\t7\n').nsPid).toBe(7);
		expect(parseProcStatus('Name:\tsshd\nPid:\t812\nNSpid:\t812\n').nsPid).toBeNull();
	});

	it('gives the effective uid, as the table\'s USER and ps do: a process that dropped privileges is not root', () => {
		// Captured: python3 after os.setresuid(0, 65534, 0), `cat /proc/self/status` (Debian 12), first lines.
		const dropped = 'Name:\tpython3\nUmask:\t0022\nState:\tR (running)\nTgid:\t2578\nNgid:\t0\nPid:\t2578\nPPid:\t2576\nTracerPid:\t0\nUid:\t0\t65534\t0\t65534\nGid:\t0\t0\t0\t0\n';
		expect(parseProcStatus(dropped).uid).toBe(65_534);
		expect(parseProcStatus(dropped).uid).toBe(parseStatusOwner(dropped).uid);
	});

	it('gives the real uid for the kill dialog: the user kill(2) checks, root for a process that only dropped its effective uid', () => {
		const dropped = 'Name:\tpython3\nPid:\t2578\nUid:\t0\t65534\t0\t65534\nGid:\t0\t0\t0\t0\n';
		expect(parseStatusRealUid(dropped)).toBe(0);
		expect(parseStatusRealUid('Name:\tx\nUid:\t1000\t1000\t1000\t1000\n')).toBe(1000);
		expect(parseStatusRealUid('Name:\tx\nUid:\t99999999999\t0\t0\t0\n')).toBeNull();
		expect(parseStatusRealUid('garbage')).toBeNull();
	});

	it('gives nulls for missing fields', () => {
		expect(parseProcStatus('garbage')).toEqual({name: null, state: null, ppid: null, tgid: null, uid: null, threads: null, nsPid: null});
	});
});

describe('parseLimit', () => {
	// Captured: `cat /proc/self/limits` (Debian 12).
	const limits = [
		'Limit                     Soft Limit           Hard Limit           Units     ',
		'Max processes             96365                96365                processes ',
		'Max open files            20000                524288               files     ',
		'Max locked memory         unlimited            unlimited            bytes     ',
	].join('\n');

	it('reads soft and hard limits; unlimited is null', () => {
		expect(parseLimit(limits, 'Max open files')).toEqual({soft: 20_000, hard: 524_288});
		expect(parseLimit(limits, 'Max locked memory')).toEqual({soft: null, hard: null});
		expect(parseLimit(limits, 'Max file locks')).toBeUndefined();
		expect(parseLimit('Max open files  x y', 'Max open files')).toBeUndefined();
	});
});

describe('classifyFdLink', () => {
	const S_IFREG = 0o100_644;
	const S_IFCHR = 0o020_620;
	const S_IFDIR = 0o040_755;
	const S_IFIFO = 0o010_600;
	const S_IFBLK = 0o060_660;

	it.each([
		['socket:[27346]', null, {type: 'socket', inode: 27_346}],
		['pipe:[88210]', S_IFIFO, {type: 'pipe', inode: 88_210}],
		['anon_inode:[eventpoll]', null, {type: 'anon', inode: null}],
		['anon_inode:inotify', null, {type: 'anon', inode: null}],
		['/memfd:wayland-shm (deleted)', S_IFREG, {type: 'memfd', inode: null}],
		['/dev/pts/0', S_IFCHR, {type: 'char', inode: null}],
		['/dev/sda', S_IFBLK, {type: 'block', inode: null}],
		['/var/log', S_IFDIR, {type: 'dir', inode: null}],
		['/tmp/fifo', S_IFIFO, {type: 'fifo', inode: null}],
		['/tmp/x (deleted)', S_IFREG, {type: 'file', inode: null}],
		['/tmp/unstatable', null, {type: 'unknown', inode: null}],
		['net:[4026531840]', null, {type: 'unknown', inode: null}],
	] as const)('%s', (link, mode, expected) => {
		expect(classifyFdLink(link, mode)).toEqual(expected);
	});
});

describe('parseSocketLink (the fd walk\'s test of each link)', () => {
	it('gives a socket link\'s inode, as classifyFdLink does, and 0 for any other link', () => {
		expect(parseSocketLink('socket:[27346]')).toBe(27_346);
		expect(classifyFdLink('socket:[27346]', null).inode).toBe(27_346);
		for (const link of ['pipe:[88210]', 'anon_inode:[eventpoll]', 'net:[4026531840]', '/dev/pts/0', '/tmp/socket:[1]']) expect(parseSocketLink(link)).toBe(0);
	});
});

describe('parseFdinfoAccess', () => {
	it('reads O_ACCMODE from the octal flags (captured: /proc/PID/fdinfo of a pipe\'s two ends)', () => {
		expect(parseFdinfoAccess('pos:\t0\nflags:\t0100000\nmnt_id:\t24\nino:\t3\n')).toBe(0);
		expect(parseFdinfoAccess('pos:\t0\nflags:\t01\nmnt_id:\t15\n')).toBe(1);
		expect(parseFdinfoAccess('pos:\t0\nflags:\t02004002\n')).toBe(2);
		expect(parseFdinfoAccess('pos: 0\n')).toBeNull();
	});
});

describe('parseCmdline', () => {
	it('splits on NUL and drops the trailing one; kernel threads have none', () => {
		expect(parseCmdline('nginx: master\0-g\0daemon off;\0')).toEqual(['nginx: master', '-g', 'daemon off;']);
		expect(parseCmdline('')).toEqual([]);
	});
});

describe('parseSsUnix', () => {
	// The first line is captured from `ss -xH` here (iproute2-6.1.0, Debian 12, no named sockets),
	// the last from the same ss on 2026-11-27 (an accepted socket of a listener at a path with spaces);
	// the two between are written in the same format with a bound path on either side.
	const text = [
		'u_str ESTAB 0      0      * 11041 * 11040',
		'u_str ESTAB 0      0      /tmp/socktop-ss-spaces/x 5 y.sock 18307311 * 18307310',
		// Same ss, same day: a bound dgram socket a client connected to; it has no peer itself.
		'u_dgr ESTAB 0      0      /tmp/dgtest.sock 18697946 * 0',
		'u_str ESTAB 0      0      /run/systemd/journal/stdout 17923 * 17922',
		'u_dgr ESTAB 0      0      * 20001 /run/systemd/notify 15',
		'garbage',
	].join('\n');

	it('maps each socket inode to its peer inode, 0 where ss says it has none', () => {
		expect(parseSsUnix(text).peers).toEqual(
			new Map([
				[11_041, 11_040],
				[18_307_311, 18_307_310],
				[18_697_946, 0],
				[17_923, 17_922],
				[20_001, 15],
			]),
		);
		// Without -e there is no file to tell.
		expect(parseSsUnix(text).files).toEqual(new Map());
	});
});

describe('parseSsUnix of ss -xaHe (the PID view, when a unix listener is bound to a path)', () => {
	// Captured from `ss -xaHe` here (iproute2-6.1.0, Debian 12) on 2026-11-27: a listener at a path with a
	// space, the connection it accepted, and the client's end; -e adds ` <-> ino:… dev:…` after the peer.
	const text = [
		'u_str ESTAB  0      0      /tmp/sx e.sock 27620877 * 27620876 <-> ino:2147261 dev:0/65024       ',
		'u_str LISTEN 0      1      /tmp/sx e.sock 27620875 * 0        <-> ino:2147261 dev:0/65024 peers:',
		'u_str ESTAB  0      0                   * 27620876 * 27620877 <->                               ',
	].join('\n');

	it('reads the peers as from ss -xH, and the listener\'s file, in the same pass', () => {
		expect(parseSsUnix(text)).toEqual({
			peers: new Map([
				[27_620_877, 27_620_876],
				[27_620_875, 0],
				[27_620_876, 27_620_877],
			]),
			// The accepted socket shows the listener's ino too, but it is no listener ('* 0').
			files: new Map([[27_620_875, 2_147_261]]),
			names: new Map([
				[27_620_877, '/tmp/sx e.sock'],
				[27_620_875, '/tmp/sx e.sock'],
			]),
			rxQueues: new Map([
				[27_620_877, 0],
				[27_620_875, 0],
				[27_620_876, 0],
			]),
			// A listener's Send-Q is its backlog, no queue: kept apart.
			txQueues: new Map([
				[27_620_877, 0],
				[27_620_876, 0],
			]),
			backlogs: new Map([[27_620_875, 1]]),
			waiting: new Map(),
			listeners: new Set([27_620_875]),
			listed: new Set([27_620_877, 27_620_875, 27_620_876]),
			splitNames: new Map(),
			// Without a second answer (ss -xlHe) no listener can be missing from it.
			unlisted: [],
		});
	});
});

describe('parseSsUnix\'s files, of ss -xlHe', () => {
	// Captured from `ss -xlHe` here (iproute2-6.1.0, Debian 12) on 2026-11-27: a tmux server's listener
	// and a python3 listener bound to a path with a space.
	const text = [
		'u_str LISTEN 0      128    /tmp/tmux-0/audit4 27052859            * 0    <-> ino:2152558 dev:0/65024 peers:',
		'u_str LISTEN 0      1      /tmp/my app.sock 27087210 * 0 <-> ino:4243674 dev:0/65024 peers:',
		// Same ss, same day: an abstract listener has no file, and ss prints no ino.
		'u_str LISTEN 0      1      @socktop-abstract-probe 27086440 * 0 <-> peers:',
		// Same ss, same day, from a review (its tail after ino: written in the same format): a path that
		// itself holds ' 7 * 0 ', read from the right.
		'u_str LISTEN 0      1      /tmp/review2-u/x 7 * 0 y 27455431 * 0 <-> ino:4310353 dev:0/65024 peers:',
		'garbage',
	].join('\n');

	it('maps each listener\'s socket inode to the inode of the file it was bound to', () => {
		expect(parseSsUnix(text).files).toEqual(
			new Map([
				[27_052_859, 2_152_558],
				[27_087_210, 4_243_674],
				[27_455_431, 4_310_353],
			]),
		);
	});
});

describe('parseSsUnix\'s names, of a name with a newline', () => {
	// Captured from `ss -xaHe` here (iproute2-6.1.0, kernel 6.18) on 2026-11-28: ss prints the name raw, so a
	// listener bound at "/tmp/uq/ev<newline>FAKE line here" takes two lines, and its inode is on the second.
	const text = [
		'u_str LISTEN 1      5                           /tmp/uq/ev',
		'FAKE line here 45586827 * 0        <-> ino:4268034 dev:0/65024 peers: 45586831',
		'u_str LISTEN 0      5                                    /tmp/uq/app.sock 45586829 * 0        <-> ino:4268067 dev:0/65024 peers:',
		// Written in the same format: the second line of a name that forges the start of a /proc/net/unix entry.
		'u_str LISTEN 0      5                           /tmp/uq/ev2',
		'0000000000000000: 00000002 00000000 00010000 0001 01 12345 /tmp/fake 45586900 * 0        <-> ino:4268099 dev:0/65024 peers:',
	].join('\n');

	it('tells which client waits in which listener\'s accept queue (peers: on the listener\'s own line)', () => {
		// Captured with the lines above: app.sock's listener with one client waiting (in place of its line above: ss prints a socket once).
		const queued = 'u_str LISTEN 1      5                                    /tmp/uq/app.sock 45586829 * 0        <-> ino:4268067 dev:0/65024 peers: 45586830';
		const lines = text.split('\n').map(line => (line.includes(' 45586829 ') ? queued : line)).join('\n');
		expect(parseSsUnix(lines).waiting).toEqual(new Map([[45_586_830, 45_586_829]]));
		expect(parseSsUnix(lines).rxQueues.get(45_586_829)).toBe(1);
	});

	it('names only the sockets whose whole line is ss\'s, each by its name', () => {
		expect(parseSsUnix(text).names).toEqual(new Map([[45_586_829, '/tmp/uq/app.sock']]));
	});
});

describe('inetPeerInodes', () => {
	const raw = rawConnection;

	it('matches the swapped ends, including a v4 client accepted by a dual-stack listener', () => {
		const client = raw('tcp4', ['127.0.0.1', 40_000], ['127.0.0.1', 8080], 1);
		const server = raw('tcp6', ['::ffff:127.0.0.1', 8080], ['::ffff:127.0.0.1', 40_000], 2);
		const stranger = raw('tcp4', ['127.0.0.1', 40_001], ['127.0.0.1', 8080], 3);
		const remote = raw('tcp4', ['10.0.0.5', 50_000], ['93.184.216.34', 443], 4);
		const queries = [client, server, remote].map((socket, fd) => ({fd, link: `socket:[${socket.inode}]`, socket}));
		expect(inetPeerInodes(queries, [client, server, stranger, remote])).toEqual(
			new Map([
				[1, 2],
				[2, 1],
			]),
		);
	});

	it('gives the uid of each other end found in the tables whose holder was not found (unheldPeerUids)', () => {
		const client = raw('tcp4', ['127.0.0.1', 40_000], ['127.0.0.1', 8080], 1);
		const server = {...raw('tcp4', ['127.0.0.1', 8080], ['127.0.0.1', 40_000], 2), uid: 0};
		const other = raw('tcp4', ['127.0.0.1', 40_002], ['127.0.0.1', 9090], 5);
		const otherServer = raw('tcp4', ['127.0.0.1', 9090], ['127.0.0.1', 40_002], 6);
		const queries = [client, other].map((socket, fd) => ({fd, link: `socket:[${socket.inode}]`, socket}));
		const byInode = new Map([client, server, other, otherServer].map(socket => [socket.inode, socket]));
		const inetPeers = inetPeerInodes(queries, [...byInode.values()]);
		// fd 1's other end has a holder (found); fd 0's has none socktop could read.
		const found = {inetPeers, unixPeerInodes: new Map<number, number>(), peers: new Map([[1, [{command: 'python3', pid: 9, fd: 4}]]])};
		expect(unheldPeerUids(queries, found, byInode)).toEqual(new Map([[0, 0]]));
	});

	it('counts a unix connection\'s other end that ss names but no process read holds, with no uid (its table has none)', () => {
		const unix = (inode: number) => ({...raw('tcp4', ['127.0.0.1', 1], ['127.0.0.1', 2], inode), proto: 'stream' as const, localAddress: null, localPort: null, foreignAddress: null, foreignPort: null, uid: null});
		const [server, client, lone, waiting] = [unix(20), unix(21), unix(22), unix(23)];
		const queries = [
			{fd: 4, link: 'socket:[20]', socket: server},
			{fd: 5, link: 'socket:[22]', socket: lone},
			// Waiting in an accept queue: its listener's holders are its peer, not an unseen process.
			{fd: 6, link: 'socket:[23]', socket: waiting, listener: server},
		];
		const byInode = new Map([server, client, lone, waiting].map(socket => [socket.inode, socket]));
		const unixPeerInodes = new Map([
			[20, 21],
			[22, 0],
			[23, 21],
		]);
		expect(unheldPeerUids(queries, {inetPeers: new Map(), unixPeerInodes, peers: new Map()}, byInode)).toEqual(new Map([[4, null]]));
	});

	it('finds the listener a client waits on (acceptQueueListeners) only where an unaccepted end of its connection is on its port', () => {
		const listener = {...raw('tcp6', ['*', 9600], ['*', 0], 10), foreignPort: null, state: 'LISTEN' as const};
		const client = raw('tcp4', ['127.0.0.1', 40_000], ['127.0.0.1', 9600], 1);
		// The server's end of a v4 client at a dual-stack wildcard listener: tcp6, IPv4-mapped, inode 0.
		const queued = raw('tcp6', ['::ffff:127.0.0.1', 9600], ['::ffff:127.0.0.1', 40_000], 0);
		expect(acceptQueueListeners([client], [listener, client, queued])).toEqual(new Map([[1, listener]]));
		// No listener on the port (an orphan, or one since closed), another port's, or an end that is held: none.
		expect(acceptQueueListeners([client], [client, queued]).size).toBe(0);
		expect(acceptQueueListeners([client], [{...listener, localPort: 9601}, client, queued]).size).toBe(0);
		expect(acceptQueueListeners([client], [listener, client, {...queued, inode: 7}]).size).toBe(0);
		// A program that closed its accepted end leaves it FIN_WAIT1 with inode 0: not a queued connection.
		expect(acceptQueueListeners([client], [listener, client, {...queued, state: 'FIN_WAIT1'}]).size).toBe(0);
		// A client still connecting is not waiting to be accepted.
		expect(acceptQueueListeners([{...client, state: 'SYN_SENT'}], [listener, client, queued]).size).toBe(0);
	});
});

describe('the PID view parsers on random and truncated input', () => {
	const text = fc.oneof(fc.string({unit: 'binary'}), fc.string(), fc.constantFrom(catStat.slice(0, 30), 'Max open files', 'flags:', 'u_str ESTAB 0 0 * 1 * 2'));

	it('never throw and give sane values', () => {
		fc.assert(
			fc.property(text, input => {
				const status = parseProcStatus(input);
				expect(status.ppid === null || Number.isInteger(status.ppid)).toBe(true);
				const limit = parseLimit(input, 'Max open files');
				expect(limit === undefined || limit.soft === null || limit.soft >= 0).toBe(true);
				for (const [local, peer] of parseSsUnix(input).peers) {
					expect(local > 0 && peer > 0).toBe(true);
				}

				const link = classifyFdLink(input, 0o100_644);
				expect(link.inode === null || Number.isSafeInteger(link.inode)).toBe(true);
				const access = parseFdinfoAccess(input);
				expect(access === null || [0, 1, 2, 3].includes(access)).toBe(true);
				expect(Array.isArray(parseCmdline(input))).toBe(true);
				expect(parseBootTime(input) === null || parseBootTime(input)! >= 0).toBe(true);
			}),
			{numRuns: 3000},
		);
	});

	it('truncated real stat lines parse fully or not at all', () => {
		for (let end = 0; end <= catStat.length; end++) {
			const parsed = parseProcStat(catStat.slice(0, end));
			if (parsed !== null) expect(parsed.startTicks).toBe('31824');
		}
	});
});
