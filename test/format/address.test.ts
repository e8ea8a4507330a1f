import {describe, expect, it} from 'vitest';
import {fitAddress, foreignWidth, formatEndpoint, formatForeign, formatLocal, formatUnixPeer, formatUser, localWidth} from '../../source/format/address.js';
import {displayWidth} from '../../source/format/escape.js';
import {makeSocket} from './sockets.js';

describe('formatEndpoint', () => {
	it('writes wildcards as sockstat does', () => {
		expect(formatEndpoint('*', 22)).toBe('*:22');
		expect(formatEndpoint('*', null)).toBe('*:*');
	});

	it('brackets IPv6 literals, including IPv4-mapped ones', () => {
		expect(formatEndpoint('::1', 8080)).toBe('[::1]:8080');
		expect(formatEndpoint('::ffff:127.0.0.1', 80)).toBe('[::ffff:127.0.0.1]:80');
		expect(formatEndpoint('fe80::1%eth0', 546)).toBe('[fe80::1%eth0]:546');
	});

	it('writes a link-local address\'s interface after the bracket, as ss does, and measures it so', () => {
		expect(formatEndpoint('fe80::1', 547, 'eth0')).toBe('[fe80::1]%eth0:547');
		const socket = makeSocket({proto: 'udp6', localAddress: 'fe80::1', localPort: 547, linkInterface: 'eth0'});
		expect(formatLocal(socket)).toBe('[fe80::1]%eth0:547');
		expect(localWidth(socket)).toBe('[fe80::1]%eth0:547'.length);
		// The foreign end is written as ss writes it: without one.
		expect(formatForeign(makeSocket({proto: 'tcp6', localAddress: 'fe80::1', foreignAddress: 'fe80::2', foreignPort: 8080, linkInterface: 'eth0'}))).toBe('[fe80::2]:8080');
		expect(formatLocal(makeSocket({proto: 'icmp6', localAddress: 'fe80::1', localPort: 7, linkInterface: 'eth0'}))).toBe('[fe80::1]%eth0:id=7');
	});

	it('shows an unknown address as ? and makes control characters visible', () => {
		expect(formatEndpoint(null, 1)).toBe('?:1');
		expect(formatEndpoint('10.0.0.1\u001b[2J', 1)).toBe('10.0.0.1\\x1b[2J:1');
	});
});

describe('ICMP echo (ping) cells', () => {
	it('write the echo identifier as id=N, not as a port, and the peer without one', () => {
		const unconnected = makeSocket({proto: 'icmp4', localPort: 43_294, state: 'UNCONN'});
		expect(formatLocal(unconnected)).toBe('*:id=43294');
		expect(formatForeign(unconnected)).toBe('*:*');
		const connected = makeSocket({proto: 'icmp6', localAddress: '::1', localPort: 22_136, foreignAddress: '::1', state: 'ESTABLISHED'});
		expect(formatLocal(connected)).toBe('[::1]:id=22136');
		expect(formatForeign(connected)).toBe('[::1]:*');
		// A raw socket's number stays where a port goes, as before.
		expect(formatLocal(makeSocket({proto: 'raw4', localPort: 1}))).toBe('*:1');
	});
});

describe('unix cells', () => {
	it('shows the bound path locally and the peer in sockstat words', () => {
		const bound = makeSocket({proto: 'stream', path: '/run/x.sock', state: 'LISTEN'});
		expect(formatLocal(bound)).toBe('/run/x.sock');
		expect(formatForeign(bound)).toBe('-');
		const client = makeSocket({proto: 'stream', peerPath: '/run/x.sock', peerInode: 9, state: 'ESTABLISHED'});
		expect(formatLocal(client)).toBe('-');
		expect(formatForeign(client)).toBe('-> /run/x.sock');
		expect(formatUnixPeer({peerPath: null, peerInode: 42, state: 'ESTABLISHED'})).toBe('-> socket:[42]');
		expect(formatUnixPeer({peerPath: null, peerInode: null, state: 'UNCONN'})).toBe('(not connected)');
	});

	it('names an unnamed peer by the process holding it, and a named one by its path, as sockstat does', () => {
		const holder = {command: 'python3', pid: 5055};
		expect(formatUnixPeer({peerPath: null, peerInode: 39_808_606, state: 'ESTABLISHED', peerHolder: holder})).toBe('-> python3[5055]');
		// The path is the only name of the service a client's row talks to: it wins.
		expect(formatUnixPeer({peerPath: '/run/x.sock', peerInode: 9, state: 'ESTABLISHED', peerHolder: holder})).toBe('-> /run/x.sock');
		expect(formatUnixPeer({peerPath: null, peerInode: 9, state: 'ESTABLISHED', peerHolder: {command: '\u001b[2Jx', pid: 7}})).toBe('-> \\x1b[2Jx[7]');
		expect(formatUnixPeer({peerPath: null, peerInode: 9, state: 'ESTABLISHED', peerHolder: {command: null, pid: 7}})).toBe('-> ?[7]');
	});

	it('measures a peer named by its holder as it is written', () => {
		for (const peerHolder of [{command: 'python3', pid: 5055}, {command: '中文😀', pid: 1}, {command: 'a\nb', pid: 123_456}, {command: null, pid: 7}]) {
			const row = makeSocket({proto: 'stream', peerInode: 9, state: 'ESTABLISHED', peerHolder});
			expect(formatForeign(row)).toMatch(new RegExp(String.raw`\[${peerHolder.pid}\]$`));
			expect(foreignWidth(row)).toBe(displayWidth(formatForeign(row)));
		}
	});

	it("writes a connected socket whose peer the backend cannot name as '-> ?', like sockstat's '-> ??'", () => {
		expect(formatUnixPeer({peerPath: null, peerInode: null, state: 'ESTABLISHED'})).toBe('-> ?');
		expect(formatUnixPeer({peerPath: '', peerInode: 0, state: 'CONNECTING'})).toBe('-> ?');
		// No state at all (sockstat without -s, '(not connected)' printed): as the capture said.
		expect(formatUnixPeer({peerPath: null, peerInode: null, state: null})).toBe('(not connected)');
	});

	it('marks a listener whose file is gone (deleted) after its path, and measures it so', () => {
		const gone = makeSocket({proto: 'stream', path: '/tmp/app.sock', state: 'LISTEN', isPathGone: true});
		expect(formatLocal(gone)).toBe('/tmp/app.sock (deleted)');
		expect(localWidth(gone)).toBe(displayWidth(formatLocal(gone)));
		expect(fitAddress(formatLocal(gone), 16)).toBe('…/app.sock (del…');
		expect(formatLocal({...gone, isPathGone: undefined})).toBe('/tmp/app.sock');
	});

	it('sanitizes hostile paths', () => {
		const hostile = makeSocket({proto: 'dgram', path: '/tmp/\u001b]0;pwned\u0007\n', peerPath: '@\u202eevil'});
		expect(formatLocal(hostile)).toBe('/tmp/\\x1b]0;pwned\\x07\\n');
		expect(formatForeign(hostile)).toBe('-> @\\u202eevil');
	});
});

describe('fitAddress: cutting an address cell', () => {
	it('keeps the port of an inet address and the end of a path', () => {
		// Too narrow for 3 characters of the host's start as well: cut from the left.
		expect(fitAddress('[2001:db8::1234:5678]:443', 12)).toBe('…4:5678]:443');
		expect(fitAddress('127.0.0.1:32938', 10)).toBe('…0.1:32938');
		expect(fitAddress('/var/run/postgresql/.s.PGSQL.5432', 14)).toBe('….s.PGSQL.5432');
	});

	it('keeps the arrow of a unix peer, and the start of "(not connected)"', () => {
		expect(fitAddress('-> /run/systemd/journal/stdout', 14)).toBe('-> …nal/stdout');
		expect(fitAddress('-> socket:[21299433]', 12)).toBe('-> …1299433]');
		// A peer known only by its inode keeps the inode after '…:', never 'socke…[N]', which reads as a process.
		expect(fitAddress('-> socket:[43211605]', 16)).toBe('-> …:[43211605] ');
		expect(fitAddress('-> socket:[43211605]', 15)).toBe('-> …:[43211605]');
		expect(fitAddress('-> socket:[43211605]', 14)).toBe('-> …43211605] ');
		expect(fitAddress('-> socket:[43211605]', 8)).toBe('-> …605]');
		expect(fitAddress('(not connected)', 12)).toBe('(not connec…');
	});

	it('keeps the file name of a path whose file is gone, and "(deleted)" or its start while the name fits beside it', () => {
		// The user test, the PID view at 40x10: the cell read '…(deleted)', which socket it was gone.
		const gone = '/run/user/1000/app/app.sock (deleted)';
		expect(fitAddress(gone, 30)).toBe('…r/1000/app/app.sock (deleted)');
		expect(fitAddress(gone, 20)).toBe('…/app.sock (deleted)');
		expect(fitAddress(gone, 16)).toBe('…/app.sock (del…');
		expect(fitAddress(gone, 15)).toBe('app.sock (dele…');
		expect(fitAddress(gone, 14)).toBe('app.sock (del…');
		expect(fitAddress(gone, 10)).toBe('…/app.sock');
		expect(fitAddress(gone, 8)).toBe('…pp.sock');
		expect(fitAddress('app.sock (deleted)', 16)).toBe('app.sock (delet…');
	});

	it('cuts a peer named by its holder in the name, keeping its PID', () => {
		expect(fitAddress('-> systemd-journal[300]', 16)).toBe('-> systemd…[300]');
		expect(fitAddress('-> python3[5055]', 12)).toBe('-> py…[5055]');
		// Too narrow to keep a name: cut from the left as any peer is.
		expect(fitAddress('-> python3[5055]', 8)).toBe('-> …055]');
	});

	it('cuts an inet host in the middle, keeping its start, its last group and the port', () => {
		// What 60 columns showed as '….0.0.1:32938' for every loopback address.
		expect(fitAddress('127.0.0.1:32938', 13)).toBe('127.0…1:32938');
		expect(fitAddress('127.0.0.1:32938', 12)).toBe('127.…1:32938');
		expect(fitAddress('192.168.100.200:443', 13)).toBe('192.1…200:443');
		expect(fitAddress('[2001:db8:85a3::8a2e:370:7334]:443', 20)).toBe('[2001:db8:…7334]:443');
		expect(fitAddress('[::ffff:127.0.0.1]:80', 15)).toBe('…:127.0.0.1]:80');
		// A link-local address keeps its interface with its last group.
		expect(fitAddress('[fe80::5054:ff:fe12:3456]%enp1s0:8080', 26)).toBe('[fe80::5…3456]%enp1s0:8080');
		// A VLAN's interface has a dot, which is no group of the address: it is kept whole.
		const vlan = '[fe80::5054:ff:fe12:3456]%eth0.100:546';
		expect(fitAddress(vlan, 30)).toBe('[fe80::5054…3456]%eth0.100:546');
		expect(fitAddress(vlan, 24)).toBe('[fe80…3456]%eth0.100:546');
		expect(fitAddress(vlan, 22)).toBe('[fe…3456]%eth0.100:546');
		expect(fitAddress(vlan, 20)).toBe('…:3456]%eth0.100:546');
		const long = '[fe80::5054:ff:fe12:3456]%enp0s31f6.1000:546';
		expect(fitAddress(long, 30)).toBe('[fe80…3456]%enp0s31f6.1000:546');
		expect(fitAddress(long, 26)).toBe('…:3456]%enp0s31f6.1000:546');
		expect(fitAddress(long, 20)).toBe('…%enp0s31f6.1000:546');
		expect(fitAddress('db.internal.example:5432', 16)).toBe('db.…example:5432');
		// A ping socket keeps its identifier; a path with a colon is still a path.
		expect(fitAddress('10.20.30.40:id=43294', 16)).toBe('10.2…40:id=43294');
		expect(fitAddress('/run/a:b/c.sock', 8)).toBe('…/c.sock');
	});

	it('pads what fits, unchanged', () => {
		expect(fitAddress('*:22', 8)).toBe('*:22    ');
		expect(fitAddress('(not connected)', 16)).toBe('(not connected) ');
	});
});

describe('formatUser', () => {
	it('is the name, or with -n the uid; an owner without a uid stays as it is', () => {
		const alice = makeSocket({user: 'alice', uid: 1000});
		expect(formatUser(alice)).toBe('alice');
		expect(formatUser(alice, true)).toBe('1000');
		expect(formatUser(makeSocket({user: '?', uid: null}), true)).toBe('?');
		expect(formatUser(makeSocket({user: 'ev\u001bl', uid: 7}))).toBe('ev\\x1bl');
		expect(formatUser(makeSocket({user: 'ev\u001bl', uid: 7}), true)).toBe('7');
	});
});
