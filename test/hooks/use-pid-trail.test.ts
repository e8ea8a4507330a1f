/** What Enter on an fd opens: the process at its other end, or why there is none. */
import {describe, expect, it} from 'vitest';
import {peerToFollow} from '../../source/hooks/use-pid-trail.js';
import type {FileDescriptor} from '../../source/model/process.js';
import type {Socket} from '../../source/model/types.js';
import {inetSocket} from '../components/pid-fixtures.js';

const fd = (fields: Partial<FileDescriptor>): FileDescriptor => ({fd: 1, type: 'file', target: '/tmp/x.log', socket: null, ...fields});
/** The socket fd `number`, sshd's listener on port 22 unless `fields` say otherwise. */
const socket = (number: number, fields: Partial<Socket>) => fd({fd: number, type: 'socket', target: `socket:[${70_000 + number}]`, socket: inetSocket(fields)});

describe('peerToFollow', () => {
	it('says a file or a directory has no other end, not that its process is unknown', () => {
		expect(peerToFollow(fd({}), 812)).toBe('fd 1 is a file, not a connection: there is no other end to follow.');
		expect(peerToFollow(fd({fd: 3, type: 'dir', target: '/srv'}), 812)).toBe('fd 3 is a directory, not a connection: there is no other end to follow.');
		expect(peerToFollow(fd({fd: 4, type: 'memfd', target: '/memfd:x (deleted)'}), 812)).toBe('fd 4 is a file in memory (memfd), not a connection: there is no other end to follow.');
	});

	it('says a device or a kernel object is not followed, not that it has no other end (a pty\'s master is held by sshd or tmux)', () => {
		expect(peerToFollow(fd({fd: 0, type: 'char', target: '/dev/pts/3'}), 812)).toBe('fd 0 is a character device (/dev/pts/3): socktop follows sockets and pipes only.');
		expect(peerToFollow(fd({fd: 5, type: 'anon', target: 'anon_inode:[eventfd]'}), 812)).toBe('fd 5 is an anonymous inode (anon_inode:[eventfd]): socktop follows sockets and pipes only.');
		expect(peerToFollow(fd({fd: 6, type: 'block', target: '/dev/sda1'}), 812)).toBe('fd 6 is a block device (/dev/sda1): socktop follows sockets and pipes only.');
		// The target is a path the process chose: shown inert.
		expect(peerToFollow(fd({fd: 0, type: 'char', target: '/dev/x\u001B[2J'}), 812)).toContain('(/dev/x\\x1b[2J)');
	});

	it('says a socket or a pipe whose other end no process is known at has no PID view to open', () => {
		expect(peerToFollow(fd({type: 'pipe', target: 'pipe:[7001]'}), 812)).toBe('fd 1 has no process known at its other end: no PID view to open.');
		const socket = inetSocket({localPort: 41_000, foreignAddress: '10.0.0.9', foreignPort: 443, state: 'ESTABLISHED'});
		expect(peerToFollow(fd({type: 'socket', target: 'socket:[70030]', socket}), 812)).toBe('fd 1 has no process known at its other end: no PID view to open.');
	});

	it('says a listener has no other end, each connection it accepts being a socket of its own, and how many wait where known', () => {
		const listener = 'fd 4 is a listening socket: it has no other end; each connection it accepts is a new socket';
		expect(peerToFollow(socket(4, {rxQueue: 2}), 812)).toBe(`${listener} (2 waiting to be accepted).`);
		expect(peerToFollow(socket(4, {}), 812)).toBe(`${listener} (none waiting to be accepted).`);
		// A unix listener where ss did not run: its queue is not known.
		expect(peerToFollow(socket(4, {proto: 'stream', localAddress: null, localPort: null, path: '/run/app.sock', rxQueue: null}), 812)).toBe(`${listener}.`);
		// sockstat without -s: no state, a port and no peer, as `sockstat -l` takes it.
		expect(peerToFollow(socket(4, {state: null, rxQueue: null}), 812)).toBe(`${listener}.`);
	});

	it('says a datagram socket without a peer and an unconnected stream socket have no other end', () => {
		const unconnected = 'socket with no peer: it sends to and receives from any address, so there is no other end to follow.';
		expect(peerToFollow(socket(5, {proto: 'udp4', localPort: 514, state: 'UNCONN'}), 812)).toBe(`fd 5 is a udp4 ${unconnected}`);
		const unix = {localAddress: null, localPort: null, foreignAddress: null, peerInode: 0, state: 'UNCONN'} as const;
		expect(peerToFollow(socket(5, {...unix, proto: 'dgram', path: '/run/log.sock'}), 812)).toBe(`fd 5 is a unix dgram ${unconnected}`);
		expect(peerToFollow(socket(5, {...unix, proto: 'stream', path: null}), 812)).toBe('fd 5 is a unix stream socket neither listening nor connected: it has no other end.');
		// A connected UDP socket has one, whose process is not known; so has a unix socket whose backend gives no state.
		expect(peerToFollow(socket(5, {proto: 'udp4', state: 'ESTABLISHED', foreignAddress: '10.0.0.9', foreignPort: 53}), 812)).toBe('fd 5 has no process known at its other end: no PID view to open.');
		expect(peerToFollow(socket(5, {...unix, proto: 'dgram', path: null, state: null}), 812)).toBe('fd 5 has no process known at its other end: no PID view to open.');
	});

	it('opens the other end\'s process, or says it is this one', () => {
		const peer = {command: 'python3', pid: 5055, fd: 3};
		expect(peerToFollow(fd({type: 'pipe', target: 'pipe:[7001]', peer}), 812)).toBe(peer);
		expect(peerToFollow(fd({type: 'pipe', target: 'pipe:[7001]', peer: {...peer, pid: 812}}), 812)).toBe("fd 1's other end is fd 3 (same process): already in this view.");
	});
});
