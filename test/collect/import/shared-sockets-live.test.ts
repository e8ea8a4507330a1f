import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {importSnapshot} from '../../../source/collect/import/index.js';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {summarize, type Summary} from '../../../source/model/summary.js';
import type {Socket} from '../../../source/model/types.js';
import {forkHolders, hasLsof, hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * A prefork server on this machine: a TCP listener and a UDP socket, then three children that
 * inherit both. The header counts two sockets whether the rows come from /proc (inodes), from
 * an `ss -tunap` capture (one line lists a socket's holders) or from `lsof -F ...di` (inodes).
 */
const canRun = process.platform === 'linux' && hasPython;
/** ss lists every socket of the machine: other work on it (a benchmark's 10k load) makes that more than execFileSync's 1 MB default. */
const machineWide = 1 << 28;
if (!canRun) console.warn('shared sockets live test skipped: needs Linux and python3');
if (canRun && !hasSs) console.warn('shared sockets live test of an ss capture skipped: ss (iproute2) is not installed');
if (canRun && !hasLsof) console.warn('shared sockets live test of an lsof capture skipped: lsof is not installed');

const script = `
import os, socket, sys, time
tcp = socket.socket()
tcp.bind(('127.0.0.1', 0))
tcp.listen()
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(('127.0.0.1', 0))
${forkHolders(3)}
print(tcp.getsockname()[1], udp.getsockname()[1], *kids, flush=True)
sys.stdin.read()
`;

const countsOf = (sockets: readonly Socket[]): Partial<Summary> => {
	const {total, rows, tcp, listen, udp} = summarize(sockets);
	return {total, rows, tcp, listen, udp};
};

/** The prefork server's two sockets, as the rows of `sockets` that its processes hold. */
async function startServer(): Promise<{holders: number[]; ours: (sockets: readonly Socket[]) => Socket[]}> {
	const {pid, line} = await startPython(script);
	const [tcpPort, udpPort, ...kids] = line.split(' ').map(Number) as [number, number, ...number[]];
	const holders = [pid, ...kids];
	const ours = (sockets: readonly Socket[]) =>
		sockets.filter(socket => socket.pid !== null && holders.includes(socket.pid) && (socket.localPort === tcpPort || socket.localPort === udpPort));
	return {holders, ours};
}

const expected = {total: 2, rows: 8, tcp: 1, listen: 1, udp: 1};

describe.skipIf(!canRun)('a socket forked processes share, on this machine', () => {
	it('counts once from /proc', async () => {
		const {ours} = await startServer();
		expect(countsOf(ours((await readLinuxSnapshot()).sockets))).toEqual(expected);
	});

	it.skipIf(!hasSs)('counts once from an ss -tunap capture', async () => {
		const {ours} = await startServer();
		const capture = execFileSync('ss', ['-tunap'], {encoding: 'utf8', maxBuffer: machineWide});
		expect(countsOf(ours(importSnapshot(capture, 'ss').sockets))).toEqual(expected);
	});

	it.skipIf(!hasLsof)('counts once from an lsof -F capture', async () => {
		const {holders, ours} = await startServer();
		const capture = execFileSync('lsof', ['-nP', '-a', '-p', holders.join(','), '-i', '-F', 'pcuLftPTndi'], {encoding: 'utf8', maxBuffer: machineWide});
		expect(countsOf(ours(importSnapshot(capture, 'lsof').sockets))).toEqual(expected);
	});
});
