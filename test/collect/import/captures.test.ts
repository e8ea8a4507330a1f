import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import type {Socket} from '../../../source/model/types.js';
import {UserError} from '../../../source/collect/collector.js';
import {importCollector, importSnapshot} from '../../../source/collect/import/index.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {parseNetstat} from '../../../source/collect/import/netstat.js';
import {parseSs} from '../../../source/collect/import/ss.js';
import {parseLsofPlain} from '../../../source/collect/lsof/plain.js';
import {droppedLinesNote} from '../../../source/format/dropped.js';
import {ipProtocolNumbers, parseIpProtocols} from '../../../source/services/ip-protocols.js';
import {portNames} from '../../../source/services/names.js';
import {parseServices} from '../../../source/services/parse.js';

/**
 * Captures taken as root on a Linux machine (iproute2 6.1.0, net-tools 2.10, lsof 4.95.0)
 * that an audit imported and compared with the live backend: see each fixture folder's SOURCES.md.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const ports = portNames(parseServices(fixture('services/debian-services'), 'debian-services').entries);
// The names of the machine the raw captures were taken on (Debian 12, netbase 6.4).
const protocols = ipProtocolNumbers(parseIpProtocols(fixture('protocols/debian-protocols')));

describe('captures taken without -n: service names are ports', () => {
	it.each([
		['ss/linux-root-tulp-names.txt', parseSs, 41],
		['lsof/linux-4.95-root-i-names.txt', parseLsofPlain, 86],
		['netstat/linux-root-tulp-names.txt', parseNetstat, 49],
	] as const)('%s: every row is read', (name, parse, rows) => {
		const {sockets, malformedLines} = parse(fixture(name), ports);
		expect(malformedLines).toBe(0);
		expect(sockets).toHaveLength(rows);
	});

	it('reads each name for its own protocol, and keeps host names as text', () => {
		const ss = parseSs(fixture('ss/linux-root-tulp-names.txt'), ports).sockets;
		expect(ss).toContainEqual(expect.objectContaining({proto: 'udp4', localAddress: '127.0.0.2', localPort: 53, pid: 10_710}));
		expect(ss).toContainEqual(expect.objectContaining({proto: 'udp6', localAddress: '::1', localPort: 123}));
		const netstat = parseNetstat(fixture('netstat/linux-root-tulp-names.txt'), ports).sockets;
		expect(netstat).toContainEqual(expect.objectContaining({proto: 'tcp4', localAddress: '10.99.0.1', localPort: 5432, state: 'LISTEN', pid: 10_420}));
		expect(netstat).toContainEqual(expect.objectContaining({proto: 'tcp4', localAddress: 'localhost', localPort: 18_080}));
		const lsof = parseLsofPlain(fixture('lsof/linux-4.95-root-i-names.txt'), ports).sockets;
		expect(lsof).toContainEqual(expect.objectContaining({proto: 'tcp4', localAddress: 'localhost', localPort: 41_000, state: 'LISTEN', pid: 5219}));
		expect(lsof.filter(socket => socket.localPort === 8081)).not.toHaveLength(0);
	});

	it('drops and counts a name the services table does not know, and says so', () => {
		const capture = `${fixture('netstat/linux-root-tulp-names.txt')}tcp        0      0 0.0.0.0:nosuchsvc       0.0.0.0:*               LISTEN      1/init\n`;
		const snapshot = importSnapshot(capture, 'tulp.txt', ports);
		expect(snapshot.sockets).toHaveLength(49);
		expect(snapshot.skipped.malformedLines).toBe(1);
		expect(droppedLinesNote(snapshot)).toBe("1 line of tulp.txt could not be read (e.g. 'tcp 0 0 0.0.0.0:nosuchsvc 0.0.0.0:* LISTEN 1/init')");
		expect(droppedLinesNote(snapshot, 'terse')).toBe('1 line unread');
	});

	it('without a services table the names are still lines not read, and counted', () => {
		const snapshot = importSnapshot(fixture('ss/linux-root-tulp-names.txt'), 'ss.txt');
		expect(snapshot.skipped.malformedLines).toBe(10);
		expect(droppedLinesNote(snapshot)).toMatch(/^10 lines of ss\.txt could not be read \(e\.g\. 'udp UNCONN 0 0 127\.0\.0\.2:domain/);
	});
});

describe('raw sockets whose IP protocol is printed by name (no -n)', () => {
	// test/fixtures/ss/raw-sockets.py's raw sockets, as the numeric capture (ss -wanp) shows them.
	const raw = [
		[4, 'raw4', '*', 1, '*', 'UNCONN'],
		[8, 'raw4', '*', 255, '*', 'UNCONN'],
		[7, 'raw4', '*', 253, '*', 'UNCONN'],
		[3, 'raw4', '127.0.0.1', 17, '127.0.0.1', 'ESTABLISHED'],
		[5, 'raw6', '*', 58, '*', 'UNCONN'],
		[6, 'raw6', '::1', 89, '*', 'UNCONN'],
	] as const;
	const brief = (socket: Socket) => [socket.fd, socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.state];

	it('ss -w0ap: icmp, udp, ipv6-icmp, ospf and ipproto-253 are protocols 1, 17, 58, 89 and 253; packet sockets are left out', () => {
		// The services table plays no part: a raw socket's "port" is no service.
		for (const table of [ports, undefined]) {
			const {sockets, malformedLines} = parseSs(fixture('ss/linux-root-w0ap-names.txt'), table, protocols);
			expect(malformedLines).toBe(0);
			expect(sockets.map(socket => brief(socket))).toEqual(raw);
			expect(sockets.every(socket => socket.foreignPort === null && socket.command === 'python3' && socket.pid === 15_406)).toBe(true);
		}
	});

	it('ss -wap: no Netid column, but ports only IP protocols have say the rows are raw, not UDP', () => {
		for (const table of [ports, undefined]) {
			const {sockets, malformedLines} = parseSs(fixture('ss/linux-root-wap-names.txt'), table, protocols);
			expect(malformedLines).toBe(0);
			expect(sockets.map(socket => brief(socket))).toEqual(raw);
		}
	});

	it('ss -wanp: numbers alone cannot tell raw rows from UDP ones on low ports, so they are read as UDP', () => {
		const {sockets} = parseSs(fixture('ss/linux-root-wanp.txt'), ports, protocols);
		expect(sockets.map(socket => socket.proto)).toEqual(['udp4', 'udp4', 'udp4', 'udp4', 'udp6', 'udp6']);
	});

	it('a UDP capture without Netid stays UDP when its port names are UDP services, even one that is also a protocol name', () => {
		// Debian's services has l2tp as an alias of l2f, 1701/udp; /etc/protocols names IP protocol 115 so.
		const capture = 'State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nUNCONN 0      0          127.0.0.1:l2tp       0.0.0.0:*\nUNCONN 0      0          127.0.0.1:domain     0.0.0.0:*\n';
		expect(parseSs(capture, ports, protocols).sockets.map(socket => [socket.proto, socket.localPort])).toEqual([
			['udp4', 1701],
			['udp4', 53],
		]);
		// Without a services table, l2tp can only be read as the IP protocol (and domain not at all).
		expect(parseSs(capture, undefined, protocols).sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['raw4', 115]]);
	});

	it('ss -tlp: no Netid column either, but a LISTEN row says TCP, so a service name no table knows is not asked of /etc/protocols', () => {
		// FreeBSD's services file names ssh and http, not Debian's webmin (10000/tcp).
		const freebsd = portNames(parseServices(fixture('services/freebsd-services'), 'freebsd-services').entries);
		const asked = vi.fn(protocols);
		const {sockets, malformedLines, firstMalformed} = parseSs(fixture('ss/linux-root-tlp-names.txt'), freebsd, asked);
		expect(sockets.map(socket => [socket.proto, socket.localPort, socket.state])).toEqual([['tcp4', 18_080, 'LISTEN'], ['tcp4', 22, 'LISTEN'], ['tcp6', 80, 'LISTEN']]);
		expect(malformedLines).toBe(1);
		expect(firstMalformed).toMatch(/127\.0\.0\.1:webmin/);
		expect(asked).not.toHaveBeenCalled();
	});

	it('netstat -wap: the same names, and numbers /etc/protocols does not name', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('netstat/linux-root-wap-names.txt'), ports, protocols);
		expect(malformedLines).toBe(0);
		// netstat writes no fd, a host name for 127.0.0.1 and the state as the kernel's number (1, 7).
		const host = (address: string) => (address === '127.0.0.1' ? 'localhost' : address);
		expect(sockets.map(socket => [socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.state])).toEqual(
			raw.map(([, proto, local, port, foreign, state]) => [proto, host(local), port, host(foreign), state]),
		);
	});
});

describe('raw sockets\' IP protocol names and the protocols file', () => {
	it('without one, ss and netstat read ipproto-N and numbers, and count the named rows as lines not read', () => {
		const ss = parseSs(fixture('ss/linux-root-w0ap-names.txt'), ports);
		expect(ss.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['raw4', 255], ['raw4', 253]]);
		expect(ss.malformedLines).toBe(4);
		expect(ss.firstMalformed).toMatch(/^raw +UNCONN 0 +0 +0\.0\.0\.0:icmp /);
		const netstat = parseNetstat(fixture('netstat/linux-root-wap-names.txt'), ports);
		expect(netstat.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['raw4', 255], ['raw4', 253]]);
		expect(netstat.malformedLines).toBe(4);
	});

	it('names match as getprotobyname matches them: exactly, aliases too, and only IP protocols (0-255)', () => {
		const line = (port: string) => `raw   UNCONN 0      0            0.0.0.0:${port}             0.0.0.0:*    users:(("python3",pid=15406,fd=4))\n`;
		const header = 'Netid State  Recv-Q Send-Q Local Address:Port        Peer Address:PortProcess\n';
		const read = (port: string) => parseSs(header + line(port), undefined, protocols).sockets[0]?.localPort ?? 'unread';
		// netbase's `ipv6-icmp 58 IPv6-ICMP`; `mptcp 262` is in the file but is no IP protocol.
		expect(['icmp', 'ICMP', 'IPv6-ICMP', 'Icmp', 'IPV6-ICMP', 'mptcp', 'ipproto-256', 'ssh'].map(port => read(port))).toEqual([1, 1, 58, 'unread', 'unread', 'unread', 'unread', 'unread']);
	});
});

describe('netstat -an / -a: the unix section without a PID/Program name column', () => {
	it('reads every unix line, holder unknown', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('netstat/linux-root-an.txt'));
		expect(malformedLines).toBe(0);
		const unix = sockets.filter(socket => socket.proto === 'stream' || socket.proto === 'dgram' || socket.proto === 'seqpacket');
		expect(unix).toHaveLength(34);
		expect(unix).toContainEqual(expect.objectContaining({proto: 'stream', path: '/tmp/a1/app.sock', state: 'LISTEN', inode: 26_030_489, pid: null, command: null}));
		expect(unix).toContainEqual(expect.objectContaining({proto: 'stream', path: null, state: 'ESTABLISHED', inode: 26_030_490, pid: null}));
	});

	it('netstat -a: service names, raw sockets named by IP protocol, and unix lines', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('netstat/linux-root-a-names.txt'), ports, protocols);
		expect(sockets.filter(socket => socket.path === '/tmp/a1/app.sock')).not.toHaveLength(0);
		expect(malformedLines).toBe(0);
		expect(sockets.filter(socket => socket.proto.startsWith('raw')).map(socket => [socket.proto, socket.localPort])).toEqual([
			['raw4', 255],
			['raw4', 6],
			['raw4', 1],
			['raw4', 1],
			['raw6', 58],
		]);
	});
});

describe('lsof -F captures: USER', () => {
	it('is the login name with the L field, as the recommended command asks; the uid without it', () => {
		const usersOf = (name: string) => new Set(importSnapshot(fixture(name), name).sockets.map(socket => `${socket.user}/${socket.uid}`));
		// One moment of forked-listener.py, whose client runs as nobody (lsof/SOURCES.md).
		expect(usersOf('lsof/linux-4.95-root-F-pcuLftPTndi-forked.txt')).toEqual(new Set(['root/0', 'nobody/65534']));
		expect(usersOf('lsof/linux-4.95-root-F-pcuftPTn-forked.txt')).toEqual(new Set(['0/0', '65534/65534']));
	});
});

describe('captures that cannot be read say what is wrong with them', () => {
	it.each([
		['lsof/linux-4.95-root-F-pcfn.txt', 'lsof printed neither the t (type) nor the P (protocol) field, so no file can be told to be a socket (socktop reads the f, t, P and n fields): capture with lsof -nP -i -U +E -F pcuLftPTndi (+E on Linux only)'],
		['lsof/linux-4.95-root-F-pcuftTn.txt', 'lsof printed no P (protocol) field, so TCP cannot be told from UDP (socktop reads the f, t, P and n fields): capture with lsof -nP -i -U +E -F pcuLftPTndi (+E on Linux only)'],
		['ss/linux-root-Htnp-state-listening.txt', 'ss printed no State column (it drops it for ss -u alone and for a state filter such as `state listening`); capture with ss -tuanp'],
		['ss/linux-root-Htn-state-established.txt', 'ss printed no State column (it drops it for ss -u alone and for a state filter such as `state listening`); capture with ss -tuanp'],
		['sockstat/cut-short-libxo.json', 'the JSON stops before its end (cut short?): expected the output of sockstat --libxo json'],
	])('%s', (name, problem) => {
		expect(() => importSnapshot(fixture(name), 'capture.txt', ports)).toThrow(new UserError(`cannot read capture.txt: ${problem}`));
	});

	it('an empty file is said to be empty', () => {
		expect(() => importSnapshot('', 'empty.txt')).toThrow(new UserError('cannot read empty.txt: it is empty'));
		expect(() => importSnapshot('\n\n  \n', 'blank.txt')).toThrow(new UserError('cannot read blank.txt: it is empty (nothing but blank lines)'));
	});

	it('netstat -xa (the unix table alone) is recognised and read', () => {
		const snapshot = importSnapshot(fixture('netstat/linux-root-xa.txt'), 'xa.txt');
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(snapshot.sockets).toHaveLength(41);
		expect(snapshot.sockets).toContainEqual(expect.objectContaining({proto: 'stream', path: '/tmp/a1/app.sock', state: 'LISTEN', pid: null}));
	});
});

describe('netstat -o: the Timer column', () => {
	it('is not read as part of the program name, nor as -e columns on a UDP row', () => {
		const {sockets, malformedLines} = parseNetstat(fixture('netstat/linux-root-tunapo.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets).toHaveLength(81);
		expect(new Set(sockets.map(socket => socket.command))).toEqual(new Set(['python3', null]));
		expect(new Set(sockets.map(socket => socket.user))).toEqual(new Set(['?']));
		expect(sockets).toContainEqual(expect.objectContaining({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 18_080, state: 'LISTEN', pid: 6036, command: 'python3'}));
	});
});

describe('lsof -T: the state and queues in parentheses', () => {
	it('reads ST, QR and QS from (LISTEN QR=1 QS=0) and UDP\'s (QR=1664 QS=0)', () => {
		const {sockets, malformedLines} = parseLsofPlain(fixture('lsof/linux-4.95-root-i-Tqs.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.filter(socket => socket.proto.startsWith('tcp') && socket.state === null)).toEqual([]);
		expect(sockets).toContainEqual(expect.objectContaining({proto: 'tcp4', localPort: 5432, state: 'LISTEN', rxQueue: 1, txQueue: 0}));
		expect(sockets).toContainEqual(expect.objectContaining({proto: 'tcp4', localPort: 41_000, foreignPort: 51_068, state: 'ESTABLISHED', rxQueue: 0, txQueue: 0}));
		expect(sockets).toContainEqual(expect.objectContaining({proto: 'udp4', localPort: 5354, state: 'UNCONN', rxQueue: 1664, txQueue: 0}));
	});
});

describe('netstat -c: the table printed again every second', () => {
	const text = fixture('netstat/linux-root-tunapc.txt');

	it('keeps the last table, each socket once', () => {
		const {sockets, malformedLines} = parseNetstat(text);
		expect(malformedLines).toBe(0);
		expect(sockets).toHaveLength(100);
		const keys = sockets.map(socket => `${socket.proto} ${socket.localAddress}:${socket.localPort} ${socket.foreignAddress}:${socket.foreignPort} ${socket.pid}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('keeps the table before when the last one is cut mid-line', () => {
		const cut = text.slice(0, text.lastIndexOf('\n', text.length - 2) - 10);
		const {sockets, malformedLines} = parseNetstat(cut);
		expect(malformedLines).toBe(0);
		expect(sockets).toHaveLength(100);
	});
});

describe('ss: a wildcard bound to a device', () => {
	it('0.0.0.0%lo is the wildcard, as the proc backend shows it', () => {
		const {sockets} = parseSs(fixture('ss/linux-root-tunap-scoped.txt'));
		expect(sockets).toContainEqual(expect.objectContaining({proto: 'tcp4', localAddress: '*', localPort: 46_001, state: 'LISTEN', pid: 26_304}));
		expect(sockets.filter(socket => socket.localAddress?.includes('%') && socket.localAddress.startsWith('0.0.0.0'))).toEqual([]);
	});

	it('so are [::]%eth0 and *%lo, IPv6 both', () => {
		const {sockets} = parseSs('tcp LISTEN 0 128 [::]%eth0:46004 [::]:* users:(("a",pid=1,fd=3))\ntcp LISTEN 0 128 *%lo:46003 *:* users:(("a",pid=1,fd=4))\n');
		expect(sockets.map(socket => [socket.proto, socket.localAddress, socket.localPort])).toEqual([
			['tcp6', '*', 46_004],
			['tcp6', '*', 46_003],
		]);
	});
});

describe('lsof: a command name cut just after a space', () => {
	it('child\\x20 (lsof\'s escape, then its name width) is "child", with no trailing space', () => {
		const {sockets} = parseLsofPlain(fixture('lsof/linux-4.95-root-i-names.txt'), ports);
		const commands = new Set(sockets.map(socket => socket.command));
		expect(commands).toContain('child');
		expect([...commands].filter(command => command !== command?.trim())).toEqual([]);
	});
});

describe('netstat captures: the PID view', () => {
	it('lists the process\'s sockets though netstat gives no fd numbers', async () => {
		const collector = importCollector(fixture('netstat/linux-root-tunapo.txt'), 'tunapo.txt');
		const detail = await collector.process(6036);
		expect(detail.process).toMatchObject({pid: 6036, command: 'python3'});
		expect(detail.fds).toHaveLength(8);
		expect(detail.fds.every(descriptor => descriptor.fd === null && descriptor.socket?.pid === 6036)).toBe(true);
		expect(detail.fds.map(descriptor => fdRow(descriptor, 6036))).toContainEqual(expect.objectContaining({fd: '?', type: 'tcp4', target: '127.0.0.1:18080', state: 'LISTEN'}));
	});

	it('sorts numbered fds first, those without a number after, in the capture\'s order', async () => {
		const capture = 'Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\ntcp LISTEN 0 5 0.0.0.0:9 0.0.0.0:* users:(("a",pid=7,fd=12),("a",pid=7,fd=3))\n';
		const detail = await importCollector(capture, 'ss.txt').process(7);
		expect(detail.fds.map(descriptor => descriptor.fd)).toEqual([3, 12]);
	});
});

describe('ss -i: a line of details under each socket', () => {
	it('is skipped, not counted as a line socktop could not read', () => {
		const snapshot = importSnapshot(fixture('ss/linux-root-tunapi.txt'), 'tunapi.txt');
		expect(snapshot.sockets).toHaveLength(94);
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(droppedLinesNote(snapshot)).toBeNull();
	});
});

describe('--import of lsof captures with ICMP echo (ping) sockets', () => {
	it.each(['lsof/linux-4.95-ping-F0.txt', 'lsof/linux-4.95-ping.txt'])('%s: the icmp rows are ping sockets, nothing unread', name => {
		const snapshot = importSnapshot(fixture(name), name);
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(snapshot.sockets.map(socket => [socket.fd, socket.proto, socket.localPort])).toEqual([
			[3, 'icmp4', 41_451],
			[4, 'icmp4', 0x12_34],
		]);
	});
});
