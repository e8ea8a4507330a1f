import {describe, expect, it} from 'vitest';
import {readHexName} from '../../../source/collect/lsof/hex-name.js';

describe('readHexName', () => {
	it('decodes a ping socket\'s NAME, which has no state', () => {
		// test/fixtures/lsof/linux-4.95-ping-F0.txt, fd 4: bound to 127.0.0.1 with identifier 0x1234 and connected.
		expect(readHexName('icmp', '0100007F:1234->0100007F:0000')).toEqual({
			localAddress: '127.0.0.1',
			localPort: 0x12_34,
			foreignAddress: '127.0.0.1',
			foreignPort: null,
			state: null,
		});
	});

	it('decodes a raw socket\'s NAME and its st=, for IPv4 and IPv6', () => {
		// test/fixtures/lsof/linux-4.95-mapped-raw-F0.txt: ICMP (1) and ICMPv6 (58) on every address, TCP_CLOSE.
		expect(readHexName('raw', '00000000:0001->00000000:0000 st=07')).toEqual({localAddress: '*', localPort: 1, foreignAddress: '*', foreignPort: null, state: 7});
		expect(readHexName('raw6', `${'0'.repeat(32)}:003A->${'0'.repeat(32)}:0000 st=07`)).toMatchObject({localAddress: '*', localPort: 58, state: 7});
		expect(readHexName('raw', '0100007F:00FD->0100007F:0000 st=01')).toMatchObject({localAddress: '127.0.0.1', localPort: 253, state: 1});
	});

	it('reads nothing where the NAME is not that TYPE\'s hex', () => {
		expect(readHexName('icmp', '00000000:0001->00000000:0000 st=07')).toBeNull();
		expect(readHexName('raw', '0100007F:1234->0100007F:0000')).toBeNull();
		expect(readHexName('raw6', '00000000:0001->00000000:0000 st=07')).toBeNull();
		expect(readHexName('icmp', '*:41451')).toBeNull();
	});
});
