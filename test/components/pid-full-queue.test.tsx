/** The PID view of a listener whose accept queue is full, and of a client whose SYN it drops (the UAT's backlog.py and syn.py). */
import {describe, expect, it} from 'vitest';
import type {FileDescriptor} from '../../source/model/process.js';
import {unmountAfterEach} from '../helpers/unmount.js';
import {detailOf, inetSocket, scriptedCollector} from './pid-fixtures.js';
import {frameOf, loaded, view} from './pid-frames.js';

unmountAfterEach();

const listener: FileDescriptor = {fd: 3, type: 'socket', target: 'socket:[8296507]', socket: inetSocket({localPort: 5432, command: 'python3', pid: 812, rxQueue: 6, backlog: 5})};
const client: FileDescriptor = {
	fd: 4,
	type: 'socket',
	target: 'socket:[8296600]',
	socket: inetSocket({localAddress: '127.0.0.1', localPort: 51_396, foreignAddress: '127.0.0.1', foreignPort: 5432, state: 'SYN_SENT', command: 'python3', pid: 812, fd: 4, inode: 8_296_600, txQueue: 1}),
	peer: {command: 'python3', pid: 30_387, fd: 3},
	fullListener: {port: 5432, waiting: 6, backlog: 5},
};

describe('PidView: a full accept queue', () => {
	it('shows the listener\'s backlog as its SEND-Q, says the queue is full, and names the listener a dropped SYN asked', async () => {
		const instance = view({collector: scriptedCollector([detailOf([listener, client])]), width: 120, height: 30, interval: 60});
		await loaded(instance);
		const frame = frameOf(instance);
		expect(frame).toMatch(/│ +3 │ tcp4 +│ \*:5432 +│ \*:\* +│ LISTEN +│ +6 │ +5 │/);
		expect(frame).toMatch(/│ +4 │ tcp4 +│ 127\.0\.0\.1:51396 +│ 127\.0\.0\.1:5432 → python3\[30387\] \(listener\) +│ SYN_SENT +│ +0 │ +1 │/);
		const text = frame.replaceAll(/\n {2}/g, ' ');
		expect(text).toContain('Recv-Q 6 of backlog 5: the accept queue is full (Linux queues backlog+1); new connections wait in SYN_SENT, their SYNs dropped, until python3 calls accept()');
		expect(text).toContain('Send-Q 1: its connection request (SYN) to port 5432, whose listener python3[30387] has a full accept queue (6 of backlog 5): the kernel drops the SYN and the client retries');
	});
});
