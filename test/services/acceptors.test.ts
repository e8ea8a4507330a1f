import {describe, expect, it} from 'vitest';
import {acceptorPhrase, byPid, rowHolders} from '../../source/services/acceptors.js';
import {noHolderReason} from '../../source/services/phrases.js';
import {notAcceptedYet, unixQueueReason} from '../../source/services/unix-accept-queue.js';
import {socket} from './helpers.js';

/**
 * A listener several processes hold (systemd with Accept=no and sshd; nginx's master and workers):
 * the sentences about a connection in its accept queue name the holders known to wait to accept,
 * else all of them, never one picked that may never accept.
 */
const sshListener = (pid: number, command: string, fd: number) =>
	socket({proto: 'tcp4', localAddress: '0.0.0.0', localPort: 22, state: 'LISTEN', command, pid, fd, inode: 5000, user: 'root'});
const queued = socket({proto: 'tcp4', localAddress: '10.0.0.5', localPort: 22, foreignAddress: '10.0.0.9', foreignPort: 50_000, state: 'ESTABLISHED', inode: 0, pid: null, command: null, user: '?'});
const rows = [sshListener(1, 'systemd', 40), sshListener(812, 'sshd', 3), queued];
const source = {isCapture: false, isRoot: true};
const watch = "The listener's PID view says how many wait (Recv-Q) of its backlog (Send-Q): a queue that stays full (backlog+1 on Linux) means the server is not keeping up.";

describe('acceptorPhrase', () => {
	const nginx = [{command: 'nginx', pid: 10, waitsToAccept: false}, ...[11, 12, 13, 14].map(pid => ({command: 'nginx', pid, waitsToAccept: true}))];
	it('names one holder as before, whatever is known of it', () => {
		expect(acceptorPhrase([{command: 'python3', pid: 700, waitsToAccept: false}], byPid, 'listening on port 9600')).toBe('python3 (PID 700), listening on port 9600,');
	});

	it('names the holders known to wait, by command', () => {
		expect(acceptorPhrase(nginx, byPid, null)).toBe('one of 4 nginx processes (PIDs 11, 12, 13, …)');
		expect(acceptorPhrase([{command: 'sshd', pid: 812, waitsToAccept: true}, ...nginx], byPid, null)).toBe('sshd (PID 812) or one of 4 nginx processes (PIDs 11, 12, 13, …)');
	});

	it('names as "one of" those not known not to wait, where none is known to, and says when each is known not to', () => {
		expect(acceptorPhrase([{command: 'systemd', pid: 1, waitsToAccept: null}, {command: 'sshd', pid: 812}], byPid, 'listening on port 22')).toBe(
			'one of the processes listening on port 22 — systemd (PID 1), sshd (PID 812) —',
		);
		// sshd read and waiting for something else: only the one socktop could not see into may accept.
		expect(acceptorPhrase([{command: 'systemd', pid: 1, waitsToAccept: null}, {command: 'nginx', pid: 11, waitsToAccept: null}, {command: 'sshd', pid: 812, waitsToAccept: false}], byPid, 'listening on port 22')).toBe(
			'one of the processes listening on port 22 — systemd (PID 1), nginx (PID 11) —',
		);
		expect(acceptorPhrase(nginx.map(each => ({...each, waitsToAccept: false})), byPid, null)).toBe(
			"one of the listener's holders — 5 nginx processes (PIDs 10, 11, 12, …), none of which waits in accept() or an epoll wait on it now —",
		);
	});

	it('after those known to wait, names as "perhaps" those socktop could not see into', () => {
		expect(acceptorPhrase([{command: 'systemd', pid: 1, waitsToAccept: null}, {command: 'sshd', pid: 812, waitsToAccept: true}, {command: 'cron', pid: 90, waitsToAccept: false}], byPid, 'listening on port 22')).toBe(
			'sshd (PID 812) or perhaps systemd (PID 1), listening on port 22,',
		);
	});

	it('counts a process holding the listener on two fds once', () => {
		expect(acceptorPhrase([{command: 'python3', pid: 7}, {command: 'python3', pid: 7}], byPid, null)).toBe('python3 (PID 7)');
	});
});

describe('noHolderReason for a connection in the accept queue of a listener several processes hold', () => {
	it('names every holder when what each does is not known (not asked, another backend, a capture)', () => {
		expect(noHolderReason(queued, source, rows)).toBe(
			`No process holds it yet: it waits in the accept queue until one of the processes listening on port 22 — systemd (PID 1), sshd (PID 812) — calls accept() for it. ${watch}`,
		);
	});

	it('names the one waiting in accept(), not systemd, which holds the listener but does not poll it while sshd runs', () => {
		expect(noHolderReason(queued, source, rows, new Map([[1, false], [812, true]]))).toBe(
			`No process holds it yet: it waits in the accept queue until sshd (PID 812), listening on port 22, calls accept() for it. ${watch}`,
		);
	});

	it('tells the holders of a socket by its inode, or without one by its address and port', () => {
		const other = socket({...sshListener(900, 'other', 3), inode: 6000});
		expect(rowHolders(rows[0]!, [...rows, other]).map(each => each.pid)).toEqual([1, 812]);
		const bare = rows.map(row => ({...row, inode: null}));
		expect(rowHolders(bare[0]!, bare).map(each => each.pid)).toEqual([1, 812]);
	});

	it('does the same for a unix listener\'s embryo', () => {
		const unix = (pid: number, command: string) => socket({proto: 'stream', localAddress: null, localPort: null, path: '/run/app.sock', state: 'LISTEN', command, pid, fd: 3, inode: 9000, rxQueue: 1});
		const holders = rowHolders(unix(700, 'gunicorn'), [unix(700, 'gunicorn'), unix(701, 'gunicorn'), unix(702, 'gunicorn')], new Map([[700, false], [701, true], [702, null]]));
		expect(unixQueueReason(unix(700, 'gunicorn'), holders)).toMatch(/^No process holds it yet: it is the server's end of a connection waiting in the accept queue until gunicorn \(PID 701\) or perhaps gunicorn \(PID 702\), listening on \/run\/app\.sock, calls accept\(\) for it\. /);
	});
});

describe('notAcceptedYet, the client\'s sentence', () => {
	it('names the one holder as before', () => {
		expect(notAcceptedYet([{command: 'python3', pid: 1234}], 9600)).toBe(
			", but not accepted yet: the kernel established the connection, which waits in python3[1234]'s accept queue on port 9600 until that process calls accept()",
		);
	});

	it('of several, the one waiting, else every one', () => {
		const holders = [{command: 'systemd', pid: 1, waitsToAccept: false}, {command: 'sshd', pid: 812, waitsToAccept: true}];
		expect(notAcceptedYet(holders, 22)).toBe(", but not accepted yet: the kernel established the connection, which waits in the listener's accept queue on port 22 until sshd[812] calls accept()");
		expect(notAcceptedYet(holders.map(each => ({...each, waitsToAccept: null})), null)).toBe(
			", but not accepted yet: the connection waits in that listener's accept queue until one of the listener's holders — systemd[1], sshd[812] — calls accept()",
		);
	});
});
