import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {decodeIpv4, decodeIpv6, formatIpv6} from '../../../source/collect/linux/address.js';

describe('decodeIpv4 / decodeIpv6 (little-endian words, as /proc/net prints them)', () => {
	it('decodes loopback, wildcard and a mapped address', () => {
		expect(decodeIpv4('0100007F', 0)).toBe('127.0.0.1');
		expect(decodeIpv4('0101A8C0', 0)).toBe('192.168.1.1');
		expect(decodeIpv4('00000000', 0)).toBe('*');
		expect(decodeIpv4('0100007G', 0)).toBeNull();
		expect(decodeIpv6('00000000000000000000000001000000', 0)).toBe('::1');
		expect(decodeIpv6('00000000000000000000000000000000', 0)).toBe('*');
		expect(decodeIpv6('0000000000000000FFFF00000100007F', 0)).toBe('::ffff:127.0.0.1');
		expect(decodeIpv6('000080FE00000000FF4B2A024CC2E9FE', 0)).toBe('fe80::22a:4bff:fee9:c24c');
	});
});

describe('formatIpv6 (glibc inet_ntop, as ss prints)', () => {
	it('prints IPv4-mapped and IPv4-compatible addresses dotted, like inet_ntop', () => {
		expect(formatIpv6([0, 0, 0, 0, 0, 0xff_ff, 0x7f_00, 1])).toBe('::ffff:127.0.0.1');
		expect(formatIpv6([0, 0, 0, 0, 0, 0, 0x0a_00, 1])).toBe('::10.0.0.1');
		// ::1 is not IPv4-compatible: seven zero groups.
		expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 1])).toBe('::1');
		expect(formatIpv6([1, 0, 0, 0, 0, 0, 0, 0])).toBe('1::');
		expect(formatIpv6([1, 0, 2, 0, 0, 3, 0, 0])).toBe('1:0:2::3:0:0');
		expect(formatIpv6([0x20_01, 0xd_b8, 0, 1, 0, 0, 0, 1])).toBe('2001:db8:0:1::1');
	});

	it('compresses the same run as the WHATWG URL serializer for any non-IPv4-embedding address', () => {
		const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({min: 0, max: 0xff_ff}));
		fc.assert(
			fc.property(fc.array(group, {minLength: 8, maxLength: 8}), groups => {
				// inet_ntop dots the last 32 bits of ::ffff:0:0/96 and of ::/96 (unless that is ::0.0.x.y-like ::x).
				const isEmbedded =
					groups.slice(0, 5).every(g => g === 0) && (groups[5] === 0xff_ff || (groups[5] === 0 && groups[6] !== 0));
				fc.pre(!isEmbedded && groups.some(g => g !== 0));
				const whatwg = new URL(`http://[${groups.map(g => g.toString(16)).join(':')}]/`).hostname.slice(1, -1);
				expect(formatIpv6(groups)).toBe(whatwg);
			}),
			{numRuns: 2000},
		);
	});
});
