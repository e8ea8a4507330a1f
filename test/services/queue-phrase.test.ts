import {describe, expect, it} from 'vitest';
import {queuePhrase} from '../../source/services/queue-phrase.js';

type Fields = Parameters<typeof queuePhrase>[0];
const socket = (fields: Partial<Fields>): Fields => ({proto: 'tcp4', state: 'ESTABLISHED', rxQueue: 0, txQueue: 0, ...fields});

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

	it('says a datagram socket\'s bytes wait to be sent, not to be acknowledged, and nothing of queues not known', () => {
		expect(queuePhrase(socket({proto: 'udp4', state: 'UNCONN', rxQueue: 768, txQueue: 512}), 'dnsmasq')).toBe(
			'; Recv-Q 768: 768 bytes received that dnsmasq has not read yet; Send-Q 512: 512 bytes waiting to be sent',
		);
		// /proc/net/unix has no queue columns.
		expect(queuePhrase(socket({proto: 'stream', rxQueue: null, txQueue: null}), 'psql')).toBe('');
	});
});
