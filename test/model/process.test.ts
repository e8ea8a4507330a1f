import {describe, expect, it} from 'vitest';
import {hasExited, isOtherEnd, isZombieLeader, peerFields, rankPeers, type FdPeer, type ProcessDetail, type ProcessInfo} from '../../source/model/process.js';

const holder = (pid: number, fd: number | null, command = 'httpd'): FdPeer => ({command, pid, fd});

describe('rankPeers', () => {
	it('names other processes first, by PID then fd, and the viewed process\'s own fds last', () => {
		const found = [holder(500, 4), holder(300, 4), holder(200, 7), holder(300, 3), holder(301, null), holder(301, 2)];
		expect(rankPeers(found, 300)).toEqual([holder(200, 7), holder(301, 2), holder(301, null), holder(500, 4), holder(300, 3), holder(300, 4)]);
	});

	it('does not change the list it is given', () => {
		const found = [holder(2, 1), holder(1, 1)];
		rankPeers(found, 9);
		expect(found).toEqual([holder(2, 1), holder(1, 1)]);
	});
});

describe('peerFields', () => {
	it('gives the first holder as peer and the rest as morePeers, only when there are more', () => {
		expect(peerFields([], 1)).toEqual({peer: null});
		expect(peerFields([holder(7, 3)], 1)).toEqual({peer: holder(7, 3)});
		expect(peerFields([holder(1, 4), holder(9, 3), holder(7, 3)], 1)).toEqual({peer: holder(7, 3), morePeers: [holder(9, 3), holder(1, 4)]});
	});
});

describe('isOtherEnd', () => {
	const self = {pid: 10, fd: 3, file: 'socket:[100]', access: 'w'};
	it('is never the fd itself, and for a socket any holder of another socket', () => {
		expect(isOtherEnd({pid: 10, fd: 3, file: 'socket:[101]', access: 'r'}, self, false)).toBe(false);
		expect(isOtherEnd({pid: 10, fd: 4, file: 'socket:[101]', access: null}, self, false)).toBe(true);
		expect(isOtherEnd({pid: 11, fd: 3, file: 'socket:[101]', access: 'w'}, self, false)).toBe(true);
	});

	it('for a socket, is no holder of this same socket: one connected to itself has no other holder at its other end', () => {
		// A forked child holding the same socket, and another fd of this process onto it (dup).
		expect(isOtherEnd({pid: 11, fd: 3, file: 'socket:[100]', access: null}, self, false)).toBe(false);
		expect(isOtherEnd({pid: 10, fd: 7, file: 'socket:[100]', access: null}, self, false)).toBe(false);
		// Where either socket is not known, the holder found at the other end is taken.
		expect(isOtherEnd({pid: 11, fd: 3, file: null, access: null}, self, false)).toBe(true);
		expect(isOtherEnd({pid: 11, fd: 3, file: 'socket:[100]', access: null}, {...self, file: null}, false)).toBe(true);
	});

	it('for a pipe, only a holder opened the other way, and nothing when either way is unknown', () => {
		const pipe = {...self, file: 'pipe:[200]'};
		expect(isOtherEnd({pid: 11, fd: 0, file: 'pipe:[200]', access: 'r'}, pipe, true)).toBe(true);
		// A forked child holding the same write end is no peer.
		expect(isOtherEnd({pid: 11, fd: 3, file: 'pipe:[200]', access: 'w'}, pipe, true)).toBe(false);
		expect(isOtherEnd({pid: 11, fd: 0, file: 'pipe:[200]', access: null}, pipe, true)).toBe(false);
		expect(isOtherEnd({pid: 11, fd: 0, file: 'pipe:[200]', access: 'r'}, {...pipe, access: null}, true)).toBe(false);
	});
});

describe('hasExited', () => {
	const info: ProcessInfo = {pid: 9, ppid: 1, user: 'root', uid: 0, command: 'app', cmdline: null, state: 'S (sleeping)', startTime: null, startToken: '1', threads: 1, cwd: null, exe: null, fdLimit: null};
	const detail = (fields: Partial<ProcessInfo> | null): ProcessDetail => ({time: 0, pid: 9, process: fields === null ? null : {...info, ...fields}, fds: [], denied: null});

	it('is true for a process gone from /proc, and for a zombie whose threads have all exited', () => {
		expect(hasExited(detail(null))).toBe(true);
		expect(hasExited(detail({state: 'Z (zombie)', threads: 1}))).toBe(true);
		expect(hasExited(detail({state: 'S (sleeping)', threads: 3}))).toBe(false);
	});

	it('is false for a zombie leader: Z is its main thread\'s state, and its other threads run on', () => {
		expect(isZombieLeader({...info, state: 'Z (zombie)', threads: 2})).toBe(true);
		expect(hasExited(detail({state: 'Z (zombie)', threads: 2}))).toBe(false);
		expect(isZombieLeader({...info, state: 'Z (zombie)', threads: null})).toBe(false);
		expect(isZombieLeader({...info, state: 'S (sleeping)', threads: 2})).toBe(false);
	});
});
