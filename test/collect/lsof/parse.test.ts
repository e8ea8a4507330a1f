import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Socket} from '../../../source/model/types.js';
import {parseLsofFields} from '../../../source/collect/lsof/fields.js';
import {parseLsofPlain} from '../../../source/collect/lsof/plain.js';
import {parseLsofF} from '../../../source/collect/lsof/sockets.js';
import {resolveUnixPeers} from '../../../source/collect/unix-peers.js';
import {formatForeign} from '../../../source/format/address.js';
import {applyFilters} from '../../../source/model/filter.js';
import {defaultFilters} from '../../../source/options.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');
const brief = (socket: Socket) =>
	[socket.fd, socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort, socket.path, socket.state, socket.inode] as const;
const directory = '/tmp/socktop-backends-6rnc8w0z';

/** What test/helpers/backends-sockets.py opened when the Linux fixtures were captured (lsof 4.95, PID 31219). */
const linuxSockets = [
	[3, 'tcp4', '127.0.0.1', 57977, '*', null, null, 'LISTEN', 716490],
	[4, 'tcp4', '127.0.0.1', 37900, '127.0.0.1', 57977, null, 'ESTABLISHED', 716491],
	[5, 'tcp4', '127.0.0.1', 57977, '127.0.0.1', 37900, null, 'ESTABLISHED', 716492],
	[6, 'tcp6', '::1', 59421, '*', null, null, 'LISTEN', 716493],
	[7, 'tcp4', '127.0.0.1', 54487, '*', null, null, 'LISTEN', 716494],
	[8, 'tcp4', '127.0.0.1', 51076, '127.0.0.1', 54487, null, 'CLOSE_WAIT', 716495],
	[9, 'udp4', '127.0.0.1', 52899, '*', null, null, 'UNCONN', 716497],
	[11, 'udp6', '::1', 39974, '::1', 53, null, 'ESTABLISHED', 716498],
	[12, 'stream', null, null, null, null, `${directory}/stream.sock`, 'LISTEN', 716499],
	[13, 'stream', null, null, null, null, null, 'ESTABLISHED', 716500],
	[14, 'stream', null, null, null, null, `${directory}/stream.sock`, 'ESTABLISHED', 716501],
	[15, 'dgram', null, null, null, null, `${directory}/dgram.sock`, 'UNCONN', 716502],
	[16, 'seqpacket', null, null, null, null, `${directory}/seqpacket.sock`, 'LISTEN', 716503],
	[17, 'stream', null, null, null, null, '@socktop-backends-31219', 'LISTEN', 716504],
];

describe('parseLsofFields', () => {
	it('reads the NUL form and the one-field-per-line form alike', () => {
		const nul = parseLsofFields(fixture('linux-4.95-pid-F0.txt'));
		const lines = parseLsofFields(fixture('linux-4.95-pid-F-lines.txt'));
		expect(nul.malformedLines).toBe(0);
		expect(lines).toEqual(nul);
		expect(nul.processes).toHaveLength(1);
		expect(nul.processes[0]).toMatchObject({pid: 31219, ppid: 31215, command: 'spc in name', uid: 0, login: 'root'});
	});

	it('reads every field letter macOS prints, and counts fields outside any process', () => {
		const chrome = parseLsofFields(fixture('macos-F-chrome.txt'));
		expect(chrome.malformedLines).toBe(0);
		expect(chrome.processes[0]).toMatchObject({pid: 1190, ppid: 644, command: 'Google Chrome Helper', uid: 501, login: 'siky'});
		expect(chrome.processes[0]!.files[0]).toMatchObject({fd: '29', type: 'IPv4', protocol: 'TCP', device: '0xcdf758597a6d43c3', tcp: {ST: 'ESTABLISHED', QR: '0', QS: '0'}});
		expect(parseLsofFields('f3\ntIPv4\npabc\nZ1\n').malformedLines).toBe(4);
	});
});

describe('parseLsofF', () => {
	it('turns a Linux capture into the sockets the helper opened, with inodes and states', () => {
		const {sockets, malformedLines} = parseLsofF(fixture('linux-4.95-pid-F0.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual(linuxSockets);
		expect(sockets[7]).toMatchObject({user: 'root', uid: 0, command: 'spc in name', pid: 31219, rxQueue: 0, txQueue: 0});
		expect(sockets[5]!.rxQueue).toBe(1);
	});

	it('reads macOS output without t, u or L fields', () => {
		const {sockets, malformedLines} = parseLsofF(fixture('macos-F-rapportd.txt'));
		// The capture has 'node' where lsof prints 'cnode': a name field outside a file.
		expect(malformedLines).toBe(1);
		expect(sockets.map(socket => [socket.command, socket.pid, socket.fd, socket.proto, socket.localAddress, socket.localPort, socket.state, socket.user])).toEqual([
			['rapportd', 455, 10, 'tcp4', '*', 49159, 'LISTEN', '?'],
			['rapportd', 455, 11, 'tcp4', '*', 49159, 'LISTEN', '?'],
			['rapportd', 455, 12, 'tcp4', '127.0.0.1', 8080, 'LISTEN', '?'],
			[null, 1978, 23, 'tcp6', '::1', 9229, 'LISTEN', '?'],
			[null, 1978, 24, 'tcp4', '127.0.0.1', 5432, 'ESTABLISHED', '?'],
		]);
	});

	it('counts a socket whose name has host and service names (no -n -P) as not understood without a services table', () => {
		expect(parseLsofF(fixture('macos-F-chrome.txt'))).toEqual({sockets: [], malformedLines: 1, firstMalformed: 'p1190 f29 TCP siky-mac-mini:61472->221.229.52.145:https'});
	});

	it('reads its service name with one, keeping the host name', () => {
		const {sockets, malformedLines} = parseLsofF(fixture('macos-F-chrome.txt'), (name, protocol) => (name === 'https' && protocol === 'tcp' ? 443 : null));
		expect(malformedLines).toBe(0);
		expect(sockets).toEqual([expect.objectContaining({localAddress: 'siky-mac-mini', localPort: 61_472, foreignAddress: '221.229.52.145', foreignPort: 443})]);
	});

	it('reads macOS unix names: a path, or ->0x the peer', () => {
		const {sockets} = parseLsofF('p1\ncmDNSResponder\nu65\nL_mdnsresponder\nf3\ntunix\nd0xa1\nn/var/run/mDNSResponder\nf4\ntunix\nd0xa2\nn->0xa3\n');
		expect(sockets.map(socket => [socket.proto, socket.path, socket.state, socket.inode, socket.user])).toEqual([
			['stream', '/var/run/mDNSResponder', null, null, '_mdnsresponder'],
			['stream', null, 'ESTABLISHED', null, '_mdnsresponder'],
		]);
	});

	it('reads macOS\'s ->(none) and no address as no peer and no path (darwin dsock.c)', () => {
		// Constructed from dsock.c's formats, not captured (SOURCES.md).
		const {sockets, malformedLines} = parseLsofF(fixture('macos-F0-unix-names-constructed.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => [socket.fd, socket.path, socket.state, formatForeign(socket)])).toEqual([
			[3, '/private/tmp/com.apple.launchd.x/Listeners', null, '(not connected)'],
			[4, null, null, '(not connected)'],
			[5, null, null, '(not connected)'],
			[6, null, 'ESTABLISHED', '-> ?'],
		]);
		// -c counts only the one with a peer; -l the bound one.
		expect(applyFilters(sockets, {...defaultFilters, connected: true}).map(socket => socket.fd)).toEqual([6]);
		expect(applyFilters(sockets, {...defaultFilters, listening: true}).map(socket => socket.fd)).toEqual([3]);
	});

	it('reads +E peer inodes of Linux unix sockets', () => {
		const {sockets} = parseLsofF('p8769\0cnode\0\nf24\0tunix\0i59376\0ntype=STREAM ->INO=59378 8769,node,26u\0TST=CONNECTED\0\n');
		expect(sockets[0]).toMatchObject({proto: 'stream', path: null, peerInode: 59378, inode: 59376, state: 'ESTABLISHED'});
	});

	it('reads a Linux unix socket\'s type and peer after its path, which may hold the same words', () => {
		// SOURCES.md: unix-path-words.py (PID 20841); the proc backend showed fd 3 and 5 bound at a->INO=1, 6 at btype=DGRAM,
		// all stream sockets, 4 and 5 each other's peers (inodes 34753816 and 34753817), 3 and 6 listening without one.
		const {sockets, malformedLines} = parseLsofF(fixture('linux-4.95-unix-path-words-pid-E-F0.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => [socket.fd, socket.proto, socket.path, socket.peerInode, socket.state])).toEqual([
			[3, 'stream', '/tmp/ux2/a->INO=1', null, 'LISTEN'],
			[4, 'stream', null, 34_753_817, 'ESTABLISHED'],
			[5, 'stream', '/tmp/ux2/a->INO=1', 34_753_816, 'ESTABLISHED'],
			[6, 'stream', '/tmp/ux2/btype=DGRAM', null, 'LISTEN'],
		]);
	});
});

/**
 * test/fixtures/lsof/unix-dgram-servers.py in /tmp/dgram, captured as the backend runs lsof
 * (see SOURCES.md). The proc backend showed, on the same machine at the same time: the servers
 * log.sock, solo.sock, duo.sock and lone.sock `(not connected)` UNCONN; each client `-> ` its
 * server's path; the stream client `-> /tmp/dgram/app.sock`.
 */
describe('unix datagram servers in lsof +E output (a captured /dev/log-like server)', () => {
	const {sockets, malformedLines} = parseLsofF(fixture('linux-4.95-unix-dgram-servers-F0.txt'));
	const row = (fd: number, pid: number) => {
		const socket = sockets.find(candidate => candidate.fd === fd && candidate.pid === pid);
		return socket === undefined ? null : [socket.path, socket.peerInode, socket.peerPath, socket.state, formatForeign(socket)];
	};

	it('shows a bound datagram socket that clients are connected to as not connected, as the proc backend does', () => {
		expect(malformedLines).toBe(0);
		// lsof prints `->INO=22027007` (the bound client c2.sock) for log.sock, which two clients are connected to.
		expect(row(3, 3112)).toEqual(['/tmp/dgram/log.sock', null, null, 'UNCONN', '(not connected)']);
		// solo.sock has one client, unbound: it cannot be the server's peer (nothing can connect to an unbound socket).
		expect(row(4, 3112)).toEqual(['/tmp/dgram/solo.sock', null, null, 'UNCONN', '(not connected)']);
		// lone.sock has no client: lsof says UNCONNECTED itself.
		expect(row(6, 3112)).toEqual(['/tmp/dgram/lone.sock', null, null, 'UNCONN', '(not connected)']);
	});

	it('names each peer by its bound path, as the proc backend does', () => {
		expect(row(3, 3170)).toEqual([null, 22_027_000, '/tmp/dgram/log.sock', 'ESTABLISHED', '-> /tmp/dgram/log.sock']);
		expect(row(4, 3170)).toEqual(['/tmp/dgram/c2.sock', 22_027_000, '/tmp/dgram/log.sock', 'ESTABLISHED', '-> /tmp/dgram/log.sock']);
		expect(row(5, 3170)).toEqual([null, 22_027_001, '/tmp/dgram/solo.sock', 'ESTABLISHED', '-> /tmp/dgram/solo.sock']);
		// A stream client's peer is the accepted socket, which carries the listener's path.
		expect(row(7, 3170)).toEqual([null, 22_027_013, '/tmp/dgram/app.sock', 'ESTABLISHED', '-> /tmp/dgram/app.sock']);
		expect(row(9, 3112)).toEqual(['/tmp/dgram/app.sock', 22_027_010, null, 'ESTABLISHED', '-> socket:[22027010]']);
		// An unbound socketpair: each end names the other by inode.
		expect(row(8, 3170)).toEqual([null, 22_027_012, null, 'ESTABLISHED', '-> socket:[22027012]']);
		expect(row(11, 3170)).toEqual([null, 22_027_011, null, 'ESTABLISHED', '-> socket:[22027011]']);
	});

	it('leaves a bound server with its one bound client as two connected sockets: lsof prints nothing that tells them apart', () => {
		// The proc backend says duo.sock is not connected; by lsof's output alone it could have connect()ed back.
		expect(row(5, 3112)).toEqual(['/tmp/dgram/duo.sock', 22_027_009, '/tmp/dgram/duoc.sock', 'ESTABLISHED', '-> /tmp/dgram/duoc.sock']);
		expect(row(6, 3170)).toEqual(['/tmp/dgram/duoc.sock', 22_027_002, '/tmp/dgram/duo.sock', 'ESTABLISHED', '-> /tmp/dgram/duo.sock']);
	});

	it('lists the servers under -l, as sockstat -l and the proc backend do', () => {
		const listening = applyFilters(sockets, {...defaultFilters, listening: true});
		expect(listening.map(socket => socket.path)).toEqual(['/tmp/dgram/log.sock', '/tmp/dgram/solo.sock', '/tmp/dgram/lone.sock', '/tmp/dgram/app.sock']);
	});

	it('counts a socket held by several processes once when telling a server from a connected socket', () => {
		// A forked server: log.sock held twice, named by one unbound client.
		const server = {...sockets.find(socket => socket.inode === 22_027_000)!, peerInode: 22_027_006, peerPath: null, state: 'ESTABLISHED' as const};
		const client = sockets.find(socket => socket.inode === 22_027_006)!;
		const resolved = resolveUnixPeers([server, {...server, pid: 4000}, client]);
		expect(resolved.map(socket => [socket.pid, socket.peerInode, socket.state])).toEqual([
			[3112, null, 'UNCONN'],
			[4000, null, 'UNCONN'],
			[3170, 22_027_000, 'ESTABLISHED'],
		]);
	});
});

describe('parseLsofPlain', () => {
	it('reads the Linux table captured with the -F fixtures to the same sockets', () => {
		const {sockets, malformedLines} = parseLsofPlain(fixture('linux-4.95-i-n-P.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual(linuxSockets);
		// lsof prints spaces in COMMAND as \x20.
		expect(sockets.every(socket => socket.command === 'spc in name' && socket.user === 'root')).toBe(true);
	});

	it('reads stem\'s Linux and IPv6 captures', () => {
		const linux = parseLsofPlain(fixture('stem-linux-i.txt'));
		expect(linux.malformedLines).toBe(0);
		expect(linux.sockets.map(socket => [socket.command, socket.pid, socket.fd, socket.proto, socket.localPort, socket.foreignAddress, socket.foreignPort, socket.state, socket.inode])).toEqual([
			['ubuntu-ge', 2164, 11, 'tcp4', 55395, '21.89.91.78', 80, 'CLOSE_WAIT', 13593],
			['tor', 15843, 6, 'tcp4', 9050, '*', null, 'LISTEN', 34164278],
			['tor', 15843, 7, 'tcp4', 9051, '*', null, 'LISTEN', 34164279],
			['tor', 15843, 9, 'tcp4', 44415, '38.229.79.2', 443, 'ESTABLISHED', 34188132],
			['tor', 15843, 10, 'tcp4', 44092, '68.169.35.102', 443, 'ESTABLISHED', 34165291],
			['python', 16422, 3, 'udp4', 39624, '127.0.0.1', 53, 'ESTABLISHED', 34203773],
			['firefox', 20586, 66, 'tcp4', 47486, '62.135.16.134', 443, 'ESTABLISHED', 5765353],
			['firefox', 20586, 71, 'tcp4', 43762, '182.3.10.42', 443, 'CLOSE_WAIT', 13094989],
		]);
		const ipv6 = parseLsofPlain(fixture('stem-linux-ipv6.txt'));
		expect(ipv6.sockets.map(socket => [socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort, socket.state])).toEqual([
			['udp6', '::1', 123, '*', null, 'UNCONN'],
			['udp6', '2a01:4f8:190:514a::2', 123, '*', null, 'UNCONN'],
			['udp6', 'fe80::3285:a9ff:feed:1cb', 123, '*', null, 'UNCONN'],
			['tcp6', '2a01:4f8:190:514a::2', 443, '*', null, 'LISTEN'],
			['tcp6', '2a01:4f8:190:514a::2', 443, '2001:858:2:2:aabb:0:563b:1526', 44811, 'ESTABLISHED'],
		]);
		expect(ipv6.sockets[4]!.fd).toBe(3228);
	});

	it('reads macOS rows without a header, a state or a decimal device', () => {
		const macos = parseLsofPlain(fixture('stem-macos-no-header.txt'));
		expect(macos.malformedLines).toBe(0);
		expect(macos.sockets).toHaveLength(10);
		expect(macos.sockets.every(socket => socket.inode === null && socket.user === 'atagar')).toBe(true);
		expect(macos.sockets[3]).toMatchObject({proto: 'udp6', localAddress: '*', localPort: 48718, state: 'UNCONN'});
		const bandwhich = parseLsofPlain(fixture('bandwhich-macos.txt'));
		expect(bandwhich.malformedLines).toBe(0);
		expect(bandwhich.sockets[3]).toMatchObject({fd: 204, state: null, foreignPort: 443});
		expect(bandwhich.sockets[4]).toMatchObject({proto: 'udp6', localAddress: 'fe80:4::aede:48ff:fe00:1122', localPort: 1111, foreignPort: 2222, state: 'ESTABLISHED'});
	});

	it('skips other file types and counts broken socket rows', () => {
		const {sockets, malformedLines} = parseLsofPlain(
			'COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n' +
				'node 5689 root cwd DIR 254,0 4096 260072 /tmp\n' +
				'node 5689 root 3u IPv4 8351 0t0 TCP 127.0.0.1:99999 (LISTEN)\n' +
				'node 5689 root 4u IPv4 8352 0t0 TCP\n' +
				'lsof: WARNING: can\'t stat() fuse.gvfsd-fuse file system /run/user/1000/gvfs\n',
		);
		expect(sockets).toEqual([]);
		expect(malformedLines).toBe(3);
	});
});

describe('lsof listing every task (thread) of a process', () => {
	// test/fixtures/lsof/threaded-server.py, PID 32718, its main thread and three more.
	const threadedSockets = [
		[3, 'tcp4', '127.0.0.1', 8799, '*', null, null, 'LISTEN', 18360619],
		[4, 'stream', null, null, null, null, '@socktop-threaded', 'LISTEN', 18360620],
	];

	it.each([
		['linux-4.95-threads-K-F0.txt', parseLsofF],
		['linux-4.95-threads-K-F.txt', parseLsofF],
		['linux-4.95-threads-K.txt', parseLsofPlain],
	])('%s: one row per fd, not one per task', (name, parse) => {
		const text = fixture(name);
		// The capture names the listener four times: for the process and for each thread.
		expect(text.match(/127\.0\.0\.1:8799/g)).toHaveLength(4);
		const {sockets, malformedLines} = parse(text);
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => brief(socket))).toEqual(threadedSockets);
	});
});

describe('IPv6 sockets on IPv4-mapped addresses', () => {
	it('gives their addresses as /proc does (::ffff:127.0.0.1), not as lsof prints them', () => {
		// test/fixtures/lsof/mapped-and-raw.py: a dual-stack listener and a connection to it over ::ffff:127.0.0.1.
		const {sockets} = parseLsofF(fixture('linux-4.95-mapped-raw-F0.txt'));
		expect(sockets.filter(socket => socket.proto === 'tcp6').map(socket => brief(socket))).toEqual([
			[3, 'tcp6', '*', 8798, '*', null, null, 'LISTEN', 18632400],
			[4, 'tcp6', '::ffff:127.0.0.1', 33698, '::ffff:127.0.0.1', 8798, null, 'ESTABLISHED', 18632401],
			[5, 'tcp6', '::ffff:127.0.0.1', 8798, '::ffff:127.0.0.1', 33698, null, 'ESTABLISHED', 18632402],
		]);
	});
});

describe('raw sockets', () => {
	it('reads TYPE raw and raw6 from /proc/net/raw[6]\'s hex NAME, as the proc backend lists them', () => {
		// mapped-and-raw.py's fd 6 (ICMP) and 7 (ICMPv6); the proc backend showed `raw4 *:1 *:* UNCONN`, `raw6 *:58 *:* UNCONN`.
		const {sockets, malformedLines} = parseLsofF(fixture('linux-4.95-mapped-raw-F0.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.filter(socket => socket.proto.startsWith('raw')).map(socket => brief(socket))).toEqual([
			[6, 'raw4', '*', 1, '*', null, null, 'UNCONN', 18632403],
			[7, 'raw6', '*', 58, '*', null, null, 'UNCONN', 18632404],
		]);
	});

	it('reads a connected one and counts a NAME it cannot read', () => {
		const record = (name: string) => `p7\0cping\0u0\0\nf3\0au\0traw\0i99\0n${name}\0\n`;
		const [connected] = parseLsofF(record('0100007F:00FD->0100007F:0000 st=01')).sockets;
		expect(connected).toMatchObject({proto: 'raw4', localAddress: '127.0.0.1', localPort: 253, foreignAddress: '127.0.0.1', foreignPort: null, state: 'ESTABLISHED', inode: 99});
		expect(parseLsofF(record('raw socket'))).toMatchObject({sockets: [], malformedLines: 1});
	});
});

describe('lsof -F damage found by the property test', () => {
	it('counts a p0 record as malformed instead of making a process of PID 0', () => {
		// The counterexample fast-check found (seed -615766847): a real capture's 'p1' cut to 'p0'.
		const text = 'p0\u0000R0\u0000cprocess_api\u0000u0\u0000Lroot\u0000\nfcwd\u0000a \u0000tunknown\u0000n/proc/1/cwd (readlink: Permission denied)\u0000\n';
		const fields = parseLsofFields(text);
		expect(fields.processes).toEqual([]);
		expect(fields.malformedLines).toBeGreaterThan(0);
	});
});

describe('ICMP echo (ping) sockets', () => {
	// test/fixtures/lsof/ping-sockets.py, which printed `3 41451 4 5 6 41452` (fd 3 sent, identifier
	// 41451; fd 4 bound to 127.0.0.1 id 0x1234 and connected; fd 5 never bound; fd 6 ICMPv6).
	const pings = [
		[3, 'icmp4', '*', 41_451, '*', null, null, 'UNCONN', 28_661_654],
		[4, 'icmp4', '127.0.0.1', 0x12_34, '127.0.0.1', null, null, 'ESTABLISHED', 28_661_655],
	];

	it('reads Linux lsof\'s icmp rows, hex NAME and all, from -F and from the table', () => {
		for (const result of [parseLsofF(fixture('linux-4.95-ping-F0.txt')), parseLsofPlain(fixture('linux-4.95-ping.txt'))]) {
			expect(result.malformedLines).toBe(0);
			expect(result.sockets.map(socket => brief(socket))).toEqual(pings);
			expect(result.sockets[0]).toMatchObject({command: 'python3', pid: 4525, user: 'root'});
		}
	});

	it('counts an icmp row whose NAME is not /proc\'s hex as unread', () => {
		const text = 'p7\u0000cping\u0000u0\u0000\nf3\u0000ticmp\u0000i9\u0000n*:41451\u0000\n';
		expect(parseLsofF(text)).toMatchObject({sockets: [], malformedLines: 1});
	});
});

describe('unix listeners', () => {
	it('gives a unix listener no peer, and the client +E names at it the listener\'s path, as the proc backend does', () => {
		// SOURCES.md: unix-backlog.py (listener 20438, clients in 20480: fds 4 and 5 accepted, 6 waiting in the
		// queue). lsof puts the waiting client's inode on the listener (`->INO=47400533 20480,,6u`) and none on
		// the client; the proc backend showed fd 3 LISTEN with no peer and every client `-> /tmp/x/backlog.sock`.
		const {sockets} = parseLsofF(fixture('linux-4.95-unix-backlog-E-F0.txt'));
		expect(sockets.map(socket => [socket.pid, socket.fd, socket.state, socket.peerInode, formatForeign(socket), socket.isAwaitingAccept])).toEqual([
			[20_438, 3, 'LISTEN', null, '-', undefined],
			[20_438, 4, 'ESTABLISHED', 47_400_531, '-> socket:[47400531]', undefined],
			[20_438, 5, 'ESTABLISHED', 47_400_532, '-> socket:[47400532]', undefined],
			[20_480, 3, 'LISTEN', null, '-', undefined],
			[20_480, 4, 'ESTABLISHED', 47_400_534, '-> /tmp/x/backlog.sock', undefined],
			[20_480, 5, 'ESTABLISHED', 47_400_535, '-> /tmp/x/backlog.sock', undefined],
			[20_480, 6, 'ESTABLISHED', null, '-> /tmp/x/backlog.sock', true],
		]);
	});

	it('reads the text form with +E (lsof -nP -i -U +E) as the field form: a named peer by its path, a datagram server not connected', () => {
		const {sockets, malformedLines} = parseLsofPlain(fixture('linux-4.95-uat-iU-E.txt'));
		expect(malformedLines).toBe(0);
		const cells = (fd: number) => {
			const socket = sockets.find(each => each.fd === fd)!;
			return [socket.proto, socket.path, formatForeign(socket), socket.state];
		};

		// Was `-> python3[25767]` ESTABLISHED for both, though a client's only name of its service is the path.
		expect(cells(19)).toEqual(['stream', null, '-> /tmp/uatlsof/srv18400.sock', 'ESTABLISHED']);
		expect(cells(21)).toEqual(['dgram', '/tmp/uatlsof/dg18400.sock', '(not connected)', 'UNCONN']);
		expect(cells(22)).toEqual(['dgram', null, '-> /tmp/uatlsof/dg18400.sock', 'ESTABLISHED']);
		// An accepted end's peer has no name: its inode here, which the table names by its holder.
		expect(cells(20)).toEqual(['stream', '/tmp/uatlsof/srv18400.sock', '-> socket:[20228129]', 'ESTABLISHED']);
	});

	it('reports a field capture cut short (no last newline), as a text capture\'s cut line is, and does not read its last file', () => {
		const text = fixture('uat-F-cut-3000.txt');
		const {sockets, malformedLines, firstMalformed} = parseLsofF(text);
		expect(malformedLines).toBe(1);
		expect(firstMalformed).toMatch(/ \(cut short at 'n127\.0\.0\.1:53708->127\.0\.0\.1:18'\)$/);
		// The cut connection would read as one to port 18: it is left out.
		expect(sockets.some(socket => socket.foreignPort === 18)).toBe(false);
		// The same capture whole up to that file reads with nothing to say.
		expect(parseLsofF(`${text.slice(0, text.lastIndexOf('\nf'))}\n`).malformedLines).toBe(0);
	});
});
