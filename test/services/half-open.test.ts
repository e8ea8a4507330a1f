import {describe, expect, it} from 'vitest';
import {explainFd} from '../../source/format/fd-sentence.js';
import {formatProcessJson} from '../../source/format/pid.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {halfOpenPhrase} from '../../source/services/half-open.js';
import {detailOf, inetSocket, sshServices as services} from '../components/pid-fixtures.js';

const ctx = {services, ephemeral: [32_768, 60_999] as const};
const listener: FileDescriptor = {fd: 3, type: 'socket', target: 'socket:[900]', socket: inetSocket({localAddress: '10.99.0.1', localPort: 7000, command: 'python3', pid: 23_351, inode: 900})};

describe('a TCP listener with half-open connections (FileDescriptor.halfOpen)', () => {
	it('says after its sentence how many, what SYN_RECV waits for, and what a pile of them means', () => {
		const sentence = explainFd({...listener, halfOpen: 3}, ctx)!.sentence;
		expect(sentence).toMatch(/^python3 listens for TCP connections on port 7000 .*10\.99\.0\.1; 3 connections to its port are half-open \(SYN_RECV\): /);
		expect(sentence).toMatch(
			/: the kernel answered their SYNs and waits for each client's final ACK, which puts the connection in the accept queue; many that stay mean clients that never answer: a SYN flood \(see net\.ipv4\.tcp_syncookies\), or SYN-ACKs lost on the way back$/,
		);
		expect(explainFd(listener, ctx)!.sentence).not.toMatch(/half-open/);
	});

	it('says one in the singular, and nothing for none', () => {
		expect(halfOpenPhrase(1)).toMatch(/^; 1 connection to its port is half-open \(SYN_RECV\): the kernel answered its SYN and waits for the client's final ACK, /);
		expect(halfOpenPhrase(0)).toBe('');
		expect(halfOpenPhrase(undefined)).toBe('');
	});

	it('--json: the fd\'s halfOpen field (explanation.sentence is the socket\'s own, as for its queues)', () => {
		const [fd] = JSON.parse(formatProcessJson(detailOf([{...listener, halfOpen: 2}]), ctx)).fds;
		expect(fd.halfOpen).toBe(2);
		expect(fd.explanation.sentence).not.toMatch(/half-open/);
	});
});
