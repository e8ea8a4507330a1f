import {describe, expect, it} from 'vitest';
import {sharedInFds, sharedInSnapshot, sharedNote} from '../../source/model/shared-socket.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {socket} from '../helpers/socket.js';

/** A prefork server: the parent 985 and its workers 986-990 all hold the listener (inode 700) as fd 3. */
const listener = (pid: number) => socket({proto: 'tcp4', localAddress: '*', localPort: 8080, state: 'LISTEN', command: 'python3', pid, fd: 3, inode: 700});
const forked = [985, 986, 987, 988, 989, 990].map(pid => listener(pid));
/** Worker 986's own connection, shared with no one. */
const connection = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'ESTABLISHED', command: 'python3', pid: 986, fd: 4, inode: 701});

describe('sharedInSnapshot (the table: a row per holder)', () => {
	it('finds the other processes holding a socket of the PID, lowest first, each once', () => {
		const shared = sharedInSnapshot(985, [...forked, connection, {...listener(986), fd: 7}]);
		expect(shared?.socket).toBe(forked[0]);
		expect(shared?.others.map(each => [each.pid, each.fd])).toEqual([
			[986, 3],
			[987, 3],
			[988, 3],
			[989, 3],
			[990, 3],
		]);
		expect(sharedNote(shared!)).toBe('python3[986] fd 3 and 4 others also hold *:8080 — it stays bound');
	});

	it('tells about the listener when the row selected is a socket no one else holds, and about the selected one when no listener is shared', () => {
		expect(sharedInSnapshot(986, [...forked, connection], connection)?.socket).toBe(forked[1]);
		const unixShared = socket({proto: 'stream', localAddress: null, path: '/run/app.sock', state: 'ESTABLISHED', command: 'python3', pid: 986, fd: 5, inode: 702});
		const sockets = [connection, unixShared, {...unixShared, pid: 985}];
		expect(sharedNote(sharedInSnapshot(986, sockets, unixShared)!)).toBe('python3[985] fd 5 also holds /run/app.sock — it stays open');
	});

	it('is null for a socket held by one process only, however many fds it has it on, and for rows nothing tells apart', () => {
		expect(sharedInSnapshot(986, [connection, {...connection, fd: 9}])).toBeNull();
		// sockstat's listeners: no inode and no socketId, so two processes' *:8080 may be two sockets (SO_REUSEPORT).
		expect(sharedInSnapshot(985, forked.slice(0, 2).map(each => ({...each, inode: null})))).toBeNull();
	});

	it('tells shared sockets apart by socketId where a backend gives no inode (lsof on macOS)', () => {
		const rows = forked.slice(0, 3).map(each => ({...each, inode: null, socketId: 'lsof 0xfffff80012345678'}));
		expect(sharedNote(sharedInSnapshot(987, rows)!)).toBe('python3[985] fd 3 and 1 other also hold *:8080 — it stays bound');
	});

	it('writes hostile names and paths harmlessly', () => {
		const evil = (pid: number) => socket({proto: 'stream', localAddress: null, path: '/tmp/\u001B]0;x\u0007', state: 'ESTABLISHED', command: 'a\u001B[2J', pid, fd: 3, inode: 9});
		expect(sharedNote(sharedInSnapshot(1, [evil(1), evil(2)])!)).toBe('a\\x1b[2J[2] fd 3 also holds /tmp/\\x1b]0;x\\x07 — it stays open');
	});
});

describe('sharedInFds (the PID view: coHolders)', () => {
	const fd = (number: number, fields: Partial<FileDescriptor>): FileDescriptor => ({fd: number, type: 'socket', target: `socket:[${number}]`, socket: null, ...fields});

	it('tells about a shared listener first, the selected one among them, even when another shared fd is selected (inherited stdio)', () => {
		const udp = socket({proto: 'udp6', localAddress: '*', localPort: 5353, state: 'UNCONN', command: 'avahi', pid: 10, fd: 4, inode: 800});
		const stdio = socket({proto: 'stream', localAddress: null, peerInode: 900, state: 'ESTABLISHED', command: 'avahi', pid: 10, fd: 0, inode: 901});
		const fds = [
			fd(0, {socket: stdio, coHolders: [{command: 'avahi', pid: 11, fd: 0}]}),
			fd(3, {socket: connection, coHolders: [{command: 'python3', pid: 985, fd: 4}]}),
			fd(4, {socket: udp, coHolders: [{command: 'avahi', pid: 11, fd: 4}, {command: 'avahi', pid: 12, fd: 4}, {command: 'avahi', pid: 11, fd: 8}]}),
			fd(5, {socket: listener(10), coHolders: [{command: 'python3', pid: 11, fd: 3}]}),
		];
		expect(sharedNote(sharedInFds(10, fds, 0)!)).toBe('avahi[11] fd 4 and 1 other also hold *:5353 — it stays bound');
		expect(sharedNote(sharedInFds(10, fds, 5)!)).toBe('python3[11] fd 3 also holds *:8080 — it stays bound');
		// No listener shared: the selected fd, else the first.
		expect(sharedNote(sharedInFds(10, fds.slice(0, 2), 3)!)).toBe('python3[985] fd 4 also holds 127.0.0.1:8080 — it stays open');
		expect(sharedNote(sharedInFds(10, fds.slice(0, 2))!)).toBe('avahi[11] fd 0 also holds socket:[901] — it stays open');
	});

	it('is null without coHolders (lsof, sockstat, a capture do not say)', () => {
		expect(sharedInFds(986, [fd(3, {socket: listener(986)})])).toBeNull();
	});
});
