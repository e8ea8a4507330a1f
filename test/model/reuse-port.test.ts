import {describe, expect, it} from 'vitest';
import type {FileDescriptor} from '../../source/model/process.js';
import {outlivingInFds, outlivingInSnapshot, portGroupKey, sharedPortInFds, sharedPortInSnapshot, sharedPortNote, sharedPortPhrase} from '../../source/model/reuse-port.js';
import type {Socket} from '../../source/model/types.js';
import {socket} from '../helpers/socket.js';

/** Two processes each listening on *:6379 with a socket of its own (SO_REUSEPORT): inodes 700 and 701. */
const redis = (pid: number, inode: number, fields: Partial<Socket> = {}) =>
	socket({proto: 'tcp4', localAddress: '*', localPort: 6379, state: 'LISTEN', command: 'python3', pid, fd: 3, inode, netns: 'host', ...fields});
const pair = [redis(30_388, 700), redis(30_389, 701)];

describe('portGroupKey', () => {
	it('keys TCP listeners and bound UDP sockets without a peer by namespace, protocol, address and port; nothing else', () => {
		expect(portGroupKey(pair[0]!)).toBe(portGroupKey(pair[1]!));
		expect(portGroupKey(socket({proto: 'udp4', localAddress: '*', localPort: 5353, state: 'UNCONN', netns: 'host'}))).not.toBeNull();
		// An IPv6 listener on :: beside an IPv4 one on 0.0.0.0 is no group: a v6only socket, or one the IPv4 listener takes IPv4 clients from.
		expect(portGroupKey(redis(1, 702, {proto: 'tcp6'}))).not.toBe(portGroupKey(pair[0]!));
		expect(portGroupKey(redis(1, 702, {localAddress: '127.0.0.1'}))).not.toBe(portGroupKey(pair[0]!));
		expect(portGroupKey(redis(1, 702, {netns: 'blue'}))).not.toBe(portGroupKey(pair[0]!));
		const connected = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 6379, foreignAddress: '127.0.0.1', foreignPort: 50_000, state: 'ESTABLISHED'});
		expect(portGroupKey(connected)).toBeNull();
		expect(portGroupKey(socket({proto: 'udp4', localAddress: '10.0.0.2', localPort: 5353, foreignAddress: '10.0.0.3', foreignPort: 53, state: 'ESTABLISHED'}))).toBeNull();
		expect(portGroupKey(socket({proto: 'raw4', localAddress: '*', localPort: 1, state: 'UNCONN'}))).toBeNull();
		expect(portGroupKey(socket({proto: 'stream', localAddress: null, localPort: null, path: '/run/a.sock', state: 'LISTEN'}))).toBeNull();
	});
});

describe('sharedPortInSnapshot (the table, for the kill dialog)', () => {
	it("finds another process's socket on the process's listening port, and says the port stays served", () => {
		const shared = sharedPortInSnapshot(30_388, pair, pair[0]!);
		expect(shared).toMatchObject({socket: pair[0], holders: [{command: 'python3', pid: 30_389, fd: 3}], unseen: 0});
		expect(sharedPortNote(shared!)).toBe('port 6379 stays served by python3[30389]');
		expect(outlivingInSnapshot(30_388, pair, pair[0]!)).toBe('port 6379 stays served by python3[30389]');
	});

	it('is not one socket several processes hold (a forked listener), nor an IPv4 and an IPv6 listener on one port', () => {
		expect(sharedPortInSnapshot(30_388, [redis(30_388, 700), redis(30_389, 700)])).toBeNull();
		expect(sharedPortInSnapshot(30_388, [redis(30_388, 700), redis(30_389, 701, {proto: 'tcp6'})])).toBeNull();
		// Rows a backend does not tell apart (sockstat: no inode) prove nothing.
		expect(sharedPortInSnapshot(30_388, pair.map(row => ({...row, inode: null})))).toBeNull();
	});

	it('counts the sockets on the port whose holder it cannot see, and names a few processes, one each', () => {
		const rows = [...pair, redis(30_390, 702), {...redis(30_390, 702), fd: 9}, redis(30_391, 703), redis(30_392, 704), {...redis(0, 705), pid: null, command: null, fd: null}];
		const shared = sharedPortInSnapshot(30_388, rows)!;
		expect(shared.holders.map(holder => holder.pid)).toEqual([30_389, 30_390, 30_391, 30_392]);
		expect(shared.unseen).toBe(1);
		expect(sharedPortNote(shared)).toBe('port 6379 stays served by python3[30389], python3[30390], python3[30391], python3[30392] and 1 other');
		expect(sharedPortNote(sharedPortInSnapshot(30_388, [pair[0]!, {...pair[1]!, pid: null, command: null, fd: null}])!)).toBe(
			'port 6379 stays served by another socket, whose process socktop cannot see',
		);
	});

	it('leaves a listener the process shares with forked workers to the line saying it stays bound', () => {
		const rows = [...pair, redis(30_400, 700)];
		expect(outlivingInSnapshot(30_388, rows, rows[0]!)).toBe('python3[30400] fd 3 also holds *:6379 — it stays bound');
	});
});

describe('sharedPortPhrase (the PID view)', () => {
	it('says the kernel spreads new connections between a TCP port-sharing group, and what UDP does', () => {
		const holders = [{command: 'python3', pid: 30_389, fd: 3}];
		expect(sharedPortPhrase(pair[0]!, {holders, unseen: 0}, 30_388)).toBe(
			'; it shares port 6379 with python3[30389] (SO_REUSEPORT): the kernel spreads new connections between their sockets (unless each is bound to its own interface with SO_BINDTODEVICE, which /proc does not show)',
		);
		const udp = socket({proto: 'udp6', localAddress: '*', localPort: 5353, state: 'UNCONN'});
		expect(sharedPortPhrase(udp, {holders, unseen: 0}, 30_388)).toContain(
			'shares port 5353 with python3[30389] (SO_REUSEPORT, or SO_REUSEADDR on each): a datagram to one address goes to one of their sockets, a broadcast or multicast one to each',
		);
		// The process's own other socket on the port (a listener per thread) by its fd.
		expect(sharedPortPhrase(pair[0]!, {holders: [{command: null, pid: 30_388, fd: 5}, ...holders], unseen: 1}, 30_388)).toMatch(/^; it shares port 6379 with its own fd 5, python3\[30389\] and 1 other \(SO_REUSEPORT\)/);
		expect(sharedPortPhrase(pair[0]!, undefined, 30_388)).toBe('');
	});

	it('counts the sockets where their holders outnumber them: a forked pair each holding both of a port\'s sockets', () => {
		// The parent's fd 4 and fd 5 are the port's two sockets; the child holds both as well.
		const holders = [{command: null, pid: 30_388, fd: 5}, {command: 'python3', pid: 26_854, fd: 5}];
		expect(sharedPortPhrase(pair[0]!, {holders, unseen: 0, sockets: 1}, 30_388)).toMatch(/^; it shares port 6379 with another socket, held by its own fd 5 and python3\[26854\] \(SO_REUSEPORT\)/);
		const two = [...holders, {command: 'python3', pid: 26_854, fd: 6}, {command: 'python3', pid: 30_389, fd: 3}];
		expect(sharedPortPhrase(pair[0]!, {holders: two, unseen: 0, sockets: 2}, 30_388)).toMatch(/^; it shares port 6379 with 2 other sockets, held by its own fd 5, python3\[26854\] and python3\[30389\] \(SO_REUSEPORT\)/);
		// One socket, one holder: named alone, as before.
		expect(sharedPortPhrase(pair[0]!, {holders: [holders[1]!], unseen: 0, sockets: 1}, 30_388)).toMatch(/^; it shares port 6379 with python3\[26854\] \(SO_REUSEPORT\)/);
	});

	it('gives the kill dialog the port served by other processes, not by the process itself', () => {
		const fd = (sharers: FileDescriptor['portSharers']): FileDescriptor => ({fd: 3, type: 'socket', target: 'socket:[700]', socket: pair[0]!, portSharers: sharers});
		expect(outlivingInFds(30_388, [fd({holders: [{command: 'python3', pid: 30_389, fd: 3}, {command: 'python3', pid: 30_389, fd: 7}], unseen: 0})], 3)).toBe('port 6379 stays served by python3[30389]');
		expect(outlivingInFds(30_388, [fd({holders: [{command: null, pid: 30_388, fd: 5}], unseen: 0})], 3)).toBeNull();
	});

	it('tells of the selected fd\'s shared port first, else the first one, as the socket and its sharers alone', () => {
		const other = redis(30_388, 702, {localPort: 6380, fd: 4});
		const python = {command: 'python3', pid: 30_389, fd: 3};
		const fds: FileDescriptor[] = [
			{fd: 3, type: 'socket', target: 'socket:[700]', socket: pair[0]!, portSharers: {holders: [python], unseen: 0}},
			{fd: 4, type: 'socket', target: 'socket:[702]', socket: other, portSharers: {holders: [], unseen: 2}},
		];
		expect(sharedPortInFds(30_388, fds, 4)).toEqual({socket: other, holders: [], unseen: 2});
		expect(sharedPortInFds(30_388, fds, 9)).toEqual({socket: pair[0], holders: [python], unseen: 0});
		expect(sharedPortInFds(30_388, fds)).toEqual({socket: pair[0], holders: [python], unseen: 0});
		expect(sharedPortInFds(30_388, fds.map(each => ({...each, portSharers: undefined})), 4)).toBeNull();
	});
});
