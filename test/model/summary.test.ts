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

	it('counts ICMP echo (ping) sockets on their own, not as unix sockets', () => {
		const ping = makeSocket({proto: 'icmp4', localPort: 4660, state: 'UNCONN', command: 'ping', inode: 7001});
		const summary = summarize([ping, {...ping, proto: 'icmp6', inode: 7002}]);
		expect(summary).toMatchObject({total: 2, icmp: 2, unix: 0, udp: 0, raw: 0});
	});
});
