import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {startLoad} from '../../bench/load.mjs';

/** Lines of `ss ARGS -H` (state filters need ss's own syntax). */
const ssLines = (...args: string[]) =>
	execFileSync('ss', [...args, '-H'], {encoding: 'utf8', maxBuffer: 1 << 28}).split('\n').filter(Boolean);

/** Inodes of every socket a process holds, from /proc/PID/fd. */
const socketInodes = (pid: number) =>
	fs.readdirSync(`/proc/${pid}/fd`).flatMap(fd => {
		const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
		return link.startsWith('socket:[') ? [link.slice(8, -1)] : [];
	});

const hasSs = (() => {
	try {
		execFileSync('ss', ['-V']);
		return true;
	} catch {
		return false;
	}
})();
if (!hasSs) {
	console.warn('skipping the load generator test: ss (iproute2) is not installed');
}

describe('bench load generator', () => {
	it.skipIf(!hasSs)('holds N established sockets over P processes, both ends in different holders, and leaves nothing behind', async () => {
		const load = await startLoad({sockets: 200, procs: 5});
		const holders = new Set(load.holders);
		try {
			expect(load.counts).toEqual({tcpEstablished: 200, tcpListen: 9, udp: 8, unix: 18, processes: 6, forkedWorkers: 0});
			// ss's view of the holders' established sockets: 200, 40 per holder, each connection spanning two holders.
			const established = ssLines('-tnp', 'state', 'established').filter(line =>
				[...line.matchAll(/pid=(\d+)/g)].some(match => holders.has(Number(match[1]))));
			expect(established).toHaveLength(200);
			for (const pid of load.holders.slice(0, 5)) {
				expect(socketInodes(pid)).toHaveLength(40);
			}
			const extras = socketInodes(load.holders[5]!);
			expect(extras).toHaveLength(9 + 8 + 18);
			// The generator itself keeps no load socket: only its stdio.
			const own = ssLines('-tuanp').filter(line => line.includes(`pid=${load.pid},`));
			expect(own).toEqual([]);
		} finally {
			await load.stop();
		}
		// Every holder is gone and, thanks to SO_LINGER 0, no connection lingers in TIME_WAIT.
		for (const pid of holders) {
			expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
		}
		const endpoints = load.listeners.map(({host, port}) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`));
		const lingering = ssLines('-tan', 'state', 'time-wait').filter(line => endpoints.some(endpoint => line.includes(` ${endpoint} `)));
		expect(lingering).toEqual([]);
	});

	it.skipIf(!hasSs)('adds forked workers that each hold only the first listener', async () => {
		const load = await startLoad({sockets: 20, procs: 2, forked: 5});
		try {
			expect(load.counts).toMatchObject({processes: 3 + 5, forkedWorkers: 5});
			const [listener] = load.listeners;
			// The extras holder got the listeners first: fd 3 is the first one.
			const listenerInode = fs.readlinkSync(`/proc/${load.holders[2]!}/fd/3`).slice(8, -1);
			for (const pid of load.holders.slice(3)) {
				expect(socketInodes(pid)).toEqual([listenerInode]);
			}
			const holdersOfListener = ssLines('-tlnp', `sport = :${listener!.port}`).flatMap(line => [...line.matchAll(/pid=(\d+)/g)].map(match => Number(match[1])));
			expect(new Set(holdersOfListener)).toEqual(new Set(load.holders.slice(2)));
		} finally {
			await load.stop();
		}
	});
});
