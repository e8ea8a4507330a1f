import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import type {Socket} from '../../source/model/types.js';
import {explainSocket, servicePortOf} from '../../source/services/explain.js';
import {createServiceTable} from '../../source/services/index.js';
import type {ServiceTable} from '../../source/services/types.js';
import {socket} from './helpers.js';

// The sockstat output printed in the design's source article (FreeBSD, 2001), as issue 5 quotes it.
const article = `USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS
tty comsat 8372 0 udp4 *:512 *:*
tty comsat 8372 1 udp4 *:512 *:*
tty comsat 8372 2 udp4 *:512 *:*
genisis navigato 3758 20 tcp4 24.141.117.39:4472 209.225.2.218:80
genisis navigato 3758 30 tcp4 24.141.117.39:4469 208.201.239.36:80
root XF86_SVG 3752 0 tcp4 *:6000 *:*
root sshd 185 4 tcp4 *:22 *:*
root sendmail 181 4 tcp4 *:25 *:*
root sendmail 181 5 tcp4 *:587 *:*
root lpd 177 6 tcp4 *:515 *:*
root inetd 172 4 tcp4 *:21 *:*
root inetd 172 5 tcp4 *:23 *:*
root inetd 172 6 udp4 *:512 *:*
root inetd 172 7 udp4 *:518 *:*
root inetd 172 8 udp4 *:69 *:*
daemon portmap 152 3 udp4 *:111 *:*
daemon portmap 152 4 tcp4 *:111 *:*
root syslogd 149 4 udp4 *:514 *:*
root dhclient 125 3 udp4 *:* *:*
root dhclient 125 6 udp4 *:68 *:*`;

/** Just enough of a sockstat row for these tests; the import backend owns the real parser. */
function row(line: string): Socket {
	const [user = '', command = '', pid = '', fd = '', proto = '', local = '', foreign = ''] = line.split(/\s+/u);
	const split = (address: string) => {
		const colon = address.lastIndexOf(':');
		const port = address.slice(colon + 1);
		return {address: address.slice(0, colon), port: port === '*' ? null : Number(port)};
	};

	const l = split(local);
	const f = split(foreign);
	return socket({
		proto: proto as Socket['proto'],
		user,
		command,
		pid: Number(pid),
		fd: Number(fd),
		localAddress: l.address,
		localPort: l.port,
		foreignAddress: f.address,
		foreignPort: f.port,
	});
}

const rows = article.split('\n').slice(1).map(line => row(line));
const freebsdServices = fileURLToPath(new URL('../fixtures/services/freebsd-services', import.meta.url));
let services: ServiceTable;

beforeAll(async () => {
	// As `--services freebsd-services` would load it.
	services = createServiceTable({file: freebsdServices});
	await services.load();
});

describe('the 2001 article rows, explained against FreeBSD\'s services file', () => {
	it('explains 4472 and 4469 as ephemeral under --ephemeral 1024-5000 (FreeBSD in 2001)', () => {
		const ctx = {services, ephemeral: [1024, 5000] as const};
		const [first, second] = rows.filter(each => each.command === 'navigato').map(each => explainSocket(each, ctx));
		expect(first?.sentence).toBe('navigato is connected from ephemeral port 4472 to 209.225.2.218 port 80 (named http in the services file: World Wide Web HTTP)');
		expect(second?.sentence).toBe('navigato is connected from ephemeral port 4469 to 208.201.239.36 port 80 (named http in the services file: World Wide Web HTTP)');
		expect(first?.local?.detail).toBe(
			'ephemeral port 4472: a client port most likely picked by the kernel for this connection (unless the program bound it), which is why no services file names it (the ephemeral range is 1024-5000)',
		);
		expect(first?.foreign?.service).toMatchObject({name: 'http', aliases: ['www', 'www-http'], source: freebsdServices});
	});

	it('does not call them ephemeral under today\'s FreeBSD default 10000-65535', () => {
		const explained = explainSocket(rows[3]!, {services, ephemeral: [10_000, 65_535]});
		expect(explained.local).toMatchObject({class: 'registered', text: 'port 4472 (registered range, unnamed)'});
		expect(explained.local?.detail).toMatch(/outside the kernel's ephemeral range 10000-65535, so the program chose it itself$/);
		// The port is still the client's: http names the server end.
		expect(servicePortOf(rows[3]!, {ephemeral: [10_000, 65_535], services})).toEqual({port: 80, protocol: 'tcp'});
	});

	it('explains each listener by the FreeBSD entry for its protocol', () => {
		const ctx = {services, ephemeral: [1024, 5000] as const};
		const sentences = rows.map(each => explainSocket(each, ctx).sentence);
		expect(sentences).toHaveLength(20);
		expect(sentences[0]).toBe(
			'comsat receives UDP datagrams on port 512 (named biff in the services file: used by mail system to notify users of new mail received; currently receives messages only from processes on the same machine) on every IPv4 address',
		);
		expect(sentences[5]).toBe(
			'XF86_SVG listens for TCP connections on port 6000 (named x11 in the services file: 6000-6063 are assigned to X Window System) on every IPv4 address',
		);
		expect(sentences[6]).toBe('sshd listens for TCP connections on port 22 (named ssh in the services file: Secure Shell Login) on every IPv4 address');
		expect(sentences[8]).toBe('sendmail listens for TCP connections on port 587 (named submission in the services file) on every IPv4 address');
		expect(sentences[9]).toBe('lpd listens for TCP connections on port 515 (named printer in the services file) on every IPv4 address');
		expect(sentences[13]).toBe('inetd receives UDP datagrams on port 518 (named ntalk in the services file) on every IPv4 address');
		expect(sentences[14]).toBe('inetd receives UDP datagrams on port 69 (named tftp in the services file: Trivial File Transfer) on every IPv4 address');
		expect(sentences[16]).toBe(
			'portmap listens for TCP connections on port 111 (named sunrpc in the services file: SUN Remote Procedure Call) on every IPv4 address',
		);
		expect(sentences[17]).toBe('syslogd receives UDP datagrams on port 514 (named syslog in the services file) on every IPv4 address');
		expect(sentences[18]).toBe('dhclient has a UDP socket that is not bound to a port yet');
		expect(sentences[19]).toBe(
			'dhclient receives UDP datagrams on port 68 (named bootpc in the services file: Bootstrap Protocol Client) on every IPv4 address',
		);
	});

	it('reads a tcp and a udp row of one port differently', () => {
		const ctx = {services, ephemeral: null};
		const tcp512 = explainSocket({...rows[12]!, proto: 'tcp4'}, ctx);
		expect(tcp512.local?.service?.name).toBe('exec');
		expect(explainSocket(rows[12]!, ctx).local?.service?.name).toBe('biff');
	});
});
