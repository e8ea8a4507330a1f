import {describe, expect, it} from 'vitest';
import {mappedIpv4} from '../../source/model/mapped-ipv4.js';

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
