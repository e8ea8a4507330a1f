import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../../source/collect/collector.js';
import {createLsofCollector, lsofMissing} from '../../../source/collect/lsof/index.js';
import {splitEndpoints} from '../../../source/collect/lsof/endpoints.js';
import type {LsofFile} from '../../../source/collect/lsof/fields.js';
import {lsofProcessDetail} from '../../../source/collect/lsof/process.js';
import {runTool} from '../../../source/collect/lsof/run-tool.js';
import {startTimeOf} from '../../../source/collect/lsof/start-time.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');

describe('lsofProcessDetail', () => {
	it('makes a ping socket of an icmp fd, and leaves lsof\'s words for those it cannot read (ICMPv6, unbound)', () => {
		// test/fixtures/lsof/SOURCES.md: fd 3 and 4 IPv4 ping sockets, 5 never bound, 6 ICMPv6.
		const detail = lsofProcessDetail(fixture('linux-4.95-ping-F0.txt'), 4525, 5, null, false);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd);
		expect(byFd(3)).toMatchObject({type: 'socket', target: 'socket:[28661654]', socket: {proto: 'icmp4', localPort: 41_451, state: 'UNCONN'}});
		expect(byFd(4)).toMatchObject({type: 'socket', socket: {proto: 'icmp4', localAddress: '127.0.0.1', localPort: 0x12_34, foreignAddress: '127.0.0.1'}});
		expect(byFd(5)).toMatchObject({type: 'socket', target: 'protocol: PING', socket: null});
		expect(byFd(6)).toMatchObject({type: 'socket', target: 'protocol: PINGv6', socket: null});
	});

	it('lists every numbered fd with its type, and sockets with their inode', () => {
		const detail = lsofProcessDetail(fixture('linux-4.95-pid-F0.txt'), 31219, 5, 'token', false);
		expect(detail.denied).toBeNull();
		expect(detail.process).toMatchObject({
			pid: 31219,
			ppid: 31215,
			user: 'root',
			uid: 0,
			command: 'spc in name',
			cmdlineUnreportedBy: 'lsof',
			startToken: 'token',
			cwd: '/tmp',
			exe: '/root/.pyenv/versions/3.11.7/bin/python3.11',
		});
		expect(detail.fds.map(fd => [fd.fd, fd.type])).toEqual([
			[0, 'pipe'],
			[1, 'file'],
			[2, 'file'],
			[3, 'socket'],
			[4, 'socket'],
			[5, 'socket'],
			[6, 'socket'],
			[7, 'socket'],
			[8, 'socket'],
			[9, 'socket'],
			[10, 'char'],
			[11, 'socket'],
			[12, 'socket'],
			[13, 'socket'],
			[14, 'socket'],
			[15, 'socket'],
			[16, 'socket'],
			[17, 'socket'],
			[251, 'pipe'],
		]);
		expect(detail.fds[3]).toMatchObject({target: 'socket:[716490]', socket: {localPort: 57977, state: 'LISTEN'}});
		expect(detail.fds[10]).toMatchObject({target: '/dev/null', socket: null});
	});

	it('says what lsof could not read as another user', () => {
		const detail = lsofProcessDetail(fixture('linux-4.95-pid1-as-nobody-F0.txt'), 1, 5, null, false);
		expect(detail.fds).toEqual([]);
		expect(detail.process).toMatchObject({pid: 1, command: 'process_api', user: 'root', cwd: null, exe: null});
		expect(detail.denied).toBe('lsof could not read the open files of PID 1: permission denied (run as root or as its user)');
	});

	it('with +E, shows unix datagram servers and peers as the proc backend did, short of a server with one bound client', () => {
		// SOURCES.md: unix-dgram-servers.py's server (PID 22413); the proc backend's PID view at the time showed
		// log, solo, duo and lone UNCONN without a peer, fd 9 -> python3[22455] fd 7, fd 0 -> sleep[22412] fd 1.
		const detail = lsofProcessDetail(fixture('linux-4.95-dgram-servers-pid-E-F0.txt'), 22_413, 5, null, true);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		for (const fd of [3, 4, 6]) {
			expect(byFd(fd)).toMatchObject({socket: {proto: 'dgram', state: 'UNCONN', peerInode: null}, peer: null});
		}

		// lsof prints duo.sock and its one bound client as two sockets connected to each other: the one limit.
		expect(byFd(5)).toMatchObject({socket: {state: 'ESTABLISHED', peerPath: '/tmp/inode-work/dg/duoc.sock'}, peer: {command: 'python3', pid: 22_455, fd: 6}});
		expect(byFd(9)).toMatchObject({socket: {proto: 'stream', state: 'ESTABLISHED'}, peer: {command: 'python3', pid: 22_455, fd: 7}});
		// A pipe's peer holds the other end: sleep writes, the forked child reads as this process does.
		expect(byFd(0)).toMatchObject({type: 'pipe', target: 'pipe:[33746436]', peer: {command: 'sleep', pid: 22_412, fd: 1}});
		expect(byFd(251)).toMatchObject({type: 'pipe', peer: null});
		// The endpoints' processes are not this one's fds.
		expect(detail.fds.map(fd => fd.fd)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 251]);
	});

	it('with +E, names the process at the other end of a loopback connection and of a pipe', () => {
		// SOURCES.md: bound-client.py's client (PID 4735); its server is PID 4777.
		const detail = lsofProcessDetail(fixture('linux-4.95-bound-client-pid-E-F0.txt'), 4735, 5, null, true);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(byFd(3)).toMatchObject({type: 'pipe', target: 'pipe:[33846698]', peer: {command: 'python3', pid: 4777, fd: 1}});
		// The shell's pipe: two subshells hold the same (write) end, bash 5969 reads.
		expect(byFd(251)).toMatchObject({type: 'pipe', peer: {command: 'bash', pid: 5969, fd: 250}});
		expect(byFd(4)).toMatchObject({socket: {proto: 'tcp4', localPort: 40_010, foreignPort: 45_010}, peer: {command: 'python3', pid: 4777, fd: 5}});
		// lsof names no UDP peer, and /proc found none either: the server's UDP socket is not connected.
		expect(byFd(5)).toMatchObject({socket: {proto: 'udp4', state: 'ESTABLISHED'}, peer: null});
	});

	it('with +E, names no peer for a socket connected to itself, though +E names every process sharing it', () => {
		// SOURCES.md: self-connected-shared.py's child (PID 576) and its parent 535 share fd 3 (TCP), 4 (UDP) and 5
		// (unix dgram), each connected to itself; the proc backend showed 3 and 4 `→ itself`, 5 with no peer.
		const detail = lsofProcessDetail(fixture('linux-4.95-self-connected-child-E-F0.txt'), 576, 5, null, true);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(byFd(3)).toMatchObject({socket: {proto: 'tcp4', localPort: 40_825, foreignPort: 40_825}, peer: null});
		expect(byFd(4)).toMatchObject({socket: {proto: 'udp4', localPort: 53_005, foreignPort: 53_005}, peer: null});
		expect(byFd(5)).toMatchObject({socket: {proto: 'dgram', inode: 37_207_789, peerInode: 37_207_789}, peer: null});
		for (const fd of [3, 4, 5]) expect(byFd(fd).morePeers).toBeUndefined();
	});

	it('reads +E endpoints off the end of a NAME, leaving the rest as lsof prints it without +E', () => {
		const file = (type: string, name: string, inode = '7'): LsofFile => ({fd: '3', access: 'u', type, protocol: null, name, device: null, inode, tcp: {}});
		// The output lists 22412's fd 1 and 22455's fd 0 (the pipe, inode 7) and 7's fd 3 (a socket, inode 12).
		const files = new Map([['22412/1', file('FIFO', 'pipe')], ['22455/0', file('FIFO', 'pipe')], ['7/3', file('unix', 'type=STREAM', '12')]]);
		const listed = (pid: number, fd: number) => files.get(`${pid}/${fd}`);
		expect(splitEndpoints(file('FIFO', 'pipe 22412,,1w 22455,python3,0r'), listed)).toEqual({
			base: 'pipe',
			endpoints: [
				{pid: 22_412, command: '', fd: 1, access: 'w'},
				{pid: 22_455, command: 'python3', fd: 0, access: 'r'},
			],
		});
		expect(splitEndpoints(file('unix', '/tmp/a b.sock type=STREAM ->INO=12 7,,3u'), listed).base).toBe('/tmp/a b.sock type=STREAM ->INO=12');
		expect(splitEndpoints(file('IPv4', '127.0.0.1:1->127.0.0.1:2'), listed).endpoints).toEqual([]);
		expect(splitEndpoints(file('FIFO', '1,,2u'), listed)).toEqual({base: '1,,2u', endpoints: []});
		// Not a TYPE +E extends: the name is the file's own, even where the output lists such an fd.
		expect(splitEndpoints(file('REG', '/tmp/evil 22412,,1w'), listed)).toEqual({base: '/tmp/evil 22412,,1w', endpoints: []});
		// A FIFO's endpoint holds the same FIFO: a listed fd of another inode is part of the name, as is one not listed.
		expect(splitEndpoints(file('FIFO', '/tmp/fifo 7,,3u', '9'), listed)).toEqual({base: '/tmp/fifo 7,,3u', endpoints: []});
		expect(splitEndpoints(file('FIFO', '/tmp/fifo 1,init,3w 22412,,1w'), listed)).toEqual({
			base: '/tmp/fifo 1,init,3w',
			endpoints: [{pid: 22_412, command: '', fd: 1, access: 'w'}],
		});
	});

	it('with +E, keeps names that only end like an endpoint, and reads endpoints off those +E extends', () => {
		// SOURCES.md: hostile-names.py (PID 17813, its child 17866); the proc backend showed fds 3, 4, 5 and 14
		// by their whole names, and peers only for the pipes (0, 6) and the unix socket (8).
		const detail = lsofProcessDetail(fixture('linux-4.95-hostile-names-pid-E-F0.txt'), 17_813, 5, null, true);
		const shown = (fd: number) => {
			const found = detail.fds.find(each => each.fd === fd)!;
			return {type: found.type, target: found.target, peer: found.peer ?? null};
		};
		expect(shown(3)).toEqual({type: 'file', target: '/tmp/hn/evil 1,init,3u', peer: null});
		expect(shown(4)).toEqual({type: 'dir', target: '/tmp/hn/dir 9,init,3u', peer: null});
		// A named FIFO: +E adds its other holder (17866,,5w), but the name's own `1,init,3w` is no file lsof listed.
		expect(shown(5)).toMatchObject({type: 'fifo', target: '/tmp/hn/fifo 1,init,3w'});
		expect(shown(14)).toMatchObject({type: 'file', target: '/mq 1,init,3u'});
		expect(shown(6)).toEqual({type: 'pipe', target: 'pipe:[34545544]', peer: {command: 'python3', pid: 17_866, fd: 7}});
		expect(shown(8)).toMatchObject({type: 'socket', peer: {command: 'python3', pid: 17_866, fd: 9}});
		// +E's words leave the names of an eventfd and a pty.
		expect(shown(11)).toMatchObject({type: 'anon', target: '[eventfd:13]'});
		expect(shown(12)).toMatchObject({type: 'char', target: '/dev/ptmx ->/dev/pts/1'});
		expect(shown(13)).toMatchObject({type: 'char', target: '/dev/pts/1'});
	});

	it('with +E, names peers only where /proc does: of sockets and anonymous pipes', () => {
		// SOURCES.md: the proc backend named no peer for the named FIFO, the eventfd, the pty or the message queue.
		const detail = lsofProcessDetail(fixture('linux-4.95-hostile-names-pid-E-F0.txt'), 17_813, 5, null, true);
		expect(detail.fds.filter(fd => fd.peer !== null).map(fd => fd.fd)).toEqual([0, 6, 8]);
	});

	it('shows unix sockets bound at paths holding lsof\'s words (`a->INO=1`) as the proc backend did', () => {
		// SOURCES.md: unix-path-words.py (PID 20841); the proc backend's PID view showed fd 3 and 6 listening without a
		// peer, 6 a stream socket, and 4 and 5 each other's peers.
		const detail = lsofProcessDetail(fixture('linux-4.95-unix-path-words-pid-E-F0.txt'), 20_841, 5, null, true);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect(byFd(3)).toMatchObject({socket: {path: '/tmp/ux2/a->INO=1', peerInode: null, state: 'LISTEN'}, peer: null});
		expect(byFd(5)).toMatchObject({socket: {path: '/tmp/ux2/a->INO=1', peerInode: 34_753_816}, peer: {pid: 20_841, fd: 4}});
		expect(byFd(6)).toMatchObject({socket: {proto: 'stream', path: '/tmp/ux2/btype=DGRAM', state: 'LISTEN'}, peer: null});
	});

	it('names no peer for a unix listener, though +E names a client waiting in its accept queue', () => {
		// SOURCES.md: unix-backlog.py, the listener's PID view (20438); the proc backend's showed fd 3 without a peer.
		const detail = lsofProcessDetail(fixture('linux-4.95-unix-backlog-pid-E-F0.txt'), 20_438, 5, null, true);
		expect(detail.fds.filter(fd => fd.socket !== null).map(fd => [fd.fd, fd.socket?.state, fd.peer?.pid ?? null, fd.peer?.fd ?? null])).toEqual([
			[3, 'LISTEN', null, null],
			[4, 'ESTABLISHED', 20_480, 4],
			[5, 'ESTABLISHED', 20_480, 5],
		]);
	});

	it('without +E (macOS, FreeBSD), reads no endpoints at all', () => {
		// The same process, as `lsof -p` without +E prints it, and the +E capture read as if +E had not been passed.
		for (const text of [fixture('linux-4.95-hostile-names-pid-F0.txt'), fixture('linux-4.95-hostile-names-pid-E-F0.txt')]) {
			const detail = lsofProcessDetail(text, 17_813, 5, null, false);
			expect(detail.fds.filter(fd => fd.peer !== null)).toEqual([]);
			expect(detail.fds.find(fd => fd.fd === 3)?.target).toBe('/tmp/hn/evil 1,init,3u');
		}

		expect(lsofProcessDetail(fixture('linux-4.95-hostile-names-pid-E-F0.txt'), 17_813, 5, null, false).fds.find(fd => fd.fd === 11)?.target).toBe(
			'[eventfd:13] 17866,,11u',
		);
	});

	it('pairs an IPv4 client with the IPv6 socket its dual-stack listener accepted, which +E leaves unpaired', () => {
		// test/fixtures/lsof/SOURCES.md: fd 9 connected to the dual-stack 18651, fd 11 accepted there; fd 14 waits to be accepted.
		const detail = lsofProcessDetail(fixture('linux-4.95-uat-scene-pid-E-F0.txt'), 8373, 5, null, true);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd);
		expect(byFd(9)).toMatchObject({socket: {proto: 'tcp4', localPort: 60_812, foreignAddress: '127.0.0.1', foreignPort: 18_651}, peer: {pid: 8373, fd: 11}});
		expect(byFd(11)).toMatchObject({socket: {proto: 'tcp6', localAddress: '::ffff:127.0.0.1', localPort: 18_651}, peer: {pid: 8373, fd: 9}});
		// Within one family +E's own answer stands; a connection not accepted yet has no other end.
		expect(byFd(7)?.peer).toMatchObject({pid: 8373, fd: 8});
		expect(byFd(14)?.peer).toBeNull();
		// Without +E no NAME is an end, and none is paired either.
		expect(lsofProcessDetail(fixture('linux-4.95-uat-scene-pid-E-F0.txt'), 8373, 5, null, false).fds.find(each => each.fd === 11)?.peer).toBeNull();
	});

	it('returns no process when lsof printed nothing for the PID', () => {
		expect(lsofProcessDetail('', 42, 5, null, true)).toEqual({time: 5, process: null, fds: [], denied: null});
	});
});

describe('createLsofCollector', () => {
	it('runs lsof -F for inet and unix sockets and parses what it prints, even with exit status 1', async () => {
		const calls: string[][] = [];
		const collector = (platform: NodeJS.Platform) => createLsofCollector({
			platform,
			run: async (command, args) => {
				calls.push([command, ...args]);
				return {stdout: fixture('linux-4.95-pid-F0.txt'), stderr: '', code: 1};
			},
		});
		const snapshot = await collector('linux').snapshot();
		await collector('darwin').snapshot();
		// +E (unix peers) on Linux only: other lsof dialects refuse it.
		expect(calls).toEqual([
			['lsof', '-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0', '-w', '+E', '-i', '-U'],
			['lsof', '-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0', '-w', '-i', '-U'],
		]);
		expect(snapshot.sockets).toHaveLength(14);
		expect(snapshot.skipped.malformedLines).toBe(0);
	});

	it('asks lsof -i for the far end of a loopback connection +E names no holder of, and pairs it across the address families', async () => {
		const calls: string[][] = [];
		const collector = createLsofCollector({
			platform: 'linux',
			readStartToken: async () => null,
			run: async (command, args) => {
				calls.push([command, ...args]);
				const name = args.includes('+E') ? 'linux-4.95-mapped-pair-server-pid-E-F0.txt' : 'linux-4.95-mapped-pair-i-F0.txt';
				return {stdout: fixture(name), stderr: '', code: 0};
			},
		});
		const detail = await collector.process(17_087);
		expect(calls).toEqual([
			['lsof', '-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0', '+E', '-p', '17087'],
			['lsof', '-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0', '-w', '-i', 'TCP@127.0.0.1:60472'],
		]);
		expect(detail.fds.find(fd => fd.fd === 4)).toMatchObject({socket: {proto: 'tcp6', localAddress: '::ffff:127.0.0.1'}, peer: {pid: 17_172, command: 'python3', fd: 3}});
		// The second run adds the other process's socket, not a second copy of the viewed process's fds.
		expect(detail.fds.filter(fd => fd.fd === 4)).toHaveLength(1);
	});

	it('runs lsof -p with +E on Linux for the PID view, so peers and datagram servers are told as in the table', async () => {
		const calls: string[][] = [];
		const collector = (platform: NodeJS.Platform) => createLsofCollector({
			platform,
			readStartToken: async () => null,
			run: async (command, args) => {
				calls.push([command, ...args]);
				return {stdout: fixture('linux-4.95-dgram-servers-pid-E-F0.txt'), stderr: '', code: 0};
			},
		});
		const detail = await collector('linux').process(22_413);
		const withoutPlusE = await collector('darwin').process(22_413);
		expect(calls).toEqual([
			['lsof', '-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0', '+E', '-p', '22413'],
			['lsof', '-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0', '-p', '22413'],
		]);
		expect(detail.fds.find(fd => fd.fd === 3)?.socket?.state).toBe('UNCONN');
		// Where lsof was not given +E, nothing at the end of a NAME is read as an endpoint.
		expect(detail.fds.find(fd => fd.fd === 0)?.peer).toMatchObject({pid: 22_412});
		expect(withoutPlusE.fds.filter(fd => fd.peer !== null)).toEqual([]);
		expect(withoutPlusE.fds.find(fd => fd.fd === 0)?.target).toBe('pipe 22412,,1w 22455,,0r');
	});

	it('turns a missing lsof into one clear line', async () => {
		const run = runTool(lsofMissing);
		await expect(run('socktop-no-such-lsof', ['-v'])).rejects.toThrow(UserError);
		await expect(run('socktop-no-such-lsof', ['-v'])).rejects.toThrow(
			'socktop-no-such-lsof not found on PATH or in /usr/sbin, /sbin: install it (apt install lsof / brew install lsof) or use --backend proc',
		);
	});

	it('resolves with the output and status of a tool that fails', async () => {
		const result = await runTool(lsofMissing)('sh', ['-c', 'echo partial; echo warn >&2; exit 1']);
		expect(result).toEqual({stdout: 'partial\n', stderr: 'warn\n', code: 1});
	});
});

describe('startTimeOf', () => {
	it('reads ps lstart tokens off Linux, in local time', () => {
		expect(startTimeOf('Fri Nov 27 03:29:03 2026', 'darwin')).toBe(new Date(2026, 10, 27, 3, 29, 3).getTime());
		expect(startTimeOf('Fri Nov 27 03:29:03 2026', 'freebsd')).toBe(new Date(2026, 10, 27, 3, 29, 3).getTime());
	});

	it('gives null for Linux tick tokens, unknown tokens and garbage', () => {
		expect(startTimeOf('123456', 'linux')).toBeNull();
		expect(startTimeOf(null, 'darwin')).toBeNull();
		expect(startTimeOf('not a date', 'darwin')).toBeNull();
	});
});
