import {describe, expect, it} from 'vitest';
import {parsePacketRows} from '../../../source/collect/linux/packet-rows.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {fixture} from './fixtures.js';

/** packet.txt: fd 6 a raw packet socket for ETH_P_ALL, fd 7 a dgram one for ARP bound to lo (fixtures/proc/SOURCES.md). */
describe('parsePacketRows on a captured /proc/net/packet', () => {
	it('makes a row per socket as ss -0 lists them: type, interface, EtherType, no peer, UNCONN', () => {
		const rows: RawSocket[] = [];
		const asked: number[][] = [];
		const malformed = parsePacketRows(fixture('packet.txt'), rows, indexes => {
			asked.push([...indexes]);
			return new Map([[1, 'lo']]);
		});
		expect(malformed).toBe(0);
		expect(asked).toEqual([[0, 1]]);
		const common = {foreignAddress: null, foreignPort: null, path: null, peerInode: null, peerPath: null, state: 'UNCONN', uid: 0, rxQueue: 0, txQueue: null};
		expect(rows).toEqual([
			{proto: 'p_raw', localAddress: '*', localPort: 0x00_03, inode: 22_612_914, ...common},
			{proto: 'p_dgr', localAddress: 'lo', localPort: 0x08_06, inode: 22_612_915, ...common},
		]);
	});

	it('writes an interface it cannot name as ss does (if1), and reads Rmem and User', () => {
		const rows: RawSocket[] = [];
		parsePacketRows('sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n00000000ded688a4 3      2    88cc   1     1 4608   65534  36478258\n', rows, () => new Map());
		expect(rows).toMatchObject([{proto: 'p_dgr', localAddress: 'if1', localPort: 0x88_cc, uid: 65_534, rxQueue: 4608, inode: 36_478_258}]);
	});

	it('counts lines that do not parse, not the header or blank lines, and makes no row of them', () => {
		const rows: RawSocket[] = [];
		const text = 'sk RefCnt Type Proto Iface R Rmem User Inode\n\n0000 3 3 zzzz 0 1 0 0 77\n0000 3 3 0003 0 1 0 0\n';
		expect(parsePacketRows(text, rows, () => new Map())).toBe(2);
		expect(rows).toEqual([]);
	});
});
