import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../../source/collect/collector.js';
import {createLsofCollector, lsofMissing} from '../../../source/collect/lsof/index.js';
import {lsofProcessDetail} from '../../../source/collect/lsof/process.js';
import {runTool} from '../../../source/collect/lsof/run-tool.js';
import {startTimeOf} from '../../../source/collect/lsof/start-time.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');

describe('lsofProcessDetail', () => {
	it('makes a ping socket of an icmp fd, and leaves lsof\'s words for those it cannot read (ICMPv6, unbound)', () => {
		// test/fixtures/lsof/SOURCES.md: fd 3 and 4 IPv4 ping sockets, 5 never bound, 6 ICMPv6.
		const detail = lsofProcessDetail(fixture('linux-4.95-ping-F0.txt'), 4525, 5, null);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd);
		expect(byFd(3)).toMatchObject({type: 'socket', target: 'socket:[28661654]', socket: {proto: 'icmp4', localPort: 41_451, state: 'UNCONN'}});
		expect(byFd(4)).toMatchObject({type: 'socket', socket: {proto: 'icmp4', localAddress: '127.0.0.1', localPort: 0x12_34, foreignAddress: '127.0.0.1'}});
		expect(byFd(5)).toMatchObject({type: 'socket', target: 'protocol: PING', socket: null});
		expect(byFd(6)).toMatchObject({type: 'socket', target: 'protocol: PINGv6', socket: null});
	});

	it('lists every numbered fd with its type, and sockets with their inode', () => {
		const detail = lsofProcessDetail(fixture('linux-4.95-pid-F0.txt'), 31219, 5, 'token');
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
		const detail = lsofProcessDetail(fixture('linux-4.95-pid1-as-nobody-F0.txt'), 1, 5, null);
		expect(detail.fds).toEqual([]);
		expect(detail.process).toMatchObject({pid: 1, command: 'process_api', user: 'root', cwd: null, exe: null});
		expect(detail.denied).toBe('lsof could not read the open files of PID 1: permission denied (run as root or as its user)');
	});

	it('returns no process when lsof printed nothing for the PID', () => {
		expect(lsofProcessDetail('', 42, 5, null)).toEqual({time: 5, process: null, fds: [], denied: null});
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

	it('turns a missing lsof into one clear line', async () => {
		const run = runTool(lsofMissing);
		await expect(run('socktop-no-such-lsof', ['-v'])).rejects.toThrow(UserError);
		await expect(run('socktop-no-such-lsof', ['-v'])).rejects.toThrow(
			'socktop-no-such-lsof not found: install it (apt install lsof / brew install lsof) or use --backend proc',
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
