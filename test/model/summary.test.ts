import {describe, expect, it} from 'vitest';
import {summarize} from '../../source/model/summary.js';
import {baseSockets, hidden, sshd4} from '../components/live-fixtures.js';

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
});
