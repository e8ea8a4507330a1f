import {describe, expect, it} from 'vitest';
import {explainFds, formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import type {FileDescriptor, ProcessDetail} from '../../source/model/process.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {detailOf, inetSocket, sshdInfo} from '../components/pid-fixtures.js';

process.env['TZ'] = 'UTC';

const services = createStaticServiceTable([
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: 'The Secure Shell (SSH) Protocol', source: '/etc/services'},
	{name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'WorldWideWeb HTTP', source: '/etc/services'},
]);
const ctx = {services, ephemeral: [32_768, 60_999] as const};

const fds: FileDescriptor[] = [
	{fd: 0, type: 'char', target: '/dev/null', socket: null},
	{fd: 3, type: 'socket', target: 'socket:[20531]', socket: inetSocket({})},
	{
		fd: 5,
		type: 'socket',
		target: 'socket:[20600]',
		socket: inetSocket({localAddress: '10.0.0.5', localPort: 44_720, foreignAddress: '192.0.2.7', foreignPort: 80, state: 'ESTABLISHED', fd: 5, inode: 20_600}),
	},
	{
		fd: 6,
		type: 'socket',
		target: 'socket:[20601]',
		socket: inetSocket({localAddress: '127.0.0.1', localPort: 41_000, foreignAddress: '127.0.0.1', foreignPort: 22, state: 'ESTABLISHED', fd: 6, inode: 20_601}),
		peer: {command: 'sshd', pid: 999, fd: 4},
	},
	{
		fd: 7,
		type: 'socket',
		target: 'socket:[20602]',
		socket: inetSocket({proto: 'stream', localAddress: null, localPort: null, path: '/run/sshd.sock', state: 'ESTABLISHED', fd: 7, inode: 20_602}),
		peer: {command: 'systemd', pid: 1, fd: 40},
	},
];

describe('formatProcessText', () => {
	it('prints the process block, the fd table and each inet socket explained', () => {
		expect(formatProcessText(detailOf(fds), ctx)).toBe(
			[
				'PID       812',
				'PPID      1',
				'User      root (uid 0)',
				'Command   sshd',
				'Cmdline   sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
				'State     S (sleeping)',
				'Started   2026-11-26 23:55:00 (3h 5m ago)',
				'Threads   1',
				'Cwd       /',
				'Exe       /usr/sbin/sshd',
				'Open FDs  5 of 1024 (soft limit)',
				'',
				'FD  TYPE         TARGET           FOREIGN / PEER                 STATE',
				' 0  chr dev      /dev/null',
				' 3  tcp4         *:22             *:*                            LISTEN',
				' 5  tcp4         10.0.0.5:44720   192.0.2.7:80                   ESTABLISHED',
				' 6  tcp4         127.0.0.1:41000  127.0.0.1:22 → sshd[999] fd 4  ESTABLISHED',
				' 7  unix stream  /run/sshd.sock   → systemd[1] fd 40             ESTABLISHED',
				'',
				'Ports explained:',
				'  fd 3: sshd listens for TCP connections on port 22 (ssh — The Secure Shell (SSH) Protocol) on every IPv4 address',
				'  fd 5: sshd is connected from ephemeral port 44720 to 192.0.2.7 port 80 (http — WorldWideWeb HTTP)',
				'  fd 6: sshd is connected from ephemeral port 41000 to 127.0.0.1 port 22 (ssh — The Secure Shell (SSH) Protocol); the other end is sshd[999] fd 4',
				'',
			].join('\n'),
		);
	});

	it('prints a process with 200,000 sockets (a proxy) without running out of stack', () => {
		const many: FileDescriptor[] = Array.from({length: 200_000}, (_, index) => ({
			fd: index + 3,
			type: 'socket',
			target: `socket:[${index + 30_000}]`,
			socket: inetSocket({localAddress: '10.0.0.5', localPort: 443, foreignAddress: '192.0.2.7', foreignPort: 40_000 + (index % 20_000), state: 'ESTABLISHED', fd: index + 3, inode: index + 30_000}),
		}));
		const lines = formatProcessText(detailOf(many), ctx).split('\n');
		expect(lines.filter(line => / tcp4 +10\.0\.0\.5:443 /.test(line))).toHaveLength(200_000);
		expect(lines.filter(line => line.startsWith('  fd '))).toHaveLength(200_000);
		expect(lines.at(-2)).toMatch(/^ {2}fd 200002: sshd accepted a connection .*443.* from 192\.0\.2\.7/);
	});

	it('says a gone process is gone', () => {
		expect(formatProcessText({time: 0, pid: 4242, process: null, fds: [], denied: null}, ctx)).toBe(
			'No process with PID 4242: it has exited or never existed.\n',
		);
	});

	it('prints the denied sentence and an unknown fd count', () => {
		const denied = 'Permission denied reading the open files of PID 812 (user root): run socktop as root (sudo) to see its files and sockets.';
		const text = formatProcessText(detailOf([], {denied, fdCount: null}), ctx);
		expect(text).toContain('Open FDs  ? of 1024 (soft limit)');
		expect(text).toContain(`Note: ${denied}`);
	});

	it('escapes hostile names, paths and arguments', () => {
		const detail: ProcessDetail = detailOf([{fd: 9, type: 'file', target: '/tmp/a\u001B[2Jb\nc', socket: null}], {
			process: {...sshdInfo, command: 'x\u001B]0;t\u0007', cmdline: ['\u009B31m', '\u202Eevil']},
		});
		const text = formatProcessText(detail, ctx);
		expect(text).toContain('Command   x\\x1b]0;t\\x07');
		expect(text).toContain('Cmdline   \\x9b31m \\u202eevil');
		expect(text).toContain('/tmp/a\\x1b[2Jb\\nc');
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
	});
});

describe('explainFds', () => {
	it('explains inet sockets only, and names the peer', () => {
		const explained = explainFds(fds, ctx);
		expect(explained.map(each => each.fd)).toEqual([3, 5, 6]);
		expect(explained[1]!.explanation.local?.class).toBe('ephemeral');
		expect(explained[1]!.explanation.foreign?.service?.name).toBe('http');
	});
});

describe('formatProcessJson', () => {
	it('is the detail with each inet fd explained, and parses back', () => {
		const value = JSON.parse(formatProcessJson(detailOf(fds), ctx)) as {
			pid: number;
			process: {command: string};
			fds: Array<{fd: number; peer: unknown; explanation: {sentence: string; local: {class: string}} | null}>;
		};
		expect(value.pid).toBe(812);
		expect(value.process.command).toBe('sshd');
		expect(value.fds.map(fd => fd.explanation === null)).toEqual([true, false, false, false, true]);
		expect(value.fds[2]!.explanation!.local.class).toBe('ephemeral');
		expect(value.fds[3]!.peer).toEqual({command: 'sshd', pid: 999, fd: 4});
		expect(value.fds[0]!.peer).toBeNull();
	});

	it('writes time in ISO 8601, as the table\'s --json does, and every key even when unknown', () => {
		const value = JSON.parse(formatProcessJson(detailOf(fds, {time: Date.UTC(2026, 10, 27, 3, 30)}), ctx)) as Record<string, unknown>;
		expect(value['time']).toBe('2026-11-27T03:30:00.000Z');
		expect(Object.keys(value)).toEqual(['time', 'pid', 'process', 'fds', 'fdCount', 'listening', 'denied']);
		expect(value).toMatchObject({pid: 812, fdCount: null, listening: null, denied: null});
		const gone = JSON.parse(formatProcessJson({time: 0, process: null, fds: [], denied: null}, ctx)) as Record<string, unknown>;
		expect(gone).toEqual({time: '1970-01-01T00:00:00.000Z', pid: null, process: null, fds: [], fdCount: null, listening: null, denied: null});
	});

	it('escapes C1 controls and bidi overrides, which JSON.stringify leaves raw', () => {
		const detail = detailOf([], {process: {...sshdInfo, command: 'a\u009B2Jb\u202Ec\u001B'}});
		const text = formatProcessJson(detail, ctx);
		expect(text).toContain('"command": "a\\u009b2Jb\\u202ec\\u001b"');
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
		expect((JSON.parse(text) as {process: {command: string}}).process.command).toBe('a\u009B2Jb\u202Ec\u001B');
	});
});
