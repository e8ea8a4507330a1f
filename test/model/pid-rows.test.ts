import {describe, expect, it} from 'vitest';
import {alsoHeldBy, exeGoneNote, fdCountOf, fdRow, formatPeer, processFacts} from '../../source/model/pid-rows.js';
import type {ProcessDetail} from '../../source/model/process.js';
import type {Socket} from '../../source/model/types.js';
import {socket} from '../helpers/socket.js';
import {inetSocket, sshdInfo} from '../components/pid-fixtures.js';

const row = (fields: Parameters<typeof inetSocket>[0]) => fdRow({fd: 3, type: 'socket', target: 'socket:[1]', socket: inetSocket(fields)});

describe('fdRow endpoints', () => {
	it('writes endpoints as the table does: * for a wildcard, brackets for IPv6', () => {
		expect(row({})).toMatchObject({target: '*:22', foreign: '*:*'});
		expect(row({proto: 'tcp6', localAddress: '::1', localPort: 8080, foreignAddress: '::1', foreignPort: 50_000, state: 'ESTABLISHED'})).toMatchObject({
			target: '[::1]:8080',
			foreign: '[::1]:50000',
		});
	});

	it('types a listener on :: that is not IPv6-only tcp46 (udp46), as the table\'s PROTO does; IPv6-only or not known, tcp6', () => {
		expect(row({proto: 'tcp6', isV6Only: false})).toMatchObject({type: 'tcp46', target: '*:22'});
		expect(row({proto: 'udp6', localPort: 53, foreignPort: null, state: 'UNCONN', isV6Only: false})).toMatchObject({type: 'udp46'});
		expect(row({proto: 'tcp6', isV6Only: true}).type).toBe('tcp6');
		expect(row({proto: 'tcp6'}).type).toBe('tcp6');
	});

	it('writes a ping socket\'s echo identifier as id=N, and its peer when connected', () => {
		expect(row({proto: 'icmp4', localAddress: '127.0.0.1', localPort: 4660, foreignAddress: '127.0.0.1', foreignPort: null, state: 'ESTABLISHED'})).toMatchObject({
			type: 'icmp4',
			target: '127.0.0.1:id=4660',
			foreign: '127.0.0.1:*',
		});
		expect(row({proto: 'icmp6', localPort: 43_295, foreignAddress: '*', foreignPort: null, state: 'UNCONN'})).toMatchObject({target: '*:id=43295', foreign: '*:*'});
	});

	it('writes a connected raw socket\'s peer as the table does, not as *:*', () => {
		// /proc/net/raw of a python3 raw socket for UDP (17) connected to 127.0.0.1, and one for 253 connected to ::1.
		expect(row({proto: 'raw4', localAddress: '127.0.0.1', localPort: 17, foreignAddress: '127.0.0.1', foreignPort: null, state: 'ESTABLISHED'})).toMatchObject({
			type: 'raw4',
			target: '127.0.0.1:17',
			foreign: '127.0.0.1:*',
		});
		expect(row({proto: 'raw6', localAddress: '::1', localPort: 253, foreignAddress: '::1', foreignPort: null, state: 'ESTABLISHED'})).toMatchObject({target: '[::1]:253', foreign: '[::1]:*'});
		expect(row({proto: 'raw4', localAddress: '*', localPort: 253, foreignAddress: '*', foreignPort: null, state: 'UNCONN'})).toMatchObject({target: '*:253', foreign: '*:*'});
	});

	it('writes a unix peer nobody visible holds as the table does: by inode, or ? when connected to an end no one can name', () => {
		const unix = (fields: Partial<Socket>) =>
			fdRow({fd: 5, type: 'socket', target: 'socket:[9]', socket: socket({proto: 'stream', inode: 9, ...fields})});
		expect(unix({path: '/run/app.sock', state: 'ESTABLISHED', peerPath: '/run/db.sock'}).foreign).toBe('→ /run/db.sock');
		expect(unix({state: 'ESTABLISHED', peerInode: 1516})).toMatchObject({target: '(unnamed)', foreign: '→ socket:[1516]'});
		expect(unix({state: 'ESTABLISHED'}).foreign).toBe('→ ?');
		expect(unix({path: '/run/app.sock', state: 'LISTEN'}).foreign).toBe('');
		expect(unix({proto: 'dgram', state: 'UNCONN'}).foreign).toBe('');
		// A holder found for the peer is named instead.
		const held = fdRow({fd: 5, type: 'socket', target: 'socket:[9]', socket: socket({proto: 'stream', state: 'ESTABLISHED', peerInode: 1516}), peer: {pid: 300, command: 'sshd', fd: 4}});
		expect(held.foreign).toBe('→ sshd[300] fd 4');
	});

	it('writes a listener whose file is gone with (deleted) after its path, as the table does', () => {
		const listener = socket({proto: 'stream', inode: 9, path: '/srv/uat2/app.sock', state: 'LISTEN'});
		// The proc backend marks the fd (FileDescriptor.isPathGone); a table row marks its socket.
		expect(fdRow({fd: 5, type: 'socket', target: 'socket:[9]', socket: listener, isPathGone: true}).target).toBe('/srv/uat2/app.sock (deleted)');
		expect(fdRow({fd: 5, type: 'socket', target: 'socket:[9]', socket: {...listener, isPathGone: true}}).target).toBe('/srv/uat2/app.sock (deleted)');
		expect(fdRow({fd: 5, type: 'socket', target: 'socket:[9]', socket: listener, isPathGone: false}).target).toBe('/srv/uat2/app.sock');
	});

	it('counts the other holders of a peer\'s end after the one it names, in sockets\' and pipes\' cells', () => {
		const children = [101, 102, 103].map(pid => ({command: 'nginx', pid, fd: 5}));
		const accepted = fdRow({
			fd: 6,
			type: 'socket',
			target: 'socket:[20601]',
			socket: inetSocket({localAddress: '127.0.0.1', localPort: 80, foreignAddress: '127.0.0.1', foreignPort: 41_000, state: 'ESTABLISHED', fd: 6}),
			peer: {command: 'nginx', pid: 100, fd: 5},
			morePeers: children,
		});
		expect(accepted).toMatchObject({foreign: '127.0.0.1:41000 → nginx[100] fd 5 (+3 more)', moreHolders: 3});
		const pipe = fdRow({fd: 0, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'sh', pid: 90, fd: 1}, morePeers: [{command: 'sh', pid: 812, fd: 1}]}, 812);
		expect(pipe.foreign).toBe('→ sh[90] fd 1 (+1 more)');
		// An empty list is one holder, as before.
		expect(fdRow({fd: 0, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'sh', pid: 90, fd: 1}, morePeers: []})).toEqual({fd: '0', type: 'pipe', target: 'pipe:[4471]', foreign: '→ sh[90] fd 1', state: '', recvQ: '', sendQ: ''});
	});

	it('writes an address the backend could not tell as ?, never as the wildcard', () => {
		expect(row({localAddress: null, foreignAddress: null, foreignPort: 443, state: 'ESTABLISHED'})).toMatchObject({
			target: '?:22',
			foreign: '?:443',
		});
	});

	it('says a socket connected to its own address and port goes to itself, which no other fd holds', () => {
		const itself = {localAddress: '127.0.0.1', localPort: 45_500, foreignAddress: '127.0.0.1', foreignPort: 45_500, state: 'ESTABLISHED'} as const;
		expect(row(itself).foreign).toBe('127.0.0.1:45500 → itself');
		expect(row({...itself, proto: 'udp4'}).foreign).toBe('127.0.0.1:45500 → itself');
		// The same port to another address is another socket.
		expect(row({...itself, foreignAddress: '127.0.0.2'}).foreign).toBe('127.0.0.2:45500');
	});

	it('escapes an address from an untrusted capture', () => {
		expect(row({localAddress: '10.0.0.1\u001b[2J'}).target).toBe('10.0.0.1\\x1b[2J:22');
	});
});

describe('fdRow queues', () => {
	it('writes RECV-Q and SEND-Q as ss does, but leaves blank a listener\'s SEND-Q (ss\'s backlog, which /proc does not give) and queues not known', () => {
		expect(row({rxQueue: 2, txQueue: 0})).toMatchObject({state: 'LISTEN', recvQ: '2', sendQ: ''});
		expect(row({state: 'ESTABLISHED', foreignAddress: '10.0.0.9', foreignPort: 50_000, rxQueue: 0, txQueue: 1448})).toMatchObject({recvQ: '0', sendQ: '1448'});
		expect(row({proto: 'stream', localAddress: null, localPort: null, state: 'ESTABLISHED', rxQueue: null, txQueue: null})).toMatchObject({recvQ: '', sendQ: ''});
		expect(fdRow({fd: 0, type: 'char', target: '/dev/null', socket: null})).toMatchObject({recvQ: '', sendQ: ''});
	});
});

describe('formatPeer', () => {
	it('names the namespace of an other end in another one than the socket, sanitized', () => {
		expect(formatPeer({command: 'python3', pid: 5120, fd: 4, netns: 'uatctr-a'})).toBe('python3[5120] fd 4 in netns uatctr-a');
		expect(formatPeer({command: 'python3', pid: 5120, fd: 4, netns: 'netns:[4026532845]'})).toBe('python3[5120] fd 4 in netns:[4026532845]');
		expect(formatPeer({command: 'python3', pid: 5120, fd: 4, netns: 'a\u001B[2J'}, 5120)).toBe('fd 4 (same process) in netns a\\x1b[2J');
		expect(fdRow({fd: 5, type: 'socket', target: 'socket:[7]', socket: socket({state: 'ESTABLISHED', localAddress: '10.77.0.1', localPort: 45_680, foreignAddress: '10.77.0.2', foreignPort: 8080}), peer: {command: 'python3', pid: 5120, fd: 4, netns: 'uatctr-a'}}).foreign).toBe(
			'10.77.0.2:8080 → python3[5120] fd 4 in netns uatctr-a',
		);
	});
});

describe('alsoHeldBy', () => {
	const holders = (count: number) => Array.from({length: count}, (_, index) => ({command: 'httpd', pid: 201 + index, fd: 4}));

	it('names up to five more holders, the viewed process as its own fd', () => {
		expect(alsoHeldBy(undefined)).toBe('');
		expect(alsoHeldBy([])).toBe('');
		expect(alsoHeldBy(holders(1))).toBe(', also held by httpd[201] fd 4');
		expect(alsoHeldBy([...holders(2), {command: 'httpd', pid: 200, fd: 9}], 200)).toBe(', also held by httpd[201] fd 4, httpd[202] fd 4 and fd 9 (same process)');
		expect(alsoHeldBy(holders(5))).toBe(', also held by httpd[201] fd 4, httpd[202] fd 4, httpd[203] fd 4, httpd[204] fd 4 and httpd[205] fd 4');
	});

	it('names four and counts the rest beyond five', () => {
		expect(alsoHeldBy(holders(6))).toBe(', also held by httpd[201] fd 4, httpd[202] fd 4, httpd[203] fd 4, httpd[204] fd 4 and 2 more');
		expect(alsoHeldBy(holders(250))).toMatch(/httpd\[204\] fd 4 and 246 more$/);
	});
});

describe('processFacts Cmdline', () => {
	const cmdline = (info: Partial<typeof sshdInfo>) => processFacts({...sshdInfo, ...info}, {count: 3, isSocketsOnly: false}, Date.now()).find(fact => fact.label === 'Cmdline')?.value;

	it('says a source without command lines does not report them, rather than blaming the process', () => {
		expect(cmdline({cmdline: null, cmdlineUnreportedBy: 'lsof'})).toBe('(not reported by lsof)');
		expect(cmdline({cmdline: null, cmdlineUnreportedBy: 'the capture'})).toBe('(not reported by the capture)');
	});

	it('blames the process only when /proc had nothing to read', () => {
		expect(cmdline({cmdline: null})).toBe('(none: kernel thread or unreadable)');
		expect(cmdline({cmdline: ['/usr/sbin/sshd', '-D']})).toBe('/usr/sbin/sshd -D');
	});
});

describe('processFacts State', () => {
	const facts = (info: Partial<typeof sshdInfo>) => processFacts({...sshdInfo, ...info}, {count: 3, isSocketsOnly: false}, 0);
	const valueOf = (info: Partial<typeof sshdInfo>, label: string) => facts(info).find(fact => fact.label === label)?.value;

	it('says why a process whose main thread has exited is Z though it runs on (a zombie leader)', () => {
		expect(valueOf({state: 'Z (zombie)', threads: 2}, 'State')).toBe('Z (main thread exited)');
		// A zombie whose only thread is the exited leader has exited: its state stays as /proc says.
		expect(valueOf({state: 'Z (zombie)', threads: 1}, 'State')).toBe('Z (zombie)');
		// What it does not have then is unreadable, not gone with the process.
		expect(valueOf({state: 'Z (zombie)', threads: 2, cwd: null}, 'Cwd')).toBe('(unreadable)');
	});

	it('leaves a zombie that has exited as it is', () => {
		expect(valueOf({state: 'Z (zombie)', threads: 1}, 'State')).toBe('Z (zombie)');
		expect(valueOf({state: 'Z (zombie)', threads: 1, cwd: null}, 'Cwd')).toBe('(none: it has exited)');
		expect(valueOf({state: 'S (sleeping)', threads: 4}, 'State')).toBe('S (sleeping)');
	});
});

describe('processFacts NSpid', () => {
	const facts = (info: Partial<typeof sshdInfo>) => processFacts({...sshdInfo, ...info}, {count: 3, isSocketsOnly: false}, 0, 'uat-a').map(fact => fact.label);

	it('says the PID a process has in its own PID namespace, after its network namespace, with a short form', () => {
		expect(facts({nsPid: 1}).slice(0, 5)).toEqual(['PID', 'PPID', 'User', 'Netns', 'NSpid']);
		expect(processFacts({...sshdInfo, nsPid: 1}, {count: 3, isSocketsOnly: false}, 0).find(fact => fact.label === 'NSpid')).toEqual({
			label: 'NSpid',
			value: '1 (its PID in its own PID namespace)',
			short: '1',
		});
		expect(facts({})).not.toContain('NSpid');
	});
});

describe('processFacts Open FDs', () => {
	const detail = {time: 0, process: sshdInfo, fds: [{fd: 3, type: 'socket', target: 'socket:[1]', socket: inetSocket({})}], denied: null} as const;
	const openFds = (fields: Partial<ProcessDetail>) => processFacts(sshdInfo, fdCountOf({...detail, ...fields}), 0).find(fact => fact.label === 'Open FDs')?.value;

	it('counts the fds against the soft limit', () => {
		expect(openFds({})).toBe('1 of 1024 (soft limit)');
		expect(openFds({fdCount: 9})).toBe('9 of 1024 (soft limit)');
	});

	it('does not take a list of sockets only (a capture\'s) for the process\'s open files', () => {
		expect(openFds({isSocketsOnly: true})).toBe('? (the capture lists 1 socket)');
		// The source's name does not decide it: a capture's process whose detail lists every fd is counted.
		const captured = {...sshdInfo, cmdline: null, cmdlineUnreportedBy: 'the capture'};
		expect(processFacts(captured, fdCountOf(detail), 0).find(fact => fact.label === 'Open FDs')?.value).toBe('1 of 1024 (soft limit)');
	});
});

describe('exeGoneNote: a program file deleted since the process started', () => {
	const nginx = {...sshdInfo, command: 'nginx', exe: '/usr/sbin/nginx (deleted)'};

	it('says the process runs the old program, and to restart it where an upgrade replaced the file', () => {
		expect(exeGoneNote({...nginx, exeGone: 'replaced'})).toBe(
			'/usr/sbin/nginx was replaced since nginx started (a package upgrade?): it still runs the old program; restart it to run the new one.',
		);
		expect(exeGoneNote({...nginx, exeGone: 'removed'})).toBe('/usr/sbin/nginx was deleted since nginx started: it still runs the old program, which is no longer on disk.');
		expect(exeGoneNote({...nginx, exeGone: 'deleted'})).toBe('/usr/sbin/nginx was deleted since nginx started (replaced, as by an upgrade, or removed): it still runs the old program.');
	});

	it('says nothing of a program on disk, even one whose name ends "(deleted)", and makes names harmless', () => {
		expect(exeGoneNote(sshdInfo)).toBeNull();
		expect(exeGoneNote(nginx)).toBeNull();
		expect(exeGoneNote({...nginx, exe: '/tmp/x\u001B[2J (deleted)', command: 'x\u001B[2J', exeGone: 'removed'})).toBe(
			'/tmp/x\\x1b[2J was deleted since x\\x1b[2J started: it still runs the old program, which is no longer on disk.',
		);
	});
});
