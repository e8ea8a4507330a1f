import {symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadIpProtocolTable} from '../../source/services/ip-protocol-table.js';
import {readProtocolsText} from '../../source/services/load.js';
import {tempDirectory} from '../helpers/temp-directory.js';

const dir = tempDirectory('protocols');
const fixture = (name: string) => new URL(`../fixtures/protocols/${name}`, import.meta.url).pathname;

describe('loadIpProtocolTable', () => {
	it('reads and indexes the file it is given', async () => {
		const table = await loadIpProtocolTable(fixture('freebsd-protocols'));
		expect(table.unreadable).toBeNull();
		expect(['icmp6', 'carp', 'nosuch'].map(name => table.numberOf(name))).toEqual([58, 112, null]);
	});

	it('knows no name, and says why, when the file is missing or is a directory; it never rejects', async () => {
		const missing = path.join(dir, 'protocols');
		const none = await loadIpProtocolTable(missing);
		expect(none.unreadable).toBe(`${missing}: no such file`);
		expect(none.numberOf('icmp')).toBeNull();
		expect((await loadIpProtocolTable(dir)).unreadable).toBe(`${dir}: is a directory`);
	});

	it('says the other reasons in the words --import uses for its capture', async () => {
		const file = path.join(dir, 'file');
		writeFileSync(file, 'icmp 1\n');
		const below = path.join(file, 'protocols');
		expect((await loadIpProtocolTable(below)).unreadable).toBe(`${below}: not a directory`);
		const loop = path.join(dir, 'loop');
		symlinkSync(loop, loop);
		expect((await loadIpProtocolTable(loop)).unreadable).toBe(`${loop}: too many symbolic links`);
	});
});

describe('readProtocolsText', () => {
	it('stops reading an endless file past the limit', async () => {
		expect(await readProtocolsText('/dev/zero', 1024 * 1024)).toEqual({path: '/dev/zero', reason: 'over 1 MiB, larger than any protocols file'});
	});
});
