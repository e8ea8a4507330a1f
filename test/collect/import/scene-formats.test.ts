import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {importSnapshot} from '../../../source/collect/import/index.js';
import type {Socket} from '../../../source/model/types.js';

/**
 * One moment of one scene (test/fixtures/lsof/uat-lsof-scene.py 19300: a process and its forked
 * child sharing every socket) captured four ways as root, each cut to the scene's rows (SOURCES.md
 * of each folder): what the proc backend showed of it then, the same sockets, addresses and states,
 * is what each capture must give.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const captures = {
	'lsof -nP -i': 'lsof/linux-4.95-uat-lsof-scene-i-n-P.txt',
	'lsof -nP -F pcuftTnPs0 -i': 'lsof/linux-4.95-uat-lsof-scene-F-pcuftTnPs0.txt',
	'ss -tunap': 'ss/linux-iproute2-uat-lsof-scene-tunap.txt',
	'netstat -tunap': 'netstat/linux-net-tools-uat-lsof-scene-tunap.txt',
} as const;

const endsOf = (socket: Socket) => `${socket.proto} ${socket.localAddress} ${socket.localPort} ${socket.foreignAddress} ${socket.foreignPort} ${socket.state}`;
/** Each socket once, by its ends and state (a forked server's rows are one per holder, netstat's one per socket). */
const socketsOf = (name: string, held: boolean) => [...new Set(importSnapshot(fixture(name), name).sockets.filter(socket => !held || socket.pid !== null).map(socket => endsOf(socket)))].sort();

/** The sockets with a holder the proc backend listed at that moment (`--once -p 19300-19306`). */
const held = [
	'tcp4 * 19303 * null LISTEN',
	'tcp4 127.0.0.1 19300 * null LISTEN',
	'tcp4 127.0.0.1 19300 127.0.0.1 57876 ESTABLISHED',
	'tcp4 127.0.0.1 19306 * null LISTEN',
	'tcp4 127.0.0.1 35170 127.0.0.1 19301 ESTABLISHED',
	'tcp4 127.0.0.1 36940 127.0.0.1 19306 ESTABLISHED',
	'tcp4 127.0.0.1 57876 127.0.0.1 19300 ESTABLISHED',
	'tcp4 127.0.0.1 58994 127.0.0.1 19303 ESTABLISHED',
	'tcp4 127.0.0.1 58998 127.0.0.1 19303 ESTABLISHED',
	'tcp4 127.0.0.1 59000 127.0.0.1 19303 ESTABLISHED',
	'tcp6 * 19301 * null LISTEN',
	'tcp6 ::1 19301 ::1 39602 ESTABLISHED',
	'tcp6 ::1 19302 * null LISTEN',
	'tcp6 ::1 19302 ::1 40258 ESTABLISHED',
	'tcp6 ::1 39602 ::1 19301 ESTABLISHED',
	'tcp6 ::1 40258 ::1 19302 ESTABLISHED',
	'tcp6 ::ffff:127.0.0.1 19301 ::ffff:127.0.0.1 35170 ESTABLISHED',
	'udp4 127.0.0.1 19304 * null UNCONN',
	'udp4 127.0.0.1 45519 127.0.0.1 19304 ESTABLISHED',
	'udp6 * 19305 * null UNCONN',
	'udp6 ::1 38050 ::1 19305 ESTABLISHED',
];

/** The connections waiting in the accept queues of *:19303 and 127.0.0.1:19306: no process holds their server's ends yet. */
const waiting = ['tcp4 127.0.0.1 19303 127.0.0.1 58994 ESTABLISHED', 'tcp4 127.0.0.1 19303 127.0.0.1 58998 ESTABLISHED', 'tcp4 127.0.0.1 19303 127.0.0.1 59000 ESTABLISHED', 'tcp4 127.0.0.1 19306 127.0.0.1 36940 ESTABLISHED'];

describe('one scene captured with lsof, ss and netstat', () => {
	it.each(Object.entries(captures))('%s gives the held sockets the proc backend showed: the wildcards, ::1, the IPv4-mapped end of a dual-stack listener', (_tool, name) => {
		expect(socketsOf(name, true)).toEqual(held);
	});

	it('ss and netstat list the server ends waiting to be accepted, without a holder; lsof, which lists only what processes hold, does not', () => {
		for (const name of [captures['ss -tunap'], captures['netstat -tunap']]) {
			expect(socketsOf(name, false)).toEqual([...held, ...waiting].sort());
		}

		expect(socketsOf(captures['lsof -nP -i'], false)).toEqual(held);
	});

	it('keeps a holder per row where the tool names each: both processes of the forked server in lsof and ss, one in netstat', () => {
		const pids = (name: string) => [...new Set(importSnapshot(fixture(name), name).sockets.map(socket => socket.pid))].sort();
		expect(pids(captures['lsof -nP -i'])).toEqual([24_551, 24_593]);
		expect(pids(captures['lsof -nP -F pcuftTnPs0 -i'])).toEqual([24_551, 24_593]);
		expect(pids(captures['ss -tunap'])).toEqual([24_551, 24_593, null]);
		expect(pids(captures['netstat -tunap'])).toEqual([24_551, 24_593, null]);
	});
});
