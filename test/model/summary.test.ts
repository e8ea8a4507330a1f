import {describe, expect, it} from 'vitest';
import {summarize} from '../../source/model/summary.js';
import {baseSockets, hidden, sshd4} from '../components/live-fixtures.js';
import {makeSocket} from '../format/sockets.js';

describe('summarize', () => {
	it('counts a socket held by several processes once, as ss -s does, and every row apart', () => {
		// nginx's master and two workers hold one listener: three rows, one socket.
		const workers = [{...sshd4, pid: 901, fd: 3}, {...sshd4, pid: 902, fd: 3}];
		const once = summarize(baseSockets);
		const shared = summarize([...baseSockets, ...workers]);
		expect(shared).toEqual({...once, rows: once.rows + 2});
		expect(shared.total).toBe(baseSockets.length);
		expect(shared.listen).toBe(once.listen);
	});

	it('counts each row without an inode (TIME_WAIT) as its own socket', () => {
		const summary = summarize([hidden, {...hidden, foreignPort: 5433}]);
		expect(summary).toMatchObject({total: 2, rows: 2, tcp: 2, timeWait: 2});
	});

	it('counts rows without an inode once when they share a socketId (a capture\'s holders of one socket)', () => {
		const listener = makeSocket({localPort: 8080, state: 'LISTEN', inode: null, pid: 100, socketId: 'ss line 3'});
		const workers = [101, 102].map(pid => ({...listener, pid}));
		// SO_REUSEPORT: another listener on the same port, its own line, its rows alike but for the key.
		const other = {...listener, pid: 200, socketId: 'ss line 4'};
		expect(summarize([listener, ...workers, other])).toMatchObject({total: 2, rows: 4, tcp: 2, listen: 2});
		// Without a key nothing tells them apart: each row counts.
		const bare = [listener, ...workers, other].map(({socketId: _, ...socket}) => socket);
		expect(summarize(bare)).toMatchObject({total: 4, listen: 4});
	});

	it('counts a held TCP connection without an inode once, by its two ends: no other socket has them', () => {
		const connection = makeSocket({localAddress: '10.0.2.15', localPort: 22, foreignAddress: '10.0.2.2', foreignPort: 44_246, state: 'ESTABLISHED', inode: null, pid: 60_025});
		const rows = [connection, {...connection, pid: 60_028}, {...connection, foreignPort: 44_247}];
		expect(summarize(rows)).toMatchObject({total: 2, rows: 3, established: 2});
		// Its own network namespace's only: the same ends in another are another socket.
		expect(summarize([connection, {...connection, netns: 'docker:3f4e5a6b7c8d'}]).total).toBe(2);
	});

	it('counts ICMP echo (ping) sockets on their own, not as unix sockets', () => {
		const ping = makeSocket({proto: 'icmp4', localPort: 4660, state: 'UNCONN', command: 'ping', inode: 7001});
		const summary = summarize([ping, {...ping, proto: 'icmp6', inode: 7002}]);
		expect(summary).toMatchObject({total: 2, icmp: 2, unix: 0, udp: 0, raw: 0});
	});

	it('counts UDP-Lite sockets apart from UDP ones', () => {
		const lite = makeSocket({proto: 'udplite4', localPort: 5701, state: 'UNCONN', inode: 7101});
		const summary = summarize([lite, {...lite, proto: 'udplite6', inode: 7102}, {...lite, proto: 'udp6', inode: 7103}]);
		expect(summary).toMatchObject({total: 3, udp: 1, udplite: 2});
	});

	it('counts CLOSE_WAIT, SYN_SENT and SYN_RECV (NEW_SYN_RECV too) apart from the other TCP states', () => {
		const states = ['CLOSE_WAIT', 'CLOSE_WAIT', 'SYN_SENT', 'SYN_RECV', 'NEW_SYN_RECV', 'FIN_WAIT2', 'LAST_ACK', 'ESTABLISHED'] as const;
		const sockets = states.map((state, index) => makeSocket({localPort: 8000 + index, state, inode: 9000 + index}));
		expect(summarize(sockets)).toMatchObject({tcp: 8, established: 1, closeWait: 2, synSent: 1, synRecv: 2, otherTcp: 2});
	});
});
