import {describe, expect, it} from 'vitest';
import {datagramStateOf} from '../../source/model/types.js';

describe('datagramStateOf', () => {
	it('reads a datagram, ping or raw socket\'s kernel state: TCP_ESTABLISHED (1) is connected, anything else not', () => {
		expect(datagramStateOf(1)).toBe('ESTABLISHED');
		// TCP_CLOSE, as /proc/net/udp and raw print an unconnected socket.
		expect(datagramStateOf(7)).toBe('UNCONN');
		expect(datagramStateOf(Number.NaN)).toBe('UNCONN');
	});
});
