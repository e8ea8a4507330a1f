/**
 * Parser of `ss -xH` (iproute2): which unix socket is connected to which.
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

const starPeer = /^\S+\s+\S+\s+\d+\s+\d+\s+.*\s(\d+)\s+\*\s+(\d+)\s*$/;
const line = /^\S+\s+\S+\s+\d+\s+\d+\s+.*?\s(\d+)\s+.*\s(\d+)\s*$/;

/**
 * `ss -xaHe` (or -xlHe): each listener's socket inode -> the inode of the file it was bound to
 * (UNIX_DIAG_VFS), which tells whether the file at its path is still its own:
 *   u_str LISTEN 0      128    /tmp/tmux-0/default 27052859 * 0 <-> ino:2152558 dev:0/65024 peers:
 * Read from the right of the path, as above ('* 0': a listener has no peer).
 */
const listenerFile = /^.*\s(\d+)\s+\*\s+0\s+<->\s+ino:(\d+)\s/;

export function parseSsUnixFiles(text: string): Map<number, number> {
	const files = new Map<number, number>();
	for (const each of text.split('\n')) {
		const match = listenerFile.exec(each);
		if (match !== null) files.set(Number(match[1]), Number(match[2]));
	}

	return files;
}

/** What `-e` adds after the peer (` <-> ino:… dev:… peers:…`), left out before reading the columns. */
const extendedTail = /\s+<->(?:\s.*)?$/;

/** Local inode -> peer inode; 0 where ss says the socket has no peer. Takes `ss -xH` and `ss -xaHe` alike. */
export function parseSsUnix(text: string): Map<number, number> {
	const peers = new Map<number, number>();
	for (const whole of text.split('\n')) {
		const each = whole.replace(extendedTail, '');
		const match = starPeer.exec(each) ?? line.exec(each);
		if (match === null) {
			continue;
		}

		const local = Number(match[1]);
		const peer = Number(match[2]);
		if (local > 0) {
			peers.set(local, peer);
		}
	}

	return peers;
}
