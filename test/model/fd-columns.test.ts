import {describe, expect, it} from 'vitest';
import {hasQueuedRow} from '../../source/model/fd-columns.js';
import {fdRow} from '../../source/model/pid-rows.js';
import {inetSocket} from '../components/pid-fixtures.js';

const row = (fields: Parameters<typeof inetSocket>[0]) => fdRow({fd: 3, type: 'socket', target: 'socket:[1]', socket: inetSocket(fields)});

describe('hasQueuedRow', () => {
	it('tells rows with something queued, which the FD table shows the queue columns for', () => {
		const listener = row({});
		expect(hasQueuedRow([listener, row({state: 'ESTABLISHED', foreignPort: 1})])).toBe(false);
		expect(hasQueuedRow([listener, row({rxQueue: 1})])).toBe(true);
		expect(hasQueuedRow([row({state: 'ESTABLISHED', foreignPort: 1, txQueue: 5})])).toBe(true);
		// A listener's Send-Q from /proc is 0 and said by no cell; from lsof it may be a number, but it is no queue of bytes.
		expect(hasQueuedRow([row({txQueue: 128})])).toBe(false);
	});
});

describe('a listener\'s backlog', () => {
	it('is its SEND-Q cell, as ss shows it, blank where not known; alone it shows no queue columns', () => {
		expect(row({rxQueue: 6, backlog: 5})).toMatchObject({recvQ: '6', sendQ: '5'});
		expect(row({rxQueue: 0})).toMatchObject({recvQ: '0', sendQ: ''});
		expect(hasQueuedRow([row({backlog: 5})])).toBe(false);
		expect(hasQueuedRow([row({rxQueue: 6, backlog: 5})])).toBe(true);
	});
});
