/**
 * The plain data every backend produces and every view consumes.
 * Nothing here does I/O; a snapshot can be written to JSON and read back unchanged.
 */

/**
 * Internet protocols, named as sockstat(1) names them; icmp4/icmp6 are Linux's ICMP echo
 * ("ping") sockets, SOCK_DGRAM with IPPROTO_ICMP or IPPROTO_ICMPV6, named in the same style.
 * In this order the PROTO column sorts.
 */
const INET_PROTOS = ['tcp4', 'tcp6', 'udp4', 'udp6', 'udplite4', 'udplite6', 'icmp4', 'icmp6', 'raw4', 'raw6'] as const;
/** AF_UNIX socket types, named as sockstat(1) names them. */
const UNIX_PROTOS = ['stream', 'dgram', 'seqpacket'] as const;
/**
 * AF_PACKET socket types (packet(7)), named as `ss -0` names them: SOCK_RAW frames with their
 * link-layer header (tcpdump, dhclient), SOCK_DGRAM ones without (cooked).
 */
const PACKET_PROTOS = ['p_raw', 'p_dgr'] as const;
export const PROTOS = [...INET_PROTOS, ...UNIX_PROTOS, ...PACKET_PROTOS] as const;

export type InetProto = (typeof INET_PROTOS)[number];
export type UnixProto = (typeof UNIX_PROTOS)[number];
export type PacketProto = (typeof PACKET_PROTOS)[number];
export type Proto = (typeof PROTOS)[number];

/**
 * Socket states. TCP uses the kernel's names (include/net/tcp_states.h).
 * Datagram, raw and unix sockets use ESTABLISHED when connected, UNCONN when not
 * (as ss does); unix sockets also CONNECTING / DISCONNECTING, and LISTEN for
 * a listening stream/seqpacket socket.
 */
export const TCP_STATES = [
	'ESTABLISHED',
	'SYN_SENT',
	'SYN_RECV',
	'FIN_WAIT1',
	'FIN_WAIT2',
	'TIME_WAIT',
	'CLOSE',
	'CLOSE_WAIT',
	'LAST_ACK',
	'LISTEN',
	'CLOSING',
	'NEW_SYN_RECV',
	'BOUND_INACTIVE',
] as const;
export const OTHER_STATES = ['UNCONN', 'CONNECTING', 'DISCONNECTING'] as const;
export type SocketState = (typeof TCP_STATES)[number] | (typeof OTHER_STATES)[number];

/**
 * A datagram, ping or raw socket's kernel state (sk_state: /proc/net's `st`, netstat's State
 * for raw sockets, Linux lsof's `st=`) as the model names it: these sockets reuse
 * TCP_ESTABLISHED (1) for connected and TCP_CLOSE (7) otherwise.
 */
export const datagramStateOf = (code: number): SocketState => (code === 1 ? 'ESTABLISHED' : 'UNCONN');

/**
 * One socket as seen by one holder. A socket held by several processes
 * (a forked server) appears once per (pid, fd), as sockstat prints it.
 */
export type Socket = {
	readonly proto: Proto;
	/**
	 * Inet: address text; '*' for the wildcard (0.0.0.0 / ::). Packet: the interface it is bound to
	 * ('eth0'; 'if3' where not named, as ss writes it), '*' for every interface. null for unix sockets.
	 */
	readonly localAddress: string | null;
	/**
	 * Inet: port; null for the wildcard port 0 and for unix sockets. Raw sockets: the IP protocol
	 * number. ICMP echo sockets: the echo identifier the kernel matches replies by, not a port.
	 * Packet sockets: the EtherType it receives (3, ETH_P_ALL: every one; 0: none).
	 */
	readonly localPort: number | null;
	readonly foreignAddress: string | null;
	readonly foreignPort: number | null;
	/** Unix: the bound name; abstract names start with '@'. null when unbound or inet. */
	readonly path: string | null;
	/** Unix: inode of the other end when the backend can tell; null otherwise. */
	readonly peerInode: number | null;
	/** Unix: the bound name of the other end when known (sockstat prints "-> path"). */
	readonly peerPath: string | null;
	/** null when the backend does not report one (e.g. sockstat without -s). */
	readonly state: SocketState | null;
	/** Owner name; from the holding process, else from the socket's uid; numeric text when the uid has no name. */
	readonly user: string;
	readonly uid: number | null;
	/** null = holder unknown (shown as '?'). */
	readonly command: string | null;
	readonly pid: number | null;
	readonly fd: number | null;
	/**
	 * Kernel inode of the socket. 0 is the kernel's own answer: no socket file (TIME_WAIT, a
	 * connection not yet accepted, a closing socket its program let go). null when the source
	 * reports none (lsof off Linux, sockstat, a capture without inodes such as `ss -tan`), which
	 * tells nothing about the holder.
	 */
	readonly inode: number | null;
	readonly rxQueue: number | null;
	readonly txQueue: number | null;
	/**
	 * A listener's backlog (listen()'s, capped at somaxconn): ss's Send-Q of a listener. Linux queues
	 * backlog+1 connections before its accept queue is full. Unix: from the ss socktop runs; TCP: from
	 * `ss -tulnHe`, which the PID view and a one-shot's --json run (listener-facts.ts), and ss captures.
	 * Absent where not known.
	 */
	readonly backlog?: number;
	/** A TCP listener or an unconnected UDP socket on IPv6: whether it is IPv6-only (IPV6_V6ONLY; ss -e's `v6only:1`). Absent where not known. */
	readonly isV6Only?: boolean;
	/**
	 * An IPv6 socket on a link-local address (fe80::/10): the interface it is scoped to, ss's
	 * `[fe80::1]%eth0`, which /proc/net/tcp6 and udp6 do not carry; the proc backend names the one
	 * interface of its namespace that has the address (if-inet6.ts). Absent where none or several have it.
	 */
	readonly linkInterface?: string;
	/**
	 * UDP, UDP-Lite, ping and raw sockets: the datagrams the kernel dropped since the socket was made,
	 * nearly always because its receive buffer was full (/proc/net's `drops` column). Absent elsewhere.
	 */
	readonly drops?: number;
	/** Network namespace label ('host', a container name, an `ip netns` name, 'netns:[inode]'); null when not known. */
	readonly netns: string | null;
	/**
	 * True for a ping socket whose IP version is a guess: Linux lists it alike in /proc/net/icmp
	 * and icmp6 (collect/linux/ping-tables.ts), and it is kept as icmp4. Absent otherwise.
	 */
	readonly isFamilyGuessed?: boolean;
	/**
	 * Which rows are one socket, where the source names no inode but tells it another way: the
	 * holders of one `ss -p` line, lsof's kernel address (its DEVICE off Linux, and for unix
	 * sockets without the `i` field). Rows with the same key are one socket. Absent when the inode
	 * tells, or nothing does. Not in --json: it means nothing outside one snapshot.
	 */
	readonly socketId?: string;
	/**
	 * Unix: the process holding the other end (peerInode), found among the snapshot's own rows
	 * (withUnixPeerHolders), or as the backend names it (FreeBSD sockstat's `-> [pid fd]`); absent
	 * when no row's process holds it (another user's; a socket in flight, whose own row has none). Not in --json: `peerInode` and the peer's own row (`inode`, `pid`) say the same.
	 */
	readonly peerHolder?: PeerHolder;
	/**
	 * Unix: a listener whose socket file is no longer at its path (deleted, or replaced by another
	 * file), so no client can connect to it. Absent when its file is there, and where not known
	 * (backends other than /proc; another user's process).
	 */
	readonly isPathGone?: boolean;
	/**
	 * A client whose connection waits in a listener's accept queue: the kernel connected it, but the
	 * listener's process has not called accept() for it yet, so the server's end is a socket no
	 * process holds. Unix: the listener is at `peerPath` (the CONNECTING row of inode 0); TCP (the PID
	 * view's only): the ESTABLISHED row of inode 0 on a listener's port. Absent otherwise, and where
	 * not known (no `ss`; backends other than /proc, but for the unix clients collect/unix-peers.ts pairs). Not in --json: the PID view's fd says it (FileDescriptor.isAwaitingAccept).
	 */
	readonly isAwaitingAccept?: boolean;
};

/** A process holding a socket, as a cell names it: `python3[5055]`, or `[5055 3]` by its fd where its command is not known. */
export type PeerHolder = {
	readonly command: string | null;
	readonly pid: number;
	/** The fd it holds the socket on, where the backend says (FreeBSD sockstat's `[pid fd]`). */
	readonly fd?: number;
};

/**
 * A process whose fds a scan was refused, named by what stays readable to anyone when
 * /proc/PID/fd is not: its comm and owner (/proc/PID/status).
 */
export type DeniedProcess = {
	readonly pid: number;
	/** The 15-byte comm; null when it could not be read (the process exited meanwhile). */
	readonly command: string | null;
	/** Owner name; numeric text when the uid has none, '?' when not known. */
	readonly user: string;
	readonly uid: number | null;
};

/** How many denied processes a snapshot names (the lowest PIDs): enough to tell whom, cheap to read. */
export const DENIED_LIST_LIMIT = 20;

/** What a scan could not see, and why. Every count is >= 0. */
export type Skipped = {
	/** Processes whose fd tables could not be read (EACCES: another user's process without root). */
	readonly deniedProcesses: number;
	/**
	 * The first DENIED_LIST_LIMIT of them by PID, named; absent from backends that cannot tell
	 * (lsof, sockstat, captures). Shorter than deniedProcesses when more were denied.
	 */
	readonly deniedProcessList?: readonly DeniedProcess[];
	/** Processes that exited while being scanned (ENOENT / ESRCH). */
	readonly vanishedProcesses: number;
	/** Lines of tables that did not parse. */
	readonly malformedLines: number;
	/** A capture (--import): the first line that did not parse, raw (sanitize before showing). */
	readonly malformedExample?: string;
	/** Socket tables that could not be read at all, e.g. '/proc/net/raw6: ENOENT'. */
	readonly unreadableTables: readonly string[];
	/** Network namespaces that could not be read (not root). */
	readonly deniedNamespaces: number;
	/**
	 * /proc is mounted hidepid=2 (invisible) or 4 (ptraceable): other users'
	 * processes do not appear at all, so deniedProcesses cannot count them.
	 */
	readonly procHidden: boolean;
	/**
	 * The scan ran as root, so deniedProcesses and deniedNamespaces refused even
	 * root (a container without CAP_SYS_PTRACE, a process mid-exit): running as
	 * root is no advice then.
	 */
	readonly deniedAsRoot: boolean;
	/**
	 * The backend cannot count the processes it was denied (lsof and sockstat list no process they
	 * could not read, nor a socket without a holder they read; a capture does not say): deniedProcesses and deniedAsRoot say nothing,
	 * and `--json` writes them null.
	 */
	readonly isDenialUncounted?: boolean;
	/**
	 * A few words for some of unreadableTables' sentences, by sentence, for a live header too narrow
	 * for them ('4 netns unlisted (--backend proc)'); not in `--json`, whose tables are whole.
	 */
	readonly tableShortForms?: Readonly<Record<string, string>>;
};

export const BACKENDS = ['proc', 'lsof', 'sockstat', 'import'] as const;
export type BackendName = (typeof BACKENDS)[number];

export type Snapshot = {
	/** Milliseconds since the epoch when the scan started. */
	readonly time: number;
	readonly hostname: string;
	readonly backend: BackendName;
	readonly sockets: readonly Socket[];
	readonly skipped: Skipped;
	/**
	 * The labels of the network namespaces whose tables this scan read, sockets or not (the proc
	 * backend): a label absent here was not read, which an empty table must not pass off as
	 * "no sockets" (see unreadNamespaceNote). Absent where the backend has no namespaces. Not in --json.
	 */
	readonly namespacesRead?: readonly string[];
};

export const emptySkipped: Skipped = {
	deniedProcesses: 0,
	vanishedProcesses: 0,
	malformedLines: 0,
	unreadableTables: [],
	deniedNamespaces: 0,
	procHidden: false,
	deniedAsRoot: false,
};

/** True for sockstat's "unix" family. */
export const isUnixProto = (proto: Proto): proto is UnixProto =>
	(UNIX_PROTOS as readonly string[]).includes(proto);

/**
 * A proto spelled short where its column has no room for it whole: FreeBSD sockstat's 'seqpac' for
 * 'seqpacket' (ss's 'u_seq' would not match `-P seqpacket`); the others are short already.
 */
export const shortProto = (proto: string): string => (proto === 'seqpacket' ? 'seqpac' : proto);

/** A unix socket with another end: connected (or connecting), or with a known peer. */
export const isUnixConnected = (socket: Pick<Socket, 'state' | 'peerPath' | 'peerInode'>): boolean =>
	socket.state === 'ESTABLISHED' || socket.state === 'CONNECTING' || socket.peerPath !== null || socket.peerInode !== null;

/**
 * A TCP or UDP socket whose other end is itself: its own address and port at both ends. TCP
 * gets there by simultaneous open, a connect() to its own port (a client retrying a port of the
 * ephemeral range with nothing listening on it can land on the very port it was given); its
 * tables list it once, so no other socket is its peer.
 */
export const isSelfConnected = (socket: Pick<Socket, 'proto' | 'state' | 'localAddress' | 'localPort' | 'foreignAddress' | 'foreignPort'>): boolean =>
	socket.localPort !== null &&
	socket.localPort === socket.foreignPort &&
	socket.localAddress !== null &&
	socket.localAddress !== '*' &&
	socket.localAddress === socket.foreignAddress &&
	socket.state !== 'LISTEN' &&
	!isUnixProto(socket.proto) &&
	!isPortless(socket.proto);

/** An AF_PACKET socket (p_raw, p_dgr): below IP, no ports, no peer. */
export const isPacketProto = (proto: string): proto is PacketProto => (PACKET_PROTOS as readonly string[]).includes(proto);

/** An ICMP echo ("ping") socket: its ports are echo identifiers, not ports. */
export const isIcmpProto = (proto: Proto): boolean => proto === 'icmp4' || proto === 'icmp6';

const bases = new Map<string, string>();

/**
 * A proto without its IP version: tcp4 -> tcp, udplite6 -> udplite, icmp6 -> icmp; unix
 * types ('stream') and names without one ('tcp', 'sctp', from captures and services files)
 * pass unchanged. Asked of every socket on every refresh (the filters, the SERVICE column's
 * listeners, the summary): computed once per name, a map lookup after that.
 */
export function baseProtocol(proto: string): string {
	let base = bases.get(proto);
	if (base === undefined) {
		base = proto.replace(/[46]$/u, '');
		bases.set(proto, base);
	}

	return base;
}

/**
 * Raw, ICMP echo and packet sockets, whose "port" is not a port (an IP protocol number, an echo
 * identifier, an EtherType): no port filter or services name applies to them.
 */
export const isPortless = (proto: string): boolean => {
	const base = baseProtocol(proto);
	return base === 'raw' || base === 'icmp' || isPacketProto(proto);
};

const CONNECTIONLESS: ReadonlySet<string> = new Set(['udp', 'udplite', 'icmp', 'raw', 'dgram']);

/**
 * UDP, UDP-Lite, ping, raw and unix datagram sockets: no connection to make, they send to and
 * receive from any address where not connected.
 */
export const isConnectionless = (proto: string): boolean => CONNECTIONLESS.has(baseProtocol(proto));

/** 4, 6 or null (unix, packet). */
export const ipVersion = (proto: Proto): 4 | 6 | null =>
	proto.endsWith('4') ? 4 : proto.endsWith('6') ? 6 : null;

/**
 * 127.0.0.0/8, ::1 and IPv4-mapped loopback (`[::1]` and `localhost`, as captures write them,
 * too). Here, not in services/, because the -L filter needs it and the model imports no service.
 */
export function isLoopback(address: string): boolean {
	const bare = address.replace(/^\[(.*)\]$/u, '$1').toLowerCase();
	return /^127\./u.test(bare) || bare === '::1' || /^::ffff:127\./u.test(bare) || bare === 'localhost';
}

/**
 * The inode that tells this socket from every other: null for 0 (no socket file: TIME_WAIT, a
 * connection not yet accepted) and for a source that reports none.
 */
export const socketInode = (socket: Pick<Socket, 'inode'>): number | null =>
	socket.inode === null || socket.inode === 0 ? null : socket.inode;
