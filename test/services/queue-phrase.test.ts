import {describe, expect, it} from 'vitest';
import {queuePhrase, synFatePhrase} from '../../source/services/queue-phrase.js';

type Fields = Parameters<typeof queuePhrase>[0];
const socket = (fields: Partial<Fields>): Fields => ({proto: 'tcp4', state: 'ESTABLISHED', localPort: 40000, rxQueue: 0, txQueue: 0, ...fields});

describe('queuePhrase: Recv-Q and Send-Q in words', () => {
	it('counts a listener\'s connections waiting for accept(), and says nothing of an empty queue or its Send-Q', () => {
		expect(queuePhrase(socket({state: 'LISTEN'}), 'nginx')).toBe('');
		expect(queuePhrase(socket({state: 'LISTEN', rxQueue: 1}), 'nginx')).toBe('; Recv-Q 1: 1 connection waits in its accept queue for nginx to accept()');
		// /proc writes 0 for a listener's Send-Q; ss's backlog there is no queue of bytes either.
		expect(queuePhrase(socket({proto: 'tcp6', state: 'LISTEN', rxQueue: 3, txQueue: 128}), 'nginx')).toBe('; Recv-Q 3: 3 connections wait in its accept queue for nginx to accept()');
	});

	it('says a connection\'s unread and unacknowledged bytes, only those that are not 0', () => {
		expect(queuePhrase(socket({}), 'curl')).toBe('');
		expect(queuePhrase(socket({rxQueue: 1}), 'curl')).toBe('; Recv-Q 1: 1 byte received that curl has not read yet');
		expect(queuePhrase(socket({txQueue: 4096}), 'curl')).toBe('; Send-Q 4096: 4096 bytes written that the other end has not acknowledged yet');
		expect(queuePhrase(socket({rxQueue: 10, txQueue: 20}), 'curl')).toBe(
			'; Recv-Q 10: 10 bytes received that curl has not read yet; Send-Q 20: 20 bytes written that the other end has not acknowledged yet',
		);
	});

	it('counts the peer\'s unread end of file in Recv-Q once its FIN has arrived, not as a byte', () => {
		// Measured (test/services/queue-fin.test.ts): a client that closes without sending leaves the server Recv-Q 1.
		expect(queuePhrase(socket({state: 'CLOSE_WAIT', rxQueue: 1}), 'python3')).toBe("; Recv-Q 1: the peer's end of file, which python3 has not read yet");
		expect(queuePhrase(socket({state: 'CLOSE_WAIT', rxQueue: 5}), 'python3')).toBe('; Recv-Q 5: 4 bytes and then the end of file, which python3 has not read yet');
		expect(queuePhrase(socket({state: 'CLOSE_WAIT', rxQueue: 2}), 'python3')).toBe('; Recv-Q 2: 1 byte and then the end of file, which python3 has not read yet');
		// After shutdown(SHUT_WR) with the FIN still unread (measured: LAST_ACK, Recv-Q 5 after 4 bytes), and after a simultaneous close.
		expect(queuePhrase(socket({proto: 'tcp6', state: 'LAST_ACK', rxQueue: 5}), 'nginx')).toBe('; Recv-Q 5: 4 bytes and then the end of file, which nginx has not read yet');
		expect(queuePhrase(socket({state: 'CLOSING', rxQueue: 1}), 'nginx')).toBe("; Recv-Q 1: the peer's end of file, which nginx has not read yet");
		// Before the FIN, bytes are bytes.
		expect(queuePhrase(socket({state: 'FIN_WAIT2', rxQueue: 1}), 'curl')).toBe('; Recv-Q 1: 1 byte received that curl has not read yet');
	});

	it('counts this end\'s own unacknowledged end of file in Send-Q once it has closed, not as a byte', () => {
		// Measured (test/services/queue-fin.test.ts): shutdown(SHUT_WR) behind unsent data adds 1 to Send-Q (FIN_WAIT1).
		expect(queuePhrase(socket({state: 'FIN_WAIT1', txQueue: 1}), 'curl')).toBe('; Send-Q 1: its own end of file, which the other end has not acknowledged yet');
		expect(queuePhrase(socket({state: 'FIN_WAIT1', txQueue: 4097}), 'curl')).toBe(
			'; Send-Q 4097: 4096 bytes written and then its own end of file, which the other end has not acknowledged yet',
		);
		// Measured across a veth pair whose far end went down: LAST_ACK, Recv-Q 5, Send-Q 1.
		expect(queuePhrase(socket({state: 'LAST_ACK', rxQueue: 5, txQueue: 1}), 'nginx')).toBe(
			'; Recv-Q 5: 4 bytes and then the end of file, which nginx has not read yet; Send-Q 1: its own end of file, which the other end has not acknowledged yet',
		);
		expect(queuePhrase(socket({state: 'CLOSE_WAIT', txQueue: 10}), 'nginx')).toBe('; Send-Q 10: 10 bytes written that the other end has not acknowledged yet');
	});

	it('counts its own unacknowledged SYN in Send-Q while connecting, not as a byte', () => {
		// Measured (test/services/queue-syn.test.ts): SYN_SENT 1; 6 with 5 bytes sent with the SYN (TCP Fast Open).
		expect(queuePhrase(socket({state: 'SYN_SENT', txQueue: 1}), 'curl')).toBe('; Send-Q 1: its connection request (SYN), which the other end has not acknowledged yet');
		expect(queuePhrase(socket({state: 'SYN_SENT', txQueue: 6}), 'curl')).toBe(
			'; Send-Q 6: its connection request (SYN) and then 5 bytes written, which the other end has not acknowledged yet',
		);
		// Measured with crafted segments: a simultaneous open (the peer's SYN crossed ours) is SYN_RECV with Send-Q 1.
		expect(queuePhrase(socket({state: 'SYN_RECV', localPort: 6001, txQueue: 1}), 'peer')).toBe('; Send-Q 1: its connection request (SYN), which the other end has not acknowledged yet');
		// A connection accepted through TCP Fast Open is SYN_RECV too, but its SYN-ACK is not counted:
		// 3 bytes written before the client's ACK are Send-Q 3.
		const listening = new Set(['tcp/5000']);
		expect(queuePhrase(socket({state: 'SYN_RECV', localPort: 5000, rxQueue: 5, txQueue: 3}), 'web', listening)).toBe(
			'; Recv-Q 5: 5 bytes received that web has not read yet; Send-Q 3: 3 bytes written that the other end has not acknowledged yet',
		);
	});

	it('says a datagram socket\'s queues are buffer memory, not bytes of data, and nothing of queues not known', () => {
		// Measured: two 500-byte datagrams to a UDP socket on loopback make ss's Recv-Q (/proc's rx_queue) 2560.
		expect(queuePhrase(socket({proto: 'udp4', state: 'UNCONN', rxQueue: 2560, txQueue: 512}), 'python3')).toBe(
			'; Recv-Q 2560: datagrams python3 has not read yet hold 2560 bytes of its receive buffer; Send-Q 512: datagrams waiting to be sent hold 512 bytes of its send buffer',
		);
		for (const proto of ['udplite6', 'icmp4', 'raw6'] as const) {
			expect(queuePhrase(socket({proto, state: 'UNCONN', rxQueue: 1280}), 'ping')).toBe('; Recv-Q 1280: datagrams ping has not read yet hold 1280 bytes of its receive buffer');
		}

		// /proc/net/unix has no queue columns.
		expect(queuePhrase(socket({proto: 'stream', rxQueue: null, txQueue: null}), 'psql')).toBe('');
	});

	it('says a unix socket\'s queues as ss -x counts them (a capture): unread bytes, the next datagram\'s size, memory sent', () => {
		// Measured with ss -xanp: 500 then 300 bytes sent on a socketpair give its other end Recv-Q 800 and
		// the sender Send-Q 2560; datagrams of 500 then 300 bytes give the bound dgram socket Recv-Q 500.
		expect(queuePhrase(socket({proto: 'stream', rxQueue: 800}), 'psql')).toBe('; Recv-Q 800: 800 bytes received that psql has not read yet');
		expect(queuePhrase(socket({proto: 'seqpacket', txQueue: 2560}), 'psql')).toBe('; Send-Q 2560: what it sent that the other end has not read yet takes 2560 bytes of memory');
		expect(queuePhrase(socket({proto: 'dgram', state: 'UNCONN', rxQueue: 500, txQueue: 1}), 'rsyslogd')).toBe(
			'; Recv-Q 500: the next datagram rsyslogd has not read yet is 500 bytes; Send-Q 1: what it sent that the other end has not read yet takes 1 byte of memory',
		);
		// A unix listener's Recv-Q from ss counts connections, as TCP's does.
		expect(queuePhrase(socket({proto: 'stream', state: 'LISTEN', rxQueue: 2}), 'postgres')).toBe('; Recv-Q 2: 2 connections wait in its accept queue for postgres to accept()');
	});
});

describe('queuePhrase: a listener against its backlog, a datagram socket\'s drops, a SYN a full listener drops', () => {
	it('says a listener\'s Recv-Q of its backlog, and its queue full past the backlog (Linux queues backlog+1)', () => {
		expect(queuePhrase(socket({state: 'LISTEN', rxQueue: 5, backlog: 5}), 'python3')).toBe('; Recv-Q 5 of backlog 5: 5 connections wait in its accept queue for python3 to accept()');
		// The UAT's backlog.py: listen(5), 20 clients; ss -tlni showed `LISTEN 6 5`.
		expect(queuePhrase(socket({state: 'LISTEN', rxQueue: 6, backlog: 5}), 'python3')).toBe(
			'; Recv-Q 6 of backlog 5: the accept queue is full (Linux queues backlog+1); new connections wait in SYN_SENT, their SYNs dropped, until python3 calls accept()',
		);
		expect(queuePhrase(socket({proto: 'stream', state: 'LISTEN', rxQueue: 6, backlog: 5}), 'python3')).toBe(
			"; Recv-Q 6 of backlog 5: the accept queue is full (Linux queues backlog+1); new clients' connect() waits (or fails with EAGAIN) until python3 calls accept()",
		);
		expect(queuePhrase(socket({state: 'LISTEN', rxQueue: 0, backlog: 5}), 'python3')).toBe('');
	});

	it('says the datagrams a full receive buffer dropped (/proc/net/icmp\'s drops), with the queue or alone', () => {
		expect(queuePhrase(socket({proto: 'icmp4', state: 'UNCONN', rxQueue: 212_992, drops: 227}), 'python3')).toBe(
			'; Recv-Q 212992: datagrams python3 has not read yet hold 212992 bytes of its receive buffer; 227 datagrams were dropped because the receive buffer was full',
		);
		expect(queuePhrase(socket({proto: 'udp4', state: 'UNCONN', drops: 1}), 'dnsmasq')).toBe('; 1 datagram was dropped because the receive buffer was full');
		expect(queuePhrase(socket({proto: 'udp4', state: 'UNCONN', drops: 0}), 'dnsmasq')).toBe('');
	});

	it('says where a connection request goes and what becomes of it, in place of its being unacknowledged', () => {
		const fate = synFatePhrase({port: 5432, waiting: 6, backlog: 5}, 'python3[30387]');
		expect(queuePhrase(socket({state: 'SYN_SENT', txQueue: 1}), 'psql', undefined, fate)).toBe(
			'; Send-Q 1: its connection request (SYN) to port 5432, whose listener python3[30387] has a full accept queue (6 of backlog 5): the kernel drops the SYN and the client retries',
		);
		expect(synFatePhrase({port: 5432, waiting: 6, backlog: 5}, null)).toBe(' to port 5432, whose listener has a full accept queue (6 of backlog 5): the kernel drops the SYN and the client retries');
	});
});
