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
const GENERIC: Syscalls = {accept: [202, 242], epoll: [22, 441], untold: [72, 73, 426]};

/**
 * By Node's process.arch. `untold`: poll, select, ppoll, pselect6 and io_uring_enter, which may be
 * waiting on the listener without the fd in their arguments. Other architectures: unknown.
 */
const SYSCALLS: Partial<Record<string, Syscalls>> = {
	x64: {accept: [43, 288], epoll: [232, 281, 441], untold: [7, 23, 270, 271, 426]},
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

/**
 * Whether an epoll instance's fdinfo text watches the socket of `inode` for input: by each
 * watch's `ino:` (hex, Linux 3.8 and later), or where a line has none, by its `tfd:` (`isSocketFd`).
 * null where it does not, but watches another epoll instance for input (`isEpollFd`), in which the
 * socket may be: asked only of a watch on the anonymous inode every epoll, eventfd and timerfd
 * shares (the instance's own `ino:` line, in decimal), or of one with no `ino:`.
 */
export function watchesForInput(fdinfo: string, inode: number, isSocketFd: (fd: number) => boolean, isEpollFd: (fd: number) => boolean): boolean | null {
	const anonymous = /^ino:\s*(\d+)\s*$/mu.exec(fdinfo)?.[1];
	let isNested = false;
	for (const line of fdinfo.split('\n')) {
		const watch = /^tfd:\s*(\d+)\s+events:\s*([\da-f]+)\s/iu.exec(line);
		if (watch === null || (Number.parseInt(watch[2]!, 16) & EPOLLIN) === 0) continue;
		const fd = Number(watch[1]);
		const ino = /\sino:([\da-f]+)\b/iu.exec(line)?.[1];
		if (ino === undefined ? isSocketFd(fd) : Number.parseInt(ino, 16) === inode) return true;
		const isAnonymous = ino === undefined || (anonymous !== undefined && Number.parseInt(ino, 16) === Number(anonymous));
		if (!isNested && isAnonymous) isNested = isEpollFd(fd);
	}

	return isNested ? null : false;
}

/** Whether an executable is a 32-bit ELF file (its EI_CLASS byte, 1), as /proc/PID/exe opens it; false where unreadable. */
function is32Bit(exe: string): boolean {
	const head = readHead(exe);
	return !isFailure(head) && head.startsWith('\u007FELF') && head.charCodeAt(4) === 1;
}

/**
 * Whether process `pid` waits to accept from the socket of `inode` now: true when one of its
 * threads is blocked in accept() on an fd holding it, or in an epoll wait on an instance that
 * watches it for input; false when every thread was read and is blocked in something else; null
 * when that cannot be told (a thread denied, running, or in poll() or select(); an architecture
 * whose numbers socktop does not know, a 32-bit program). `root`: /proc, or a test's copy of it.
 */
export function waitsToAccept(pid: number, inode: number, arch: string = process.arch, root = '/proc'): boolean | null {
	const calls = SYSCALLS[arch];
	const tasks = readDirectory(`${root}/${pid}/task`);
	if (calls === undefined || isFailure(tasks) || is32Bit(`${root}/${pid}/exe`)) return null;
	const isSocketFd = (fd: number) => readLink(`${root}/${pid}/fd/${fd}`) === `socket:[${inode}]`;
	const isEpollFd = (fd: number) => readLink(`${root}/${pid}/fd/${fd}`) === 'anon_inode:[eventpoll]';
	let isUnknown = false;
	// A thousand threads (a JVM) are read in a few ms; more are not read.
	for (const tid of tasks.slice(0, 1024)) {
		const text = readText(`${root}/${pid}/task/${tid}/syscall`);
		// A thread that exited since the listing waits for nothing.
		if (isFailure(text)) {
			isUnknown ||= text.kind !== 'gone';
			continue;
		}

		const call = parseSyscall(text);
		if (call === 'running' || call === null || calls.untold.includes(call.number)) {
			isUnknown = true;
		} else if (calls.accept.includes(call.number)) {
			if (isSocketFd(call.first)) return true;
		} else if (calls.epoll.includes(call.number)) {
			const fdinfo = readText(`${root}/${pid}/fdinfo/${call.first}`);
			const watches = isFailure(fdinfo) ? null : watchesForInput(fdinfo, inode, isSocketFd, isEpollFd);
			if (watches === true) return true;
			isUnknown ||= watches === null;
		}
	}

	return isUnknown || tasks.length > 1024 ? null : false;
}

/** waitsToAccept for each of a listener's holders, by PID (each asked once). */
export function acceptWaiters(pids: readonly number[], inode: number): Map<number, boolean | null> {
	return new Map([...new Set(pids)].map(pid => [pid, waitsToAccept(pid, inode)]));
}
