import type {Socket} from '../../source/model/types.js';

/**
 * A Socket for tests: every field a backend fills, each empty or unknown
 * (a TCP/IPv4 socket of root's with no holder, addresses or queues), so a
 * test states exactly the fields it is about. The areas' own factories
 * (format/sockets.ts, components/live-fixtures.tsx, ...) are this plus the
 * defaults their frames were drawn with.
 */
export function socket(overrides: Partial<Socket> = {}): Socket {
	return {
		proto: 'tcp4',
		localAddress: null,
		localPort: null,
		foreignAddress: null,
		foreignPort: null,
		path: null,
		peerInode: null,
		peerPath: null,
		state: null,
		user: 'root',
		uid: 0,
		command: null,
		pid: null,
		fd: null,
		inode: 1,
		rxQueue: null,
		txQueue: null,
		netns: null,
		...overrides,
	};
}
