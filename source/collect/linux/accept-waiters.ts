/**
 * Which of a listener's holders waits to accept from it now, as an admin checks by hand. A
 * listener is often held by several processes (systemd with Accept=no and its service, a prefork
 * server's master and workers, an inetd-style parent), and only some of them accept. Linux tells
 * what each thread is blocked in: /proc/PID/task/TID/syscall gives the system call's number and
 * its arguments, the first being the fd for accept() and accept4(), the epoll fd for
 * epoll_wait() and its kin, whose /proc/PID/fdinfo lists the fds it watches (`tfd: N events: E
 * ... ino: X`). A thread in poll() or select() (whose arguments point into its memory), or
 * running, cannot be told: unknown, not guessed. Reading syscall takes ptrace access (root, or the
 * same user where Yama allows), fdinfo the same user or root: what is denied is unknown too.
 * Asked on demand, for a listener with several holders when a sentence about its accept queue is shown.
 * A 32-bit program on a 64-bit kernel numbers its calls otherwise (i386 accepts through socketcall):
 * unknown. Not followed: an epoll fd watched through another epoll fd (nested event loops), which is
 * unknown too, not "not waiting".
 */
import {isFailure, readDirectory, readHead, readLink, readText} from './read.js';

/** The system calls a thread can wait to accept in, by number, on one architecture. */
type Syscalls = {readonly accept: readonly number[]; readonly epoll: readonly number[]; readonly untold: readonly number[]};

/** The asm-generic numbers (aarch64, riscv64): no poll, select or epoll_wait there, only their p- forms. */
const GENERIC: Syscalls = {accept: [202, 242], epoll: [22, 441], untold: [72, 73, 426, 128]};

/**
 * By Node's process.arch. `untold`: poll, select, ppoll, pselect6 and io_uring_enter, which may be
 * waiting on the listener without the fd in their arguments; and restart_syscall (x64 219, generic
 * 128), which a wait stopped and continued (Ctrl-Z, a debugger, a frozen cgroup) shows in place of
 * the call it resumes. Other architectures: unknown.
 */
const SYSCALLS: Partial<Record<string, Syscalls>> = {
	x64: {accept: [43, 288], epoll: [232, 281, 441], untold: [7, 23, 270, 271, 426, 219]},
	arm64: GENERIC,
	riscv64: GENERIC,
};

/** EPOLLIN: a watch for readiness to read, which a listener has when a connection waits. */
const EPOLLIN = 0x1;

/**
 * What one /proc/PID/task/TID/syscall says: the call's number and first argument (`288 0x3 ...`),
 * 'running' (not in a system call now), or null for anything else (`-1 sp pc`: blocked outside one).
 */
export function parseSyscall(text: string): {readonly number: number; readonly first: number} | 'running' | null {
	const [number, first] = text.trim().split(' ');
	if (number === 'running') return 'running';
	if (number === undefined || first === undefined || !/^\d+$/u.test(number) || !/^0x[\da-f]+$/iu.test(first)) return null;
	return {number: Number(number), first: Number.parseInt(first.slice(2), 16)};
}

/** Of an epoll instance's watches, at most this many are looked up as perhaps another epoll instance (a readlink each). */
const MOST_LOOKED_UP = 256;

/**
 * Whether an epoll instance's fdinfo text watches the socket of `inode` for input: by each
 * watch's `ino:` (hex; kernels before ~4.12 write none, and the watch is told by its `tfd:` alone),
 * confirmed by the fd holding it (`isSocketFd`): the same number on another device (a FIFO on ext4)
 * is not the socket, and a watch whose fd was closed since cannot be told (null). Also null where it
 * does not, but may watch another epoll instance for input (`isEpollFd`: a nested event loop), in
 * which the socket may be: asked of a watch on the anonymous inode every epoll, eventfd and timerfd
 * shares (the instance's own `ino:` header, in decimal, Linux 5.14 and later; before it, of every
 * input watch), of at most MOST_LOOKED_UP of them.
 */
export function watchesForInput(fdinfo: string, inode: number, isSocketFd: (fd: number) => boolean, isEpollFd: (fd: number) => boolean): boolean | null {
	const anonymous = /^ino:\s*(\d+)\s*$/mu.exec(fdinfo)?.[1];
	let isUnsure = false;
	let lookedUp = 0;
	for (const line of fdinfo.split('\n')) {
		const watch = /^tfd:\s*(\d+)\s+events:\s*([\da-f]+)\s/iu.exec(line);
		if (watch === null || (Number.parseInt(watch[2]!, 16) & EPOLLIN) === 0) continue;
		const fd = Number(watch[1]);
		const ino = /\sino:([\da-f]+)\b/iu.exec(line)?.[1];
		const isSameNumber = ino !== undefined && Number.parseInt(ino, 16) === inode;
		if ((ino === undefined || isSameNumber) && isSocketFd(fd)) return true;
		if (isSameNumber || isUnsure) {
			isUnsure = true;
			continue;
		}

		const mayBeEpoll = ino === undefined || anonymous === undefined || Number.parseInt(ino, 16) === Number(anonymous);
		if (mayBeEpoll) isUnsure = lookedUp++ >= MOST_LOOKED_UP || isEpollFd(fd);
	}

	return isUnsure ? null : false;
}

/** Whether an executable is a 32-bit ELF file (its EI_CLASS byte, 1), as /proc/PID/exe opens it; false where unreadable. */
function is32Bit(exe: string): boolean {
	const head = readHead(exe);
	return !isFailure(head) && head.startsWith('\u007FELF') && head.charCodeAt(4) === 1;
}

/** How many threads one question (acceptWaiters) reads at most, over all holders: ~30 us each, so ~60 ms on the main thread. */
const MOST_THREADS = 2048;

/** What is left of MOST_THREADS for the holders not yet asked. */
type Budget = {threads: number};

/** A fresh budget of MOST_THREADS, for one question about one or several listeners (a PID view's read). */
export const acceptBudget = (): Budget => ({threads: MOST_THREADS});

/**
 * Whether process `pid` waits to accept from the socket of `inode` now: true when one of its
 * threads is blocked in accept() on an fd holding it, or in an epoll wait on an instance that
 * watches it for input; false when every thread was read and is blocked in something else; null
 * when that cannot be told (a thread denied, running, or in poll() or select(); an architecture
 * whose numbers socktop does not know, a 32-bit program; threads past `budget`). Each thread's fds
 * are its own table's (/proc/PID/task/TID/fd: a zombie leader's /proc/PID/fd is empty). `root`:
 * /proc, or a test's copy of it.
 */
export function waitsToAccept(pid: number, inode: number, arch: string = process.arch, root = '/proc', budget: Budget = acceptBudget()): boolean | null {
	const calls = SYSCALLS[arch];
	const tasks = readDirectory(`${root}/${pid}/task`);
	if (calls === undefined || isFailure(tasks) || is32Bit(`${root}/${pid}/exe`)) return null;
	const read = tasks.slice(0, Math.max(0, budget.threads));
	budget.threads -= read.length;
	let isUnknown = read.length < tasks.length;
	// Several threads often wait on one epoll instance, whose fdinfo lists every connection: read once.
	const byEpollFd = new Map<number, boolean | null>();
	for (const tid of read) {
		const task = `${root}/${pid}/task/${tid}`;
		const text = readText(`${task}/syscall`);
		// A thread that exited since the listing waits for nothing.
		if (isFailure(text)) {
			isUnknown ||= text.kind !== 'gone';
			continue;
		}

		const linkOf = (fd: number) => readLink(`${task}/fd/${fd}`);
		const isSocketFd = (fd: number) => linkOf(fd) === `socket:[${inode}]`;
		const call = parseSyscall(text);
		if (call === 'running' || call === null || calls.untold.includes(call.number)) {
			isUnknown = true;
		} else if (calls.accept.includes(call.number)) {
			if (isSocketFd(call.first)) return true;
		} else if (calls.epoll.includes(call.number)) {
			let watches = byEpollFd.get(call.first);
			if (watches === undefined) {
				const fdinfo = readText(`${task}/fdinfo/${call.first}`);
				watches = isFailure(fdinfo) ? null : watchesForInput(fdinfo, inode, isSocketFd, fd => linkOf(fd) === 'anon_inode:[eventpoll]');
				byEpollFd.set(call.first, watches);
			}

			if (watches === true) return true;
			isUnknown ||= watches === null;
		}
	}

	return isUnknown ? null : false;
}

/** waitsToAccept for each of a listener's holders, by PID (each asked once), MOST_THREADS over all of them. */
export function acceptWaiters(pids: readonly number[], inode: number, arch: string = process.arch, root = '/proc'): Map<number, boolean | null> {
	const budget = acceptBudget();
	return new Map([...new Set(pids)].map(pid => [pid, waitsToAccept(pid, inode, arch, root, budget)]));
}
