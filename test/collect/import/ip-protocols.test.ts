import {describe, expect, it} from 'vitest';
import {ipProtocolNumber} from '../../../source/collect/import/ip-protocols.js';
import {splitEndpoint} from '../../../source/collect/import/endpoint.js';

describe('ipProtocolNumber', () => {
	it('reads the names getprotobynumber gives (glibc with netbase, musl) and ss\'s ipproto-N', () => {
		expect(['icmp', 'udp', 'ipv6-icmp', 'ospf', 'ax.25', 'raw', 'ipproto-253', 'ipproto-0'].map(name => ipProtocolNumber(name))).toEqual([1, 17, 58, 89, 93, 255, 253, 0]);
	});

	it('knows nothing else: service names, numbers past 255, the prototype\'s keys', () => {
		expect(['ssh', 'ipproto-256', 'ipproto-1000', 'mptcp', 'ICMP', 'toString', '__proto__'].map(name => ipProtocolNumber(name))).toEqual([null, null, null, null, null, null, null]);
	});

	it('reads a raw endpoint as ss and netstat print it', () => {
		expect(splitEndpoint('[::1]:ospf', ':', ipProtocolNumber)).toEqual({address: '::1', port: 89});
		expect(splitEndpoint('0.0.0.0:ipproto-255', ':', ipProtocolNumber)).toEqual({address: '*', port: 255});
		expect(splitEndpoint('0.0.0.0:domain', ':', ipProtocolNumber)).toBeNull();
	});
});
