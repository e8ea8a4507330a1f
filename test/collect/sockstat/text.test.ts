import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Socket} from '../../../source/model/types.js';
import {parseSockstatText} from '../../../source/collect/sockstat/text.js';
import {foreignWidth, formatForeign, formatLocal} from '../../../source/format/address.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sockstat/${name}`, import.meta.url), 'utf8');

/** The columns sockstat prints, in its order, for exact comparisons. */
const row = (socket: Socket) =>
	[
		socket.user,
		socket.command,
		socket.pid,
		socket.fd,
		socket.proto,
		socket.localAddress,
		socket.localPort,
		socket.foreignAddress,
		socket.foreignPort,
	] as const;

describe('parseSockstatText on the 2001 article (spaces collapsed)', () => {
	const {sockets, malformedLines} = parseSockstatText(fixture('article-2001.txt'));

	it('keeps all 20 rows with users, commands, PIDs, FDs, protocols and addresses as printed', () => {
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => row(socket))).toEqual([
			['tty', 'comsat', 8372, 0, 'udp4', '*', 512, '*', null],
			['tty', 'comsat', 8372, 1, 'udp4', '*', 512, '*', null],
			['tty', 'comsat', 8372, 2, 'udp4', '*', 512, '*', null],
			['genisis', 'navigato', 3758, 20, 'tcp4', '24.141.117.39', 4472, '209.225.2.218', 80],
			['genisis', 'navigato', 3758, 30, 'tcp4', '24.141.117.39', 4469, '208.201.239.36', 80],
			['root', 'XF86_SVG', 3752, 0, 'tcp4', '*', 6000, '*', null],
			['root', 'sshd', 185, 4, 'tcp4', '*', 22, '*', null],
			['root', 'sendmail', 181, 4, 'tcp4', '*', 25, '*', null],
			['root', 'sendmail', 181, 5, 'tcp4', '*', 587, '*', null],
			['root', 'lpd', 177, 6, 'tcp4', '*', 515, '*', null],
			['root', 'inetd', 172, 4, 'tcp4', '*', 21, '*', null],
			['root', 'inetd', 172, 5, 'tcp4', '*', 23, '*', null],
			['root', 'inetd', 172, 6, 'udp4', '*', 512, '*', null],
			['root', 'inetd', 172, 7, 'udp4', '*', 518, '*', null],
			['root', 'inetd', 172, 8, 'udp4', '*', 69, '*', null],
			['daemon', 'portmap', 152, 3, 'udp4', '*', 111, '*', null],
			['daemon', 'portmap', 152, 4, 'tcp4', '*', 111, '*', null],
			['root', 'syslogd', 149, 4, 'udp4', '*', 514, '*', null],
			['root', 'dhclient', 125, 3, 'udp4', '*', null, '*', null],
			['root', 'dhclient', 125, 6, 'udp4', '*', 68, '*', null],
		]);
	});

	it('reports no TCP state (sockstat without -s has none) and UDP as unconnected', () => {
		expect(sockets.filter(socket => socket.proto === 'tcp4').every(socket => socket.state === null)).toBe(true);
		expect(sockets.filter(socket => socket.proto === 'udp4').every(socket => socket.state === 'UNCONN')).toBe(true);
	});
});

describe('parseSockstatText on aligned FreeBSD captures', () => {
	it('reads -s STATE, unix peers, -> ?? and seqpac (FreeBSD smoke tests)', () => {
		const {sockets, malformedLines} = parseSockstatText(fixture('freebsd-smoke-s.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets).toHaveLength(24);
		const byFd = (pid: number, fd: number) => sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
		expect(byFd(60028, 3)).toMatchObject({proto: 'tcp4', localAddress: '10.0.2.15', localPort: 22, foreignAddress: '10.0.2.2', foreignPort: 44246, state: 'ESTABLISHED', user: 'zeebsd'});
		expect(byFd(705, 3)).toMatchObject({proto: 'tcp6', localAddress: '*', localPort: 22, state: 'LISTEN'});
		expect(byFd(60028, 4)).toMatchObject({proto: 'stream', path: null, peerPath: null, state: 'ESTABLISHED'});
		expect(byFd(60028, 5)).toMatchObject({proto: 'dgram', path: null, peerPath: '/var/run/log'});
		expect(byFd(60021, 4)).toMatchObject({command: 'ssh-agent', proto: 'stream', path: '/tmp/ssh-jArCznbJo6n9/agent.60019', peerPath: null, state: null});
		expect(byFd(405, 5)).toMatchObject({proto: 'seqpacket', path: '/var/run/devd.seqpacket.pipe'});
		expect(byFd(572, 6)).toMatchObject({proto: 'udp6', localPort: 514, state: 'UNCONN'});
	});

	it("reads '(not connected)' and counts shell prompt lines as not understood", () => {
		const {sockets, malformedLines} = parseSockstatText(fixture('blog-ns1-u.txt'));
		expect(malformedLines).toBe(2);
		expect(sockets).toHaveLength(21);
		expect(sockets.find(socket => socket.pid === 45933 && socket.fd === 8)).toMatchObject({proto: 'stream', path: null, peerPath: null, state: null});
		expect(sockets.find(socket => socket.pid === 542 && socket.fd === 6)?.path).toBe('/var/run/openldap/ldapi');
		expect(sockets.find(socket => socket.command === 'tor')?.user).toBe('_tor');
	});

	it('reads a capture without the header line', () => {
		const {sockets, malformedLines} = parseSockstatText(fixture('stem-bsd-no-header.txt'));
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => socket.fd)).toEqual([7, 8, 9, 12, 15, 19, 20, 22]);
		expect(sockets[1]).toMatchObject({proto: 'udp4', localAddress: '172.27.72.202', localPort: 53});
	});
});

describe('parseSockstatText on pre-FreeBSD-8 glued columns (perkeep capture)', () => {
	const {sockets, malformedLines} = parseSockstatText(fixture('perkeep-ident-test-Ptcp.txt'));

	it('reads every row; only the shell command line is not a row', () => {
		expect(malformedLines).toBe(1);
		expect(sockets).toHaveLength(31);
	});

	it('splits a PID glued to a 10-character COMMAND', () => {
		expect(sockets.slice(0, 2).map(socket => row(socket))).toEqual([
			['really-long-user', 'spc in nam', 63210, 3, 'tcp4', '*', 9000, '*', null],
			['really-long-user', 'spc in nam', 63210, 4, 'tcp4', '192.168.123.5', 9000, '192.168.123.21', 49866],
		]);
		expect(row(sockets[5]!)).toEqual(['really-long-user', 'really-lon', 62928, 4, 'tcp4', '192.168.123.5', 8000, '192.168.123.21', 49826]);
	});

	it("reads 'tcp4 6' as one dual-stack socket", () => {
		expect(row(sockets[10]!)).toEqual(['camlistore', 'camlistore', 10941, 7, 'tcp6', '*', 3179, '*', null]);
		// It takes IPv4 too: not IPv6-only.
		expect(sockets[10]!.isV6Only).toBe(false);
	});

	it("shows '?' holders as unknown", () => {
		expect(sockets.slice(-2).map(socket => row(socket))).toEqual([
			['?', null, null, null, 'tcp4', '*', 895, '*', null],
			['?', null, null, null, 'tcp6', '*', 777, '*', null],
		]);
	});
});

describe('parseSockstatText on FreeBSD 15 text rows (built from main.c format strings; no public capture)', () => {
	const header =
		'USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS       PATH STATE CONN STATE \n';

	it('reads PATH STATE/CONN STATE, ?? locals, <- holder lists and IPv6 without brackets', () => {
		const {sockets, malformedLines} = parseSockstatText(
			header +
				'root     sshd       705   3  tcp6   *:22                  *:*                   ??         LISTEN     \n' +
				'root     ntpd       610   21 udp6   fe80::1%lo0:123       *:*                   ??         ??         \n' +
				'root     syslogd    572   4  dgram  /var/run/log           <- [405 7],[705 5]   ??         ??         \n' +
				'root     devd       405   7  dgram  ??                    -> /var/run/logpriv   ??         ??         \n' +
				'root     sshd       922   8  stream (not connected)       ??                    ??         ??         \n' +
				'??       ??         ??    ??  stream /var/run/devd.pipe    -> [1 2]              ??         ??         \n',
		);
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => [socket.proto, socket.localAddress, socket.localPort, socket.path, socket.peerPath, socket.state])).toEqual([
			['tcp6', '*', 22, null, null, 'LISTEN'],
			['udp6', 'fe80::1%lo0', 123, null, null, 'UNCONN'],
			['dgram', null, null, '/var/run/log', null, null],
			['dgram', null, null, null, '/var/run/logpriv', 'ESTABLISHED'],
			['stream', null, null, null, null, null],
			['stream', null, null, '/var/run/devd.pipe', null, 'ESTABLISHED'],
		]);
		expect(sockets[5]).toMatchObject({user: '?', command: null, pid: null, fd: null});
		// tcp6 alone does not say whether the listener is IPv6-only.
		expect(sockets[0]!.isV6Only).toBeUndefined();
	});

	it('reads a tcp46 listener as dual-stack: not IPv6-only', () => {
		const {sockets} = parseSockstatText(`${header}root     nginx      812   6  tcp46  *:80                  *:*                   ??         LISTEN     \n`);
		expect(sockets[0]).toMatchObject({proto: 'tcp6', localPort: 80, state: 'LISTEN', isV6Only: false});
	});
});

describe('parseSockstatText on unix peers named by holder, -> [pid fd] (main.c format_unix_faddr; constructed, no public capture)', () => {
	const {sockets, malformedLines} = parseSockstatText(fixture('freebsd15-unix-peers-constructed.txt'));
	const cells = sockets.map(socket => [socket.command, socket.fd, formatLocal(socket), formatForeign(socket)]);

	it('names the peer by the process of the same output that holds that PID, as the Linux backend does, else writes [pid fd] as sockstat does', () => {
		expect(malformedLines).toBe(0);
		expect(cells).toEqual([
			// The server's end of a connection accepted on app.sock: its client, python3.11[1204] fd 3.
			['sshd', 8, '/var/run/app.sock', '-> python3.11[1204]'],
			['python3.11', 3, '-', '-> /var/run/app.sock'],
			['python3.11', 4, '-', '-> /var/run/log'],
			// A socketpair within one process: each end names the process itself.
			['python3.11', 5, '-', '-> python3.11[1204]'],
			['python3.11', 6, '-', '-> python3.11[1204]'],
			// PID 4242 holds no row here (it exited meanwhile, or sockstat -j left it out): sockstat's own words.
			['Xorg', 9, '/tmp/.X11-unix/X0', '-> [4242 7]'],
			// sockstat could not find the peer: connected, to an end nobody can name.
			['sshd', 9, '-', '-> ?'],
			// Who connected to a datagram socket is theirs to say (their rows point here); this one has no one peer.
			['syslogd', 4, '/var/run/log', '(not connected)'],
		]);
		expect(sockets.filter(socket => socket.peerHolder !== undefined).map(socket => socket.state)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED']);
	});

	it('measures each FOREIGN cell as it is written, so the column fits it', () => {
		for (const socket of sockets) expect(foreignWidth(socket)).toBe(formatForeign(socket).length);
	});
});

describe('parseSockstatText: protocol words of main.c (protoname, then 4, 6 or both)', () => {
	it('reads toe (a TCP connection offloaded to the NIC) as TCP, and counts div (divert) and sctp as protocols the model has no name for', () => {
		const {sockets, malformedLines} = parseSockstatText(
			'USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n' +
				'www      nginx      812   9  toe4   10.0.0.2:443          10.0.0.9:51000       \n' +
				'www      nginx      812   10 toe46  *:8443                *:*                  \n' +
				'root     natd       410   3  div4   *:8668                *:*                  \n' +
				'root     sshd       705   3  sctp4  *:22                  *:*                  \n',
		);
		expect(sockets.map(socket => [socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort])).toEqual([
			['tcp4', '10.0.0.2', 443, '10.0.0.9', 51_000],
			['tcp6', '*', 8443, '*', null],
		]);
		expect(malformedLines).toBe(2);
	});
	it('reads no raw4 row: gather_inet() never names a socket raw, so a line that does is no sockstat row', () => {
		const {sockets, malformedLines} = parseSockstatText(
			'USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n' +
				'root     sshd       705   4  tcp4   *:22                  *:*                  \n' +
				'root     ping       901   3  raw4   *:*                   *:*                  \n',
		);
		expect(sockets.map(socket => socket.proto)).toEqual(['tcp4']);
		expect(malformedLines).toBe(1);
	});
});

describe('parseSockstatText on bad input', () => {
	it('counts garbage, unknown protocols and cut lines, and never throws', () => {
		const {sockets, malformedLines} = parseSockstatText(
			'root sshd 1 3 sctp4 *:22 *:*\n' + // a real protocol the model has no name for
				'root sshd 1 3 tcp4 *:99999 *:*\n' + // no such port
				'root     sshd       705   4  tc\n' + // cut mid-row
				'\u001b]0;title\u0007 x y z\n' +
				'root sshd 1 3 tcp4 1.2.3.4:22 5.6.7.8:4000\n',
		);
		expect(malformedLines).toBe(4);
		expect(sockets).toHaveLength(1);
	});

	it('keeps a row whose foreign address was cut off, with the foreign side unknown', () => {
		// FreeNAS sockstat output quoted with its last address cut (public GitHub Go source).
		const {sockets, malformedLines} = parseSockstatText('?        ?          ?     ?  tcp4   10.234.6.111:2049     10.234.6.');
		expect(malformedLines).toBe(0);
		expect(sockets.map(socket => row(socket))).toEqual([['?', null, null, null, 'tcp4', '10.234.6.111', 2049, null, null]]);
	});

	it('reads an address column of ?? as no address, and one that is no address at all as a row not read', () => {
		const {sockets, malformedLines} = parseSockstatText(
			'root     app        900   5  tcp4   ??                    ??                   \n' +
				'root     app        900   6  tcp4   10.0.0.1:22           ??                   \n' +
				'root     app        900   7  tcp4   nowhere               10.0.0.9:4000        \n',
		);
		expect(sockets.map(socket => row(socket).slice(4))).toEqual([
			['tcp4', null, null, null, null],
			['tcp4', '10.0.0.1', 22, null, null],
		]);
		expect(malformedLines).toBe(1);
	});

	it('counts a row short of an address column as not read (a cut line), not as ?:* cells', () => {
		const {sockets, malformedLines, firstMalformed} = parseSockstatText(readFileSync(new URL('../../fixtures/sockstat/uat-missing-columns.txt', import.meta.url), 'utf8'));
		expect(sockets.map(socket => [socket.pid, socket.localPort, socket.foreignAddress])).toEqual([[815, 22, '*']]);
		expect(malformedLines).toBe(2);
		expect(firstMalformed).toContain('45933');
	});
});
