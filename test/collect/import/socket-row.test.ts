import {describe, expect, it} from 'vitest';
import {splitEndpoint} from '../../../source/collect/import/endpoint.js';
import {portsFor, rawPortOf} from '../../../source/collect/import/socket-row.js';

describe('rawPortOf', () => {
	it('reads ss\'s ipproto-N without any protocols file, up to 255', () => {
		const withoutFile = rawPortOf();
		expect(['ipproto-0', 'ipproto-253', 'ipproto-255', 'ipproto-256', 'ipproto-1000', 'icmp'].map(name => withoutFile(name))).toEqual([0, 253, 255, null, null, null]);
	});

	it('reads names with the protocols it is given, and only IP protocols (0-255)', () => {
		const numbers = new Map([['icmp', 1], ['mptcp', 262], ['divert', 258]]);
		const portOf = rawPortOf(name => numbers.get(name) ?? null);
		expect(['icmp', 'mptcp', 'divert', 'ospf'].map(name => portOf(name))).toEqual([1, null, null, null]);
		expect(splitEndpoint('0.0.0.0:icmp', ':', portOf)).toEqual({address: '*', port: 1});
		expect(splitEndpoint('0.0.0.0:ipproto-255', ':', portOf)).toEqual({address: '*', port: 255});
		expect(splitEndpoint('0.0.0.0:domain', ':', portOf)).toBeNull();
	});

	it('is what a raw row reads its port with, never the services table', () => {
		const services = () => 53;
		expect(portsFor(services, 'raw6', () => 89)?.('ospf')).toBe(89);
		expect(portsFor(services, 'raw4')?.('domain')).toBeNull();
		expect(portsFor(services, 'udp4')?.('domain')).toBe(53);
	});
});
