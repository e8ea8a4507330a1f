/**
 * Parser of `ss -xH` (iproute2): which unix socket is connected to which; of `ss -xaHe`,
 * also the file each listener was bound to.
 *
 * /proc/net/unix has no peer column; the kernel tells a unix socket's peer only
 * through sock_diag netlink (UNIX_DIAG_PEER), which Node cannot speak. ss can,
 * so it is run when installed: by the PID view on each of its refreshes, by the
 * table when its unix sockets changed (unixPeerText in index.ts); without ss
 * unix peers are simply not named (no guessing from adjacent inode numbers).
 *
 * Real lines (iproute2-6.1.0, Debian 12); columns are
 * Netid State Recv-Q Send-Q Local-Address Port(=inode) Peer-Address Port(=peer inode):
 *   u_str ESTAB 0      0      * 11041 * 11040
 *   u_str ESTAB 0      0      /run/systemd/journal/stdout 17923 * 17922
 *
 * Paths may hold spaces, so the line is read from the right: the peer's path is
 * nearly always '*' (`/run/my app.sock 8357 * 8355`). When it is not, a path
 * containing ' <digits> ' could shift the split; the caller only trusts pairs
 * whose local inode is one it already knows.
 */

const starPeer = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(.*)\s(\d+)\s+\*\s+(\d+)\s*$/;
const line = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(.*?)\s(\d+)\s+.*\s(\d+)\s*$/;

/**
 * What `-e` adds after the peer, cut off before the columns are read: ` <-> ino:… dev:… peers:…`.
 * For a listener bound to a file, its ino is the inode of that file (UNIX_DIAG_VFS), which tells
 * whether the file at its path is still its own (an abstract one has no file, and no ino):
 *   u_str LISTEN 0      128    /tmp/tmux-0/default 27052859 * 0 <-> ino:2152558 dev:0/65024 peers:
 */
const extendedTail = /\s+<->(?:\s.*)?$/;
const boundFile = /\sino:(\d+)/;
/**
 * On a listener's line, `peers:` lists the client end of each connection in its accept queue
 * (UNIX_DIAG_ICONS): the server's end is an embryo with no inode yet, so ss gives such a client
 * peer 0, as it gives one whose peer closed. Captured here (iproute2-6.1.0, kernel 6.18):
 *   u_str LISTEN 1      5      /tmp/uq/app.sock 45586829 * 0        <-> ino:4268067 dev:0/65024 peers: 45586830
 */
const queuedClients = /\speers:((?:\s+\d+)*)/;

/**
 * A whole line of ss's own: its netid and state words. A line a newline in a name began (the
 * rest of that name, then the inodes) has neither, and must not lend its numbers to anything
 * but a peer, which is checked against the tables.
 */
const isOwnLine = (netid: string, state: string) => netid.startsWith('u_') && /^[A-Z-]+$/.test(state);

export type SsUnix = {
	/** Local inode -> peer inode; 0 where ss says the socket has no peer. */
	readonly peers: Map<number, number>;
	/** From `ss -xaHe` (or -xlHe): each listener's socket inode -> the inode of the file it was bound to. */
	readonly files: Map<number, number>;
	/**
	 * Each named socket's inode -> its name as ss printed it on one line with its inode, from
	 * ss's own lines only: a name with a newline is on no such line, so it is absent here.
	 */
	readonly names: Map<number, string>;
	/**
	 * Each socket's Recv-Q and Send-Q (ss's own lines only), which /proc/net/unix does not have: a
	 * listener's Recv-Q is its accept queue (connections waiting for accept()), its Send-Q the
	 * backlog limit, which is no queue and is not kept; a connection's are what queuePhrase says.
	 */
	readonly rxQueues: Map<number, number>;
	readonly txQueues: Map<number, number>;
	/** From -e: the client socket's inode -> the listener in whose accept queue its connection waits. */
	readonly waiting: Map<number, number>;
};

/** The peers and, with -e, the listeners' files, in one pass. Takes `ss -xH` and `ss -xaHe` alike. */
export function parseSsUnix(text: string): SsUnix {
	const peers = new Map<number, number>();
	const files = new Map<number, number>();
	const names = new Map<number, string>();
	const rxQueues = new Map<number, number>();
	const txQueues = new Map<number, number>();
	const waiting = new Map<number, number>();
	for (const whole of text.split('\n')) {
		const tail = extendedTail.exec(whole);
		const each = tail === null ? whole : whole.slice(0, tail.index);
		const starMatch = starPeer.exec(each);
		const match = starMatch ?? line.exec(each);
		if (match === null) {
			continue;
		}

		const local = Number(match[6]);
		const peer = Number(match[7]);
		if (local > 0) {
			peers.set(local, peer);
		}

		if (!isOwnLine(match[1]!, match[2]!)) continue;
		if (match[5] !== '*') names.set(local, match[5]!);
		rxQueues.set(local, Number(match[3]));
		if (match[2] !== 'LISTEN') txQueues.set(local, Number(match[4]));
		if (starMatch === null || peer !== 0 || match[2] !== 'LISTEN') continue;
		if (tail === null) continue;
		// A listener ('* 0': it has no peer) with the file it was bound to.
		const file = boundFile.exec(tail[0]);
		if (file !== null) files.set(local, Number(file[1]));
		const clients = queuedClients.exec(tail[0])?.[1]?.trim();
		if (clients !== undefined && clients !== '') for (const client of clients.split(/\s+/)) waiting.set(Number(client), local);
	}

	return {peers, files, names, rxQueues, txQueues, waiting};
}
