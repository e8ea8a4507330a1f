import {describe, expect, it} from 'vitest';
import {datagramStateOf, isConnectionless, socketInode} from '../../source/model/types.js';

describe('datagramStateOf', () => {
	it('reads a datagram, ping or raw socket\'s kernel state: TCP_ESTABLISHED (1) is connected, anything else not', () => {
		expect(datagramStateOf(1)).toBe('ESTABLISHED');
		// TCP_CLOSE, as /proc/net/udp and raw print an unconnected socket.
		expect(datagramStateOf(7)).toBe('UNCONN');
		expect(datagramStateOf(Number.NaN)).toBe('UNCONN');
	});
});

describe('isConnectionless', () => {
	it('is UDP, UDP-Lite, ping, raw and unix datagram sockets, of either IP version; not TCP or unix stream and seqpacket', () => {
		for (const proto of ['udp4', 'udp6', 'udplite4', 'udplite6', 'icmp4', 'icmp6', 'raw4', 'raw6', 'dgram']) expect(isConnectionless(proto), proto).toBe(true);
		for (const proto of ['tcp4', 'tcp6', 'stream', 'seqpacket']) expect(isConnectionless(proto), proto).toBe(false);
	});
});

describe('socketInode', () => {
	it('is the inode, or null for 0 (no socket file) and for none reported', () => {
		expect(socketInode({inode: 20_531})).toBe(20_531);
		expect(socketInode({inode: 0})).toBeNull();
		expect(socketInode({inode: null})).toBeNull();
	});
});
