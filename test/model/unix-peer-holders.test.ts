import {describe, expect, it} from 'vitest';
import {withUnixPeerHolders} from '../../source/model/unix-peer-holders.js';
import {socket} from '../helpers/socket.js';

const end = (inode: number, peerInode: number | null, pid: number | null, command: string | null = 'python3') =>
	socket({proto: 'stream', inode, peerInode, pid, command, fd: pid === null ? null : 3, state: 'ESTABLISHED'});

describe('withUnixPeerHolders', () => {
	it('names each end of a socketpair by the process holding the other', () => {
		const [a, b] = withUnixPeerHolders([end(10, 11, 100, 'app'), end(11, 10, 200, 'worker')]);
		expect(a?.peerHolder).toEqual({command: 'worker', pid: 200});
		expect(b?.peerHolder).toEqual({command: 'app', pid: 100});
	});

	it('prefers another process to the row\'s own, then the lowest PID, when several hold the other end', () => {
		// A socketpair made before two forks: the parent and both children hold both ends.
		const sockets = [end(11, 10, 300), end(11, 10, 200), end(10, 11, 200), end(10, 11, 400), end(10, 11, 300)];
		const named = withUnixPeerHolders(sockets);
		expect(named.slice(0, 2).map(each => each.peerHolder?.pid)).toEqual([200, 300]);
		// Each row of the other end names the lowest PID that is not its own.
		expect(named.slice(2).map(each => each.peerHolder?.pid)).toEqual([300, 200, 200]);
	});

	it('leaves a peer no row holds unnamed, and returns sockets without a peer as they were', () => {
		const lonely = end(20, 21, 100);
		const unheld = end(21, 20, null, null);
		const listener = socket({proto: 'stream', inode: 30, pid: 100, state: 'LISTEN', path: '/run/x.sock'});
		const tcp = socket({inode: 21, peerInode: 20, pid: 5});
		const named = withUnixPeerHolders([lonely, unheld, listener, tcp]);
		expect(named[0]?.peerHolder).toBeUndefined();
		expect(named[1]?.peerHolder).toEqual({command: 'python3', pid: 100});
		expect(named[2]).toBe(listener);
		// A TCP row is no unix peer, even with the same inode.
		expect(named[3]).toBe(tcp);
		const none = [listener];
		expect(withUnixPeerHolders(none)).toBe(none);
	});
});
