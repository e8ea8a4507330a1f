import {beforeAll, describe, expect, it} from 'vitest';
import {connectionDirection, explainPort, explainSocket, ipv4ClientKey, ipv4WildcardKey, listeningKey, listeningKeys, servicePortOf} from '../../source/services/explain.js';
import {isListening} from '../../source/model/filter.js';
import {createServiceTable, createStaticServiceTable} from '../../source/services/index.js';
import {foreignAddressPhrase, noHolderReason, placePhrase, queueListenerOf, type RowSource} from '../../source/services/phrases.js';
import type {Socket} from '../../source/model/types.js';
import type {ServiceTable} from '../../source/services/types.js';
import {fixtureTable, socket} from './helpers.js';

const linuxRange = [32_768, 60_999] as const;
let debian: ServiceTable;

beforeAll(async () => {
	debian = await fixtureTable('debian-services');
});

const sshd = socket({proto: 'tcp4', localAddress: '*', localPort: 22, foreignAddress: '*', state: 'LISTEN', command: 'sshd', pid: 185, fd: 4});

describe('explainSocket: listeners', () => {
	it('explains a listener from the services file', () => {
		const explained = explainSocket(sshd, {services: debian, ephemeral: linuxRange});
		expect(explained.sentence).toBe(
			'sshd listens for TCP connections on port 22 (named ssh in /etc/services: SSH Remote Login Protocol) on every IPv4 address',
		);
		expect(explained.local).toMatchObject({port: 22, class: 'service', service: {name: 'ssh', source: '/etc/services'}});
		expect(explained.local?.detail).toBe('port 22/tcp is "ssh" in /etc/services: SSH Remote Login Protocol');
		expect(explained.foreign).toBeNull();
	});

	it('says where a listener is reachable: loopback only, a given address, every IPv6 address', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		const at = (proto: 'tcp4' | 'tcp6', localAddress: string) =>
			explainSocket({...sshd, proto, localAddress}, ctx).sentence;
		expect(at('tcp4', '127.0.0.1')).toMatch(
			/on port 22 \(named ssh in \/etc\/services: SSH Remote Login Protocol\) only on the loopback address 127\.0\.0\.1 — not reachable from other machines; while it listens, Linux refuses bind\(\) of port 22 on 0\.0\.0\.0 \(or a dual-stack ::\) \("Address already in use"\), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user$/,
		);
		// An IPv6 one blocks the IPv6 wildcard (an IPv4 0.0.0.0 bind is free: checked on Linux 6.18).
		expect(at('tcp6', '::1')).toMatch(/only on the loopback address ::1 — not reachable from other machines; while it listens, Linux refuses bind\(\) of port 22 on :: \("Address already in use"\), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user$/);
		expect(at('tcp4', 'localhost')).toMatch(/not reachable from other machines$/);
		expect(at('tcp4', '192.0.2.7')).toMatch(/only on the address 192\.0\.2\.7$/);
		// Linux: dual-stack unless IPV6_V6ONLY (bindv6only=0); FreeBSD: v6only by default. Say both.
		expect(at('tcp6', '*')).toMatch(/on every IPv6 address \(and every IPv4 address too, unless the socket is IPv6-only\)$/);
	});

	it('explains UDP by its udp entry, which differs from the tcp one', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		const comsat = socket({proto: 'udp4', localAddress: '*', localPort: 512, foreignAddress: '*', state: 'UNCONN', command: 'comsat'});
		expect(explainSocket(comsat, ctx).sentence).toBe('comsat receives UDP datagrams on port 512 (named biff in /etc/services) on every IPv4 address');
		expect(explainSocket(comsat, ctx).local?.detail).toBe('port 512/udp is "biff" (also comsat) in /etc/services');
		const rexecd = socket({...comsat, proto: 'tcp4', state: 'LISTEN', command: 'inetd'});
		expect(explainSocket(rexecd, ctx).sentence).toBe('inetd listens for TCP connections on port 512 (named exec in /etc/services) on every IPv4 address');
	});

	it('names UDP-Lite as such, with the udp entry for its port', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		const lite = socket({proto: 'udplite6', localAddress: '*', localPort: 512, foreignAddress: '*', state: 'UNCONN', command: 'comsat'});
		expect(explainSocket(lite, ctx).sentence).toMatch(/^comsat receives UDP-Lite datagrams on port 512 \(named biff in \/etc\/services\) on every IPv6 address/);
	});

	it('keys a UDP-Lite listener udplite/PORT, apart from UDP (--pid --json listening)', () => {
		const lite = socket({proto: 'udplite4', localAddress: '*', localPort: 5701, foreignAddress: '*', state: 'UNCONN', command: 'comsat'});
		expect(listeningKeys([lite, {...lite, proto: 'udplite6'}])).toEqual(new Set(['udplite/5701']));
		expect(listeningKeys([lite, {...lite, proto: 'udp4', localPort: 53}])).toEqual(new Set(['udplite/5701', 'udp/53']));
	});

	it('explains the foreign end of a bound datagram socket as any port, and gives a listener none', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		const comsat = socket({proto: 'udp4', localAddress: '*', localPort: 512, foreignAddress: '*', state: 'UNCONN', command: 'comsat'});
		expect(explainSocket(comsat, ctx).foreign).toMatchObject({port: null, class: 'wildcard', text: 'any port'});
		expect(explainSocket(sshd, ctx).foreign).toBeNull();
	});

	it('calls a TCP socket in LISTEN a listener even when its backend gives it a foreign port', () => {
		// A listener has no peer; a foreign port beside LISTEN does not make it a connection.
		const odd = {...sshd, foreignAddress: '0.0.0.0', foreignPort: 0};
		expect(explainSocket(odd, {services: debian, ephemeral: linuxRange}).sentence).toMatch(/^sshd listens for TCP connections on port 22 /);
	});

	it('says a bound port nobody names inside the ephemeral range was likely picked by the kernel', () => {
		const resolver = socket({proto: 'udp4', localAddress: '*', localPort: 45_001, foreignAddress: '*', state: 'UNCONN', command: 'avahi'});
		const explained = explainSocket(resolver, {services: debian, ephemeral: linuxRange});
		// On every address, it is most likely a client that sent before binding: said as a hedge.
		expect(explained.sentence).toBe(
			'avahi receives UDP datagrams on port 45001 (ephemeral range, unnamed) on every IPv4 address; most likely the kernel picked that port when the socket first sent without binding one, so it is a client (a DNS resolver, say) rather than a server',
		);
		expect(explained.local?.detail).toBe(
			"port 45001 has no name and lies in the kernel's ephemeral range 32768-60999: most likely the kernel picked it (a bind to port 0, or a UDP send before any bind)",
		);
		// Outside the range the range class stands.
		expect(explainSocket(resolver, {services: debian, ephemeral: [10_000, 20_000]}).local?.class).toBe('registered');
	});

	it('names a server port in the ephemeral range the same way on the listener\'s line and as a client\'s foreign port', () => {
		const ctx = {services: debian, ephemeral: linuxRange, listening: new Set(['tcp/41000'])};
		const server = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 41_000, foreignAddress: '*', state: 'LISTEN', command: 'node'});
		const client = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 41_001, foreignAddress: '127.0.0.1', foreignPort: 41_000, state: 'ESTABLISHED', command: 'curl'});
		expect(explainSocket(server, ctx).local?.text).toBe('port 41000 (ephemeral range, unnamed)');
		const explained = explainSocket(client, ctx);
		expect(explained.sentence).toBe('curl is connected from ephemeral port 41001 to 127.0.0.1 port 41000 (ephemeral range, unnamed)');
		expect(explained.foreign).toMatchObject({class: 'ephemeral', text: 'port 41000 (ephemeral range, unnamed)'});
		expect(explained.foreign?.detail).toBe(
			"port 41000 has no name and lies in this machine's ephemeral range 32768-60999: most likely the server's kernel picked it (a bind to port 0, or a listen() before any bind)",
		);
		// A named server port keeps its name.
		expect(explainPort(22, 'tcp', 'service', ctx).class).toBe('service');
	});

	it('names a holder it cannot see, and what would help', () => {
		const hidden = {...sshd, command: null, pid: null, fd: null};
		expect(explainSocket(hidden, {services: debian, ephemeral: linuxRange}).sentence).toMatch(
			/^a process socktop cannot see \(run as root\) listens for TCP connections on port 22/,
		);
		expect(explainSocket(hidden, {services: debian, ephemeral: linuxRange, isRoot: true}).sentence).toMatch(
			/^a process socktop cannot see \(it may be in another namespace, or gone\) listens/,
		);
	});
});

describe('explainSocket: connections', () => {
	const firefox = socket({
		proto: 'tcp4',
		localAddress: '10.0.0.5',
		localPort: 41_234,
		foreignAddress: '93.184.216.34',
		foreignPort: 443,
		state: 'ESTABLISHED',
		command: 'firefox',
	});

	it('explains an outgoing connection from an ephemeral port', () => {
		const explained = explainSocket(firefox, {services: debian, ephemeral: linuxRange});
		expect(explained.sentence).toBe(
			'firefox is connected from ephemeral port 41234 to 93.184.216.34 port 443 (named https in /etc/services: http protocol over TLS/SSL)',
		);
		expect(explained.local).toMatchObject({class: 'ephemeral', service: null, text: 'ephemeral port 41234'});
		expect(explained.local?.detail).toBe(
			'ephemeral port 41234: a client port most likely picked by the kernel for this connection (unless the program bound it), which is why no services file names it (the ephemeral range is 32768-60999)',
		);
		expect(explained.foreign).toMatchObject({class: 'service', service: {name: 'https'}});
	});

	it('calls a services name for an ephemeral client port a coincidence', () => {
		// IANA registers 33434 for traceroute; as a client port the kernel handed it out.
		const explained = explainSocket({...firefox, localPort: 33_434}, {services: debian, ephemeral: linuxRange});
		expect(explained.local?.class).toBe('ephemeral');
		expect(explained.local?.detail).toMatch(/that IANA calls it "traceroute" is a coincidence$/);
	});

	it('says when a client port lies outside the ephemeral range, or the range is unknown', () => {
		const bound = explainSocket({...firefox, localPort: 2000}, {services: debian, ephemeral: linuxRange, listening: new Set([listeningKey('tcp4', 443)])});
		expect(bound.local?.detail).toMatch(/outside the kernel's ephemeral range 32768-60999, so the program chose it itself$/);
		// Outside the common ranges, and named by neither the file nor IANA.
		const unknown = explainSocket({...firefox, localPort: 21_234}, {services: debian, ephemeral: null});
		expect(unknown.local?.class).toBe('registered');
		expect(unknown.local?.detail).toMatch(/the kernel's ephemeral range is not known here\)$/);
		// A capture's client port in a common ephemeral range: most likely the kernel's pick, as the
		// other end of the same connection says of it, never an IANA name.
		const common = explainSocket(firefox, {services: debian, ephemeral: null});
		expect(common.local?.text).toBe('port 41234 (most likely ephemeral)');
		expect(common.local?.service).toBeNull();
		expect(common.sentence).toContain('connected from port 41234 (most likely ephemeral)');
	});

	it('says a client bound to a port below 1024 holds a privileged source port, not a well-known service', () => {
		const privileged = "port 1023 (a privileged source port, which normally only root can bind; rsh, rlogin and NFS clients use one to show they run as root)";
		for (const ephemeral of [linuxRange, null]) {
			const rsh = explainSocket({...firefox, localPort: 1023, foreignPort: 514, command: 'rsh'}, {services: debian, ephemeral});
			expect(rsh.local).toMatchObject({class: 'well-known', service: null, text: privileged});
			expect(rsh.sentence).toContain(`rsh is connected from ${privileged} to 93.184.216.34 port 514`);
		}

		// 513 is rlogin's server port in the services file, not what this client is.
		const named = explainSocket({...firefox, localPort: 513, foreignPort: 514}, {services: debian, ephemeral: linuxRange, listening: new Set([listeningKey('tcp4', 514)])});
		expect(named.local?.text).toBe(privileged.replace('1023', '513'));
		expect(named.local?.detail).toMatch(/^port 513: this connection's client port, below 1024: a privileged port, which normally only root/);
	});

	it('explains a connection a listener accepted: service port here, client port there', () => {
		const accepted = socket({
			proto: 'tcp6',
			localAddress: '2001:db8::1',
			localPort: 22,
			foreignAddress: '2001:db8::2',
			foreignPort: 51_000,
			state: 'ESTABLISHED',
			command: 'sshd',
		});
		const explained = explainSocket(accepted, {services: debian, ephemeral: linuxRange, listening: new Set(['tcp/22'])});
		expect(explained.sentence).toBe(
			"sshd accepted a connection on port 22 (named ssh in /etc/services: SSH Remote Login Protocol) from 2001:db8::2 port 51000 (the client's ephemeral port)",
		);
		expect(explained.foreign).toMatchObject({class: 'ephemeral', service: null});
		expect(servicePortOf(accepted, {ephemeral: linuxRange})).toEqual({port: 22, protocol: 'tcp'});
	});

	it('says a connection no listener proves accepted is most likely accepted, told by its ports (a server that closed its listener)', () => {
		// socat TCP-LISTEN:9000 without fork: the listener is closed once the connection is accepted.
		const held = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 9000, foreignAddress: '127.0.0.1', foreignPort: 41_000, state: 'ESTABLISHED', command: 'socat'});
		const hedge = ', told by its ports alone: no listener on port 9000 was found (a server may close its listener once it has accepted, as socat without fork does)';
		const byRange = explainSocket(held, {services: debian, ephemeral: linuxRange, listening: new Set(['tcp/22'])});
		expect(byRange.sentence).toBe(
			`socat most likely accepted a connection on port 9000 (named cslistener in IANA's registry) from 127.0.0.1 port 41000 (the client's ephemeral port)${hedge}`,
		);
		// Never the server's port at the other end.
		expect(byRange.foreign).toMatchObject({port: 41_000, class: 'ephemeral', service: null});
		// Told by the services file when no range is known (a capture), said the same way.
		const named = socket({...held, localPort: 22});
		expect(explainSocket(named, {services: debian, ephemeral: null, listening: new Set()}).sentence).toBe(
			`socat most likely accepted a connection on port 22 (named ssh in /etc/services: SSH Remote Login Protocol) from 127.0.0.1 port 41000 (the client's ephemeral port)${hedge.replace('9000', '22')}`,
		);
		// Its client end needs no listener: said as before.
		const client = socket({...held, localPort: 41_000, foreignPort: 9000, command: 'python3'});
		expect(explainSocket(client, {services: debian, ephemeral: linuxRange, listening: new Set()}).sentence).toBe(
			"python3 is connected from ephemeral port 41000 to 127.0.0.1 port 9000 (named cslistener in IANA's registry)",
		);
	});

	it('adds what a closing state means, and explains TIME_WAIT without a holder', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		expect(explainSocket({...firefox, state: 'CLOSE_WAIT'}, ctx).sentence).toMatch(
			/\(CLOSE_WAIT: the other side has closed; the program has not closed its end\)$/,
		);
		expect(explainSocket({...firefox, state: 'SYN_SENT'}, ctx).sentence).toMatch(/^firefox is connecting from ephemeral port 41234/);
		expect(explainSocket({...firefox, state: 'TIME_WAIT', command: null, inode: 0}, ctx).sentence).toBe(
			'a closed TCP connection between ephemeral port 41234 here and 93.184.216.34 port 443 (named https in /etc/services: http protocol over TLS/SSL): no process holds it (TIME_WAIT: this end closed first; 60 s for late packets; bind() may fail)',
		);
		// Orphaned by its program (inode 0 on Linux) versus held by a process socktop cannot see.
		expect(explainSocket({...firefox, state: 'FIN_WAIT2', command: null, inode: 0}, ctx).sentence).toMatch(
			/: no process holds it; the kernel finishes closing it on its own \(FIN_WAIT2\)$/,
		);
		expect(explainSocket({...firefox, state: 'FIN_WAIT2', command: null, inode: 99}, ctx).sentence).toMatch(
			/^a process socktop cannot see \(run as root\) is connected from ephemeral port 41234 .*\(FIN_WAIT2: this end is done sending \(close or shutdown\); the other is not; a process still holds it, so it was shut down for writing \(shutdown\(\)\), not closed, and may still read\)$/,
		);
		// A source without inodes (ss -tan) cannot tell it either.
		expect(explainSocket({...firefox, state: 'FIN_WAIT2', command: null, inode: null}, ctx).sentence).toMatch(/^a process socktop cannot see \(run as root\) is connected/);
	});

	it('says a FIN_WAIT connection a process holds was shut down for writing, not closed, and may still read (a half-close)', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		const halfClosed = '; a process still holds it, so it was shut down for writing (shutdown()), not closed, and may still read)';
		// shutdown(SHUT_WR) with the fd still open: FIN_WAIT2, held.
		const held = explainSocket({...firefox, state: 'FIN_WAIT2'}, ctx).sentence;
		expect(held).toContain('(FIN_WAIT2: this end is done sending (close or shutdown); the other is not' + halfClosed);
		expect(held).not.toContain('has closed');
		expect(explainSocket({...firefox, state: 'FIN_WAIT1'}, ctx).sentence).toContain('(FIN_WAIT1: this end is done sending (close or shutdown); waits for an ack' + halfClosed);
		// Held by no fd: closed, and the sentence does not say it may read.
		expect(explainSocket({...firefox, state: 'FIN_WAIT2', command: null, inode: 0}, ctx).sentence).not.toContain('may still read');
		expect(explainSocket({...firefox, state: 'FIN_WAIT2', command: null, inode: null}, ctx).sentence).toMatch(/\(FIN_WAIT2: this end is done sending \(close or shutdown\); the other is not\)$/);
		// LAST_ACK and CLOSING held (shutdown() after or beside the other side's FIN): said alike, but nothing more comes to read.
		const shut = '; a process still holds it, so it was shut down for writing (shutdown()), not closed; the other side';
		const lastAck = explainSocket({...firefox, state: 'LAST_ACK'}, ctx).sentence;
		expect(lastAck).toContain(`(LAST_ACK: both are done sending (close or shutdown); waits for an ack${shut} closed first, so it reads only what is left, then end-of-file)`);
		expect(lastAck).not.toContain('may still read');
		expect(explainSocket({...firefox, state: 'CLOSING'}, ctx).sentence).toContain(`(CLOSING: both are done sending, at once; each waits for an ack${shut} closed too, so it reads`);
		expect(explainSocket({...firefox, state: 'LAST_ACK', command: null, inode: 0}, ctx).sentence).not.toContain('still holds');
	});

	it('explains connected UDP', () => {
		const resolver = socket({
			proto: 'udp6',
			localAddress: '::1',
			localPort: 45_000,
			foreignAddress: '::1',
			foreignPort: 53,
			state: 'ESTABLISHED',
			command: 'dig',
		});
		expect(explainSocket(resolver, {services: debian, ephemeral: linuxRange}).sentence).toBe(
			"dig sends UDP datagrams from ephemeral port 45000 to ::1 port 53 (named domain in /etc/services: Domain Name Server); connect() fixed its peer (UDP has no handshake), so only that peer's datagrams reach it",
		);
		// A server's socket connected to one client (as QUIC servers do), and one whose direction is not told, say it too.
		const perClient = {...resolver, localPort: 53, foreignPort: 45_000, command: 'named'};
		expect(explainSocket(perClient, {services: debian, ephemeral: linuxRange}).sentence).toMatch(/^named exchanges UDP datagrams on port 53 .*; connect\(\) fixed its peer \(UDP has no handshake\), so only that peer's datagrams reach it$/);
		const unknown = {...resolver, localPort: 7000, foreignPort: 7001, proto: 'udplite6' as const};
		expect(explainSocket(unknown, {services: debian, ephemeral: linuxRange}).sentence).toMatch(/^dig has a UDP-Lite connection from ::1 port 7000 .*; connect\(\) fixed its peer \(UDP-Lite has no handshake\), so only that peer's datagrams reach it$/);
	});
});

describe('explainPort: where a name comes from', () => {
	it('marks a port only IANA knows as IANA', () => {
		const explained = explainPort(1521, 'tcp', 'service', {services: debian, ephemeral: linuxRange});
		expect(explained).toMatchObject({class: 'service', service: {name: 'ncube-lm', source: 'IANA'}});
		expect(explained.text).toBe("port 1521 (named ncube-lm in IANA's registry: nCube License Manager)");
		expect(explained.detail).toBe(
			'port 1521/tcp is "ncube-lm" in IANA\'s port registry (the services file has no entry): nCube License Manager',
		);
	});

	it('gives the range class of a port nobody names', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		expect(explainPort(4, 'tcp', 'service', ctx)).toMatchObject({class: 'well-known', service: null, text: 'port 4 (well-known, unnamed)'});
		expect(explainPort(4472, 'tcp', 'service', ctx)).toMatchObject({class: 'registered', text: 'port 4472 (registered range, unnamed)'});
		expect(explainPort(61_000, 'tcp', 'service', ctx)).toMatchObject({class: 'dynamic', text: 'port 61000 (dynamic range)'});
		expect(explainPort(4472, 'tcp', 'service', ctx).detail).toBe(
			'port 4472 is in the registered range 1024-49151, where IANA registers services, but neither the services file nor IANA names it; any program may bind it',
		);
		expect(explainPort(null, 'tcp', 'service', ctx)).toMatchObject({port: null, class: 'wildcard', text: 'any port'});
	});

	it('explains from IANA alone when the services file is missing', async () => {
		const table = createServiceTable({file: null, defaultFile: '/nonexistent/socktop/services'});
		await table.load();
		expect(explainSocket(sshd, {services: table, ephemeral: linuxRange}).sentence).toBe(
			"sshd listens for TCP connections on port 22 (named ssh in IANA's registry: The Secure Shell (SSH) Protocol) on every IPv4 address",
		);
	});

	it('explains by range class before the table has loaded', () => {
		const table = createServiceTable({file: null});
		expect(explainPort(22, 'tcp', 'service', {services: table, ephemeral: null}).class).toBe('well-known');
	});
});

describe('explainSocket: raw and unix sockets', () => {
	const ctx = () => ({services: debian, ephemeral: linuxRange});

	it('explains a raw socket by its IP protocol number', () => {
		const ping = socket({proto: 'raw6', localAddress: '*', localPort: 58, state: 'UNCONN', command: 'ping'});
		expect(explainSocket(ping, ctx())).toEqual({
			sentence: 'ping has a raw IPv6 socket for IP protocol 58 (ICMPv6): it gets a copy of each such packet that arrives and may send its own, without ports',
			local: null,
			foreign: null,
		});
		expect(servicePortOf(ping)).toBeNull();
	});

	it('says a connected raw socket\'s peer, from which alone it receives', () => {
		const udp = socket({proto: 'raw4', localAddress: '127.0.0.1', localPort: 17, foreignAddress: '127.0.0.1', foreignPort: null, state: 'ESTABLISHED', command: 'python3'});
		expect(explainSocket(udp, ctx()).sentence).toBe(
			'python3 has a raw IPv4 socket for IP protocol 17 (UDP) connected to 127.0.0.1: it gets a copy of each such packet that arrives from 127.0.0.1 and may send its own, without ports',
		);
		const mapped = socket({proto: 'raw6', localAddress: '*', localPort: 255, foreignAddress: '::ffff:10.0.0.1', foreignPort: null, state: 'ESTABLISHED', command: 'tool'});
		expect(explainSocket(mapped, ctx()).sentence).toBe(
			'tool has a raw IPv6 socket for IP protocol 255 (IPPROTO_RAW) connected to ::ffff:10.0.0.1 (the IPv4 address 10.0.0.1): it only sends whole IP packets it builds itself, header included, and receives nothing (raw(7))',
		);
	});

	it('explains a ping socket: an unprivileged ICMP echo socket, its identifier no port and named by no service', () => {
		// 22 and 53 are ssh and domain in the services file: an identifier is not looked up there.
		const ping = socket({proto: 'icmp4', localAddress: '*', localPort: 22, foreignAddress: '*', state: 'UNCONN', command: 'ping'});
		expect(explainSocket(ping, ctx())).toEqual({
			sentence:
				'ping has a ping socket: an unprivileged ICMP echo socket (net.ipv4.ping_group_range allows it); the kernel matches replies by identifier 22, the echo id it sends with (not a port)',
			local: null,
			foreign: null,
		});
		expect(servicePortOf(ping)).toBeNull();
		const connected = socket({proto: 'icmp6', localAddress: '::1', localPort: 53, foreignAddress: '::1', state: 'ESTABLISHED', command: 'ping'});
		expect(explainSocket(connected, ctx()).sentence).toBe(
			'ping has a ping socket: an unprivileged ICMPv6 echo socket (net.ipv4.ping_group_range allows it) from ::1 to ::1 only; the kernel matches replies by identifier 53, the echo id it sends with (not a port)',
		);
		expect(servicePortOf(connected)).toBeNull();
		expect(listeningKeys([ping, connected])).toEqual(new Set());
	});

	it('says "ICMP or ICMPv6" of a ping socket whose family is a guess, and why', () => {
		const guessed = socket({proto: 'icmp4', localAddress: '*', localPort: 1000, foreignAddress: '*', state: 'UNCONN', command: 'ping', isFamilyGuessed: true});
		expect(explainSocket(guessed, ctx()).sentence).toBe(
			'ping has a ping socket: an unprivileged ICMP or ICMPv6 echo socket (net.ipv4.ping_group_range allows it; which of the two is not known: /proc/net/icmp and icmp6 list it alike); the kernel matches replies by identifier 1000, the echo id it sends with (not a port)',
		);
	});

	it('explains unix sockets by path, abstract name, peer or none', () => {
		const unix = (fields: Parameters<typeof socket>[0]) => explainSocket(socket(fields), ctx()).sentence;
		expect(unix({proto: 'stream', path: '/run/dbus/system_bus_socket', state: 'LISTEN', command: 'dbus-daemon'})).toBe(
			'dbus-daemon listens for connections on the unix stream socket /run/dbus/system_bus_socket',
		);
		expect(unix({proto: 'stream', path: '@/tmp/.X11-unix/X0', state: 'LISTEN', command: 'Xorg'})).toBe(
			'Xorg listens for connections on the abstract unix stream socket @/tmp/.X11-unix/X0 (a name held by the kernel, not a file); an abstract name has no file permissions: any process in its network namespace can connect',
		);
		expect(unix({proto: 'dgram', path: '/var/run/log', state: 'UNCONN', command: 'syslogd'})).toBe(
			'syslogd receives datagrams on the unix dgram socket /var/run/log',
		);
		expect(unix({proto: 'dgram', peerPath: '/var/run/logpriv', state: 'ESTABLISHED', command: 'logger'})).toBe(
			'logger is connected to the unix dgram socket /var/run/logpriv',
		);
		expect(unix({proto: 'stream', path: '/run/x.sock', peerInode: 77, state: 'ESTABLISHED', command: 'srv'})).toBe(
			'srv has a connection accepted on the unix stream socket /run/x.sock',
		);
		expect(unix({proto: 'stream', peerInode: 4242, state: 'ESTABLISHED', command: 'app'})).toBe(
			'app has an unnamed unix stream socket connected to the socket with inode 4242',
		);
		expect(unix({proto: 'seqpacket', state: 'UNCONN', command: 'app'})).toBe(
			'app has an unnamed unix seqpacket socket that is not connected',
		);
		// UNCONN beyond datagrams (the help's line says so): an unbound stream, and an unbound dgram socket nothing can send to.
		expect(unix({proto: 'stream', state: 'UNCONN', command: 'app'})).toBe('app has an unnamed unix stream socket that is not connected');
		expect(unix({proto: 'dgram', state: 'UNCONN', command: 'app'})).toBe('app has an unnamed unix dgram socket that is not connected');
		// Sockstat, procstat and lsof off Linux report no unix states: not "neither listening" then.
		expect(unix({proto: 'stream', path: '/tmp/ssh-x/agent.1', state: null, command: 'ssh-agent'})).toBe(
			'ssh-agent has the unix stream socket /tmp/ssh-x/agent.1, bound and not connected: most likely listening (the backend reports no state for unix sockets)',
		);
		expect(unix({proto: 'stream', path: '/run/x.sock', state: 'UNCONN', command: 'app'})).toBe(
			'app has the unix stream socket /run/x.sock, bound but neither listening nor connected',
		);
	});
});

describe('servicePortOf', () => {
	const client = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 50_000, foreignAddress: '127.0.0.1', foreignPort: 40_000, state: 'ESTABLISHED'});

	it('takes a listener\'s local port and an outgoing connection\'s foreign port', () => {
		expect(servicePortOf(sshd)).toEqual({port: 22, protocol: 'tcp'});
		expect(servicePortOf(socket({proto: 'tcp6', localPort: 41_000, foreignPort: 443, state: 'ESTABLISHED'}))).toEqual({port: 443, protocol: 'tcp'});
		expect(servicePortOf(socket({proto: 'udp4', localAddress: '*'}))).toBeNull();
	});

	it('trusts the listening ports over port order when both ends are ephemeral', () => {
		// Both in the range, neither named: the lower port is guessed to be the server's.
		expect(servicePortOf(client, {ephemeral: linuxRange})).toEqual({port: 40_000, protocol: 'tcp'});
		// This host listens on 50000: the connection was accepted here.
		expect(servicePortOf(client, {ephemeral: linuxRange, listening: new Set(['tcp/50000'])})).toEqual({port: 50_000, protocol: 'tcp'});
		// It listens on 40000 (loopback client to a local server): outgoing.
		expect(servicePortOf({...client, localPort: 30_000}, {ephemeral: linuxRange, listening: new Set(['tcp/40000'])})).toEqual({
			port: 40_000,
			protocol: 'tcp',
		});
	});
});

describe('explainSocket: what is told and what is only guessed', () => {
	it('does not state a direction that only the lower-port guess gives (both ports ephemeral and unnamed)', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		// A client of a server on a high unnamed port: nothing here tells which end is which.
		const client = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 33_226, foreignAddress: '127.0.0.1', foreignPort: 59_999, state: 'ESTABLISHED', command: 'python3', pid: 9, fd: 4});
		const server = {...client, localPort: 59_999, foreignPort: 33_226, fd: 5};
		for (const each of [client, server]) {
			const {sentence} = explainSocket(each, ctx);
			expect(sentence).toMatch(/^python3 has a TCP connection from 127\.0\.0\.1 port \d+ .*to 127\.0\.0\.1 port \d+/);
			expect(sentence).not.toMatch(/accepted|is connected from|client's ephemeral/);
		}

		// With the listener known, it is told: the client is connected, the server accepted.
		const withListener = {...ctx, listening: new Set(['tcp/59999'])};
		expect(explainSocket(client, withListener).sentence).toMatch(/^python3 is connected from/);
		expect(explainSocket(server, withListener).sentence).toMatch(/^python3 accepted a connection on port 59999/);
	});

	it('calls a local client\'s port outside this kernel\'s ephemeral range chosen, not "the client\'s ephemeral port"', () => {
		const ctx = {services: debian, ephemeral: linuxRange, listening: new Set(['tcp/22'])};
		const accepted = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 22, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'ESTABLISHED', command: 'sshd', pid: 9, fd: 5});
		const {sentence} = explainSocket(accepted, ctx);
		expect(sentence).toMatch(/^sshd accepted a connection on port 22 \(named ssh in \/etc\/services/);
		expect(sentence).toContain("from 127.0.0.1 port 50000 (the client's ephemeral port)");
		// The IPv6 loopback and the IPv4-mapped loopback are this machine too: only its range counts.
		for (const foreignAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.9']) {
			const local = explainSocket({...accepted, proto: 'tcp6', localAddress: foreignAddress, foreignAddress, foreignPort: 61_000}, ctx).sentence;
			expect(local).toContain(`from ${foreignAddress}`);
			expect(local).toContain("port 61000 (a port the client chose, outside this machine's ephemeral range)");
		}
	});

	it('calls a remote client\'s port ephemeral only in a common ephemeral range, privileged below 1024, and never by a services name', () => {
		const ctx = {services: debian, ephemeral: linuxRange, listening: new Set(['tcp/22'])};
		const accepted = socket({proto: 'tcp4', localAddress: '10.0.0.2', localPort: 22, foreignAddress: '10.0.0.7', foreignPort: 0, state: 'ESTABLISHED', command: 'sshd', pid: 9, fd: 5});
		const from = (foreignPort: number) => /from 10\.0\.0\.7 (.*)$/.exec(explainSocket({...accepted, foreignPort}, ctx).sentence)?.[1];
		// Linux's range, and IANA's dynamic range (Windows, BSD): another kernel's pick.
		expect(from(40_000)).toBe("port 40000 (the client's ephemeral port)");
		expect(from(62_000)).toBe("port 62000 (the client's ephemeral port)");
		// Out of them, the client chose it or its system picks wider (FreeBSD: 10000-65535): 5000 and 2049
		// have services names, which say nothing of a client.
		expect(from(5000)).toBe("port 5000 (the client's port, outside the usual ephemeral ranges)");
		expect(from(2049)).toBe("port 2049 (the client's port, outside the usual ephemeral ranges)");
		expect(explainPort(20_000, 'tcp', 'remote-client', ctx).detail).toMatch(/the client bound it itself, or its system picks client ports from a wider range \(FreeBSD's is 10000-65535\)/);
		// Below 1024: bindresvport, not the service IANA registered there.
		expect(from(999)).toBe('port 999 (a privileged port, which on most Unix systems only root can bind; NFS and rsh clients use one to show they run as root)');
		expect(explainPort(999, 'tcp', 'remote-client', ctx).service).toBeNull();
		// This host's own range counts too (a FreeBSD capture's 10000-65535).
		expect(explainPort(12_000, 'tcp', 'remote-client', {services: debian, ephemeral: [10_000, 65_535]}).text).toBe("port 12000 (the client's ephemeral port)");
		// A capture without --ephemeral knows no range: a loopback client outside the usual ones is told as a remote
		// one, not with this machine's range (there was a crash here on its null).
		const capture = {services: debian, ephemeral: null, listening: new Set(['tcp/20001'])};
		const loopback = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 20_001, foreignAddress: '127.0.0.1', foreignPort: 20_000, state: 'ESTABLISHED', command: 'relay', pid: 9, fd: 5});
		expect(explainSocket(loopback, capture).sentence).toContain("from 127.0.0.1 port 20000 (the client's port, outside the usual ephemeral ranges)");
	});
});

describe('explainPort: a name IANA repeats as its description', () => {
	it('says the name once', async () => {
		const {createStaticServiceTable} = await import('../../source/services/index.js');
		const {ianaSource} = await import('../../source/services/iana.js');
		const services = createStaticServiceTable([{name: 'cbt', port: 7777, protocol: 'tcp', aliases: [], comment: 'cbt', source: ianaSource}]);
		expect(explainPort(7777, 'tcp', 'bound', {services, ephemeral: linuxRange}).text).toBe("port 7777 (named cbt in IANA's registry)");
	});
});

describe('noHolderReason: why a row has no process', () => {
	const live: RowSource = {isCapture: false, isRoot: false};
	const reason = (fields: Partial<Socket>, source: RowSource = live) =>
		noHolderReason(socket({proto: 'tcp4', state: 'ESTABLISHED', inode: 1234, user: '?', pid: null, ...fields}), source);

	it('says the kernel holds TIME_WAIT, orphaned closes and unfinished handshakes, whoever runs socktop', () => {
		for (const source of [live, {isCapture: false, isRoot: true}, {isCapture: true, isRoot: false}] satisfies RowSource[]) {
			expect(reason({state: 'TIME_WAIT', inode: 0}, source)).toMatch(/^No process holds it: TIME_WAIT/);
			expect(reason({state: 'FIN_WAIT1', inode: 0}, source)).toBe('No process holds it: the program closed it and the kernel finishes the close (FIN_WAIT1).');
			expect(reason({state: 'SYN_RECV', inode: 0}, source)).toMatch(/^No process holds it yet: the kernel answered the client's SYN and waits for its final ACK \(SYN_RECV\); then it joins the accept queue of its listener\. /);
		}
	});

	it('names the listener a half-open connection will queue on, and what a pile of them means', () => {
		const request = socket({proto: 'tcp4', localAddress: '10.0.0.1', localPort: 7000, foreignAddress: '10.0.0.5', foreignPort: 40_001, state: 'SYN_RECV', inode: 0, user: 'root', pid: null});
		const listener = socket({proto: 'tcp4', localAddress: '*', localPort: 7000, foreignAddress: '*', state: 'LISTEN', command: 'python3', pid: 23_351, fd: 3, inode: 900});
		expect(noHolderReason(request, live, [listener, request])).toBe(
			"No process holds it yet: the kernel answered the client's SYN and waits for its final ACK (SYN_RECV); then it joins the accept queue of python3 (PID 23351) on port 7000. Many that stay mean clients that never answer: a SYN flood (see net.ipv4.tcp_syncookies), or SYN-ACKs lost on the way back.",
		);
		expect(noHolderReason(request, live, [{...listener, command: null, pid: null, fd: null}])).toMatch(/; then it joins the accept queue of the listener on port 7000\. /);
		// A SYN_RECV socket a process holds (TCP Fast Open, a simultaneous open) is no request of a listener's.
		// root's (uid 0), as the kernel's own sockets are: either may hold it.
		expect(noHolderReason({...request, inode: 77}, live, [listener])).toBe("Held by a process of root that socktop cannot read, or by the kernel itself (as nfsd's sockets are): run as root to see which.");
		expect(noHolderReason({...request, inode: 77, user: 'alice', uid: 1000}, live, [listener])).toBe('Held by a process of alice that socktop cannot read: run as root to see it.');
	});

	it('says an orphaned close or an unfinished handshake only where the source reports inodes', () => {
		const capture: RowSource = {isCapture: true, isRoot: false};
		// ss -tan, sockstat: no inode, so a closing socket may still be held.
		expect(reason({state: 'TIME_WAIT', inode: null}, capture)).toMatch(/^No process holds it: TIME_WAIT/);
		expect(reason({state: 'FIN_WAIT2', inode: null}, capture)).toBe('The capture names no process for this socket.');
		expect(reason({state: 'SYN_RECV', inode: null}, capture)).toBe('The capture names no process for this socket.');
		expect(reason({state: 'LAST_ACK', inode: null, user: 'root'}, {isCapture: false, isRoot: true})).toMatch(/^No process here holds it: a kernel socket/);
	});

	it('does not call a closing socket that still has an inode orphaned', () => {
		expect(reason({state: 'FIN_WAIT2', inode: 77, user: 'www-data', uid: 33})).toBe('Held by a process of www-data that socktop cannot read: run as root to see it.');
	});

	it('advises root only when socktop is not root, and never for a capture', () => {
		expect(reason({user: '?'})).toBe('Its holder could not be read: run as root to see it.');
		expect(reason({user: 'root'}, {isCapture: false, isRoot: true})).toMatch(/^No process here holds it: a kernel socket/);
		// Root refused a process (a sandbox's PID 1): it may hold the socket, and the reason says so.
		expect(reason({user: 'root'}, {isCapture: false, isRoot: true, unreadableAsRoot: 1})).toBe(
			'No process socktop could read holds it: a kernel socket, one held outside this PID namespace, or one held by the process even root could not read (see the header).',
		);
		expect(reason({user: 'root'}, {isCapture: false, isRoot: true, unreadableAsRoot: 3})).toMatch(/held by the 3 processes even root could not read/);
		// A unix socket may be in flight: sent with SCM_RIGHTS, in the receiver's queue and no fd table.
		const inFlight = 'or one in flight: passed over a unix socket (SCM_RIGHTS) and not yet received.';
		const unix = {user: '?', proto: 'dgram', state: 'ESTABLISHED', localAddress: null, localPort: null, foreignAddress: null, foreignPort: null} as const;
		expect(reason(unix, {isCapture: false, isRoot: true})).toBe(`No process here holds it: a kernel socket, one held outside this PID namespace, ${inFlight}`);
		expect(reason(unix, {isCapture: false, isRoot: true, unreadableAsRoot: 1})).toBe(
			`No process socktop could read holds it: a kernel socket, one held outside this PID namespace, one held by the process even root could not read (see the header), ${inFlight}`,
		);
		expect(reason({user: 'root'}, {isCapture: true, isRoot: true})).toBe('The capture names no process for this socket.');
		expect(reason({user: 'root'}, {isCapture: true, isRoot: false})).toBe('The capture names no process for this socket.');
	});
});

describe('explainSocket: an IPv6 wildcard listener beside an IPv4 one on the same port', () => {
	const sshd6 = socket({proto: 'tcp6', localAddress: '*', localPort: 22, foreignAddress: '*', state: 'LISTEN', command: 'sshd', pid: 185, fd: 5});
	it('is said to be IPv6-only when the namespace has the IPv4 twin, and hedged otherwise', async () => {
		const services = await fixtureTable('debian-services');
		const twin = new Set([listeningKey('tcp4', 22), listeningKey('tcp6', 22), ipv4WildcardKey('tcp4', 22)]);
		expect(explainSocket(sshd6, {services, ephemeral: linuxRange, listening: twin}).sentence).toBe(
			'sshd listens for TCP connections on port 22 (named ssh in /etc/services: SSH Remote Login Protocol) on every IPv6 address (IPv4 clients reach the IPv4 socket listening on the same port)',
		);
		const alone = new Set([listeningKey('tcp6', 22)]);
		expect(explainSocket(sshd6, {services, ephemeral: linuxRange, listening: alone}).sentence).toMatch(/\(and every IPv4 address too, unless the socket is IPv6-only\)$/);
		// An IPv4 listener on one address only does not tell it.
		expect(explainSocket(sshd6, {services, ephemeral: linuxRange, listening: new Set([listeningKey('tcp4', 22)])}).sentence).toMatch(/unless the socket is IPv6-only\)$/);
	});
});

describe('explainSocket: an IPv6 wildcard listener with an IPv4 client', () => {
	const web6 = socket({proto: 'tcp6', localAddress: '*', localPort: 8080, foreignAddress: '*', state: 'LISTEN', command: 'nginx', pid: 40, fd: 6});
	// As /proc/net/tcp6 lists a connection an IPv4 client made to a dual-stack listener.
	const mapped = socket({proto: 'tcp6', localAddress: '::ffff:10.0.0.2', localPort: 8080, foreignAddress: '::ffff:10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', command: 'nginx', pid: 40, fd: 9});

	it('drops "unless IPv6-only" when such a connection on its port shows it takes IPv4', async () => {
		const services = await fixtureTable('debian-services');
		const listening = listeningKeys([web6, mapped]);
		expect(listening.has(ipv4ClientKey('tcp6', 8080))).toBe(true);
		expect(explainSocket(web6, {services, ephemeral: linuxRange, listening}).sentence).toMatch(
			/ on every IPv6 address and every IPv4 address too \(a connection from an IPv4 client on this port, at an IPv4-mapped ::ffff: address, shows it is not IPv6-only\)$/,
		);
		// An IPv6 client proves nothing; nor does an IPv4-mapped connection on another port.
		const ipv6Client = {...mapped, localAddress: '2001:db8::2', foreignAddress: '2001:db8::9'};
		expect(explainSocket(web6, {services, ephemeral: linuxRange, listening: listeningKeys([web6, ipv6Client])}).sentence).toMatch(/unless the socket is IPv6-only\)$/);
		expect(explainSocket(web6, {services, ephemeral: linuxRange, listening: listeningKeys([web6, {...mapped, localPort: 8081}])}).sentence).toMatch(/unless the socket is IPv6-only\)$/);
	});

	it('takes no such connection for proof where a listener bound to an IPv4-mapped address holds the port', () => {
		const mappedListener = socket({proto: 'tcp6', localAddress: '::ffff:10.0.0.2', localPort: 8080, foreignAddress: '*', state: 'LISTEN'});
		expect(listeningKeys([web6, mappedListener, mapped]).has(ipv4ClientKey('tcp6', 8080))).toBe(false);
		// A listener is no client, mapped or not.
		expect(listeningKeys([mappedListener]).has(ipv4ClientKey('tcp6', 8080))).toBe(false);
	});
});

describe('connectionDirection: listeners at both ends', () => {
	// A socket sharing a listener's port (SO_REUSEPORT) dialed out from 7300 to 7200, both listened on here
	// (the proc backend's PID view of such a process called both ends accepted).
	const listening = new Set([listeningKey('tcp4', 7200), listeningKey('tcp4', 7300)]);
	const dialer = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 7300, foreignAddress: '127.0.0.1', foreignPort: 7200, state: 'ESTABLISHED', command: 'python3'});
	const accepted = {...dialer, localPort: 7200, foreignPort: 7300};

	it('takes neither port for the server\'s from the listeners', () => {
		for (const each of [dialer, accepted]) {
			expect(connectionDirection(each, {listening, ephemeral: linuxRange}, false)).toBeNull();
			expect(explainSocket(each, {services: createStaticServiceTable([]), ephemeral: linuxRange, listening}).sentence).toMatch(/^python3 has a TCP connection from 127\.0\.0\.1 port 7[23]00 /);
		}

		// One listened port still tells it.
		expect(connectionDirection(dialer, {listening: new Set([listeningKey('tcp4', 7200)])}, false)).toBe('outgoing');
		expect(connectionDirection(accepted, {listening: new Set([listeningKey('tcp4', 7200)])}, false)).toBe('incoming');
	});

	it('falls back to the other rules: a named port is the server\'s', () => {
		expect(connectionDirection(dialer, {listening, services: debian}, false)).toBe(connectionDirection(dialer, {services: debian}, false));
	});

	it('still calls a connection from a remote host accepted: its port being listened on here says nothing of that host', () => {
		// sshd on 22 and 2222 here; a client elsewhere connected from its own port 2222.
		const both = new Set([listeningKey('tcp4', 22), listeningKey('tcp4', 2222)]);
		const remote = socket({proto: 'tcp4', localAddress: '10.0.0.2', localPort: 22, foreignAddress: '192.0.2.7', foreignPort: 2222, state: 'ESTABLISHED', command: 'sshd'});
		expect(connectionDirection(remote, {listening: both}, false)).toBe('incoming');
		// To this host's own address, as on loopback, it tells nothing.
		expect(connectionDirection({...remote, foreignAddress: '10.0.0.2'}, {listening: both}, false)).toBeNull();
	});
});

describe('explainSocket: a socket connected to itself', () => {
	const itself = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 45_500, foreignAddress: '127.0.0.1', foreignPort: 45_500, state: 'ESTABLISHED', command: 'python3'});
	it('says both ends are its own port, for TCP (simultaneous open) and UDP', () => {
		const ctx = {services: debian, ephemeral: linuxRange};
		expect(explainSocket(itself, ctx).sentence).toBe(
			"python3 has a TCP connection to itself: port 45500 (ephemeral range, unnamed) on 127.0.0.1 is both of its ends (a self-connect: TCP's simultaneous open lets a connect() to its own address and port succeed, as when a client keeps retrying a local port of the ephemeral range that nothing listens on)",
		);
		expect(explainSocket({...itself, proto: 'udp4'}, ctx).sentence).toBe(
			'python3 has a UDP socket connected to itself: port 45500 (ephemeral range, unnamed) on 127.0.0.1 is both of its ends, so it receives what it sends',
		);
		// Closed, it is a TIME_WAIT like any other.
		expect(explainSocket({...itself, state: 'TIME_WAIT', command: null, inode: 0}, ctx).sentence).toMatch(/^a closed TCP connection between port 45500/);
	});
});

describe('listeningKeys: the ports of server ends', () => {
	it('takes every listener the -l filter takes that has a port, a stateless TCP one too (sockstat without -s)', () => {
		const sockets = [
			// sockstat without -s: no state column, a listener is a TCP row with no peer.
			socket({proto: 'tcp4', localAddress: '*', localPort: 22, foreignAddress: '*', foreignPort: null, state: null}),
			socket({proto: 'tcp6', localAddress: '*', localPort: 22, foreignAddress: '*', foreignPort: null, state: null}),
			socket({proto: 'tcp4', localAddress: '192.168.5.2', localPort: 22, foreignAddress: '192.168.5.4', foreignPort: 59_217, state: null}),
			// A bound UDP socket without a peer, with no state (lsof, sockstat without -s) or UNCONN (/proc).
			socket({proto: 'udp4', localAddress: '*', localPort: 514, foreignAddress: '*', foreignPort: null, state: null}),
			socket({proto: 'udp6', localAddress: '::', localPort: 53, foreignAddress: '*', foreignPort: null, state: 'UNCONN'}),
			socket({proto: 'udp4', localAddress: '10.0.0.1', localPort: 40_000, foreignAddress: '10.0.0.53', foreignPort: 53, state: 'ESTABLISHED'}),
			// No port: a unix socket, and a raw socket's IP protocol number is none.
			socket({proto: 'dgram', path: '/var/run/log', localPort: null, state: null}),
			socket({proto: 'raw4', localAddress: '*', localPort: 1, foreignAddress: '*', foreignPort: null, state: null}),
		];
		expect(listeningKeys(sockets)).toEqual(new Set(['tcp/22', ipv4WildcardKey('tcp4', 22), 'udp/514', 'udp/53']));
		for (const each of sockets) {
			const port = each.localPort;
			const isKey = port !== null && listeningKeys([each]).has(listeningKey(each.proto, port));
			expect(isKey).toBe(isListening(each) && port !== null && !each.proto.startsWith('raw'));
		}
	});
});

describe('explainPort: a port whose role is not known, in the ephemeral range', () => {
	it('is named as the bound socket on the same port is, so one port is not named two ways on one screen', async () => {
		const services = await fixtureTable('debian-services');
		const bound = explainPort(41_200, 'udp', 'bound', {services, ephemeral: linuxRange});
		const unknown = explainPort(41_200, 'udp', 'unknown', {services, ephemeral: linuxRange});
		expect(unknown.text).toBe('port 41200 (ephemeral range, unnamed)');
		expect(unknown.text).toBe(bound.text);
		expect(unknown.detail).toMatch(/from which it picks client ports/);
		// Outside the range it is named as before (here by IANA).
		expect(explainPort(20_000, 'udp', 'unknown', {services, ephemeral: linuxRange}).text).not.toMatch(/ephemeral/);
	});
});

describe('queueListenerOf: the listener a connection not accepted yet waits on', () => {
	const listener = socket({proto: 'tcp6', localAddress: '*', localPort: 8080, foreignAddress: '*', state: 'LISTEN', command: 'nginx', pid: 40, fd: 6, inode: 900});
	const queued = socket({proto: 'tcp6', localAddress: '::1', localPort: 8080, foreignAddress: '::1', foreignPort: 51_000, state: 'CLOSE_WAIT', command: null, pid: null, fd: null, inode: 0});
	it('finds a wildcard listener, prefers one with a process, and needs the same protocol and port', () => {
		const orphanListener = {...listener, command: null, pid: null, fd: null};
		expect(queueListenerOf(queued, [orphanListener, listener])).toBe(listener);
		expect(queueListenerOf(queued, [{...listener, proto: 'tcp4'}])).toBeNull();
		expect(queueListenerOf(queued, [{...listener, localPort: 8081}])).toBeNull();
		expect(queueListenerOf(queued, [{...listener, localAddress: '::2'}])).toBeNull();
		expect(queueListenerOf({...queued, state: 'SYN_SENT'}, [listener])).toBeNull();
		expect(noHolderReason(queued, {isCapture: false, isRoot: false}, [orphanListener])).toMatch(
			/^No process holds it yet: it waits in the accept queue until the listener on port 8080 calls accept\(\) for it \(the client has already closed its end\)\./,
		);
		// No process to open a PID view of: where else the queue shows.
		expect(noHolderReason(queued, {isCapture: false, isRoot: false}, [orphanListener])).toMatch(/\. A queue that stays full \(in ss -lnt, the listener's Recv-Q at its Send-Q, the backlog, plus one: Linux queues backlog\+1; rxQueue in --json\) means the server is not keeping up\.$/);
		expect(noHolderReason(queued, {isCapture: false, isRoot: false}, [listener])).toMatch(/\. The listener's PID view says how many wait \(Recv-Q\) of its backlog \(Send-Q\): a queue that stays full \(backlog\+1 on Linux\) means the server is not keeping up\.$/);
	});

	it('is told by inode 0 only: a source without inodes (null) says nothing of a queue', () => {
		expect(noHolderReason(queued, {isCapture: false, isRoot: true}, [listener])).toMatch(/^No process holds it yet: it waits in the accept queue until nginx \(PID 40\)/);
		// A capture with inodes (ss -e) tells it as /proc does.
		expect(noHolderReason(queued, {isCapture: true, isRoot: true}, [listener])).toMatch(/^No process holds it yet: it waits in the accept queue until nginx \(PID 40\)/);
		const unknown = {...queued, inode: null};
		expect(queueListenerOf(unknown, [listener])).toBeNull();
		expect(noHolderReason(unknown, {isCapture: true, isRoot: true}, [listener])).toBe('The capture names no process for this socket.');
		// lsof and sockstat give no inode either.
		expect(noHolderReason(unknown, {isCapture: false, isRoot: true}, [listener])).toMatch(/^No process here holds it: a kernel socket/);
	});
});

describe('placePhrase and foreignAddressPhrase: groups and IPv4 through IPv6', () => {
	it('says a multicast group, every IPv4 address, and an IPv4 address through an IPv6 socket', () => {
		expect(placePhrase('239.1.2.3', 4)).toBe('for the multicast group 239.1.2.3, whose datagrams reach it only while a socket of this machine has joined the group (a bind joins none)');
		expect(placePhrase('224.0.0.251', 4)).toBe('for the multicast group 224.0.0.251, whose datagrams reach it only while a socket of this machine has joined the group (a bind joins none)');
		expect(placePhrase('ff02::fb', 6)).toBe('for the multicast group ff02::fb, whose datagrams reach it only while a socket of this machine has joined the group (a bind joins none)');
		expect(placePhrase('::ffff:239.1.2.3', 6)).toBe('for the multicast group ::ffff:239.1.2.3, whose datagrams reach it only while a socket of this machine has joined the group (a bind joins none)');
		expect(placePhrase('240.0.0.1', 4)).toBe('only on the address 240.0.0.1');
		expect(placePhrase('::ffff:0.0.0.0', 6)).toBe('on every IPv4 address (IPv4 only, through an IPv6 socket)');
		expect(placePhrase('::ffff:10.0.0.1', 6)).toBe('only on the IPv4 address 10.0.0.1 (as ::ffff:10.0.0.1, through an IPv6 socket)');
		expect(foreignAddressPhrase('::FFFF:127.0.0.9')).toBe('::FFFF:127.0.0.9 (IPv4 loopback: this machine)');
		expect(foreignAddressPhrase('::ffff:10.0.0.7')).toBe('::ffff:10.0.0.7 (the IPv4 address 10.0.0.7)');
		expect(foreignAddressPhrase('2001:db8::7')).toBe('2001:db8::7');
	});
});

describe('a socket of a network namespace other than the host\'s', () => {
	it('says its addresses are that namespace\'s, and that its loopback is reachable from inside it alone', () => {
		expect(placePhrase('127.0.0.1', 4, null, 'uat-a')).toBe('only on the loopback address 127.0.0.1 in network namespace uat-a — reachable only from inside that namespace');
		expect(placePhrase('::ffff:127.0.0.1', 6, null, 'uat-a')).toBe(
			'only on the IPv4 loopback address 127.0.0.1 (as ::ffff:127.0.0.1, through an IPv6 socket) in network namespace uat-a — reachable only from inside that namespace',
		);
		expect(placePhrase('*', 4, null, 'docker:3f4e5a6b7c8d')).toBe('on every IPv4 address in network namespace docker:3f4e5a6b7c8d');
		expect(placePhrase('*', 6, 'twin', 'uat-a')).toBe('on every IPv6 address in network namespace uat-a (IPv4 clients reach the IPv4 socket listening on the same port)');
		expect(placePhrase('10.0.0.2', 4, null, 'uat-a')).toBe('only on the address 10.0.0.2 in network namespace uat-a');
		expect(placePhrase('239.1.2.3', 4, null, 'uat-a')).toBe('for the multicast group 239.1.2.3 in network namespace uat-a, whose datagrams reach it only while a socket of that namespace has joined the group (a bind joins none)');
	});

	it('says nothing of the host\'s namespace, or of one not known', () => {
		for (const netns of ['host', null]) {
			expect(placePhrase('127.0.0.1', 4, null, netns)).toBe('only on the loopback address 127.0.0.1 — not reachable from other machines');
			expect(placePhrase('*', 4, null, netns)).toBe('on every IPv4 address');
		}
	});

	it('says a loopback address is reachable from nowhere while the loopback interface is down', () => {
		expect(placePhrase('127.0.0.1', 4, null, 'netns:[4026532390]', null, true)).toBe(
			"only on the loopback address 127.0.0.1 in network namespace netns:[4026532390] — that namespace's loopback interface (lo) is down: nothing can connect, not even from inside, until lo is set up",
		);
		expect(placePhrase('::1', 6, null, 'host', null, true)).toBe('only on the loopback address ::1 — the loopback interface (lo) is down: nothing can connect, not even from this machine, until lo is set up');
		const inside = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 7070, foreignAddress: '*', state: 'LISTEN', command: 'python3', netns: 'netns:[4026532390]'});
		expect(explainSocket(inside, {services: createStaticServiceTable([]), ephemeral: linuxRange, isLoopbackDown: true}).sentence).not.toContain('reachable');
	});

	it('says what every address comes to where no interface is up but lo, or none, and nothing where that is not known', () => {
		expect(placePhrase('*', 4, null, 'uat-a', null, false, 'lo')).toBe('on every IPv4 address in network namespace uat-a — that namespace has no interface up but lo: reachable only from inside it');
		expect(placePhrase('*', 6, 'dual', 'uat-a', null, false, 'lo')).toBe(
			'on every IPv6 address in network namespace uat-a and every IPv4 address too (the socket is not IPv6-only) — that namespace has no interface up but lo: reachable only from inside it',
		);
		expect(placePhrase('::ffff:0.0.0.0', 6, null, 'uat-a', null, false, 'none')).toBe(
			'on every IPv4 address in network namespace uat-a (IPv4 only, through an IPv6 socket) — no interface is up in that namespace, not even lo: nothing can connect, not even from inside, until one is set up',
		);
		expect(placePhrase('*', 4, null, 'host', null, false, 'lo')).toBe('on every IPv4 address — no interface is up but lo: not reachable from other machines');
		// Said of every address only: a socket on one address is reached through the interface that has it.
		expect(placePhrase('10.0.0.2', 4, null, 'uat-a', null, false, 'lo')).toBe('only on the address 10.0.0.2 in network namespace uat-a');
		expect(placePhrase('*', 4, null, 'uat-a')).toBe('on every IPv4 address in network namespace uat-a');
		const inside = socket({proto: 'tcp4', localAddress: '0.0.0.0', localPort: 7070, foreignAddress: '*', state: 'LISTEN', command: 'python3', netns: 'uat-a'});
		expect(explainSocket(inside, {services: createStaticServiceTable([]), ephemeral: linuxRange, interfacesUp: 'lo'}).sentence).toContain(
			'on every IPv4 address in network namespace uat-a — that namespace has no interface up but lo: reachable only from inside it',
		);
	});

	it('goes into the sentence of a listener, and of an abstract unix name, which is per namespace too', () => {
		const inside = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 7778, foreignAddress: '*', state: 'LISTEN', command: 'python3', netns: 'uat-a'});
		expect(explainSocket(inside, {services: createStaticServiceTable([]), ephemeral: linuxRange}).sentence).toBe(
			`python3 listens for TCP connections on port 7778 (registered range, unnamed) only on the loopback address 127.0.0.1 in network namespace uat-a — reachable only from inside that namespace${'; while it listens, Linux refuses bind() of port 7778 on 0.0.0.0 (or a dual-stack ::) in that namespace ("Address already in use"), even with SO_REUSEADDR, unless both set SO_REUSEPORT as one user'}`,
		);
		const abstract = socket({proto: 'stream', path: '@app', state: 'LISTEN', command: 'app', netns: 'uat-a'});
		expect(explainSocket(abstract, {services: createStaticServiceTable([]), ephemeral: linuxRange}).sentence).toBe('app listens for connections on the abstract unix stream socket @app (a name held by the kernel in network namespace uat-a, not a file); an abstract name has no file permissions: any process in its network namespace can connect');
	});
});
