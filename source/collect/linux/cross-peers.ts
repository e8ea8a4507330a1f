/**
 * The other end of a connection between two network namespaces of this machine: a host's client
 * of a container's server across a veth, a docker-proxy's connection to its container, a
 * container's client of a host listener. Each namespace's tables list one end, local and foreign
 * swapped, as one namespace's tables list both ends of a local connection (peers.ts
 * inetPeerInodes); socket inodes are the same in every namespace, so the walk that finds the
 * holders of a peer socket finds this one's too.
 *
 *   $ ss -tn                               10.77.0.1:45680  10.77.0.2:8080
 *   $ ip netns exec uatctr-a ss -tn        10.77.0.2:8080   10.77.0.1:45680
 *
 * Addresses are unique only within a namespace: two containers behind different bridges can both
 * be 172.17.0.2, and 127.0.0.1 is each namespace's own host. So an end is taken from another
 * namespace only where the socket's own namespace lists no mirror at all (one there, even a
 * connection not accepted yet, is that namespace's: acceptQueueListeners), neither address is
 * loopback, and exactly one other namespace lists the mirror; else the socket has no peer, as before.
 * A socket of another namespace than its holder's (made before a setns(): elsewhere.ts) is first
 * matched in the tables of the namespace it is in, loopback and all, as a socket of its holder's is.
 *
 * A connection to another host has its mirror in no namespace, and a PID view refreshed every 2 s
 * would read every namespace's tables each time to find that again: a socket of the process's own
 * namespace whose mirror no other namespace listed is not looked for there again for NOT_FOUND_MS
 * (not-found.ts). One whose mirror is listed, but with no socket file yet (not accepted), is.
 */
import {isLoopback, isUnixProto} from '../../model/types.js';
import {listeningKeys} from '../../services/explain.js';
import {type ForeignSocket, namespaceOf, places} from './elsewhere.js';
import {labelNamespace, readNamespaceContext} from './netns.js';
import {createNotFound, type NotFound} from './not-found.js';
import {endKey, type PeerQuery} from './peers.js';
import type {Slicer} from './slice.js';
import {readSocketTables, type RawSocket} from './tables.js';

/** An fd's other end: its socket's inode and, where that is in another namespace than the fd's socket, the namespace's label. */
export type CrossPeer = {readonly inode: number; readonly netns?: string};

/**
 * What findPeers takes of other namespaces: the other ends found there, by the local socket's inode
 * (`peers`), and the fds whose sockets are of another namespace than the process's (made before a
 * setns()), whose other ends are only those found so, or, for a unix one, told by ss in its own
 * namespace (`unixPeers`, askForeignUnixPeers): the tables and ss answer findPeers is given are not theirs.
 */
export type Across = {readonly queries: readonly PeerQuery[]; readonly peers: ReadonlyMap<number, CrossPeer>; readonly unixPeers?: ReadonlyMap<number, number>};

/** One namespace's sockets; `inode` is the namespace's (null where its link could not be read). */
export type Space = {readonly inode: number | null; readonly label: string; readonly sockets: readonly RawSocket[]};

/** A socket to find the other end of, and the namespace whose tables list it. */
export type HomedSocket = {readonly socket: RawSocket; readonly home: number | null};

/** A TCP, UDP or UDP-Lite socket with a port at each end: one whose other end a table may list. */
const hasEnds = (socket: RawSocket) => !isUnixProto(socket.proto) && (socket.foreignPort ?? 0) !== 0 && (socket.localPort ?? 0) !== 0;
const ownKey = (socket: RawSocket) => endKey(socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort);
const mirrorKey = (socket: RawSocket) => endKey(socket.proto, socket.foreignAddress, socket.foreignPort, socket.localAddress, socket.localPort);
const isLoopbackEnd = (socket: RawSocket) => isLoopback(socket.localAddress ?? '') || isLoopback(socket.foreignAddress ?? '');

/**
 * What findPeers takes of other namespaces (Across) for the process's sockets: `queries` (of its own
 * namespace, `own`, whose tables were read already) and `foreign` (of others: elsewhere.ts), which
 * its fds (`entries`) hold; and, for each namespace of one of those, its listening keys
 * (ProcessDetail.listeningElsewhere), which tell whether a connection there was accepted.
 */
export async function acrossNamespaces(
	own: Space,
	queries: readonly PeerQuery[],
	entries: ReadonlyArray<{readonly fd: number; readonly link: string; readonly inode: number | null}>,
	foreign: ReadonlyMap<number, ForeignSocket>,
	slicer: Slicer,
): Promise<Across & {readonly listeningElsewhere: Map<string, string[]>}> {
	const held = entries.flatMap(({fd, link, inode}) => {
		const found = inode === null ? undefined : foreign.get(inode);
		return found === undefined ? [] : [{query: {fd, link, socket: found.raw}, home: found.namespace, netns: found.netns}];
	});
	const wanted = [...queries.flatMap(({socket}) => (socket === null ? [] : [{socket, home: own.inode}])), ...held.map(({query, home}) => ({socket: query.socket, home}))];
	const {peers, spaces} = await findCrossPeers(own, wanted, async () => readOtherSpaces(own.inode, slicer), unmirrored);
	const listeningElsewhere = new Map<string, string[]>();
	for (const {home, netns} of held) {
		const space = spaces.find(each => each.inode === home);
		if (space !== undefined && !listeningElsewhere.has(netns)) listeningElsewhere.set(netns, [...listeningKeys(space.sockets)]);
	}

	return {queries: held.map(({query}) => query), peers, listeningElsewhere};
}

/** Sockets of the viewed process's namespace whose mirror no other namespace listed (the header's last paragraph): the PID view's, kept across its refreshes. */
const unmirrored = createNotFound();

/**
 * The other end of each of `wanted` (matchAcross), by its inode, and the namespaces read for it.
 * `own` is the viewed process's namespace, whose tables were read already; the others (`readOthers`)
 * are read only when a socket may have its other end there: one of another namespace, or one of
 * `own` with no mirror in it, unless no namespace listed its mirror less than NOT_FOUND_MS before `now`
 * (`unmirrored` remembers when: the caller's, so that each test starts with a memory of its own).
 */
export async function findCrossPeers(
	own: Space,
	wanted: readonly HomedSocket[],
	readOthers: () => Promise<Space[]>,
	unmirrored: NotFound,
	now = Date.now(),
): Promise<{peers: Map<number, CrossPeer>; spaces: readonly Space[]}> {
	const candidates = wanted.filter(({socket}) => socket.inode !== 0 && hasEnds(socket));
	const mirrored = keysListed(own.sockets, new Set(candidates.map(({socket}) => mirrorKey(socket))));
	const asked = candidates.filter(({socket, home}) => home !== own.inode || (!isLoopbackEnd(socket) && !mirrored.has(mirrorKey(socket))));
	if (!asked.some(({socket, home}) => home !== own.inode || !unmirrored.isRecent(socket.inode, now))) return {peers: new Map(), spaces: []};
	const spaces = [own, ...(await readOthers())];
	// Where the others are read anyway, every socket asked is matched: one kept may have its mirror by now.
	const ownAsked = asked.filter(({home}) => home === own.inode);
	const keys = new Set(ownAsked.map(({socket}) => mirrorKey(socket)));
	const listed = new Set(spaces.slice(1).flatMap(space => [...keysListed(space.sockets, keys)]));
	for (const {socket} of ownAsked) if (listed.has(mirrorKey(socket))) unmirrored.forget(socket.inode);
	unmirrored.remember(ownAsked.flatMap(({socket}) => (listed.has(mirrorKey(socket)) ? [] : [socket.inode])), now);
	return {peers: matchAcross(asked, spaces), spaces};
}

/** The keys among `keys` (ownKey) of the sockets listed. */
function keysListed(sockets: readonly RawSocket[], keys: ReadonlySet<string>): Set<string> {
	const found = new Set<string>();
	if (keys.size > 0) for (const socket of sockets) if (hasEnds(socket) && keys.has(ownKey(socket))) found.add(ownKey(socket));
	return found;
}

/**
 * Where each of `wanted` has its other end among `spaces` (which hold each one's home): in its
 * home's tables, else in the one other namespace listing its mirror, as the header says.
 */
export function matchAcross(wanted: readonly HomedSocket[], spaces: readonly Space[]): Map<number, CrossPeer> {
	const keys = new Set(wanted.map(({socket}) => mirrorKey(socket)));
	// Every end a wanted socket may have, by its ownKey: in which namespace, and its inode (0: no socket file, as in TIME_WAIT).
	const ends = new Map<string, Array<{readonly space: Space; readonly inode: number}>>();
	for (const space of spaces) {
		for (const socket of space.sockets) {
			if (!hasEnds(socket)) continue;
			const key = ownKey(socket);
			if (!keys.has(key)) continue;
			const list = ends.get(key) ?? [];
			list.push({space, inode: socket.inode});
			ends.set(key, list);
		}
	}

	const found = new Map<number, CrossPeer>();
	for (const {socket, home} of wanted) {
		const all = (ends.get(mirrorKey(socket)) ?? []).filter(end => end.inode !== socket.inode);
		const here = all.filter(end => end.space.inode === home);
		const isOneElsewhere = !isLoopbackEnd(socket) && new Set(all.map(end => end.space)).size === 1;
		const peer = (here.length > 0 ? here : isOneElsewhere ? all : []).find(end => end.inode !== 0);
		if (peer !== undefined) found.set(socket.inode, peer.space.inode === home ? {inode: peer.inode} : {inode: peer.inode, netns: peer.space.label});
	}

	return found;
}

/** The tables of every namespace but `own` that a process socktop may read is in (places: ours and the host's first). */
async function readOtherSpaces(own: number | null, slicer: Slicer): Promise<Space[]> {
	const context = readNamespaceContext();
	const seen = new Set(own === null ? [] : [own]);
	const spaces: Space[] = [];
	for (const place of places(context)) {
		if (seen.has(place.inode)) continue;
		const {sockets} = await readSocketTables(place.pid, slicer);
		// A member that exited meanwhile, or whose pid went to a process elsewhere: another member may read it.
		if (place.pid !== 'self' && namespaceOf(place.pid) !== place.inode) continue;
		seen.add(place.inode);
		spaces.push({inode: place.inode, label: labelNamespace(place.inode, context, place.pid === 'self' ? undefined : place.pid), sockets});
	}

	return spaces;
}
