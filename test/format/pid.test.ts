import {describe, expect, it} from 'vitest';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import {describeFd, describeFdLine, explainFd} from '../../source/format/fd-sentence.js';
import type {FileDescriptor, ProcessDetail} from '../../source/model/process.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {detailOf, inetSocket, sshdInfo} from '../components/pid-fixtures.js';

process.env['TZ'] = 'UTC';

const services = createStaticServiceTable([
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: 'The Secure Shell (SSH) Protocol', source: '/etc/services'},
	{name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'WorldWideWeb HTTP', source: '/etc/services'},
]);
const ctx = {services, ephemeral: [32_768, 60_999] as const, ephemeralSetting: 'net.ipv4.ip_local_port_range'};

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
	it('says which other processes hold the same socket, the first few named and the rest counted, in --once and the selected row alike', () => {
		const holders = (count: number) => Array.from({length: count}, (_, index) => ({command: 'python3', pid: 1001 + index, fd: 3}));
		const listener = (count: number): FileDescriptor => ({...fds[1]!, coHolders: holders(count)});
		const start = 'sshd listens for TCP connections on port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol) on every IPv4 address';
		expect(describeFd(listener(2), ctx)).toBe(`${start}; the same socket is also held by python3[1001] fd 3, python3[1002] fd 3`);
		expect(describeFd(listener(5), ctx)).toBe(`${start}; the same socket is also held by python3[1001] fd 3, python3[1002] fd 3, python3[1003] fd 3, python3[1004] fd 3, python3[1005] fd 3`);
		expect(describeFd(listener(7), ctx)).toBe(`${start}; the same socket is also held by python3[1001] fd 3, python3[1002] fd 3, python3[1003] fd 3, python3[1004] fd 3 (+3 more)`);
		expect(describeFd({...fds[1]!, coHolders: [{command: 'py\u001B[2Jthon', pid: 7, fd: 3}]}, ctx)).toBe(`${start}; the same socket is also held by py\\x1b[2Jthon[7] fd 3`);
		expect(formatProcessText(detailOf([listener(2)]), ctx)).toContain(`  fd 3: ${start}; the same socket is also held by python3[1001] fd 3, python3[1002] fd 3\n`);
	});

	it('prints the process block, the fd table and each socket explained, unix ones too', () => {
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
				'Sockets   2 ESTABLISHED, 1 LISTEN (TCP); 1 unix',
				'',
				'FD  TYPE         TARGET           FOREIGN / PEER                 STATE',
				' 0  chr dev      /dev/null',
				' 3  tcp4         *:22             *:*                            LISTEN',
				' 5  tcp4         10.0.0.5:44720   192.0.2.7:80                   ESTABLISHED',
				' 6  tcp4         127.0.0.1:41000  127.0.0.1:22 → sshd[999] fd 4  ESTABLISHED',
				' 7  unix stream  /run/sshd.sock   → systemd[1] fd 40             ESTABLISHED',
				'',
				'Sockets explained:',
				'  fd 3: sshd listens for TCP connections on port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol) on every IPv4 address',
				'  fd 5: sshd is connected from ephemeral port 44720 to 192.0.2.7 port 80 (named http in /etc/services: WorldWideWeb HTTP)',
				// What "ephemeral" means, once: fd 6's port is another of the same kind.
				'    44720: an ephemeral port, most likely picked by the kernel for this connection from 32768-60999 (net.ipv4.ip_local_port_range), unless the program bound it; no service is named for it',
				'  fd 6: sshd is connected from ephemeral port 41000 to 127.0.0.1 port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol); the other end is sshd[999] fd 4',
				'  fd 7: sshd has a connection accepted on the unix stream socket /run/sshd.sock; the other end is systemd[1] fd 40',
				'',
			].join('\n'),
		);
	});

	it('adds RECV-Q and SEND-Q when some socket has something queued, and says it in the socket\'s sentence', () => {
		const queued = [
			fds[0]!,
			{...fds[1]!, socket: {...fds[1]!.socket!, rxQueue: 2}},
			{...fds[2]!, socket: {...fds[2]!.socket!, rxQueue: 0, txQueue: 14_480}},
			// As /proc/net/unix gives it: no queue columns.
			{...fds[4]!, socket: {...fds[4]!.socket!, rxQueue: null, txQueue: null}},
		];
		const text = formatProcessText(detailOf(queued), ctx);
		expect(text.split('\n').slice(13, 18)).toEqual([
			'FD  TYPE         TARGET          FOREIGN / PEER      STATE        RECV-Q  SEND-Q',
			' 0  chr dev      /dev/null',
			' 3  tcp4         *:22            *:*                 LISTEN            2',
			' 5  tcp4         10.0.0.5:44720  192.0.2.7:80        ESTABLISHED       0   14480',
			' 7  unix stream  /run/sshd.sock  → systemd[1] fd 40  ESTABLISHED',
		]);
		expect(text).toContain('  fd 3: sshd listens for TCP connections on port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol) on every IPv4 address; Recv-Q 2: 2 connections wait in its accept queue for sshd to accept()\n');
		expect(text).toContain(
			'  fd 5: sshd is connected from ephemeral port 44720 to 192.0.2.7 port 80 (named http in /etc/services: WorldWideWeb HTTP); Send-Q 14480: 14480 bytes written that the other end has not acknowledged yet\n',
		);
		// Before the peer: 'its' is still the socket's.
		const peered = {...fds[3]!, socket: {...fds[3]!.socket!, rxQueue: 5}};
		expect(describeFd(peered, ctx)).toBe(
			'sshd is connected from ephemeral port 41000 to 127.0.0.1 port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol); Recv-Q 5: 5 bytes received that sshd has not read yet; the other end is sshd[999] fd 4',
		);
	});

	it('names the other holders of a shared pipe end, as the selected row does, after the sockets; one line per shared end', () => {
		const children = [{command: 'cat', pid: 903, fd: 0}, {command: 'ca\u001B[2Jt', pid: 902, fd: 0}];
		const shared: FileDescriptor = {fd: 1, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'sh', pid: 900, fd: 0}, morePeers: children};
		const withPipes: FileDescriptor[] = [
			fds[0]!,
			shared,
			// One holder: the table names it already, so no line.
			{fd: 2, type: 'pipe', target: 'pipe:[4472]', socket: null, peer: {command: 'logger', pid: 901, fd: 0}},
			...fds.slice(1),
			// A socket's other holders are in its sentence under "Sockets explained:", not again.
			{...fds[4]!, fd: 8, morePeers: [{command: 'systemd', pid: 1, fd: 41}]},
		];
		const text = formatProcessText(detailOf(withPipes), ctx);
		expect(text).toContain(' 1  pipe         pipe:[4471]      → sh[900] fd 0 (+2 more)');
		expect(text.split('\n').slice(-6)).toEqual([
			'  fd 7: sshd has a connection accepted on the unix stream socket /run/sshd.sock; the other end is systemd[1] fd 40',
			'  fd 8: sshd has a connection accepted on the unix stream socket /run/sshd.sock; the other end is systemd[1] fd 40, also held by systemd[1] fd 41',
			'',
			'Shared ends explained:',
			'  fd 1: a pipe (pipe:[4471]); the other end is sh[900] fd 0, also held by cat[903] fd 0 and ca\\x1b[2Jt[902] fd 0',
			'',
		]);
		// The live view's sentence for the selected row, word for word.
		expect(text).toContain(`  ${describeFdLine(shared, explainFd(shared, ctx), 812)}\n`);
		expect(text.match(/^ {2}fd \d+: /gm)).toHaveLength(6);
	});

	it('prints a process with 200,000 sockets (a proxy) without running out of stack', () => {
		const many: FileDescriptor[] = Array.from({length: 200_000}, (_, index) => ({
			fd: index + 3,
			type: 'socket',
			target: `socket:[${index + 30_000}]`,
			socket: inetSocket({localAddress: '10.0.0.5', localPort: 443, foreignAddress: '192.0.2.7', foreignPort: 40_000 + (index % 20_000), state: 'ESTABLISHED', fd: index + 3, inode: index + 30_000}),
		}));
		const lines = formatProcessText(detailOf(many, {listening: ['tcp/443']}), ctx).split('\n');
		expect(lines.filter(line => / tcp4 +10\.0\.0\.5:443 /.test(line))).toHaveLength(200_000);
		expect(lines.filter(line => line.startsWith('  fd '))).toHaveLength(200_000);
		expect(lines.at(-2)).toMatch(/^ {2}fd 200002: sshd accepted a connection .*443.* from 192\.0\.2\.7/);
	});

	it('says a gone process is gone', () => {
		expect(formatProcessText({time: 0, pid: 4242, process: null, fds: [], denied: null}, ctx)).toBe(
			'No process with PID 4242: it has exited or never existed.\n',
		);
	});

	it('prints the denied sentence and an unknown fd count, and no fd table with nothing in it', () => {
		const denied = 'Permission denied reading the open files of PID 812 (user root): run socktop as root (sudo) to see its files and sockets.';
		const text = formatProcessText(detailOf([], {denied, fdCount: null}), ctx);
		expect(text).toContain('Open FDs  ? of 1024 (soft limit)');
		expect(text.endsWith(`soft limit)\n\nNote: ${denied}\n`)).toBe(true);
		expect(text).not.toContain('FD  TYPE');
	});

	it('prints no fd table for a process with no fds (a kernel thread), which Open FDs 0 says', () => {
		expect(formatProcessText(detailOf([], {fdCount: 0}), ctx)).toMatch(/Open FDs {2}0 of 1024 \(soft limit\)\n$/);
	});

	it('--json of a denied process: no fds, the note in denied, the fd count unknown', () => {
		const denied = 'Permission denied reading the open files of PID 812 (user root): run socktop as root (sudo) to see its files and sockets.';
		const value = JSON.parse(formatProcessJson(detailOf([], {denied, fdCount: null}), ctx)) as Record<string, unknown>;
		expect(value).toMatchObject({fds: [], fdCount: null, denied});
	});

	it('says which missing tool leaves unix peers unnamed', () => {
		const text = formatProcessText(detailOf([], {missingTools: ['unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin']}), ctx);
		expect(text).toContain('Open FDs  0 of 1024 (soft limit)\n\nNote: unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin\n');
	});

	it('says what of lsof\'s output could not be read, as the table does', () => {
		const text = formatProcessText(detailOf([], {unreadOutput: "1 field of lsof's output could not be read (e.g. 'Zjunk')"}), ctx);
		expect(text).toContain("Open FDs  0 of 1024 (soft limit)\n\nNote: 1 field of lsof's output could not be read (e.g. 'Zjunk')\n");
		const value = JSON.parse(formatProcessJson(detailOf([], {unreadOutput: 'x'}), ctx)) as Record<string, unknown>;
		expect(value['unreadOutput']).toBe('x');
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

describe('explainFd', () => {
	it('explains sockets, unix ones too, and names the peer', () => {
		const explained = fds.map(fd => explainFd(fd, ctx)).filter(each => each !== null);
		expect(explained.map(each => each.fd)).toEqual([3, 5, 6, 7]);
		expect(explained[1]!.explanation.local?.class).toBe('ephemeral');
		expect(explained[1]!.explanation.foreign?.service?.name).toBe('http');
		expect(explained[3]!.explanation).toMatchObject({local: null, foreign: null});
	});
});

describe('explainFd of a connection whose other end socktop cannot trace', () => {
	it('says whose socket the other end is, from the table, and that root would name its process', () => {
		// Not root: a nobody client of root's server on 127.0.0.1; the server's accepted socket is in the table, its holder not readable.
		const client = {...fds[3]!, peer: null, hiddenPeer: {user: 'root', uid: 0}};
		const sentence = 'sshd is connected from ephemeral port 41000 to 127.0.0.1 port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol)';
		expect(explainFd(client, ctx)?.sentence).toBe(`${sentence}; the other end is a socket of root's that socktop cannot read (run as root to see which process holds it)`);
		expect(explainFd({...client, hiddenPeer: {user: '?', uid: null}}, ctx)?.sentence).toBe(`${sentence}; the other end is a socket held by a process that socktop cannot read (run as root to see which process holds it)`);
		expect(formatProcessText(detailOf([client]), ctx)).toContain(`  fd 6: ${sentence}; the other end is a socket of root's that socktop cannot read`);
	});
});

describe('explainFd of a unix socket', () => {
	const client = (fields: Partial<FileDescriptor> = {}, socketFields = {}): FileDescriptor => ({
		fd: 9,
		type: 'socket',
		target: 'socket:[30001]',
		socket: inetSocket({proto: 'stream', localAddress: null, localPort: null, path: null, peerPath: '/var/run/postgresql/.s.PGSQL.5432', peerInode: 30_002, state: 'ESTABLISHED', command: 'psql', pid: 700, fd: 9, inode: 30_001, ...socketFields}),
		...fields,
	});

	it('says the peer\'s bound path and the process holding it, which the table\'s PEER column leaves out', () => {
		expect(explainFd(client({peer: {command: 'postgres', pid: 548, fd: 7}}), ctx)?.sentence).toBe(
			'psql is connected to the unix stream socket /var/run/postgresql/.s.PGSQL.5432; the other end is postgres[548] fd 7',
		);
		// Without the holder (another user's process), the path alone.
		expect(explainFd(client(), ctx)?.sentence).toBe('psql is connected to the unix stream socket /var/run/postgresql/.s.PGSQL.5432');
	});

	it('adds the peer\'s path when the sentence names only this end\'s', () => {
		const both = client({peer: {command: 'postgres', pid: 548, fd: 7}}, {path: '/tmp/client.sock'});
		expect(explainFd(both, ctx)?.sentence).toBe(
			'psql has a connection accepted on the unix stream socket /tmp/client.sock; the other end is postgres[548] fd 7, on /var/run/postgresql/.s.PGSQL.5432',
		);
		expect(explainFd(client({}, {path: '/tmp/client.sock'}), ctx)?.sentence).toBe(
			'psql has a connection accepted on the unix stream socket /tmp/client.sock; the other end is bound to /var/run/postgresql/.s.PGSQL.5432',
		);
	});

	it('says which other processes hold the other end too, after its path', () => {
		const shared = client({peer: {command: 'postgres', pid: 548, fd: 7}, morePeers: [{command: 'postgres', pid: 549, fd: 7}, {command: 'psql', pid: 700, fd: 12}]}, {path: '/tmp/client.sock'});
		expect(explainFd(shared, ctx)?.sentence).toBe(
			'psql has a connection accepted on the unix stream socket /tmp/client.sock; the other end is postgres[548] fd 7, on /var/run/postgresql/.s.PGSQL.5432, also held by postgres[549] fd 7 and fd 12 (same process)',
		);
	});

	it('escapes hostile paths in the sentence', () => {
		const sentence = explainFd(client({peer: {command: 'x\u001B[2J', pid: 548, fd: 7}}, {peerPath: '/tmp/\u001B]0;t\u0007\u202Es'}), ctx)!.sentence;
		expect(sentence).toBe('psql is connected to the unix stream socket /tmp/\\x1b]0;t\\x07\\u202es; the other end is x\\x1b[2J[548] fd 7');
	});
});

describe('describeFd', () => {
	it('explains a socket as explainFd does', () => {
		expect(describeFd(fds[3]!, ctx, undefined, 812)).toBe(explainFd(fds[3]!, ctx)!.sentence);
	});

	it('gives any other fd\'s type and whole target, and a pipe\'s other end', () => {
		const path = '/var/lib/postgresql/16/main/base/16384/pg_internal.init.some-long-segment-name-that-a-table-cuts (deleted)';
		expect(describeFd({fd: 4, type: 'file', target: path, socket: null}, ctx)).toBe(`the file ${path}`);
		expect(describeFd({fd: 0, type: 'char', target: '/dev/null', socket: null}, ctx)).toBe('the character device /dev/null');
		expect(describeFd({fd: 2, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'logger', pid: 900, fd: 0}}, ctx, undefined, 812)).toBe(
			'a pipe (pipe:[4471]); the other end is logger[900] fd 0',
		);
		expect(describeFd({fd: 2, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'sshd', pid: 812, fd: 5}}, ctx, undefined, 812)).toBe(
			'a pipe (pipe:[4471]); the other end is fd 5 (same process)',
		);
		const children = [1, 2, 3, 4, 5, 6].map(index => ({command: 'sh', pid: 900 + index, fd: 1}));
		expect(describeFd({fd: 0, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'sh', pid: 900, fd: 1}, morePeers: children}, ctx, undefined, 812)).toBe(
			'a pipe (pipe:[4471]); the other end is sh[900] fd 1, also held by sh[901] fd 1, sh[902] fd 1, sh[903] fd 1, sh[904] fd 1 and 2 more',
		);
		expect(describeFd({fd: 6, type: 'anon', target: 'anon_inode:[eventpoll]', socket: null}, ctx)).toMatch(/^an anonymous inode \(anon_inode:\[eventpoll\]\)/);
		expect(describeFd({fd: 1, type: 'unknown', target: 'socket:[1]', socket: null}, ctx)).toBe('socket:[1], of a type socktop could not tell');
	});

	it('words each kind of fd with a target, with the article Enter\'s answer on it uses (use-pid-trail.ts)', () => {
		const said = (type: FileDescriptor['type'], target: string) => describeFd({fd: 3, type, target, socket: null}, ctx);
		expect(said('dir', '/srv')).toBe('the directory /srv');
		expect(said('block', '/dev/sda1')).toBe('the block device /dev/sda1');
		expect(said('fifo', '/run/initctl')).toBe('the named pipe (FIFO) /run/initctl');
		expect(said('memfd', '/memfd:pulseaudio (deleted)')).toBe('a file in memory (memfd) /memfd:pulseaudio (deleted)');
	});

	it('escapes a hostile path', () => {
		expect(describeFd({fd: 9, type: 'file', target: '/tmp/a\u001B[2Jb\nc', socket: null}, ctx)).toBe('the file /tmp/a\\x1b[2Jb\\nc');
	});
});

describe('formatProcessJson', () => {
	it('is the detail with each socket fd explained, unix ones too, and parses back', () => {
		const value = JSON.parse(formatProcessJson(detailOf(fds), ctx)) as {
			pid: number;
			process: {command: string};
			fds: Array<{fd: number; peer: unknown; explanation: {sentence: string; local: {class: string} | null; foreign: unknown} | null}>;
		};
		expect(value.pid).toBe(812);
		expect(value.process.command).toBe('sshd');
		expect(value.fds.map(fd => fd.explanation === null)).toEqual([true, false, false, false, false]);
		expect(value.fds[2]!.explanation!.local!.class).toBe('ephemeral');
		expect(value.fds[4]!.explanation).toEqual({sentence: 'sshd has a connection accepted on the unix stream socket /run/sshd.sock', local: null, foreign: null});
		expect(value.fds[3]!.peer).toEqual({command: 'sshd', pid: 999, fd: 4});
		expect(value.fds[0]!.peer).toBeNull();
	});

	it('lists the other holders of each fd\'s other end in morePeers, present and empty where there are none', () => {
		const more = [{command: 'sshd', pid: 1000, fd: 4}];
		const shared = fds.map(fd => (fd.fd === 6 ? {...fd, morePeers: more} : fd));
		const value = JSON.parse(formatProcessJson(detailOf(shared), ctx)) as {fds: Array<Record<string, unknown>>};
		expect(value.fds.map(fd => fd['morePeers'])).toEqual([[], [], [], more, []]);
		expect(Object.keys(value.fds[0]!)).toEqual(['fd', 'mode', 'type', 'target', 'socket', 'peer', 'morePeers', 'coHolders', 'hiddenPeer', 'explanation']);
	});

	it('names the owner of an other end no process socktop read holds in hiddenPeer, null elsewhere', () => {
		const hidden = fds.map(fd => (fd.fd === 5 ? {...fd, hiddenPeer: {user: 'root', uid: 0}} : fd));
		const value = JSON.parse(formatProcessJson(detailOf(hidden), ctx)) as {fds: Array<Record<string, unknown>>};
		expect(value.fds.map(fd => fd['hiddenPeer'])).toEqual([null, null, {user: 'root', uid: 0}, null, null]);
	});

	it('lists the other processes holding each fd\'s own socket in coHolders, present and empty where there are none', () => {
		const co = [{command: 'sshd', pid: 1001, fd: 3}, {command: 'sshd', pid: 1002, fd: 3}];
		const shared = fds.map(fd => (fd.fd === 3 ? {...fd, coHolders: co} : fd));
		const value = JSON.parse(formatProcessJson(detailOf(shared), ctx)) as {fds: Array<Record<string, unknown>>};
		expect(value.fds.map(fd => fd['coHolders'])).toEqual([[], co, [], [], []]);
		expect((value.fds[1]!['explanation'] as {sentence: string}).sentence).toBe('sshd listens for TCP connections on port 22 (named ssh in /etc/services: The Secure Shell (SSH) Protocol) on every IPv4 address');
	});

	it('writes time in ISO 8601, as the table\'s --json does, and every key even when unknown', () => {
		const value = JSON.parse(formatProcessJson(detailOf(fds, {time: Date.UTC(2026, 10, 27, 3, 30)}), ctx)) as Record<string, unknown>;
		expect(value['time']).toBe('2026-11-27T03:30:00.000Z');
		expect(Object.keys(value)).toEqual(['formatVersion', 'time', 'pid', 'thread', 'process', 'netns', 'filters', 'fds', 'fdCount', 'listening', 'denied', 'missingTools', 'unreadOutput']);
		expect(value).toMatchObject({pid: 812, thread: null, netns: null, filters: null, fdCount: null, listening: null, denied: null, missingTools: [], unreadOutput: null});
		const gone = JSON.parse(formatProcessJson({time: 0, process: null, fds: [], denied: null}, ctx)) as Record<string, unknown>;
		expect(gone).toEqual({formatVersion: 1, time: '1970-01-01T00:00:00.000Z', pid: null, thread: null, process: null, netns: null, filters: null, fds: [], fdCount: null, listening: null, denied: null, missingTools: [], unreadOutput: null});
	});

	it('says which missing tool left unix peers unnamed, as the text does', () => {
		const line = 'unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin';
		const value = JSON.parse(formatProcessJson(detailOf([], {missingTools: [line]}), ctx)) as Record<string, unknown>;
		expect(value['missingTools']).toEqual([line]);
	});

	it('escapes C1 controls and bidi overrides, which JSON.stringify leaves raw', () => {
		const detail = detailOf([], {process: {...sshdInfo, command: 'a\u009B2Jb\u202Ec\u001B'}});
		const text = formatProcessJson(detail, ctx);
		expect(text).toContain('"command": "a\\u009b2Jb\\u202ec\\u001b"');
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
		expect((JSON.parse(text) as {process: {command: string}}).process.command).toBe('a\u009B2Jb\u202Ec\u001B');
	});
});

describe('a process in another network namespace', () => {
	// Listened on *:7777 in the host's namespace, then setns() into uat-a and listened on 127.0.0.1:7778.
	const moved: FileDescriptor[] = [
		{fd: 3, type: 'socket', target: 'socket:[37971565]', socket: inetSocket({localPort: 7777, command: 'python3', netns: 'host'})},
		{fd: 4, type: 'socket', target: 'socket:[37971566]', socket: inetSocket({localAddress: '127.0.0.1', localPort: 7778, command: 'python3', fd: 4, inode: 37_971_566, netns: 'uat-a'})},
	];
	const detail = detailOf(moved, {netns: 'uat-a', process: {...sshdInfo, command: 'python3'}});

	it('names the namespace among the facts, and in each sentence where it says who can reach the socket', () => {
		const text = formatProcessText(detail, ctx);
		expect(text).toContain('\nNetns     uat-a\n');
		expect(text).toContain(
			`fd 4: python3 listens for TCP connections on port 7778 (registered range, unnamed) only on the loopback address 127.0.0.1 in network namespace uat-a — reachable only from inside that namespace${'; while it listens, Linux refuses bind() of port 7778 on 0.0.0.0 (or a dual-stack ::) in that namespace ("Address already in use"), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user'}\n`,
		);
	});

	it('says of a socket from another namespace than the process\'s that it is', () => {
		expect(formatProcessText(detail, ctx)).toContain(
			"fd 3: python3 listens for TCP connections on port 7777 (registered range, unnamed) on every IPv4 address; it is a socket of network namespace host, not of the process's own (uat-a): it was made there before the process moved with setns(), or handed to it (as systemd's socket activation does)\n",
		);
		// Its own namespace's socket is no such note.
		expect(explainFd(moved[1]!, {...ctx, netns: 'uat-a'})?.sentence).not.toContain('not of the process');
	});

	it('gives the namespace in --pid --json, the process\'s and each socket\'s', () => {
		const value = JSON.parse(formatProcessJson(detail, ctx)) as {netns: string | null; fds: Array<{socket: {netns: string | null}}>};
		expect(value.netns).toBe('uat-a');
		expect(value.fds.map(fd => fd.socket.netns)).toEqual(['host', 'uat-a']);
		// Not known (lsof, a capture): null, and no fact.
		expect((JSON.parse(formatProcessJson(detailOf(), ctx)) as {netns: unknown}).netns).toBeNull();
	});

	it('leaves the host\'s namespace unsaid', () => {
		const atHome = formatProcessText(detailOf(moved.map(fd => ({...fd, socket: {...fd.socket!, netns: 'host'}})), {netns: 'host'}), ctx);
		expect(atHome).not.toContain('Netns');
		expect(atHome).not.toContain('network namespace');
		expect(atHome).toContain('only on the loopback address 127.0.0.1 — not reachable from other machines');
	});
});

describe('explainFd of a UDP socket on an ephemeral port', () => {
	const udp: FileDescriptor = {
		fd: 4,
		type: 'socket',
		target: 'socket:[20900]',
		socket: inetSocket({proto: 'udp4', localAddress: '*', localPort: 47_301, foreignAddress: '*', foreignPort: null, state: 'UNCONN', fd: 4, inode: 20_900}),
	};
	const hedge = 'most likely the kernel picked that port';

	it('guesses it is a client given a port by the kernel, alone on its port', () => {
		expect(explainFd(udp, ctx)?.sentence).toContain(hedge);
	});

	it('does not where other sockets share its port (SO_REUSEPORT): a port the kernel picks is no group\'s', () => {
		const sentence = explainFd({...udp, portSharers: {holders: [{command: 'python3', pid: 20_754, fd: 4}], unseen: 0}}, ctx)?.sentence;
		expect(sentence).toContain('it shares port 47301 with python3[20754]');
		expect(sentence).not.toContain(hedge);
	});
});

describe('formatProcessJson of a shared port and a dropped connection request', () => {
	it('carries portSharers and fullListener where the view found them, as the README lists them', () => {
		const listener: FileDescriptor = {fd: 3, type: 'socket', target: 'socket:[21000]', socket: inetSocket({localPort: 6379, fd: 3, inode: 21_000}), portSharers: {holders: [{command: 'python3', pid: 30_389, fd: 3}], unseen: 1}};
		const client: FileDescriptor = {
			fd: 4,
			type: 'socket',
			target: 'socket:[21001]',
			socket: inetSocket({localAddress: '127.0.0.1', localPort: 40_000, foreignAddress: '127.0.0.1', foreignPort: 5432, state: 'SYN_SENT', fd: 4, inode: 21_001, txQueue: 1}),
			peer: {command: 'postgres', pid: 548, fd: 5},
			fullListener: {port: 5432, waiting: 6, backlog: 5},
		};
		const fds = (JSON.parse(formatProcessJson(detailOf([listener, client]), ctx)) as {fds: Array<Record<string, unknown>>}).fds;
		expect(fds[0]).toMatchObject({portSharers: {holders: [{command: 'python3', pid: 30_389, fd: 3}], unseen: 1}});
		expect(fds[1]).toMatchObject({fullListener: {port: 5432, waiting: 6, backlog: 5}, peer: {pid: 548}});
		expect(fds[1]).not.toHaveProperty('portSharers');
	});
});
