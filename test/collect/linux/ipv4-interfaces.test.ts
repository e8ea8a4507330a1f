import {describe, expect, it} from 'vitest';
import {parseIpv4Addresses, readIpv4Interfaces} from '../../../source/collect/linux/ipv4-interfaces.js';

// A real listener's interface is asked of ip in test/services/link-local.test.ts.
// `ip -o -4 addr show` as iproute2 6.1 prints it: 169.254.9.9 is on two interfaces.
const output = `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
3: llv0    inet 10.99.0.1/24 scope global llv0\\       valid_lft forever preferred_lft forever
3: llv0    inet 169.254.7.7/16 scope global llv0\\       valid_lft forever preferred_lft forever
3: llv0    inet 169.254.9.9/16 scope global secondary llv0:1\\       valid_lft forever preferred_lft forever
4: llv1    inet 169.254.9.9/16 brd 169.254.255.255 scope link llv1\\       valid_lft forever preferred_lft forever
`;

describe('ip -o -4 addr show', () => {
	it('gives each IPv4 address the interfaces that have it (the device, not an alias label)', () => {
		expect(Object.fromEntries(parseIpv4Addresses(output))).toEqual({
			'127.0.0.1': ['lo'],
			'10.99.0.1': ['llv0'],
			'169.254.7.7': ['llv0'],
			'169.254.9.9': ['llv0', 'llv1'],
		});
		expect(parseIpv4Addresses('\nnot a line\n5: eth0    inet6 fe80::1/64 scope link\n').size).toBe(0);
	});

	it('is not run for a process without a socket on an IPv4 link-local address, nor where it cannot answer for its namespace', async () => {
		const query = (localAddress: string) => ({fd: 3, link: 'socket:[1]', socket: {localAddress} as never});
		expect(await readIpv4Interfaces([query('10.0.0.1'), {fd: 4, link: 'pipe:[2]', socket: null}], null)).toEqual(new Map());
		// Another namespace without root: ip here would answer for socktop's own.
		expect(await readIpv4Interfaces([query('169.254.7.7')], undefined)).toEqual(new Map());
	});
});
