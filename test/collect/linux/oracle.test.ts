import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import type {Socket} from '../../../source/model/types.js';
import {hasSs} from '../../helpers/tools.js';

if (!hasSs) console.warn('oracle test skipped: `ss` (iproute2) is not installed');

const script = fileURLToPath(new URL('load.mjs', import.meta.url));

/** ss state names -> the kernel names socktop uses. */
const ssStates: Record<string, string> = {
	ESTAB: 'ESTABLISHED',
	UNCONN: 'UNCONN',
	LISTEN: 'LISTEN',
	'TIME-WAIT': 'TIME_WAIT',
	'SYN-SENT': 'SYN_SENT',
	'SYN-RECV': 'SYN_RECV',
	'FIN-WAIT-1': 'FIN_WAIT1',
	'FIN-WAIT-2': 'FIN_WAIT2',
	'CLOSE-WAIT': 'CLOSE_WAIT',
	'LAST-ACK': 'LAST_ACK',
	CLOSING: 'CLOSING',
	CLOSED: 'CLOSE',
};

type Endpoint = {address: string; port: number | null; isV6: boolean};

/** '127.0.0.1:80', '[::ffff:127.0.0.1]:80', '0.0.0.0:*', '[::]:*', '*:*', '127.0.0.53%lo:53'. */
function endpoint(text: string): Endpoint {
	const colon = text.lastIndexOf(':');
	let address = text.slice(0, colon).replace(/%[^\]]*$/, '');
	// ss prints a dual-stack (not IPV6_V6ONLY) :: as a bare '*', and 0.0.0.0 for IPv4.
	const isV6 = address.startsWith('[') || address === '*';
	if (address.startsWith('[')) address = address.slice(1, -1).replace(/%.*$/, '');
	const port = text.slice(colon + 1);
	return {
		address: address === '0.0.0.0' || address === '::' || address === '*' ? '*' : address,
		port: port === '*' || port === '0' ? null : Number(port),
		isV6,
	};
}

type Row = {proto: string; local: Endpoint; foreign: Endpoint; state: string; holders: Array<[pid: number, fd: number]>};

/** `ss -tunapH` lines: Netid State Recv-Q Send-Q Local Peer [users:(("cmd",pid=N,fd=N),...)]. */
function parseSs(text: string): Row[] {
	return text
		.split('\n')
		// Other tests' processes may have a newline in their name, which ss prints raw, breaking the line.
		.filter(line => /^(tcp|udp)\s+\S+\s+\d+\s+\d+\s+\S+\s+\S+/.test(line))
		.map(line => {
			const [netid, state, , , local, peer] = line.trim().split(/\s+/);
			const localEnd = endpoint(local!);
			const holders = [...line.matchAll(/pid=(\d+),fd=(\d+)/g)].map(match => [Number(match[1]), Number(match[2])] as [number, number]);
			return {proto: `${netid}${localEnd.isV6 ? 6 : 4}`, local: localEnd, foreign: endpoint(peer!), state: ssStates[state!] ?? state!, holders};
		});
}

const key = (proto: string, local: string, lport: number | null, foreign: string, fport: number | null, state: string | null, pid: number | null, fd: number | null) =>
	`${proto} ${local}:${lport ?? '*'} ${foreign}:${fport ?? '*'} ${state} pid=${pid ?? '-'} fd=${fd ?? '-'}`;

/** What decides whether a row belongs to the load: its ports, its holder, its addresses. */
type Facts = {local: string; lport: number | null; foreign: string; fport: number | null; pid: number | null};
type IsOurs = (facts: Facts) => boolean;

function ssKeys(rows: Row[], isOurs: IsOurs): string[] {
	return rows
		.flatMap(row =>
			(row.holders.length === 0 ? [[null, null] as const] : row.holders).map(([pid, fd]) => ({
				facts: {local: row.local.address, lport: row.local.port, foreign: row.foreign.address, fport: row.foreign.port, pid},
				key: key(row.proto, row.local.address, row.local.port, row.foreign.address, row.foreign.port, row.state, pid, fd),
			})),
		)
		.filter(each => isOurs(each.facts))
		.map(each => each.key)
		.sort();
}

function socktopKeys(sockets: readonly Socket[], isOurs: IsOurs): string[] {
	return sockets
		.filter(
			socket =>
				['tcp4', 'tcp6', 'udp4', 'udp6'].includes(socket.proto) &&
				isOurs({local: socket.localAddress!, lport: socket.localPort, foreign: socket.foreignAddress!, fport: socket.foreignPort, pid: socket.pid}),
		)
		.map(socket => key(socket.proto, socket.localAddress!, socket.localPort, socket.foreignAddress!, socket.foreignPort, socket.state, socket.pid, socket.fd))
		.sort();
}

let load: ChildProcess;
let info: {pid: number; ports: number[]; sharer: number};

beforeAll(async () => {
	if (!hasSs) return;
	load = spawn(process.execPath, [script, '150'], {stdio: ['pipe', 'pipe', 'inherit']});
	const [line] = (await once(createInterface({input: load.stdout!}), 'line')) as [string];
	info = JSON.parse(line) as typeof info;
});

afterAll(() => {
	load?.stdin?.end();
});

describe('oracle: socktop agrees with ss -tunapH', () => {
	it.skipIf(!hasSs)('reports the same (proto, local, foreign, state, pid, fd) set for a loopback load of a few hundred sockets', async () => {
		const ports = new Set(info.ports);
		const pids = new Set([info.pid, info.sharer]);
		const addresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', '*']);
		// Other tests and benchmarks run loopback loads too, and an ephemeral port of theirs can equal one of our
		// ports: a held socket is ours when our load holds it, an unheld one (TIME_WAIT) when only our addresses are in it.
		const isOurs = ({local, lport, foreign, fport, pid}: Facts) =>
			(ports.has(lport ?? -1) || ports.has(fport ?? -1)) &&
			(pid === null ? addresses.has(local) && addresses.has(foreign) : pids.has(pid));
		let expected: string[] = [];
		let actual: string[] = [];
		// Retry once in case an unrelated process raced us on one of the ports.
		for (let attempt = 0; attempt < 2; attempt++) {
			expected = ssKeys(parseSs(execFileSync('ss', ['-tunapH'], {encoding: 'utf8', maxBuffer: 64 << 20})), isOurs);
			actual = socktopKeys((await readLinuxSnapshot()).sockets, isOurs);
			if (actual.join('\n') === expected.join('\n')) break;
		}

		// 7 listeners + 150 connections (two ends each) + 20 UDP + TIME_WAIT + the shared listener's second holder.
		expect(expected.length).toBeGreaterThan(330);
		expect(actual).toEqual(expected);
		expect(actual.filter(each => each.includes(`pid=${info.sharer} `))).toHaveLength(1);
		expect(actual.some(each => each.includes('::ffff:127.0.0.1'))).toBe(true);
		// (Earlier runs can leave TIME_WAIT entries on a port that is ours again; count the closer's only.)
		const closerPort = info.ports.at(-1)!;
		expect(actual.filter(each => each.includes(`:${closerPort} TIME_WAIT`))).toHaveLength(10);
	});
});
