import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {linkInterfaceOf, parseIfInet6} from '../../../source/collect/linux/if-inet6.js';

// A real capture (test/fixtures/proc/SOURCES.md): fe80::1234 on llv0 alone, fe80::5678 on llv0 and llv1.
const fixture = readFileSync(new URL('../../fixtures/proc/if_inet6.txt', import.meta.url), 'utf8');

describe('/proc/net/if_inet6', () => {
	it('gives each address, as the socket tables write it, the interfaces that have it', () => {
		const interfaces = parseIfInet6(fixture);
		expect(Object.fromEntries(interfaces)).toEqual({
			'::1': ['lo'],
			'2001:db8::1': ['llv1'],
			'fe80::1c48:7aff:fe4f:3c20': ['llv0'],
			'fe80::1234': ['llv0'],
			'fe80::5678': ['llv1', 'llv0'],
			'fe80::88cd:92ff:fe77:80f0': ['llv1'],
		});
	});

	it('skips what is not an address line', () => {
		expect(parseIfInet6('\nnot a line\nfe80 03 40 20 80 eth0\n').size).toBe(0);
	});
});

describe('the interface of a socket on a link-local address', () => {
	const interfaces = parseIfInet6(fixture);
	const read = () => interfaces;

	it('is the one interface that has the address', () => {
		expect(linkInterfaceOf({localAddress: 'fe80::1234'}, read)).toEqual({linkInterface: 'llv0'});
	});

	it('is not named when several interfaces have the address, or none does any more', () => {
		expect(linkInterfaceOf({localAddress: 'fe80::5678'}, read)).toEqual({});
		expect(linkInterfaceOf({localAddress: 'fe80::9'}, read)).toEqual({});
	});

	it('is not looked up for other addresses', () => {
		const never = () => {
			throw new Error('read for an address that is not link-local');
		};
		for (const localAddress of ['2001:db8::1', '::1', '*', '169.254.1.2', null]) expect(linkInterfaceOf({localAddress}, never)).toEqual({});
		expect(linkInterfaceOf(null, never)).toEqual({});
	});

	it('is an IPv4 link-local address\'s one interface, from ip\'s answer (ipv4-interfaces.ts), never one of several', () => {
		const ipv4 = new Map([['169.254.7.7', ['eth1']], ['169.254.9.9', ['eth1', 'eth2']], ['10.0.0.1', ['eth0']]]);
		expect(linkInterfaceOf({localAddress: '169.254.7.7'}, read, ipv4)).toEqual({linkInterface: 'eth1'});
		expect(linkInterfaceOf({localAddress: '169.254.9.9'}, read, ipv4)).toEqual({});
		expect(linkInterfaceOf({localAddress: '169.254.1.2'}, read, ipv4)).toEqual({});
		// Only a link-local address is bound to its link: 10.0.0.1 is reachable through any interface.
		expect(linkInterfaceOf({localAddress: '10.0.0.1'}, read, ipv4)).toEqual({});
	});
});
