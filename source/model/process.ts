import type {Socket} from './types.js';

/** What an open file descriptor points at. */
export const FD_TYPES = [
	'file', // regular file
	'dir',
	'char', // character device
	'block', // block device
	'pipe',
	'fifo', // named pipe
	'socket',
	'anon', // anon_inode: eventpoll, eventfd, timerfd, signalfd, inotify, ...
	'memfd',
	'unknown',
] as const;
export type FdType = (typeof FD_TYPES)[number];

/** How an fd was opened, in lsof's letters: r read-only, w write-only, u read and write. */
export type FdMode = 'r' | 'w' | 'u';

/** FdMode of an O_ACCMODE value (fdinfo's `flags:` & 3); undefined for none (3: no access, as some drivers' ioctl-only opens). */
export const fdModeOf = (access: number | null): FdMode | undefined => (access === 0 ? 'r' : access === 1 ? 'w' : access === 2 ? 'u' : undefined);

/** A unix socket's file: its permission bits (`mode & 0o7777`) and owner, names from this machine's files (else the number). */
export type SocketFile = {
	readonly mode: number;
	readonly uid: number;
	readonly user: string;
	readonly gid: number;
	readonly group: string;
	/**
	 * false when socktop finds another file or none at that path (the holder has a mount namespace of its
	 * own: systemd's PrivateTmp, a container): only processes that see its files can reach it by its path.
	 */
	readonly isSeenHere: boolean;
};

export type FileDescriptor = {
	/** null in a capture that does not say (netstat has no FD column): shown as `?`. */
	readonly fd: number | null;
	/**
	 * How it was opened (/proc/PID/fdinfo/N's flags), shown after the fd number as lsof does (`3u`).
	 * Absent where not known: fdinfo unreadable, the lsof and sockstat backends, captures.
	 */
	readonly mode?: FdMode;
	readonly type: FdType;
	/** Path, 'pipe:[ino]', 'anon_inode:[eventpoll]', or for sockets the readlink text 'socket:[ino]'. */
	readonly target: string;
	/** The socket this fd refers to, when it is one and it was found in the socket tables. */
	readonly socket: Socket | null;
	/**
	 * The other end, when another fd on this machine holds it: a loopback TCP
	 * connection's far side, a unix socket's peer, a pipe's other end.
	 * Absent or null when unknown. (Added for the PID view.)
	 */
	readonly peer?: FdPeer | null;
	/**
	 * The other holders of that same other end, after `peer`, in rankPeers' order: a forked
	 * server's children sharing a socket, a shell and its children sharing a pipe. Absent or
	 * empty when `peer` is its only holder (or is null).
	 */
	readonly morePeers?: readonly FdPeer[];
	/**
	 * The other end of a local connection when it is in the socket tables but no process socktop
	 * could read holds it (not root: another user's process), by its owner from the table: the
	 * PID view says whose socket it is rather than nothing. Absent when `peer` names a holder,
	 * as root, for unix sockets (their table has no owner) and where the backend does not look.
	 */
	readonly hiddenPeer?: {readonly user: string; readonly uid: number | null};
	/**
	 * Other processes holding this very socket (the same inode), lowest PID first: a forked
	 * server's parent and siblings sharing its listener, which keep the port bound after this
	 * process exits. Absent or empty when none is known (not looked up for pipes; lsof,
	 * sockstat and captures do not say).
	 */
	readonly coHolders?: readonly FdPeer[];
	/**
	 * The lowest other fd of this process holding this very socket (dup(), dup2(), inherited
	 * twice: model/same-socket.ts); absent on that lowest fd, on other fds, and where the inode is not known.
	 */
	readonly sameSocketAs?: number;
	/**
	 * For a TCP listener, or a bound UDP socket without a peer: the other sockets (other inodes) on its
	 * protocol, local address and port in its namespace (model/reuse-port.ts: SO_REUSEPORT), by every
	 * process and fd holding one (this process's own too), and how many have no holder socktop could
	 * read (`unseen`), and how many sockets those are (`sockets`; a forked server's processes may each
	 * hold all of them). Absent when none (the lsof and sockstat backends, captures do not look).
	 */
	readonly portSharers?: {readonly holders: readonly FdPeer[]; readonly unseen: number; readonly sockets?: number};
	/** A socket of another family (netlink, packet) when its table names it; absent otherwise. */
	readonly other?: OtherSocket;
	/**
	 * For a connected unix stream or seqpacket socket with a name: true when a listener in its
	 * network namespace has that name (an accepted connection carries its listener's name),
	 * false when none has and the peer carries a listener's name (the client's end: the process
	 * bound its name itself, then connected). Absent when not known (no listener either side:
	 * one may have closed since it accepted; the lsof and sockstat backends, captures) or not applicable.
	 */
	readonly isAccepted?: boolean;
	/**
	 * True for a client's connection that waits in a listener's accept queue (Socket.isAwaitingAccept):
	 * no process holds its other end yet, so `peer` and `morePeers` name the processes holding the
	 * listener, on the fd of the listener. Absent otherwise (the lsof and sockstat backends, captures).
	 */
	readonly isAwaitingAccept?: boolean;
	/**
	 * For a TCP connection request (SYN_SENT) to a listener of this host whose accept queue is full
	 * (`waiting` > `backlog`: Linux queues backlog+1): the kernel drops its SYN, and the client
	 * retries. `peer` and `morePeers` name the listener's holders. Absent otherwise, and where the
	 * backlog is not known (no ss; the lsof and sockstat backends, captures).
	 */
	readonly fullListener?: {readonly port: number; readonly waiting: number; readonly backlog: number};
	/**
	 * For a TCP listener: how many half-open connections its port has for it (SYN_RECV, which no
	 * process holds: the kernel answered the SYN and waits for the client's final ACK). Absent for
	 * none, and off the /proc backend.
	 */
	readonly halfOpen?: number;
	/**
	 * For a listener other processes hold too (coHolders) while connections wait in its accept queue: whether this
	 * process waits to accept from it now, as FdPeer.waitsToAccept (its coHolders carry theirs). Absent otherwise.
	 */
	readonly waitsToAccept?: boolean | null;
	/**
	 * For a listening unix socket bound to a path in the filesystem: true when no socket file is
	 * at that path any more, as the holding process sees the filesystem (deleted, or replaced by
	 * another kind of file), so no client can connect to it; false when a socket file is there.
	 * Absent when not known (not readable, the lsof and sockstat backends, captures) or not applicable.
	 */
	readonly isPathGone?: boolean;
	/**
	 * For such a listener whose file is there (isPathGone false): the file's permission bits and
	 * owner, which decide who may connect (connect() and sendto() need write permission on it).
	 */
	readonly socketFile?: SocketFile;
	/**
	 * For a socket bound to an IPv6 link-local address (fe80::/10): the interface that has that
	 * address in the socket's network namespace, which the socket is bound to as well (the proc
	 * backend reads /proc/PID/net/if_inet6: /proc/net/tcp6 carries no scope id). Absent when no
	 * interface or several have the address (which one is not known, and is not guessed), when
	 * not read (the lsof and sockstat backends, captures) or not applicable.
	 */
	readonly linkInterface?: string;
	/**
	 * True for a socket bound to a loopback address (127.0.0.0/8, ::1) in a network namespace whose
	 * loopback interface is down (a fresh one's is: `unshare --net`, `ip netns add`): nothing can
	 * connect to it, not even from inside (collect/linux/loopback.ts). Absent otherwise, where not
	 * known (the lsof and sockstat backends, captures) or not applicable.
	 */
	readonly isLoopbackDown?: boolean;
	/**
	 * For a socket on every address (0.0.0.0, ::) in a network namespace with no interface up but its loopback
	 * one: 'lo', reachable only from inside that namespace; with none up at all: 'none', reachable from nowhere
	 * (collect/linux/loopback.ts). Absent where another interface is up, where not known (the lsof and sockstat
	 * backends, captures, a kernel without /proc/net/igmp) or not applicable.
	 */
	readonly interfacesUp?: InterfacesUp;
};

/** FileDescriptor.interfacesUp: only the loopback interface is up in the socket's network namespace, or none is. */
export type InterfacesUp = 'lo' | 'none';

/** An fd as the PID view prints it: its number, or `?` where a capture does not say (netstat), then its mode where known (`3u`, as lsof). */
export const fdLabel = (fd: number | null, mode?: FdMode): string => (fd === null ? '?' : String(fd)) + (mode ?? '');

/** Fds in number order, those a capture gives no number (null) last. */
export const byFd = (a: Pick<FileDescriptor, 'fd'>, b: Pick<FileDescriptor, 'fd'>): number =>
	(a.fd ?? Number.MAX_SAFE_INTEGER) - (b.fd ?? Number.MAX_SAFE_INTEGER);

/**
 * A socket outside the inet and unix tables: netlink talks to the kernel (protocol
 * NETLINK_ROUTE = 0, ...; portId 0 is the kernel's own end), packet reads and writes
 * link-layer frames (type SOCK_RAW 3 or SOCK_DGRAM 2, an EtherType, an interface
 * index, 0 for all, named when known). The lsof backend knows neither the port id nor the
 * interface: null.
 */
export type OtherSocket =
	| {readonly family: 'netlink'; readonly protocol: number; readonly portId: number | null}
	| {
			readonly family: 'packet';
			readonly type: number;
			readonly protocol: number;
			readonly ifindex: number | null;
			/** The interface's name ('eth0'), when socktop could read it in the socket's namespace. */
			readonly ifname?: string;
	  };

/** A (process, fd) holding the other end of a connection or pipe. */
export type FdPeer = {
	readonly command: string | null;
	readonly pid: number;
	/** null when the peer's fd could not be read (e.g. another user's process). */
	readonly fd: number | null;
	/**
	 * The network namespace of the other end (its NETNS label), where it is another than that of the
	 * fd's socket: a connection between namespaces (a host's client of a container's server); absent otherwise.
	 */
	readonly netns?: string;
	/**
	 * For a holder of the listener in whose accept queue a client's connection waits (FileDescriptor.isAwaitingAccept),
	 * or of a listener with connections waiting (FileDescriptor.coHolders): whether it waits to accept from it now, in accept() or an epoll wait on it (true), is known not to (false), or
	 * neither can be told (null: poll() or select(), running, not readable). Asked only of a listener several processes
	 * hold (the proc backend's collect/linux/accept-waiters.ts); absent otherwise.
	 */
	readonly waitsToAccept?: boolean | null;
};

/** One fd as isOtherEnd sees it: `file` names the socket or pipe it holds (`socket:[n]`, null when not known), `access` its open mode. */
export type HeldEnd<A> = {readonly pid: number; readonly fd: number | null; readonly file: string | null; readonly access: A | null};

/**
 * Whether a holder found at an fd's other end is that other end. A socket's holders are found as
 * those of its peer socket, a pipe's as those of the same pipe, so: never this very fd; for a socket,
 * not a holder of this same socket (a socket connected to itself has itself for a peer, and a forked
 * child sharing it holds this end, not another one; with either file unknown the holder is taken); for
 * a pipe, one opened the other way (forked children hold the same end as their parent, which is no
 * peer). `access` is the open mode in the backend's terms; null when not known, and then no pipe
 * end is claimed.
 */
export function isOtherEnd<A>(holder: HeldEnd<A>, self: HeldEnd<A>, isPipe: boolean): boolean {
	if (holder.pid === self.pid && holder.fd === self.fd) return false;
	if (!isPipe) return holder.file === null || holder.file !== self.file;
	return self.access !== null && holder.access !== null && holder.access !== self.access;
}

/**
 * Every holder of an fd's other end, in the order the PID view names them: other processes
 * first, by PID and then fd (a prefork server's parent before its children), then the viewed
 * process's own fds (another process is the more telling answer; a pipe to itself is still one).
 */
export function rankPeers(holders: readonly FdPeer[], selfPid: number): FdPeer[] {
	const rank = (peer: FdPeer) => (peer.pid === selfPid ? 1 : 0);
	return [...holders].sort((a, b) => rank(a) - rank(b) || a.pid - b.pid || (a.fd ?? Number.MAX_SAFE_INTEGER) - (b.fd ?? Number.MAX_SAFE_INTEGER));
}

/** FileDescriptor's `peer` and `morePeers` from every holder of its other end (rankPeers). */
export function peerFields(holders: readonly FdPeer[], selfPid: number): Pick<FileDescriptor, 'peer' | 'morePeers'> {
	const [peer = null, ...more] = rankPeers(holders, selfPid);
	return more.length === 0 ? {peer} : {peer, morePeers: more};
}

export type ProcessInfo = {
	readonly pid: number;
	readonly ppid: number | null;
	readonly user: string;
	readonly uid: number | null;
	readonly command: string;
	/** argv; null when unreadable (kernel threads have an empty one). */
	readonly cmdline: readonly string[] | null;
	/**
	 * Set by a source that never reports command lines (lsof, sockstat, an --import
	 * capture), to its name: then a null cmdline says nothing about the process, and
	 * the PID view says "not reported by lsof" instead. (Added for the PID view.)
	 */
	readonly cmdlineUnreportedBy?: string;
	/** One-letter state and its word, e.g. 'S (sleeping)'. */
	readonly state: string | null;
	/** Start time, milliseconds since the epoch. */
	readonly startTime: number | null;
	/**
	 * Opaque start-time token used to tell a reused PID from the original
	 * (Linux: field 22 of /proc/PID/stat, in clock ticks since boot).
	 */
	readonly startToken: string | null;
	readonly threads: number | null;
	/**
	 * Its PID in its own PID namespace, where it is in one below socktop's (a container's: the
	 * number its ps and logs show; /proc/PID/status NSpid's last). Absent in socktop's own, where
	 * not known, and off the /proc backend.
	 */
	readonly nsPid?: number;
	readonly cwd: string | null;
	readonly exe: string | null;
	/**
	 * The program file it runs was deleted since it started (exe ends ' (deleted)'): 'replaced' when
	 * another file is at its path now (a package upgrade: the process still runs the old program),
	 * 'removed' when none is, 'deleted' when socktop could not look. Absent while it is on disk,
	 * where not known, and off the /proc backend.
	 */
	readonly exeGone?: ExeGone;
	/** Soft RLIMIT_NOFILE. */
	readonly fdLimit: number | null;
};

/** ProcessInfo.exeGone: what became of the program file a process runs. */
export type ExeGone = 'replaced' | 'removed' | 'deleted';

export type ProcessDetail = {
	readonly time: number;
	/** The PID asked for, so a detail whose process is gone can still name it. (Added for the PID view.) */
	readonly pid?: number;
	/** null when the process does not exist (any more). */
	readonly process: ProcessInfo | null;
	/**
	 * The label of the process's network namespace, as the table's NETNS column writes it ('host',
	 * an `ip netns` name, a container, 'netns:[INODE]'); absent or null when not known (lsof,
	 * sockstat, captures, a namespace link socktop may not read).
	 */
	readonly netns?: string | null;
	readonly fds: readonly FileDescriptor[];
	/**
	 * Entries in the fd directory when it could be listed, even if some links could not
	 * be read; absent or null when unknown (then fds.length is the count). (Added for the PID view.)
	 */
	readonly fdCount?: number | null;
	/**
	 * True when fds holds the process's sockets only (a capture, which lists nothing else): then
	 * their count is not its open files. Absent: fds is every open fd socktop could read.
	 */
	readonly isSocketsOnly?: boolean;
	/**
	 * 'tcp/22'-style keys (services' listeningKey) of the listening ports in the process's
	 * network namespace, so a connection to or from one is told apart surely. (Added for the PID view.)
	 */
	readonly listening?: readonly string[];
	/**
	 * The same keys of each other network namespace, by its label, whose connection the process holds
	 * (one made before a setns(): its direction is told by that namespace's listeners). (Added for the PID view.)
	 */
	readonly listeningElsewhere?: ReadonlyMap<string, readonly string[]>;
	/** Why the fd table (or parts of the process) could not be read, for the user; null if all was readable. */
	readonly denied: string | null;
	/**
	 * What a tool that is not installed left unknown here, a line each, in the snapshot's words
	 * (Skipped.unreadableTables: 'unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin'); absent or empty
	 * when nothing was missing or nothing needed it. (Added for the PID view.)
	 */
	readonly missingTools?: readonly string[];
	/**
	 * What of the backend's tool's output socktop could not read, in the table's words (Skipped.unreadableTables:
	 * "2 fields of lsof's output could not be read (e.g. '…')"); absent when all was read. (Added for the PID view.)
	 */
	readonly unreadOutput?: string;
	/**
	 * The ephemeral port range in the process's network namespace when it is not ours
	 * (each namespace has its own ip_local_port_range); absent: the viewer's applies.
	 */
	readonly ephemeral?: readonly [number, number];
	/** socktop's own network namespace's label, where the process is in another; absent otherwise or not known. */
	readonly viewerNetns?: string;
};

/**
 * True for a process whose main thread has exited while other threads run on (a "zombie
 * leader"): Linux says Z for it, as the leader's state, yet the process lives and holds its
 * files. Threads counts the leader until the whole process is reaped, so more than one
 * means a thread still runs.
 */
export const isZombieLeader = (info: Pick<ProcessInfo, 'state' | 'threads'>): boolean => info.state?.startsWith('Z') === true && (info.threads ?? 0) > 1;

/**
 * True once the process has exited: gone from /proc, or a zombie (state Z) whose
 * parent has not collected its exit status; a zombie has no files and ignores signals.
 * A zombie leader has not exited: its other threads run on.
 */
export function hasExited(detail: ProcessDetail): boolean {
	return detail.process === null || isZombie(detail.process);
}

/** True for a zombie: it has exited, and /proc keeps only its entry (no files, command line, cwd or exe). A zombie leader's threads run on. */
export const isZombie = (info: Pick<ProcessInfo, 'state' | 'threads'>): boolean => info.state?.startsWith('Z') === true && !isZombieLeader(info);
