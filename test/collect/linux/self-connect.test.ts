import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {parsePortRange} from '../../../source/services/load.js';
import type {ProcessDetail} from '../../../source/model/process.js';
import {hasLsof, hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * A TCP socket that connects to its own address and port (simultaneous open) and a UDP socket
 * connected to itself: the tables list each once, so no other socket is found at the other end.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('self-connect test skipped: needs Linux and python3 (to open the sockets)');
if (canRun && !hasLsof) console.warn('self-connect test: lsof is not installed, so its PID view of a shared self-connected socket is not checked');

const script = `
import socket, sys
tcp = socket.socket(); tcp.bind(('127.0.0.1', 0)); tcp.connect(tcp.getsockname())
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(('127.0.0.1', 0)); udp.connect(udp.getsockname())
print(tcp.fileno(), tcp.getsockname()[1], udp.fileno(), udp.getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a socket connected to itself', () => {
	it('is said to be connected to itself, its own port at both ends', async () => {
		const {pid, line} = await startPython(script);
		const [tcpFd, tcpPort, udpFd, udpPort] = line.split(' ').map(Number) as [number, number, number, number];
		const ctx = {services: createStaticServiceTable([]), ephemeral: parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))};
		const detail = await readProcessDetail(pid);
		const fd = (number: number) => detail.fds.find(each => each.fd === number)!;
		const sentence = (number: number) => explainFd(fd(number), ctx, listeningOf(detail))?.sentence;
		expect(fd(tcpFd)).toMatchObject({socket: {localPort: tcpPort, foreignPort: tcpPort, state: 'ESTABLISHED'}, peer: null});
		expect(fdRow(fd(tcpFd), pid).foreign).toBe(`127.0.0.1:${tcpPort} → itself`);
		expect(sentence(tcpFd)).toMatch(new RegExp(`^python3 has a TCP connection to itself: port ${tcpPort} \\(ephemeral range, unnamed\\) on 127\\.0\\.0\\.1 is both of its ends \\(a self-connect: `));
		expect(fdRow(fd(udpFd), pid).foreign).toBe(`127.0.0.1:${udpPort} → itself`);
		expect(sentence(udpFd)).toBe(`python3 has a UDP socket connected to itself: port ${udpPort} (ephemeral range, unnamed) on 127.0.0.1 is both of its ends, so it receives what it sends`);
	});

	it('names no process sharing it as its other end: a forked child holds the same end', async () => {
		// A unix datagram socket connected to its own name too: ss gives its own inode as its peer.
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-self-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const shared = `
import os, socket, sys, time
tcp = socket.socket(); tcp.bind(('127.0.0.1', 0)); tcp.connect(tcp.getsockname())
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(('127.0.0.1', 0)); udp.connect(udp.getsockname())
unix = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); unix.bind(sys.argv[1]); unix.connect(sys.argv[1])
parent = os.getpid()
child = os.fork()
if child == 0:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)
print(tcp.fileno(), tcp.getsockname()[1], udp.fileno(), unix.fileno(), child, flush=True)
sys.stdin.read()
`;
		const socketPath = path.join(directory, 'self.sock');
		const {pid, line} = await startPython(shared, [socketPath]);
		const [tcpFd, tcpPort, udpFd, unixFd, child] = line.split(' ').map(Number) as [number, number, number, number, number];
		const readers: Array<[string, (pid: number) => Promise<ProcessDetail>]> = [['proc', readProcessDetail]];
		if (hasLsof) readers.push(['lsof', async each => createLsofCollector().process(each)]);
		for (const [name, read] of readers) {
			for (const viewed of [pid, child]) {
				const detail = await read(viewed);
				const fd = (number: number) => detail.fds.find(each => each.fd === number)!;
				for (const number of [tcpFd, udpFd, unixFd]) {
					expect(fd(number).peer ?? null, `${name} ${viewed} fd ${number}`).toBeNull();
					expect(fd(number).morePeers, `${name} ${viewed} fd ${number}`).toBeUndefined();
				}

				expect(fdRow(fd(tcpFd), viewed).foreign, name).toBe(`127.0.0.1:${tcpPort} → itself`);
				expect(fdRow(fd(udpFd), viewed).foreign, name).toMatch(/ → itself$/u);
				// lsof's ->INO= names the peer inode as ss does (without ss the proc backend knows none): its own.
				if (name === 'lsof' || hasSs) {
					expect(fd(unixFd).socket, name).toMatchObject({path: socketPath, peerInode: fd(unixFd).socket!.inode});
					expect(fdRow(fd(unixFd), viewed).foreign, name).toBe(`→ ${socketPath}`);
				}
			}
		}
	});
});
