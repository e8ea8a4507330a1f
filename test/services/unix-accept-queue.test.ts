import {describe, expect, it} from 'vitest';
import {unixQueueReason} from '../../source/services/unix-accept-queue.js';
import {socket} from './helpers.js';

const listener = socket({proto: 'stream', localAddress: null, localPort: null, path: '/run/app.sock', state: 'LISTEN', command: 'python3', pid: 700, fd: 3, inode: 9000, rxQueue: 2});

describe('unixQueueReason: where a unix listener\'s accept queue can be watched', () => {
	it('sends to the listener\'s PID view, as a count, not a column it may not draw', () => {
		expect(unixQueueReason(listener)).toBe(
			"No process holds it yet: it is the server's end of a connection waiting in the accept queue until python3 (PID 700), listening on /run/app.sock, calls accept() for it. The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.",
		);
	});

	it('does not send to a PID view that cannot count it: without ss a unix socket\'s Recv-Q is not known', () => {
		expect(unixQueueReason({...listener, rxQueue: null})).toMatch(/\. A queue that stays full \(in ss -xl, the listener's Recv-Q at its Send-Q, the backlog, plus one: Linux queues backlog\+1\) means the server is not keeping up\.$/);
		expect(unixQueueReason({...listener, pid: null, command: null})).toMatch(/until the listener on \/run\/app\.sock calls accept\(\) for it\. A queue that stays full \(in ss -xl, the listener's Recv-Q at its Send-Q, the backlog, plus one: Linux queues backlog\+1; rxQueue and backlog in --json\)/);
	});
});
