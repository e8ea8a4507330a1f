import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';
import {lsofProcessDetail} from '../../../source/collect/lsof/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {sshServices as services} from '../../components/pid-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');

/** The PID view of 24593 as the lsof backend reads it: +E, then the `-i` selection of the far ends +E named no holder of (test/fixtures/lsof/SOURCES.md). */
async function childView(edit: (text: string) => string = text => text) {
	const calls: string[][] = [];
	const collector = createLsofCollector({
		platform: 'linux',
		readStartToken: async () => null,
		run: async (_command, args) => {
			calls.push(args.slice(6));
			return {stdout: edit(fixture(args.includes('+E') ? 'linux-4.95-accept-queue-pid-E-F0.txt' : 'linux-4.95-accept-queue-i-F0.txt')), stderr: '', code: 0};
		},
	});
	const detail = await collector.process(24_593);
	return {calls, byFd: (fd: number) => detail.fds.find(each => each.fd === fd)!};
}

describe('a TCP client whose connection waits in a local listener accept queue (lsof backend, +E)', () => {
	it('is told, with the listener holders as its peers, as the proc backend tells it (its other end is a socket no process holds, which lsof does not list)', async () => {
		const {calls, byFd} = await childView();
		expect(calls).toEqual([['+E', '-p', '24593'], ['-w', '-i', 'TCP@127.0.0.1:19303', '-i', 'UDP@127.0.0.1:19304', '-i', 'TCP@127.0.0.1:19306']]);
		// fds 16-18: three connections to its own *:19303 (fd 6, QR=3); fd 36: one to 127.0.0.1:19306, which its parent holds too (QR=1).
		for (const fd of [16, 17, 18]) {
			expect(byFd(fd)).toMatchObject({isAwaitingAccept: true, socket: {isAwaitingAccept: true, foreignPort: 19_303}, peer: {pid: 24_593, fd: 6}});
		}

		expect(byFd(36)).toMatchObject({isAwaitingAccept: true, peer: {pid: 24_551, command: 'python3', fd: 35}, morePeers: [{pid: 24_593, fd: 35}]});
		const sentence = explainFd(byFd(36), {services, ephemeral: [32_768, 60_999]})?.sentence;
		// Two processes hold that listener and lsof cannot tell which accepts: both are named (services/acceptors.ts).
		expect(sentence).toContain("to 127.0.0.1 port 19306 (registered range, unnamed), but not accepted yet: the kernel established the connection, which waits in the listener's accept queue on port 19306 until one of the listener's holders — 2 python3 processes (PIDs 24551, 24593) — calls accept()");
		// An accepted connection keeps the end +E named; a UDP socket has no accept queue.
		expect(byFd(7)).toMatchObject({peer: {pid: 24_551, fd: 8}});
		expect(byFd(7).isAwaitingAccept).toBeUndefined();
		expect(byFd(21).isAwaitingAccept).toBeUndefined();
	});

	it('is not told where more such connections go to the listener than its queue holds: some were accepted by a process lsof did not read', async () => {
		const {byFd} = await childView(text => text.replace('n*:19303\0TST=LISTEN\0TQR=3', 'n*:19303\0TST=LISTEN\0TQR=2'));
		expect(byFd(16).isAwaitingAccept).toBeUndefined();
		expect(byFd(16).peer).toBeNull();
		expect(byFd(36).isAwaitingAccept).toBe(true);
	});

	it('is not told without +E (macOS, FreeBSD), where no connection has an end', () => {
		const detail = lsofProcessDetail(fixture('linux-4.95-accept-queue-pid-E-F0.txt'), 24_593, 5, null, false);
		expect(detail.fds.find(each => each.fd === 16)).toMatchObject({peer: null});
		expect(detail.fds.some(each => each.isAwaitingAccept === true)).toBe(false);
	});
});
