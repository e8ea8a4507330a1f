import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {importSnapshot} from '../../../source/collect/import/index.js';
import {summarize} from '../../../source/model/summary.js';

/**
 * One moment of `forked-listener.py` (test/fixtures/ss/), captured with each tool (see the
 * SOURCES.md files): a listener on *:8080, a UDP socket on *:5353 and a unix listener each held
 * by six forked processes, the connection one of them accepted and its client, and two
 * SO_REUSEPORT listeners on 127.0.0.1:9090 whose rows read alike. The header counts sockets,
 * as `ss -s` does: what the proc backend counted in the same network namespace at that moment.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const countsOf = (name: string) => {
	const {total, rows, tcp, listen, established, udp, unix} = summarize(importSnapshot(fixture(name), name).sockets);
	return {total, rows, tcp, listen, established, udp, unix};
};

const inet = {tcp: 5, listen: 3, established: 2, udp: 1};

describe('a capture of sockets shared by forked processes: the header counts each socket once', () => {
	it.each([
		// The holders of one socket are one line: the line tells them apart from the two 9090 listeners.
		['ss/linux-root-tunap-forked.txt', {...inet, total: 6, rows: 16, unix: 0}],
		['ss/linux-root-tunape-forked.txt', {...inet, total: 6, rows: 16, unix: 0}],
		// Linux lsof's DEVICE is an inet socket's inode.
		['lsof/linux-4.95-root-i-forked.txt', {...inet, total: 6, rows: 16, unix: 0}],
		['lsof/linux-4.95-root-F-pcuLftPTndi-forked.txt', {...inet, total: 7, rows: 22, unix: 1}],
		// Without `i`, a unix socket's DEVICE is its kernel address, as every socket's is on macOS.
		['lsof/linux-4.95-root-F-pcuLftPTnd-forked.txt', {...inet, total: 7, rows: 22, unix: 1}],
	])('%s', (name, counts) => {
		expect(countsOf(name)).toEqual(counts);
	});

	it('without d or i, lsof -F cannot tell which rows are one socket: each row counts', () => {
		// Six holders of *:8080 and the two 9090 listeners read alike, as they would in the header.
		expect(countsOf('lsof/linux-4.95-root-F-pcuftPTn-forked.txt')).toEqual({total: 22, rows: 22, tcp: 10, listen: 8, established: 2, udp: 6, unix: 6});
	});

	it('sockstat prints no inode, but a TCP connection two processes hold (sshd\'s privilege separation) is one', () => {
		// Both sshd rows are 10.0.2.15:22 <-> 10.0.2.2:44246: no other socket of one machine can be.
		const sockets = importSnapshot(fixture('sockstat/freebsd-smoke-s.txt'), 'sockstat').sockets.filter(socket => socket.foreignPort === 44_246);
		expect(sockets.map(socket => socket.pid)).toEqual([60_028, 60_025]);
		expect(summarize(sockets)).toMatchObject({rows: 2, total: 1, established: 1});
	});

	it('two SO_REUSEPORT listeners on one port stay two sockets, though their rows read alike', () => {
		const sockets = importSnapshot(fixture('ss/linux-root-tunap-forked.txt'), 'ss').sockets.filter(socket => socket.localPort === 9090);
		expect(sockets).toHaveLength(2);
		expect(summarize(sockets).listen).toBe(2);
	});
});
