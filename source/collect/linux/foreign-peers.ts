/**
 * The other ends of a PID view's unix sockets that are in another network namespace than the
 * process (elsewhere.ts): a connection a listener accepted from a client of another namespace
 * (Linux makes the accepted socket in the client's namespace, unix_stream_connect: a server in a
 * container, reached through a bind-mounted socket file, holds its clients' connections in the
 * host's namespace), a socketpair handed over from outside (stdio). ss answers for its own
 * namespace only, so it is asked in each such socket's: socktop's own, or as root another one
 * through a process inside (nsenter). Without root another namespace's peers stay unnamed.
 */
import {isUnixProto} from '../../model/types.js';
import type {ForeignSocket} from './elsewhere.js';
import {runSsUnix, runSsUnixIn} from './ss-run.js';
import {parseSsAnswer} from './ss-unix.js';

/** A socket fd whose socket is another namespace's (elsewhere.ts). */
export type ForeignFd = {readonly fd: number; readonly link: string; readonly socket: ForeignSocket};

/**
 * Each foreign unix socket's peer inode, by its inode, where ss could be asked in its namespace:
 * what toSocket takes, and what findPeers takes (Across.unixPeers) to name the holders of the other
 * end in the walk it makes for the process's own fds. Sockets of other families (a TCP listener made
 * before a setns()) are left out.
 */
export async function askForeignUnixPeers(fds: readonly ForeignFd[], isRoot: boolean): Promise<Map<number, number>> {
	const unix = fds.filter(({socket}) => isUnixProto(socket.raw.proto) && socket.raw.state !== 'LISTEN' && (isRoot || socket.via === 'self'));
	const unixPeerInodes = new Map<number, number>();
	if (unix.length === 0) return unixPeerInodes;
	// One ss run per namespace, whichever of its sockets asked first.
	const places = [...new Set(unix.map(({socket}) => socket.via))];
	const answers = await Promise.all(places.map(async via => (via === 'self' ? runSsUnix() : runSsUnixIn(via))));
	for (const answer of answers) {
		if (answer === null) continue;
		const ss = parseSsAnswer(answer);
		// Only the pairs of the sockets asked about: a name with a newline could forge others (ss-unix.ts).
		for (const {socket} of unix) {
			const peer = ss.peers.get(socket.raw.inode);
			if (peer !== undefined) unixPeerInodes.set(socket.raw.inode, peer);
		}
	}

	return unixPeerInodes;
}
