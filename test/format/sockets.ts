import type {Socket} from '../../source/model/types.js';
import {socket} from '../helpers/socket.js';

/** A socket with every field set to a plain default; tests override what they need. */
export function makeSocket(overrides: Partial<Socket> = {}): Socket {
	return socket({localAddress: '*', foreignAddress: '*', command: 'sshd', pid: 1, fd: 3, inode: 1000, rxQueue: 0, txQueue: 0, ...overrides});
}

/** A small machine: listeners, connections, UDP, unix, an unknown holder. */
export const sampleSockets: readonly Socket[] = [
	makeSocket({localPort: 22, state: 'LISTEN', pid: 812, fd: 3, inode: 101}),
	makeSocket({proto: 'tcp6', localAddress: '*', localPort: 22, state: 'LISTEN', pid: 812, fd: 4, inode: 102}),
	makeSocket({
		proto: 'tcp4',
		localAddress: '127.0.0.1',
		localPort: 41_234,
		foreignAddress: '127.0.0.1',
		foreignPort: 8080,
		state: 'ESTABLISHED',
		user: 'alice',
		uid: 1000,
		command: 'curl',
		pid: 2001,
		fd: 5,
		inode: 103,
	}),
	makeSocket({
		proto: 'tcp6',
		localAddress: '::1',
		localPort: 8080,
		foreignAddress: '::ffff:127.0.0.1',
		foreignPort: 50_000,
		state: 'ESTABLISHED',
		user: 'www-data',
		uid: 33,
		command: 'nginx',
		pid: 900,
		fd: 12,
		inode: 104,
	}),
	makeSocket({proto: 'udp4', localAddress: '*', localPort: 68, state: 'UNCONN', command: 'dhclient', pid: 125, fd: 6, inode: 105}),
	makeSocket({proto: 'udp6', localAddress: '::1', localPort: 53, foreignAddress: '::1', foreignPort: 5353, state: 'ESTABLISHED', command: 'resolved', pid: 300, fd: 9, inode: 106}),
	makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/systemd/notify', state: 'LISTEN', command: 'systemd', pid: 1, fd: 20, inode: 107}),
	makeSocket({proto: 'dgram', localAddress: null, foreignAddress: null, path: '/dev/log', state: 'UNCONN', command: 'rsyslogd', pid: 400, fd: 3, inode: 108}),
	makeSocket({proto: 'stream', localAddress: null, foreignAddress: null, peerInode: 107, peerPath: '/run/systemd/notify', state: 'ESTABLISHED', user: 'alice', uid: 1000, command: 'app', pid: 2002, fd: 7, inode: 109}),
	makeSocket({proto: 'seqpacket', localAddress: null, foreignAddress: null, path: '@abstract', peerInode: 555, state: 'ESTABLISHED', command: 'agent', pid: 500, fd: 4, inode: 110}),
	makeSocket({proto: 'dgram', localAddress: null, foreignAddress: null, state: 'UNCONN', command: 'lonely', pid: 600, fd: 8, inode: 111}),
	makeSocket({
		proto: 'tcp4',
		localAddress: '127.0.0.1',
		localPort: 8080,
		foreignAddress: '127.0.0.1',
		foreignPort: 41_000,
		state: 'TIME_WAIT',
		user: '1001',
		uid: 1001,
		command: null,
		pid: null,
		fd: null,
		inode: 0,
		netns: 'web',
	}),
	makeSocket({proto: 'raw4', localAddress: '*', localPort: 1, state: 'UNCONN', command: 'ping', pid: 700, fd: 3, inode: 112}),
];
