import {describe, expect, it} from 'vitest';
import {mappedIpv4, protoCell} from '../../source/model/mapped-ipv4.js';

describe('mappedIpv4', () => {
	it('reads the IPv4 address out of an IPv4-mapped IPv6 one, bracketed or not, in either case', () => {
		expect(mappedIpv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
		expect(mappedIpv4('[::ffff:127.0.0.1]')).toBe('127.0.0.1');
		expect(mappedIpv4('::FFFF:127.0.0.1')).toBe('127.0.0.1');
	});

	it('gives null for any other address, ffff in it or not', () => {
		expect(mappedIpv4('2001:db8::ffff:1')).toBeNull();
		expect(mappedIpv4('ffff::1')).toBeNull();
		expect(mappedIpv4('::ffff:7f00:1')).toBeNull();
		expect(mappedIpv4('10.0.0.1')).toBeNull();
		expect(mappedIpv4('::1')).toBeNull();
	});
});

describe('protoCell', () => {
	it('is sockstat\'s tcp46 or udp46 for a TCP listener or UDP server on every IPv6 address that is not IPv6-only', () => {
		expect(protoCell({proto: 'tcp6', localAddress: '*', isV6Only: false})).toBe('tcp46');
		expect(protoCell({proto: 'udp6', localAddress: '*', isV6Only: false})).toBe('udp46');
		// A capture's spellings of the wildcard.
		expect(protoCell({proto: 'tcp6', localAddress: '::', isV6Only: false})).toBe('tcp46');
		expect(protoCell({proto: 'tcp6', localAddress: '[::]', isV6Only: false})).toBe('tcp46');
	});

	it('stays the proto where the socket is IPv6-only, its flag is not known (no ss, lsof), or it is on one address', () => {
		expect(protoCell({proto: 'tcp6', localAddress: '*', isV6Only: true})).toBe('tcp6');
		expect(protoCell({proto: 'tcp6', localAddress: '*'})).toBe('tcp6');
		expect(protoCell({proto: 'udp6', localAddress: '*'})).toBe('udp6');
		// ss says v6only:0 of one on a given IPv6 address too; it takes no IPv4 all the same.
		expect(protoCell({proto: 'tcp6', localAddress: 'fd00::2', isV6Only: false})).toBe('tcp6');
		expect(protoCell({proto: 'tcp4', localAddress: '*'})).toBe('tcp4');
		expect(protoCell({proto: 'stream', localAddress: null})).toBe('stream');
	});
});
