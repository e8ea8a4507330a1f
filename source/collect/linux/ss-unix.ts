/**
 * Parser of `ss -xH` (iproute2): which unix socket is connected to which; of `ss -xaH`, also
 * the listeners; of `ss -xlHe` beside it, the file each listener was bound to and who waits in
 * its accept queue (SsAnswer).
 *
 * /proc/net/unix has no peer column; the kernel tells a unix socket's peer only
 * through sock_diag netlink (UNIX_DIAG_PEER), which Node cannot speak. ss can,
 * so it is run when installed: by the PID view on each of its refreshes, by the
 * table on each of its refreshes (ssOf in index.ts); without ss
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
const namedPeer = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(.*?)\s(\d+)\s+.*\s(\d+)\s*$/;

/**
 * What `-e` adds after the peer, cut off (at the last ' <->') before the columns are read: ` <-> ino:… dev:… peers:…`.
 * For a listener bound to a file, its ino is the inode of that file (UNIX_DIAG_VFS), which tells
 * whether the file at its path is still its own (an abstract one has no file, and no ino):
 *   u_str LISTEN 0      128    /tmp/tmux-0/default 27052859 * 0 <-> ino:2152558 dev:0/65024 peers:
 */
const boundFile = /\sino:(\d+)/;
/**
 * On a listener's line, `peers:` lists the client end of each connection in its accept queue
 * (UNIX_DIAG_ICONS): the server's end is an embryo with no inode yet, so ss gives such a client
 * peer 0, as it gives one whose peer closed. Captured here (iproute2-6.1.0, kernel 6.18):
 *   u_str LISTEN 1      5      /tmp/uq/app.sock 45586829 * 0        <-> ino:4268067 dev:0/65024 peers: 45586830
 * A client that closed before accept() is listed as 0 (`peers: 0`) while its embryo stays queued.
 */
const queuedClients = /\speers:((?:\s+\d+)*)/;

/** A line's netid, state, Recv-Q and Send-Q. */
const lineHead = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+/;

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
	 * backlog limit, which is no queue and is kept apart (backlogs); a connection's are what queuePhrase says.
	 */
	readonly rxQueues: Map<number, number>;
	readonly txQueues: Map<number, number>;
	/** Each listener's Send-Q: its backlog (`u_str LISTEN 6 5 /tmp/uat3/full.sock …`: 6 wait, of backlog 5). */
	readonly backlogs: Map<number, number>;
	/** From -e: the client socket's inode -> the listener in whose accept queue its connection waits. */
	readonly waiting: Map<number, number>;
	/** The inodes whose own line says LISTEN. */
	readonly listeners: Set<number>;
	/**
	 * Every inode ss printed as a socket's own, forget's among them: ss knows that socket, though
	 * not which of its two lines to believe (dropForgedUnix must not take it for a forged entry).
	 */
	readonly listed: ReadonlySet<number>;
	/**
	 * The sockets whose line newlines in their names cut into pieces none of which is a line of ss's
	 * (their rest, not one piece, has the inodes): inode -> the name of the pieces joined. ss lists such
	 * a socket too, where /proc's entry of that inode has that name (dropForgedUnix).
	 */
	readonly splitNames: ReadonlyMap<number, string>;
	/** The listeners of `text` that `listening` (ss -xlHe) has no line for; empty where it was not given (ss-cut.ts). */
	readonly unlisted: readonly number[];
};

/**
 * What ss was asked (runSsUnix): `all`, every socket's line (`ss -xaH`; `ss -xH`: the connected
 * ones); `listening`, the listeners' lines with what -e adds (`ss -xlHe`, run beside it), or null
 * where it was not asked or did not answer. Not one `ss -xaHe`: ss pads every line to its widest,
 * and a listener's `peers:` names each client in its accept queue (~32 KB for 4,000), so one full
 * queue made 4,001 unix sockets 128 MB of output. The kernel limits -e too: a long accept queue
 * among the first listeners it lists ends its answer there (ss-cut.ts, which asks again then).
 */
export type SsAnswer = {
	readonly all: string;
	readonly listening: string | null;
	/** `all` already read (readSsAnswer), where ss-cut.ts had to read it to find the listeners `listening` lacked: parseSsAnswer reads it no more. */
	readonly read?: SsRead;
};

/** One answer of ss read (readSsAnswer), and the inodes it prints on two lines: what parseSsUnix combines, without changing it. */
export type SsRead = {readonly ss: SsUnix; readonly twice: ReadonlySet<number>};

/** ss's answer (runSsUnix) parsed, reading its `all` no more where that was read already (SsAnswer.read). */
export const parseSsAnswer = (answer: SsAnswer): SsUnix => parseSsUnix(answer.read ?? answer.all, answer.listening);

/**
 * The peers, names and queues of `text` (`ss -xH`, `ss -xaH`; `ss -xaHe` alike, with its listeners'
 * files), and from `listening` (`ss -xlHe`) each listener's file and the clients waiting in its accept
 * queue, for the sockets `text` also says are listening. An inode on two lines of either answer is
 * believed in neither (forget). `text` may be given read already (SsRead), which is left as it was.
 */
export function parseSsUnix(text: string | SsRead, listening: string | null = null): SsUnix {
	const read = typeof text === 'string' ? readSsAnswer(text) : text;
	const extra = listening === null ? null : readSsAnswer(listening);
	const twice = extra === null || extra.twice.size === 0 ? read.twice : new Set([...read.twice, ...extra.twice]);
	// Changed in place where it was read here; a read `text` may be combined again (ss-cut.ts): its maps are copied.
	const ss = typeof text === 'string' ? read.ss : copyOf(read.ss, twice.size > 0);
	if (extra !== null) {
		for (const [listener, file] of extra.ss.files) if (ss.listeners.has(listener)) ss.files.set(listener, file);
		for (const [client, listener] of extra.ss.waiting) if (ss.listeners.has(listener)) ss.waiting.set(client, listener);
	}

	if (twice.size > 0) forget(twice, ss);
	if (extra === null) return ss;
	return {...ss, unlisted: [...ss.listeners].filter(inode => !extra.ss.listeners.has(inode))};
}

/** `ss` with new maps where parseSsUnix changes them: the listeners' files and queues, and all of them where it forgets inodes (`isForgetting`). */
function copyOf(ss: SsUnix, isForgetting: boolean): SsUnix {
	const changed = {...ss, files: new Map(ss.files), waiting: new Map(ss.waiting)};
	if (!isForgetting) return changed;
	const {peers, names, rxQueues, txQueues, backlogs, listeners} = ss;
	return {...changed, peers: new Map(peers), names: new Map(names), rxQueues: new Map(rxQueues), txQueues: new Map(txQueues), backlogs: new Map(backlogs), listeners: new Set(listeners)};
}

/** The peers and, with -e, the listeners' files of one answer, in one pass, and the inodes it prints on two lines. */
export function readSsAnswer(text: string): SsRead {
	const peers = new Map<number, number>();
	const files = new Map<number, number>();
	const names = new Map<number, string>();
	const rxQueues = new Map<number, number>();
	const txQueues = new Map<number, number>();
	const backlogs = new Map<number, number>();
	const waiting = new Map<number, number>();
	const listeners = new Set<number>();
	// ss prints each socket on one line: an inode on two, one of them is forged by a name (below).
	const seen = new Set<number>();
	const twice = new Set<number>();
	const splitNames = new Map<number, string>();
	let pieces: string[] = [];
	for (const whole of text.split('\n')) {
		// The last ' <->': what -e adds has none, a name may (read by a regex, the first match would be the name's).
		const arrow = whole.lastIndexOf(' <->');
		const each = arrow === -1 ? whole : whole.slice(0, arrow);
		const match = readLine(each);
		if (match === null) {
			pieces = joinPieces(pieces, each, splitNames);
			continue;
		}

		pieces = [];
		const {local, peer} = match;
		if (seen.has(local)) twice.add(local);
		seen.add(local);
		if (local > 0) {
			peers.set(local, peer);
		}

		if (match.netid === null) continue;
		if (match.name !== '*') names.set(local, match.name);
		rxQueues.set(local, match.recvQ);
		if (match.state === 'LISTEN') {
			listeners.add(local);
			backlogs.set(local, match.sendQ);
		} else {
			txQueues.set(local, match.sendQ);
		}

		if (!match.isStarPeer || peer !== 0 || match.state !== 'LISTEN' || arrow === -1) continue;
		const tail = whole.slice(arrow);
		// A listener ('* 0': it has no peer) with the file it was bound to.
		const file = boundFile.exec(tail);
		if (file !== null) files.set(local, Number(file[1]));
		const clients = queuedClients.exec(tail)?.[1]?.trim();
		// A client that closed while queued is 0 there: no socket, and the inode of every embryo (index.ts queueOf).
		if (clients !== undefined && clients !== '') for (const client of clients.split(/\s+/)) if (client !== '0') waiting.set(Number(client), local);
	}

	for (const inode of twice) splitNames.delete(inode);
	return {ss: {peers, files, names, rxQueues, txQueues, backlogs, waiting, listeners, listed: seen, splitNames, unlisted: []}, twice};
}

/** A sun_path holds at most 107 bytes, so 107 newlines: a line they cut is at most 108 pieces. */
const MOST_PIECES = 108;

/**
 * `piece`, a line that is not one of ss's, after `pieces` (those since the last that began as one of
 * ss's does: its netid, state and queues). Where they join into one of ss's lines (a name with
 * newlines cut it), its inode and name go to `splitNames`. Returns the pieces to keep.
 */
function joinPieces(pieces: readonly string[], piece: string, splitNames: Map<number, string>): string[] {
	const head = lineHead.exec(piece);
	if (head !== null && isOwnLine(head[1]!, head[2]!)) return [piece];
	if (pieces.length === 0 || pieces.length >= MOST_PIECES) return [];
	const joined = [...pieces, piece];
	const line = readLine(joined.join('\n'));
	if (line === null || line.netid === null) return joined;
	splitNames.set(line.local, line.name);
	return [];
}

/**
 * Drop all ss says of the inodes in `twice`. A name is printed raw, so a socket bound at (any
 * user may take an abstract one) "@x\nu_str LISTEN 4242 5 /run/app.sock 123 * 0 <-> ino:1 dev:0/1
 * peers: 456\ny" puts a whole valid line about another user's listener 123 and its client 456
 * in ss's answer; the real line about 123 is there too. Which is which cannot be told, so neither
 * is believed, nor who waits in 123's queue.
 */
function forget(twice: ReadonlySet<number>, ss: SsUnix): void {
	for (const inode of twice) {
		for (const map of [ss.peers, ss.files, ss.names, ss.rxQueues, ss.txQueues, ss.backlogs, ss.waiting]) map.delete(inode);
		ss.listeners.delete(inode);
	}

	for (const [client, listener] of ss.waiting) if (twice.has(listener)) ss.waiting.delete(client);
}

type Line = {
	/** null: not one of ss's own lines (isOwnLine), whose other fields are then not to be trusted. */
	readonly netid: string | null;
	readonly state: string;
	readonly recvQ: number;
	readonly sendQ: number;
	readonly name: string;
	readonly local: number;
	readonly peer: number;
	/** The peer's name is '*', so the columns were read from the right without doubt. */
	readonly isStarPeer: boolean;
};

const isSpace = (code: number) => code === 32 || code === 9;
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * One line, without what -e adds. The common one ('* INODE * PEER' at its end) is read by hand
 * from both ends: a regex with '.*' between the padded columns spent most of the parse
 * backtracking (~55 ms for 18,000 lines of ss -xaHe here, ~15 ms this way). Others (a named
 * peer) go through the regexes.
 */
function readLine(line: string): Line | null {
	let end = line.length;
	while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
	let at = end;
	while (at > 0 && isDigit(line.charCodeAt(at - 1))) at--;
	const peerStart = at;
	if (peerStart === end || peerStart === 0 || !isSpace(line.charCodeAt(peerStart - 1))) return readByRegex(line);
	while (at > 0 && isSpace(line.charCodeAt(at - 1))) at--;
	if (at < 2 || line.charCodeAt(at - 1) !== 42 || !isSpace(line.charCodeAt(at - 2))) return readByRegex(line);
	at -= 2;
	while (at > 0 && isSpace(line.charCodeAt(at - 1))) at--;
	const localEnd = at;
	while (at > 0 && isDigit(line.charCodeAt(at - 1))) at--;
	const localStart = at;
	if (localStart === localEnd || localStart === 0 || line.charCodeAt(localStart - 1) !== 32) return readByRegex(line);
	const nameEnd = localStart - 1;
	const head = lineHead.exec(line);
	if (head === null || head[0].length > nameEnd) return null;
	return {
		netid: isOwnLine(head[1]!, head[2]!) ? head[1]! : null,
		state: head[2]!,
		recvQ: Number(head[3]),
		sendQ: Number(head[4]),
		name: line.slice(head[0].length, nameEnd),
		local: Number(line.slice(localStart, localEnd)),
		peer: Number(line.slice(peerStart, end)),
		isStarPeer: true,
	};
}

function readByRegex(line: string): Line | null {
	const star = starPeer.exec(line);
	const match = star ?? namedPeer.exec(line);
	if (match === null) return null;
	return {
		netid: isOwnLine(match[1]!, match[2]!) ? match[1]! : null,
		state: match[2]!,
		recvQ: Number(match[3]),
		sendQ: Number(match[4]),
		name: match[5]!,
		local: Number(match[6]),
		peer: Number(match[7]),
		isStarPeer: star !== null,
	};
}
