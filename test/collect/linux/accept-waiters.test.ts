import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseSyscall, waitsToAccept, watchesForInput} from '../../../source/collect/linux/accept-waiters.js';
import {tempDirectory} from '../../helpers/temp-directory.js';
import {fixture} from './fixtures.js';

/**
 * Who of a listener's holders waits to accept, from real /proc texts (test/fixtures/proc/SOURCES.md:
 * a forked python3's threads in accept4(), node's main thread in epoll_pwait()), laid out as a
 * /proc tree of one process: its threads' syscall files, its fd links and an epoll fd's fdinfo.
 */
const root = tempDirectory('accept-waiters');
let nextPid = 100;

function fakeProcess(threads: readonly string[], fds: Record<number, string>, fdinfo: Record<number, string> = {}): number {
	const pid = nextPid++;
	// Each thread's own fd table and fdinfo (/proc/PID/task/TID/fd), as Linux shows them: shared here.
	for (const [index, text] of threads.entries()) {
		const task = path.join(root, String(pid), 'task', String(pid + index * 1000));
		mkdirSync(path.join(task, 'fd'), {recursive: true});
		mkdirSync(path.join(task, 'fdinfo'));
		writeFileSync(path.join(task, 'syscall'), text);
		for (const [fd, link] of Object.entries(fds)) symlinkSync(link, path.join(task, 'fd', fd));
		for (const [fd, info] of Object.entries(fdinfo)) writeFileSync(path.join(task, 'fdinfo', fd), info);
	}

	return pid;
}

const tcp = 'socket:[30914718]';
const unix = 'socket:[30914719]';
const sleeping = fixture('accept-python-parent-nanosleep.syscall');
const inAcceptTcp = fixture('accept-python-accept4-tcp.syscall');
const inAcceptUnix = fixture('accept-python-accept4-unix.syscall');

describe('parseSyscall', () => {
	it('reads the call and its first argument, running, or nothing', () => {
		expect(parseSyscall(inAcceptTcp)).toEqual({number: 288, first: 3});
		expect(parseSyscall(fixture('accept-node-epoll-pwait.syscall'))).toEqual({number: 281, first: 14});
		expect(parseSyscall('running\n')).toBe('running');
		expect(parseSyscall('-1 0x7ffd1 0x7f2\n')).toBeNull();
	});
});

describe('watchesForInput', () => {
	const epoll = fixture('accept-node-epoll.fdinfo');
	it('finds the listener among an epoll fd\'s watches by its inode, confirmed by the fd holding it', () => {
		expect(watchesForInput(epoll, 30_916_953, fd => fd === 19, () => false)).toBe(true);
		expect(watchesForInput(epoll, 30_914_718, () => true, () => false)).toBe(false);
		// The same number on another device (a FIFO on ext4), or a watch whose fd was closed since: not told.
		expect(watchesForInput(epoll, 30_916_953, () => false, () => false)).toBeNull();
	});

	it('before Linux 5.14 (no ino: header), looks up every input watch as perhaps an epoll instance', () => {
		const old = epoll.replace(/^ino:.*\n/mu, '');
		const asked: number[] = [];
		expect(watchesForInput(old, 30_914_718, () => false, fd => asked.push(fd) > 0 && fd === 15)).toBeNull();
		expect(asked).toEqual([15]);
		expect(watchesForInput(old, 30_914_718, () => false, () => false)).toBe(false);
	});

	it('is unknown where it watches another epoll instance (a nested loop), asked only of anonymous-inode watches', () => {
		// fd 17 is on the anonymous inode (40e = 1038, the instance's own ino:): node's eventfd, or here an epoll fd.
		const asked: number[] = [];
		expect(watchesForInput(epoll, 30_914_718, () => false, fd => asked.push(fd) > 0 && fd === 17)).toBeNull();
		expect(asked).toEqual([17]);
		expect(watchesForInput(epoll, 30_914_718, () => false, () => false)).toBe(false);
	});

	it('by its fd where the kernel writes no ino, and only for input (EPOLLIN)', () => {
		expect(watchesForInput('tfd:       19 events:       19 data:               13  pos:0\n', 1, fd => fd === 19, () => false)).toBe(true);
		expect(watchesForInput('tfd:       19 events:        4 data:               13  pos:0 ino:1 sdev:9\n', 1, () => true, () => true)).toBe(false);
	});
});

describe('waitsToAccept', () => {
	it('is true for a process with a thread in accept() on an fd holding the socket (each socket apart)', () => {
		const child = fakeProcess([sleeping, inAcceptTcp], {3: tcp, 4: unix});
		expect(waitsToAccept(child, 30_914_718, 'x64', root)).toBe(true);
		// The same call is on fd 3, not the unix listener's 4: that thread waits for another socket.
		expect(waitsToAccept(child, 30_914_719, 'x64', root)).toBe(false);
		const threaded = fakeProcess([sleeping, inAcceptUnix], {3: tcp, 4: unix});
		expect(waitsToAccept(threaded, 30_914_719, 'x64', root)).toBe(true);
	});

	it('is false for a parent that holds the listeners and sleeps', () => {
		const parent = fakeProcess([sleeping], {3: tcp, 4: unix});
		expect(waitsToAccept(parent, 30_914_718, 'x64', root)).toBe(false);
	});

	it('is true for an event loop whose epoll fd watches the socket, false for another socket', () => {
		const node = fakeProcess([fixture('accept-node-epoll-pwait.syscall'), fixture('accept-node-futex.syscall')], {14: 'anon_inode:[eventpoll]', 19: 'socket:[30916953]'}, {14: fixture('accept-node-epoll.fdinfo')});
		expect(waitsToAccept(node, 30_916_953, 'x64', root)).toBe(true);
		expect(waitsToAccept(node, 30_914_718, 'x64', root)).toBe(false);
		// The same loop where its anonymous-inode watch (fd 17) is another epoll instance: the socket may be in that one.
		const nested = fakeProcess([fixture('accept-node-epoll-pwait.syscall')], {14: 'anon_inode:[eventpoll]', 17: 'anon_inode:[eventpoll]'}, {14: fixture('accept-node-epoll.fdinfo')});
		expect(waitsToAccept(nested, 30_914_718, 'x64', root)).toBeNull();
	});

	it('is unknown for a thread running, in poll() or select(), or unreadable, and on an unknown architecture', () => {
		expect(waitsToAccept(fakeProcess([sleeping, 'running\n'], {3: tcp}), 30_914_718, 'x64', root)).toBeNull();
		// restart_syscall: a wait stopped and continued (Ctrl-Z, a debugger) shows it in place of the call it resumes.
		expect(waitsToAccept(fakeProcess([sleeping, '219 0x0 0x0 0x0 0x0 0x0 0x0 0x7ffd 0x7f\n'], {3: tcp}), 30_914_718, 'x64', root)).toBeNull();
		expect(waitsToAccept(fakeProcess(['7 0x7ffd 0x1 0xffffffff 0x0 0x0 0x0 0x7ffd 0x7f\n'], {3: tcp}), 30_914_718, 'x64', root)).toBeNull();
		// epoll_pwait on an fd whose fdinfo cannot be read (another user's, or gone).
		expect(waitsToAccept(fakeProcess([fixture('accept-node-epoll-pwait.syscall')], {19: tcp}), 30_914_718, 'x64', root)).toBeNull();
		expect(waitsToAccept(nextPid + 50, 30_914_718, 'x64', root)).toBeNull();
		expect(waitsToAccept(fakeProcess([inAcceptTcp], {3: tcp}), 30_914_718, 'ia32', root)).toBeNull();
	});

	it('is unknown for a 32-bit program, whose calls have other numbers, and read for a 64-bit one', () => {
		const elf = (elfClass: number) => Buffer.from([0x7f, 0x45, 0x4c, 0x46, elfClass, 1, 1, 0, ...Array.from({length: 56}, () => 0)]);
		const old = fakeProcess([inAcceptTcp], {3: tcp});
		writeFileSync(path.join(root, String(old), 'exe'), elf(1));
		expect(waitsToAccept(old, 30_914_718, 'x64', root)).toBeNull();
		const wide = fakeProcess([inAcceptTcp], {3: tcp});
		writeFileSync(path.join(root, String(wide), 'exe'), elf(2));
		expect(waitsToAccept(wide, 30_914_718, 'x64', root)).toBe(true);
	});

	it('reads at most 2048 threads over all the holders of one question; past them, unknown', () => {
		const many = fakeProcess(Array.from({length: 30}, () => sleeping), {3: tcp});
		const budget = {threads: 20};
		expect(waitsToAccept(many, 30_914_718, 'x64', root, budget)).toBeNull();
		expect(budget.threads).toBe(0);
		expect(waitsToAccept(fakeProcess([inAcceptTcp], {3: tcp}), 30_914_718, 'x64', root, budget)).toBeNull();
		expect(waitsToAccept(many, 30_914_718, 'x64', root, {threads: 30})).toBe(false);
	});

	it('reads aarch64\'s numbers there: 242 is accept4, and 288 nothing that waits on a socket', () => {
		const arm = fakeProcess(['242 0x3 0x0 0x0 0x80000 0x0 0x0 0xffff 0xffff\n'], {3: tcp});
		expect(waitsToAccept(arm, 30_914_718, 'arm64', root)).toBe(true);
		expect(waitsToAccept(fakeProcess([inAcceptTcp], {3: tcp}), 30_914_718, 'arm64', root)).toBe(false);
	});
});
