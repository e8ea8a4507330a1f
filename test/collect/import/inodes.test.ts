import {readFileSync} from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import {importSnapshot} from '../../../source/collect/import/index.js';
import type {Socket} from '../../../source/model/types.js';
import {explainSocket} from '../../../source/services/explain.js';
import {noHolderReason} from '../../../source/services/phrases.js';
import type {ServiceTable} from '../../../source/services/types.js';
import {fixtureTable} from '../../services/helpers.js';

/**
 * `ss -tan` and `ss -tane` of the same sockets (test/fixtures/ss/closing-states.py): a FIN_WAIT2
 * its program still holds (33866), one it closed (33874, inode 0), TIME_WAITs, and a connection
 * waiting in a listener's accept queue (7001 <- 39076, inode 0). Only -e's `ino:` tells the two
 * FIN_WAIT2 rows apart; without it neither may be said to be let go by its program.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ss/${name}`, import.meta.url), 'utf8');
const capture = {isCapture: true, isRoot: true} as const;
const row = (sockets: readonly Socket[], localPort: number, foreignPort: number | null) =>
	sockets.find(socket => socket.localPort === localPort && socket.foreignPort === foreignPort)!;

let debian: ServiceTable;
beforeAll(async () => {
	debian = await fixtureTable('debian-services');
});

describe('a capture without inodes (ss -tan)', () => {
	const {sockets} = importSnapshot(fixture('linux-iproute2-tan-closing.txt'), 'ss-tan.txt');

	it('reports no inode rather than inode 0', () => {
		expect(sockets).toHaveLength(10);
		expect(sockets.every(socket => socket.inode === null)).toBe(true);
	});

	it('does not say a FIN_WAIT2 row was closed by its program, nor that a connection waits to be accepted', () => {
		for (const port of [33_866, 33_874]) {
			expect(noHolderReason(row(sockets, port, 7000), capture, sockets)).toBe('The capture names no process for this socket.');
			expect(explainSocket(row(sockets, port, 7000), {services: debian, ephemeral: null}).sentence).not.toMatch(/no process holds it/);
		}

		expect(noHolderReason(row(sockets, 7001, 39_076), capture, sockets)).toBe('The capture names no process for this socket.');
		// TIME_WAIT needs no inode: no program ever holds one.
		expect(noHolderReason(row(sockets, 33_886, 7000), capture, sockets)).toMatch(/^No process holds it: TIME_WAIT/);
	});
});

describe('a capture with inodes (ss -tane)', () => {
	const {sockets} = importSnapshot(fixture('linux-iproute2-tane-closing.txt'), 'ss-tane.txt');

	it('says the FIN_WAIT2 with inode 0 was let go by its program, and not the one with an inode', () => {
		expect(row(sockets, 33_874, 7000).inode).toBe(0);
		expect(noHolderReason(row(sockets, 33_874, 7000), capture, sockets)).toBe(
			'No process holds it: the program closed it and the kernel finishes the close (FIN_WAIT2).',
		);
		expect(explainSocket(row(sockets, 33_874, 7000), {services: debian, ephemeral: null}).sentence).toMatch(
			/: no process holds it; the kernel finishes closing it on its own \(FIN_WAIT2\)$/,
		);
		expect(row(sockets, 33_866, 7000).inode).toBe(33_513_460);
		expect(noHolderReason(row(sockets, 33_866, 7000), capture, sockets)).toBe('The capture names no process for this socket.');
	});

	it('finds the connection waiting in the accept queue by its inode 0', () => {
		expect(noHolderReason(row(sockets, 7001, 39_076), capture, sockets)).toMatch(
			/^No process holds it yet: it waits in the accept queue until the listener on port 7001 calls accept\(\) for it\. /,
		);
		// The client's end has an inode: no queue.
		expect(noHolderReason(row(sockets, 39_076, 7001), capture, sockets)).toBe('The capture names no process for this socket.');
	});
});
