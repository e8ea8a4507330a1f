import {describe, expect, it} from 'vitest';
import {createBucketHeads, dropMisfiledPings, noteBucketHeads} from '../../../source/collect/linux/ping-tables.js';
import {parseInetTable} from '../../../source/collect/linux/proc-net.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {expectedPings, fixture} from './fixtures.js';

/** Both tables read as tables.ts reads them (icmp6 perhaps in two runs of lines), then sorted out. */
function readBoth(icmp: string, icmp6: string, cut?: number): RawSocket[] {
	const sockets: RawSocket[] = [];
	const heads = {icmp: createBucketHeads(), icmp6: createBucketHeads()};
	noteBucketHeads(icmp, heads.icmp);
	parseInetTable(icmp, 'icmp', sockets);
	const from6 = sockets.length;
	const lines = icmp6.split('\n');
	const runs = cut === undefined ? [icmp6] : [lines.slice(0, cut).join('\n') + '\n', lines.slice(cut).join('\n')];
	for (const run of runs) {
		noteBucketHeads(run, heads.icmp6);
		parseInetTable(run, 'icmp6', sockets);
	}

	dropMisfiledPings(sockets, 0, from6, heads);
	return sockets;
}

describe('dropMisfiledPings: /proc/net/icmp and icmp6 list each other\'s sockets', () => {
	// capture-icmp.py buckets: sockets of both families in two hash buckets, each table listing
	// every socket of one bucket, the other family's through the wrong fields.
	const {sockets: expected} = expectedPings('icmp-buckets-expected.json');
	const icmp = fixture('icmp-buckets.txt');
	const icmp6 = fixture('icmp6-buckets.txt');

	it('is a real capture in which the tables list sockets of the other family', () => {
		const listed = (text: string) => new Set(text.trimEnd().split('\n').slice(1).map(line => Number(line.trim().split(/\s+/)[9])));
		const inBoth = [...listed(icmp)].filter(inode => listed(icmp6).has(inode));
		expect(inBoth.length).toBeGreaterThanOrEqual(8);
	});

	it('keeps each socket once, in its own family with its own addresses, but for the one case nothing tells', () => {
		for (const cut of [undefined, 2, 5, 11]) {
			const sockets = readBoth(icmp, icmp6, cut);
			expect(sockets, String(cut)).toHaveLength(expected.length);
			for (const each of expected) {
				const socket = sockets.find(entry => entry.inode === each.inode)!;
				// An unconnected IPv6 socket on :: behind sockets of both families in its bucket prints
				// as 0.0.0.0 and :: alike; ping-tables.ts takes it for IPv4.
				const isGuess = each.kind === 'v6-any' && each.local[1] === 1256;
				expect(socket, `${each.kind} ${each.local[1]}`).toMatchObject({
					proto: isGuess ? 'icmp4' : `icmp${each.family}`,
					localAddress: each.local[0] === '0.0.0.0' || each.local[0] === '::' ? '*' : each.local[0],
					localPort: each.local[1],
					foreignAddress: each.peer ?? '*',
				});
			}
		}
	});

	it('marks the sockets whose family nothing tells, and no other', () => {
		// Unconnected on the wildcard address, in both tables, heading its bucket in neither: in
		// bucket 4 the IPv6 socket of id 1256 and the IPv4 ones of 1000 and 1192 (the IPv4 one of
		// 1512 heads the bucket in icmp), in bucket 5 the IPv4 one of 1001 (1193 heads it in icmp).
		const guessed = (sockets: readonly RawSocket[]) => sockets.filter(socket => socket.isFamilyGuessed === true).map(socket => socket.localPort).sort();
		for (const cut of [undefined, 2, 5, 11]) {
			const sockets = readBoth(icmp, icmp6, cut);
			expect(guessed(sockets), String(cut)).toEqual([1000, 1001, 1192, 1256]);
			expect(sockets.filter(socket => socket.isFamilyGuessed === true).every(socket => socket.proto === 'icmp4')).toBe(true);
		}

		expect(guessed(readBoth(fixture('icmp.txt'), fixture('icmp6.txt')))).toEqual([]);
	});

	it('leaves tables without shared sockets as they were', () => {
		const sockets = readBoth(fixture('icmp.txt'), fixture('icmp6.txt'));
		expect(sockets.map(socket => socket.proto)).toEqual(['icmp4', 'icmp4', 'icmp4', 'icmp6', 'icmp6']);
	});
});
