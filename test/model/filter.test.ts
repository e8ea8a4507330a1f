import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseSockstatText} from '../../source/collect/sockstat/text.js';
import {applyFilters, hasLoopbackEnd, isConnected, isListening, parsePortRange, parsePorts, parseProtocols} from '../../source/model/filter.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {UserError} from '../../source/collect/collector.js';
import {makeSocket, sampleSockets} from '../format/sockets.js';

const inodes = (filters: Partial<Filters>) =>
	applyFilters(sampleSockets, {...defaultFilters, ...filters}).map(socket => socket.inode);

describe('parsePorts', () => {
	it('reads single ports and ranges', () => {
		expect(parsePorts('22,80,8000-8100')).toEqual([
			[22, 22],
			[80, 80],
			[8000, 8100],
		]);
		expect(parsePorts(' 443 , 1-1 ')).toEqual([
			[443, 443],
			[1, 1],
		]);
	});

	it('takes a port written as lsof -i and ss write it, after a colon', () => {
		expect(parsePorts(':5432')).toEqual([[5432, 5432]]);
		expect(parsePorts('22, :8000-8100')).toEqual([
			[22, 22],
			[8000, 8100],
		]);
		// A colon alone, or an address before it, is still no port.
		expect(() => parsePorts(':')).toThrow("-p: ':' is not a port number (1-65535)");
		expect(() => parsePorts('::5432')).toThrow("-p: '::5432' is not a port number (1-65535)");
		expect(() => parsePorts('127.0.0.1:5432')).toThrow("-p: '127.0.0.1:5432' is not a port number (1-65535)");
		// A mistake after the colon is told in the words typed, colon and all.
		expect(() => parsePorts(':5432-')).toThrow("-p: ':5432-' is not a port range (LOW-HIGH)");
		expect(() => parsePorts('22, :22-:80')).toThrow("-p: ':22-:80' is not a port range (LOW-HIGH)");
		expect(() => parsePorts(':5432x')).toThrow("-p: ':5432x' is not a port number (1-65535)");
	});

	it.each([
		['abc', "-p: 'abc' is not a port number (1-65535)"],
		['70000', '-p: port 70000 is out of range (1-65535)'],
		['0', '-p: port 0 is out of range (1-65535)'],
		['100-10', '-p: range 100-10 is reversed (write 10-100)'],
		['22,', "-p: '22,' has an empty item (e.g. 22,80,8000-8100)"],
		['22,,80', "-p: '22,,80' has an empty item (e.g. 22,80,8000-8100)"],
		['', "-p: '' is not a port list (e.g. 22,80,8000-8100)"],
		['-5', "-p: '-5' is not a port number (1-65535)"],
		['1-2-3', "-p: '1-2-3' is not a port range (LOW-HIGH)"],
		['22-', "-p: '22-' is not a port range (LOW-HIGH)"],
		['22-abc', "-p: '22-abc' is not a port range (LOW-HIGH)"],
		['22,8000-', "-p: '8000-' is not a port range (LOW-HIGH)"],
		// A range of numbers keeps saying which number is wrong.
		['22-70000', '-p: port 70000 is out of range (1-65535)'],
		['1e3', "-p: '1e3' is not a port number (1-65535)"],
	])('rejects %j with one clear UserError', (text, message) => {
		expect(() => parsePorts(text)).toThrow(UserError);
		expect(() => parsePorts(text)).toThrow(message);
	});

	it('names the flag it parses for', () => {
		expect(parsePortRange('10000-65535', '--ephemeral')).toEqual([10_000, 65_535]);
		expect(() => parsePortRange('9-1', '--ephemeral')).toThrow('--ephemeral: range 9-1 is reversed');
		expect(() => parsePortRange('32768-', '--ephemeral')).toThrow("--ephemeral: '32768-' is not a port range (LOW-HIGH)");
	});
});

describe('parseProtocols', () => {
	it('accepts protocol and unix type names, any case, without duplicates', () => {
		expect(parseProtocols('TCP,udp,tcp')).toEqual(['tcp', 'udp']);
		expect(parseProtocols('unix,stream,dgram,seqpacket,raw,udplite')).toHaveLength(6);
		expect(parseProtocols('Packet')).toEqual(['packet']);
	});

	it('rejects unknown names and lists the known ones', () => {
		expect(() => parseProtocols('nosuch')).toThrow(
			"-P: unknown protocol 'nosuch' (use tcp, udp, udplite, icmp, raw, unix, stream, dgram, seqpacket, packet)",
		);
		expect(() => parseProtocols('tcp4')).toThrow(UserError);
		// sockstat's PROTO names: the IP version is -4's or -6's, said in one short line.
		expect(() => parseProtocols('udp4')).toThrow(new UserError('-P takes udp without the 4; add -4 for IPv4'));
		expect(() => parseProtocols('tcp,UDPLITE6')).toThrow(new UserError('-P takes udplite without the 6; add -6 for IPv6'));
		// The table's tcp46 (a dual-stack listener): -4 and -6 both list it.
		expect(() => parseProtocols('tcp46')).toThrow(new UserError('-P takes tcp without the 46; -4 and -6 both list tcp46 sockets'));
		expect(() => parseProtocols('unix4')).toThrow("-P: unknown protocol 'unix4'");
		// Kinds one may look for, said where they are (or that socktop does not read them).
		expect(() => parseProtocols('p_raw')).toThrow(new UserError("-P: unknown protocol 'p_raw' (-P packet lists both packet socket types)"));
		expect(() => parseProtocols('tcp,Netlink')).toThrow(new UserError("-P: unknown protocol 'netlink': netlink sockets are no table rows, listed only in the PID view (--pid N)"));
		expect(() => parseProtocols('sctp')).toThrow(
			new UserError("-P: unknown protocol 'sctp': socktop does not read SCTP sockets (use tcp, udp, udplite, icmp, raw, unix, stream, dgram, seqpacket, packet)"),
		);
		// An empty item is named as -p names it.
		expect(() => parseProtocols('tcp,')).toThrow(new UserError("-P: 'tcp,' has an empty item (use tcp, udp, udplite, icmp, raw, unix, stream, dgram, seqpacket, packet)"));
	});
});

describe('isListening and isConnected', () => {
	it('follow sockstat: LISTEN, or a bound connectionless socket without a peer', () => {
		const byInode = new Map(sampleSockets.map(socket => [socket.inode, socket]));
		const listening = sampleSockets.filter(socket => isListening(socket)).map(socket => socket.inode);
		// sshd x2, dhclient udp, systemd unix listener, rsyslogd /dev/log; not ping's raw ICMP socket.
		expect(listening).toEqual([101, 102, 105, 107, 108]);
		expect(isConnected(byInode.get(103)!)).toBe(true);
		expect(isConnected(byInode.get(101)!)).toBe(false);
		// A unix client with a peer, a unix seqpacket known only by peer inode.
		expect(isConnected(byInode.get(109)!)).toBe(true);
		expect(isConnected(byInode.get(110)!)).toBe(true);
		expect(isConnected(byInode.get(111)!)).toBe(false);
	});

	it('call a unix socket in ESTABLISHED connected though its peer is not known', () => {
		// lsof and sockstat often cannot name the other end of a unix connection.
		const unknownPeer = makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, state: 'ESTABLISHED'});
		expect(isConnected(unknownPeer)).toBe(true);
		expect(isListening(unknownPeer)).toBe(false);
	});

	it('call a socket with a foreign address but no foreign port connected (a connected raw socket)', () => {
		const raw = makeSocket({proto: 'raw4', localAddress: '10.0.0.2', localPort: 1, foreignAddress: '10.0.0.9', foreignPort: null, state: 'ESTABLISHED'});
		expect(isConnected(raw)).toBe(true);
		expect(isListening(raw)).toBe(false);
		expect(isConnected({...raw, foreignAddress: '*'})).toBe(false);
	});

	it('count a raw socket without a peer as listening only for a protocol it serves: not ICMP, ICMPv6 or IPPROTO_RAW', () => {
		const raw = (proto: 'raw4' | 'raw6', localPort: number) => isListening(makeSocket({proto, localAddress: '*', localPort, foreignAddress: '*', foreignPort: null, state: 'UNCONN'}));
		// ping, traceroute as root: copies of the ICMP the kernel answers itself.
		expect(raw('raw4', 1)).toBe(false);
		expect(raw('raw6', 58)).toBe(false);
		// Send-only (raw(7)).
		expect(raw('raw4', 255)).toBe(false);
		expect(raw('raw6', 255)).toBe(false);
		// OSPF, VRRP: the daemon is that protocol's end here, as ss -l lists it.
		expect(raw('raw4', 89)).toBe(true);
		expect(raw('raw6', 112)).toBe(true);
		expect(raw('raw6', 1)).toBe(true);
	});

	it('count a bound UDP-Lite socket without a peer as listening, like UDP', () => {
		expect(isListening(makeSocket({proto: 'udplite4', localPort: 5000, state: 'UNCONN'}))).toBe(true);
		expect(isListening(makeSocket({proto: 'udplite6', localPort: 5000, foreignAddress: '::1', foreignPort: 6000, state: 'ESTABLISHED'}))).toBe(false);
	});

	it('do not count an unnamed unix datagram socket (empty path) as listening', () => {
		const unnamed = makeSocket({proto: 'dgram', localAddress: null, foreignAddress: null, path: '', state: 'UNCONN'});
		expect(isListening(unnamed)).toBe(false);
		expect(isListening({...unnamed, path: '/run/x.sock'})).toBe(true);
	});
});

describe('applyFilters', () => {
	it('shows everything with no filters', () => {
		expect(inodes({})).toHaveLength(sampleSockets.length);
	});

	it('combines -4 / -6 / -u as OR', () => {
		// 104: nginx's tcp6 connection from an IPv4 client (::ffff:127.0.0.1), IPv4 on an IPv6 socket.
		expect(inodes({ipv4: true})).toEqual([101, 103, 104, 105, 0, 112]);
		expect(inodes({ipv6: true})).toEqual([102, 104, 106]);
		expect(inodes({unix: true})).toEqual([107, 108, 109, 110, 111]);
		expect(inodes({ipv6: true, unix: true})).toEqual([102, 104, 106, 107, 108, 109, 110, 111]);
	});

	it('-l and -c pick listeners and connected sockets; both together show both', () => {
		expect(inodes({listening: true})).toEqual([101, 102, 105, 107, 108]);
		expect(inodes({connected: true})).toEqual([103, 104, 106, 109, 110, 0]);
		// All but ping's raw socket and the unbound unix one, neither listening nor connected.
		expect(inodes({listening: true, connected: true})).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 0]);
		expect(inodes({listening: true, ipv4: true})).toEqual([101, 105]);
	});

	it('-p matches local or foreign ports of sockets that have ports', () => {
		expect(inodes({ports: [[8080, 8080]]})).toEqual([103, 104, 0]);
		expect(inodes({ports: [[22, 22], [50, 70]]})).toEqual([101, 102, 105, 106]);
		// raw4's "port" 1 is the IP protocol number, not a port.
		expect(inodes({ports: [[1, 1]]})).toEqual([]);
	});

	it('-P matches protocol families and unix types', () => {
		expect(inodes({protocols: ['udp']})).toEqual([105, 106]);
		expect(inodes({protocols: ['unix']})).toEqual([107, 108, 109, 110, 111]);
		expect(inodes({protocols: ['dgram', 'raw']})).toEqual([108, 111, 112]);
	});

	it('--user (name or uid)', () => {
		expect(inodes({user: 'alice'})).toEqual([103, 109]);
		expect(inodes({user: '33'})).toEqual([104]);
		expect(inodes({user: '1001'})).toEqual([0]);
		expect(inodes({user: 'nobody'})).toEqual([]);
	});

	it('--netns: host covers sockets with no namespace label', () => {
		expect(inodes({netns: 'web'})).toEqual([0]);
		expect(inodes({netns: 'host'})).toHaveLength(sampleSockets.length - 1);
		expect(inodes({netns: 'all'})).toHaveLength(sampleSockets.length);
	});

	it('free text matches any displayed column, case-insensitively', () => {
		expect(inodes({text: 'NGINX'})).toEqual([104]);
		expect(inodes({text: '[::1]:53'})).toEqual([106]);
		expect(inodes({text: 'time_wait'})).toEqual([0]);
		expect(inodes({text: '-> /run/systemd'})).toEqual([109]);
		expect(inodes({text: 'not connected'})).toEqual([108, 111]);
		expect(inodes({text: 'zzz'})).toEqual([]);
	});

	it('free text ignores spaces around it; a quoted phrase does not match across two columns, words do', () => {
		expect(inodes({text: '  nginx '})).toEqual([104]);
		// 'curl' is COMMAND and 2001 is PID of the same row: a phrase is matched within one column.
		expect(inodes({text: '"curl 2001"'})).toEqual([]);
		expect(inodes({text: '"alice curl"'})).toEqual([]);
		// Two words, each anywhere in the row (both must match).
		expect(inodes({text: 'curl 2001'})).toEqual([103]);
		expect(inodes({text: 'alice curl'})).toEqual([103]);
	});

	it('-L hides Internet sockets with a loopback end, local or foreign', () => {
		// 103, 104, 106 and the TIME_WAIT 0 have a 127.x, ::1 or ::ffff:127.x end; unix sockets are no Internet sockets.
		expect(inodes({noLoopback: true})).toEqual([101, 102, 105, 107, 108, 109, 110, 111, 112]);
		expect(inodes({noLoopback: true, ipv4: true})).toEqual([101, 105, 112]);
	});

	it('all filters must hold together', () => {
		expect(inodes({ipv4: true, protocols: ['tcp'], ports: [[8080, 8080]], connected: true})).toEqual([103, 104, 0]);
	});
});

describe('-4 and IPv6 sockets that carry IPv4 (sockstat -4 lists tcp46)', () => {
	const dual = makeSocket({proto: 'tcp6', localPort: 8445, state: 'LISTEN', isV6Only: false, inode: 901});
	const only = makeSocket({proto: 'tcp6', localPort: 8446, state: 'LISTEN', isV6Only: true, inode: 902});
	const accepted = makeSocket({proto: 'tcp6', localAddress: '::ffff:192.0.2.2', localPort: 8445, foreignAddress: '::ffff:192.0.2.9', foreignPort: 50_732, state: 'ESTABLISHED', inode: 903});
	const udpDual = makeSocket({proto: 'udp6', localPort: 5353, state: 'UNCONN', isV6Only: false, inode: 904});
	// ss says v6only:0 of one on a given IPv6 address too; it takes no IPv4 all the same.
	const onAddress = makeSocket({proto: 'tcp6', localAddress: 'fd00::2', localPort: 8447, state: 'LISTEN', isV6Only: false, inode: 905});
	// The flag not known (ss missing, lsof): not claimed.
	const unknown = makeSocket({proto: 'tcp6', localPort: 8448, state: 'LISTEN', inode: 906});
	const sockets = [dual, only, accepted, udpDual, onAddress, unknown, makeSocket({localPort: 22, state: 'LISTEN', inode: 907})];
	const shown = (filters: Partial<Filters>) => applyFilters(sockets, {...defaultFilters, ...filters}).map(socket => socket.inode);

	it('-4 lists a dual-stack listener or UDP server on :: and an IPv4 client\'s connection to one, not an IPv6-only one', () => {
		expect(shown({ipv4: true})).toEqual([901, 903, 904, 907]);
		expect(shown({ipv4: true, listening: true})).toEqual([901, 904, 907]);
		expect(shown({ipv4: true, connected: true})).toEqual([903]);
	});

	it('-6 still lists every IPv6 socket, and -46 each once', () => {
		expect(shown({ipv6: true})).toEqual([901, 902, 903, 904, 905, 906]);
		expect(shown({ipv4: true, ipv6: true})).toEqual([901, 902, 903, 904, 905, 906, 907]);
	});

	it('the / filter finds a dual-stack one by its PROTO cell, tcp46 or udp46, and by tcp6 or udp6 as -6 lists it', () => {
		expect(shown({text: 'tcp46'})).toEqual([901]);
		expect(shown({text: 'udp46'})).toEqual([904]);
		expect(shown({text: 'tcp6'})).toEqual([901, 902, 903, 905, 906]);
		expect(shown({text: 'udp6'})).toEqual([904]);
		// -P tcp keeps it: its protocol is TCP.
		expect(shown({protocols: ['tcp'], listening: true})).toEqual([901, 902, 905, 906, 907]);
	});
});

describe('the / filter and unix sockets', () => {
	const sockets = [
		makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/app.sock', state: 'LISTEN', inode: 951}),
		makeSocket({proto: 'dgram', localAddress: null, foreignAddress: null, path: '/dev/log', state: 'UNCONN', inode: 952}),
		makeSocket({proto: 'seqpacket', localAddress: null, foreignAddress: null, state: 'ESTABLISHED', inode: 953}),
		makeSocket({localPort: 22, state: 'LISTEN', inode: 954}),
	];
	const shown = (text: string) => applyFilters(sockets, {...defaultFilters, text}).map(socket => socket.inode);

	it('finds them as -P unix and the PID view name them (PROTO reads stream): unix, proto:unix, "unix stream"', () => {
		// Were none: no cell of the table says unix.
		expect(shown('unix')).toEqual([951, 952, 953]);
		expect(shown('proto:unix')).toEqual([951, 952, 953]);
		expect(shown('"unix stream"')).toEqual([951]);
		expect(shown('!unix')).toEqual([954]);
		expect(shown('proto:stream')).toEqual([951]);
	});
});

describe('ICMP echo (ping) sockets', () => {
	// As /proc/net/icmp and icmp6 give them: the "port" is the echo identifier.
	const unconnected = makeSocket({proto: 'icmp4', localPort: 22, state: 'UNCONN', command: 'ping', inode: 801});
	const connected = makeSocket({proto: 'icmp6', localAddress: '::1', localPort: 4660, foreignAddress: '::1', state: 'ESTABLISHED', command: 'ping', inode: 802});
	const sockets = [...sampleSockets, unconnected, connected];
	const shown = (filters: Partial<Filters>) => applyFilters(sockets, {...defaultFilters, ...filters}).map(socket => socket.inode);

	it('-P icmp picks them, both families, and nothing else; -4 and -6 split them; -L and -c take them as any inet socket, -l never', () => {
		expect(parseProtocols('ICMP')).toEqual(['icmp']);
		expect(shown({protocols: ['icmp']})).toEqual([801, 802]);
		expect(shown({protocols: ['icmp'], ipv4: true})).toEqual([801]);
		expect(shown({protocols: ['icmp'], ipv6: true})).toEqual([802]);
		expect(shown({protocols: ['udp', 'raw']})).not.toContain(801);
		// -L hides the one with a loopback end.
		expect(shown({protocols: ['icmp'], noLoopback: true})).toEqual([801]);
		// Never listening: they get only the replies to their own echoes, so serve no one.
		expect(isListening(unconnected)).toBe(false);
		expect(isListening(connected)).toBe(false);
		expect(shown({protocols: ['icmp'], listening: true})).toEqual([]);
		expect(shown({protocols: ['icmp'], connected: true})).toEqual([802]);
	});

	it('-p does not take an echo identifier for a port', () => {
		// 22 is sshd's port and, here, the unconnected ping socket's identifier.
		expect(shown({ports: [[22, 22]]})).toEqual([101, 102]);
		expect(shown({ports: [[4660, 4660]]})).toEqual([]);
	});
});

describe('hasLoopbackEnd (-L)', () => {
	const inet = (proto: 'tcp4' | 'tcp6' | 'udp4' | 'udp6' | 'raw4' | 'raw6', local: string, foreign = '*') =>
		makeSocket({proto, localAddress: local, localPort: proto.startsWith('raw') ? 1 : 5000, foreignAddress: foreign});

	it('sees all of 127.0.0.0/8, ::1 and IPv4-mapped loopback, on either end', () => {
		expect(hasLoopbackEnd(inet('tcp4', '127.0.0.5'))).toBe(true);
		expect(hasLoopbackEnd(inet('udp4', '127.255.255.254'))).toBe(true);
		expect(hasLoopbackEnd(inet('tcp6', '::1'))).toBe(true);
		expect(hasLoopbackEnd(inet('tcp6', '[::1]'))).toBe(true);
		expect(hasLoopbackEnd(inet('tcp6', '::ffff:127.0.0.1'))).toBe(true);
		// A connection from a public address to a loopback foreign end (sockstat: local "and" foreign must not be loopback).
		expect(hasLoopbackEnd(inet('tcp4', '192.0.2.7', '127.0.0.1'))).toBe(true);
		expect(hasLoopbackEnd(inet('udp6', '2001:db8::1', '::1'))).toBe(true);
	});

	it('counts raw sockets as Internet sockets', () => {
		expect(hasLoopbackEnd(inet('raw4', '127.0.0.1'))).toBe(true);
		expect(hasLoopbackEnd(inet('raw6', '::1'))).toBe(true);
		expect(hasLoopbackEnd(inet('raw4', '*'))).toBe(false);
	});

	it('does not take the wildcard, near misses or unix sockets for loopback', () => {
		expect(hasLoopbackEnd(inet('tcp4', '*'))).toBe(false);
		expect(hasLoopbackEnd(inet('tcp6', '*', '*'))).toBe(false);
		expect(hasLoopbackEnd(inet('tcp4', '128.0.0.1', '10.127.0.1'))).toBe(false);
		expect(hasLoopbackEnd(inet('tcp6', '::12', '::ffff:10.0.0.1'))).toBe(false);
		// A unix socket is no Internet socket, whatever its name says.
		expect(hasLoopbackEnd(makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/127.0.0.1.sock'}))).toBe(false);
		expect(applyFilters([makeSocket({proto: 'dgram', localAddress: null, foreignAddress: null, path: '/dev/log'})], {...defaultFilters, noLoopback: true})).toHaveLength(1);
	});
});

describe('-l and -c on a sockstat capture without states (sockstat without -s)', () => {
	// The 2001 article's capture (test/fixtures/sockstat/SOURCES.md): TCP rows have no state.
	const {sockets} = parseSockstatText(readFileSync(new URL('../fixtures/sockstat/article-2001.txt', import.meta.url), 'utf8'));
	const shown = (filters: Partial<Filters>) => applyFilters(sockets, {...defaultFilters, ...filters}).map(socket => `${socket.command} ${socket.localPort}`);

	it('lists TCP sockets with a port and no peer as listeners, as the PID view calls them', () => {
		expect(sockets.filter(socket => socket.proto.startsWith('tcp')).every(socket => socket.state === null)).toBe(true);
		const listening = shown({listening: true});
		for (const each of ['sshd 22', 'sendmail 25', 'inetd 21', 'comsat 512']) expect(listening).toContain(each);
		expect(listening).not.toContain('navigato 4472');
	});

	it('lists the connected ones under -c and nowhere under -l', () => {
		expect(shown({connected: true})).toEqual(['navigato 4472', 'navigato 4469']);
	});
});

describe('-l on unix sockets without states (sockstat -s, procstat, lsof off Linux)', () => {
	// FreeBSD smoke-test capture (test/fixtures/sockstat/SOURCES.md): unix rows have no STATE.
	const {sockets} = parseSockstatText(readFileSync(new URL('../fixtures/sockstat/freebsd-smoke-s.txt', import.meta.url), 'utf8'));
	const shown = (filters: Partial<Filters>) => applyFilters(sockets, {...defaultFilters, ...filters}).map(socket => `${socket.command} ${socket.proto} ${socket.path ?? '-'}`);

	it('lists every bound unix socket without a peer, as sockstat -l does (gather_unix)', () => {
		expect(shown({listening: true, unix: true})).toEqual([
			'ssh-agent stream /tmp/ssh-jArCznbJo6n9/agent.60019',
			'gpg-agent stream /home/zeebsd/.gnupg/S.gpg-agent',
			'gpg-agent stream /home/zeebsd/.gnupg/S.gpg-agent.extra',
			'gpg-agent stream /home/zeebsd/.gnupg/S.gpg-agent.browser',
			'gpg-agent stream /home/zeebsd/.gnupg/S.gpg-agent.ssh',
			'syslogd dgram /var/run/log',
			'syslogd dgram /var/run/logpriv',
			'devd stream /var/run/devd.pipe',
			'devd seqpacket /var/run/devd.seqpacket.pipe',
		]);
	});

	it('keeps a stated unix socket as its state says, and an unnamed or connected one out', () => {
		expect(isListening(makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/x.sock', state: 'UNCONN'}))).toBe(false);
		expect(isListening(makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, path: '', state: null}))).toBe(false);
		expect(isListening(makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/x.sock', peerPath: '/run/y', state: null}))).toBe(false);
	});
});
