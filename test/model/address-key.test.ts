import {describe, expect, it} from 'vitest';
import {inetSortKey, ipv6Hex, unixSortKey} from '../../source/model/address-key.js';

const sorted = (endpoints: ReadonlyArray<readonly [string | null, number | null]>) =>
	[...endpoints].sort((a, b) => (inetSortKey(...a) < inetSortKey(...b) ? -1 : 1));

describe('address sort keys', () => {
	it('orders IPv4 numerically, then by port, wildcard first', () => {
		expect(
			sorted([
				['10.0.0.10', 80],
				['10.0.0.2', 8080],
				['*', 22],
				['10.0.0.2', 443],
				['192.168.1.1', 1],
				['*', null],
			]),
		).toEqual([
			['*', null],
			['*', 22],
			['10.0.0.2', 443],
			['10.0.0.2', 8080],
			['10.0.0.10', 80],
			['192.168.1.1', 1],
		]);
	});

	it('puts IPv6 after IPv4 and orders it by value, whatever the spelling', () => {
		expect(ipv6Hex('::1')).toBe(`${'0'.repeat(31)}1`);
		expect(ipv6Hex('fe80::1%eth0')).toBe(`fe80${'0'.repeat(27)}1`);
		expect(ipv6Hex('::ffff:127.0.0.1')).toBe(`${'0'.repeat(20)}ffff7f000001`);
		expect(ipv6Hex('2001:db8::')).toBe(`20010db8${'0'.repeat(24)}`);
		expect(ipv6Hex('not an address')).toBeNull();
		expect(ipv6Hex('1::2::3')).toBeNull();
		expect(sorted([['::1', 5], ['2001:db8::1', 1], ['127.0.0.1', 9], ['::', 2]])).toEqual([
			['127.0.0.1', 9],
			['::', 2],
			['::1', 5],
			['2001:db8::1', 1],
		]);
	});

	it('puts unix paths after every address and unnamed ones last', () => {
		expect(inetSortKey('255.255.255.255', 65_535) < unixSortKey('/run/a')).toBe(true);
		expect(unixSortKey('/run/a') < unixSortKey('/run/b')).toBe(true);
		expect(unixSortKey('@abstract') < unixSortKey(null)).toBe(true);
	});
});
