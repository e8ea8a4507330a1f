import {describe, expect, it} from 'vitest';
import {explainFd} from '../../source/format/fd-sentence.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {inetSocket} from '../components/pid-fixtures.js';

/**
 * A listener's own PID view, while connections wait in its accept queue, when other processes
 * hold it too (systemd's view of sshd's listener, socket-activated with Accept=no): who accepts
 * them is the holder waiting to, not the process viewed.
 */
const ctx = {services: createStaticServiceTable([]), ephemeral: null};
const listener = (fields: Partial<FileDescriptor>): FileDescriptor => ({
	fd: 40,
	type: 'socket',
	target: 'socket:[20531]',
	socket: inetSocket({command: 'systemd', pid: 1, fd: 40, rxQueue: 2, backlog: 128}),
	...fields,
});

describe('a listener several processes hold, with connections waiting', () => {
	it('names the holder known to wait to accept them, in the view of one that does not', () => {
		const sentence = explainFd(listener({waitsToAccept: false, coHolders: [{command: 'sshd', pid: 812, fd: 3, waitsToAccept: true}]}), ctx)?.sentence;
		expect(sentence).toContain('; Recv-Q 2 of backlog 128: 2 connections wait in its accept queue for sshd[812] to accept()');
	});

	it('names every holder where none is known to wait', () => {
		const sentence = explainFd(listener({coHolders: [{command: 'sshd', pid: 812, fd: 3}]}), ctx)?.sentence;
		expect(sentence).toContain("; Recv-Q 2 of backlog 128: 2 connections wait in its accept queue for one of the listener's holders — systemd[1], sshd[812] — to accept()");
	});

	it('names the process viewed alone where no other holds it, as before', () => {
		expect(explainFd(listener({}), ctx)?.sentence).toContain('2 connections wait in its accept queue for systemd to accept()');
	});
});
