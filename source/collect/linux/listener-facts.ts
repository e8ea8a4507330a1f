/**
 * What /proc/net/tcp does not say of a TCP listener: its backlog (its tx_queue is write_seq -
 * snd_una, 0 for a listener) and whether an IPv6 one is IPv6-only, nor /proc/net/udp6 of an
 * unconnected UDP socket (a UDP server's: a DNS server on [::]:53 beside 0.0.0.0:53 is IPv6-only).
 * Only sock_diag tells, so `ss -tulnHe` is asked: listeners and unconnected UDP sockets only, cheap
 * in the kernel, but one more process per run. The
 * table asks it for the IPv6-only flags of the listeners on :: (its tcp46), and on a refresh only when one
 * appears (askV6OnlyFlags; its CPU at 10k sockets is near its 10% line); the PID
 * view does, each refresh, for a process holding a TCP listener or an unconnected IPv6 UDP socket, or asking
 * to connect to a local listener that has connections waiting (wantedListeners; the names say
 * listener, and cover those UDP servers too); a one-shot `--json` once in each namespace with a TCP listener or IPv6 UDP server, while the fd walk runs (askListenerFacts). Real lines (iproute2-6.1.0, kernel 6.x;
 * python3's listen(5) with 6 waiting, listen(7) IPv6-only, listen(9) dual-stack; UDP on [::]:53 IPv6-only, *:5353
 * dual-stack; ss writes the Netid column first, as it lists two protocols):
 *   tcp LISTEN 6      5      0.0.0.0:5432 0.0.0.0:* ino:8296507 sk:fe7df cgroup:unreachable:1 <->
 *   tcp LISTEN 0      7         [::]:8446    [::]:* ino:8296508 sk:fe7e0 cgroup:unreachable:1 v6only:1 <->
 *   tcp LISTEN 0      9            *:8445       *:* ino:8296509 sk:fe7e1 cgroup:unreachable:1 v6only:0 <->
 *   udp UNCONN 0      0             [::]:53      [::]:* ino:25110613 sk:2a854b cgroup:unreachable:1 v6only:1 <->
 *   udp UNCONN 0      0                *:5353       *:* ino:25110615 sk:2a854d cgroup:unreachable:1 v6only:0 <->
 * A UDP socket's Send-Q is its send buffer, no backlog: only its flag is taken.
 * A cgroup's name is printed raw and may hold a newline and a whole forged line about another
 * listener: an inode on two lines is believed on neither (as ss-unix.ts does).
 */
import type {Socket} from '../../model/types.js';
import {isLoopback} from '../../model/types.js';
import {listenerOn} from '../../services/phrases.js';
import {isWildcard} from '../../model/mapped-ipv4.js';
import type {NamespaceKey} from './netns.js';
import type {RawSocket} from './tables.js';
import {linuxTools, ssTroubleLine} from './tools.js';
import type {UnixSsFields} from './unix-ss-fields.js';

/** A listener's facts by its inode. */
export type ListenerFacts = ReadonlyMap<number, Pick<Socket, 'backlog' | 'isV6Only'>>;

const listenerLine = /^(?:(?:tcp|udp)\s+)?(LISTEN|UNCONN)\s+\d+\s+(\d+)\s+\S+\s+\S+\s.*?\bino:(\d+)\b/;
/** The last `v6only:` of the line: ss writes it after the cgroup, whose name could hold one. */
const v6only = / v6only:([01])(?!.* v6only:)/;

export function parseSsListenerFacts(text: string): Map<number, Pick<Socket, 'backlog' | 'isV6Only'>> {
	const facts = new Map<number, Pick<Socket, 'backlog' | 'isV6Only'>>();
	const twice = new Set<number>();
	for (const line of text.split('\n')) {
		const match = listenerLine.exec(line);
		if (match === null) continue;
		const inode = Number(match[3]);
		if (facts.has(inode)) twice.add(inode);
		const flag = v6only.exec(line)?.[1];
		facts.set(inode, {...(match[1] === 'LISTEN' ? {backlog: Number(match[2])} : {}), ...(flag === undefined ? {} : {isV6Only: flag === '1'})});
	}

	for (const inode of twice) facts.delete(inode);
	return facts;
}

/**
 * The last answer's facts: a listener's backlog and IPv6-only flag are set once it listens, so the
 * PID view, which reads again every refresh, asks ss only when a listener it wants is not here yet.
 */
let known: ListenerFacts = new Map();

/** `ss -tulnHe` in our namespace, or (`isElsewhere`, as root) in that of `pid`; its text, or null where ss is missing or failed. */
const runSsListeners = async (pid: number, isElsewhere: boolean): Promise<string | null> =>
	isElsewhere ? linuxTools.stdoutIn(pid, 'ss', ['-tulnHe']) : linuxTools.stdoutOf('ss', ['-tulnHe']);

/**
 * The facts of the TCP listeners and IPv6 UDP servers (by inode) `wanted`, from ss (`run`: ss -tulnHe's text) only where one
 * of them is not known from its last answer; null where ss is missing or failed and told nothing before.
 */
export async function readListenerFacts(pid: number, isElsewhere: boolean, wanted: readonly number[], run = runSsListeners): Promise<ListenerFacts | null> {
	if (wanted.every(inode => known.has(inode))) return known;
	const text = await run(pid, isElsewhere);
	// Failed (timed out): what it told before still stands, as askV6OnlyFlags keeps it.
	if (text === null) return known.size === 0 ? null : known;
	known = parseSsListenerFacts(text);
	return known;
}

const isTcpListener = (socket: Pick<Socket, 'proto' | 'state'>): boolean => socket.proto.startsWith('tcp') && socket.state === 'LISTEN';

/** A UDP socket on IPv6 without a peer (a UDP server's): whether it takes IPv4 too is its IPv6-only flag, which ss tells. */
const isUdp6Server = (socket: Pick<Socket, 'proto' | 'state'>): boolean => socket.proto === 'udp6' && socket.state === 'UNCONN';

/** A socket whose facts ss -tulnHe gives: a TCP listener, or an unconnected UDP one on IPv6. */
const isAsked = (socket: Pick<Socket, 'proto' | 'state'>): boolean => isTcpListener(socket) || isUdp6Server(socket);

/**
 * For a snapshot asked for them (SnapshotRequest.withListenerFacts): the facts of the TCP listeners
 * (and IPv6 UDP servers) in one namespace's tables `sockets`, from one ss -tulnHe there (`run`, as readListenerFacts): here,
 * or through nsenter in the namespace of `pid` (root only); null where it has none, or ss gave no answer.
 */
export async function askListenerFacts(sockets: readonly RawSocket[], pid: number | null, run = runSsListeners): Promise<ListenerFacts | null> {
	if (!sockets.some(socket => isAsked(socket))) return null;
	const text = await run(pid ?? 0, pid !== null);
	return text === null ? null : parseSsListenerFacts(text);
}

/** A TCP listener or UDP server on every IPv6 address: whether it takes IPv4 too (the table's tcp46) is its IPv6-only flag. */
const isDualStackCandidate = (socket: RawSocket): boolean => ((isTcpListener(socket) && socket.proto === 'tcp6') || isUdp6Server(socket)) && isWildcard(socket.localAddress);

/** The inodes of `sockets`' TCP listeners and UDP servers on every IPv6 address: their IPv6-only flag makes them tcp46 or tcp6. */
function dualStackCandidates(sockets: readonly RawSocket[]): number[] {
	const wanted: number[] = [];
	for (const socket of sockets) if (isDualStackCandidate(socket)) wanted.push(socket.inode);
	return wanted;
}

/**
 * The line (Skipped.unreadableTables; the PID view's missingTools) saying why ss told no IPv6-only flag of
 * a listener on :: among `sockets` (so it reads tcp6, maybe wrongly), asked here (pid null) or in the namespace
 * of `pid`: its last ss -tulnHe there timed out or printed too much (and, while it is not run again, still
 * stands: tools.ts). null where `facts` (what ss told, or kept) have every such flag, or ss did not say why.
 */
export function v6OnlyTroubleLine(sockets: readonly RawSocket[], facts: ListenerFacts | null, pid: number | null): string | null {
	if (dualStackCandidates(sockets).every(inode => facts?.get(inode)?.isV6Only !== undefined)) return null;
	const trouble = linuxTools.trouble('ss', pid, '-tulnHe');
	return trouble === undefined ? null : ssTroubleLine(trouble, pid !== null, 'v6only');
}

/**
 * Each namespace's last ask for the IPv6-only flags (askV6OnlyFlags): the candidates' inodes it asked
 * for, and the flags ss gave, by namespace (NamespaceKey).
 */
export type V6OnlyMemory = Map<NamespaceKey, {readonly asked: ReadonlySet<number>; readonly flags: ListenerFacts}>;

/**
 * For every snapshot (the table's PROTO, tcp46 or tcp6, and -4): the IPv6-only flags of one namespace's
 * TCP listeners and UDP servers on every IPv6 address (`sockets`: its tables), from ss -tulnHe there (as
 * askListenerFacts). The flag is fixed once a socket is bound (setsockopt IPV6_V6ONLY then fails with
 * EINVAL), so while every candidate was among those the namespace's last ask was for (`kept`), that
 * answer stands, and the live view's refreshes fork no ss: it is asked only when one appears (a socket
 * ss then did not list, as one whose inode two lines claim, stays unknown: tcp6). null where there is no
 * candidate, or ss gave no answer (missing: never run again; failed: asked again next time) and none before:
 * a failed ask (ss killed after 3 s on a loaded host) keeps the last answer, so the listeners it told do not
 * turn tcp6, and leave the -4 table, on each refresh until one that a new listener triggers succeeds.
 */
export async function askV6OnlyFlags(sockets: readonly RawSocket[], pid: number | null, kept?: {memory: V6OnlyMemory; key: NamespaceKey}, run = runSsListeners): Promise<ListenerFacts | null> {
	const wanted = dualStackCandidates(sockets);
	if (wanted.length === 0) return null;
	const last = kept?.memory.get(kept.key);
	if (last !== undefined && wanted.every(inode => last.asked.has(inode))) return last.flags;
	const text = await run(pid ?? 0, pid !== null);
	if (text === null) return last?.flags ?? null;
	// The flags alone: a backlog may change (listen() again), and the table has no column for it.
	const flags = new Map<number, Pick<Socket, 'isV6Only'>>();
	for (const [inode, {isV6Only}] of parseSsListenerFacts(text)) if (isV6Only !== undefined) flags.set(inode, {isV6Only});
	kept?.memory.set(kept.key, {asked: new Set(wanted), flags});
	return flags;
}

/**
 * Gives each TCP listener (and IPv6 UDP server) of `sockets` its facts from `answers` (askListenerFacts' in each namespace: a
 * socket's inode is the kernel's one number for it in all of them), in place: one lookup a row, no
 * copy of a snapshot's 10k rows for its few listeners. A listener no answer lists keeps none.
 */
export function fillListenerFacts(sockets: Socket[], answers: ReadonlyArray<ListenerFacts | null>): void {
	const facts = new Map(answers.flatMap(answer => (answer === null ? [] : [...answer])));
	if (facts.size === 0) return;
	for (let index = 0; index < sockets.length; index++) {
		const socket = sockets[index]!;
		const found = socket.inode === null ? undefined : facts.get(socket.inode);
		if (found !== undefined && isAsked(socket)) sockets[index] = {...socket, ...found};
	}
}

/** A listener on an address and port (services' listenerOn, over a namespace's tables). */
type ListenerLookup = (asked: Pick<Socket, 'proto' | 'state' | 'localAddress' | 'localPort'>) => RawSocket | null;

/**
 * The local listener a TCP client asking to connect (SYN_SENT) asks, in its namespace's tables:
 * one on the port it asks for, at the address it asks (or the wildcard; an IPv6 one on `::` for
 * an IPv4 client), when that address is this host's: loopback, the client's own (a connection to
 * a local address leaves from it), or the listener's very own. null otherwise. `lookup`: where a
 * listener on an address and port is looked up (default: a pass over `sockets`).
 */
export function synListenerOf(client: RawSocket, sockets: readonly RawSocket[], lookup: ListenerLookup = asked => listenerOn(asked, sockets)): RawSocket | null {
	const {foreignAddress: address, foreignPort: port} = client;
	if (!client.proto.startsWith('tcp') || client.state !== 'SYN_SENT' || address === null || port === null) return null;
	const asked = {proto: client.proto, state: 'LISTEN', localAddress: address, localPort: port} as const;
	const listener = lookup(asked) ?? (client.proto === 'tcp4' ? lookup({...asked, proto: 'tcp6', localAddress: `::ffff:${address}`}) : null);
	if (listener === null) return null;
	return isLoopback(address) || address === client.localAddress || !isWildcard(listener.localAddress) ? listener : null;
}

/**
 * The listener each of `own`'s connection requests asks (synListenerOf), by the request's inode; the
 * PID view works them out once a refresh, for the listeners it asks ss about (wantedListeners) and
 * the full ones (fullListenerOf), and looks each address and port up once (a pass over the tables), not
 * once per client: a client may have thousands of requests waiting on one full listener.
 */
export function synListeners(own: readonly RawSocket[], sockets: readonly RawSocket[]): Map<number, RawSocket> {
	const found = new Map<number, RawSocket>();
	const looked = new Map<string, RawSocket | null>();
	const lookup: ListenerLookup = asked => {
		const key = `${asked.proto} ${asked.localAddress} ${asked.localPort}`;
		if (!looked.has(key)) looked.set(key, listenerOn(asked, sockets));
		return looked.get(key)!;
	};

	for (const socket of own) {
		const listener = synListenerOf(socket, sockets, lookup);
		if (listener !== null) found.set(socket.inode, listener);
	}

	return found;
}

/**
 * The TCP listeners (inodes) whose ss facts the PID view of a process holding `own` sockets needs: its
 * own (and its IPv6 UDP servers'), and those its connection requests ask (`asked`: synListeners') that have connections waiting.
 */
export const wantedListeners = (own: readonly RawSocket[], asked: ReadonlyMap<number, RawSocket>): number[] =>
	own.flatMap(socket => {
		if (isAsked(socket)) return [socket.inode];
		const listener = asked.get(socket.inode);
		return listener !== undefined && (listener.rxQueue ?? 0) > 0 ? [listener.inode] : [];
	});

/**
 * `listener`, the one a connection request asks (synListenerOf), where its accept queue is full (more
 * wait than its backlog: Linux queues backlog+1): the kernel drops the request's SYNs. null otherwise.
 */
export function fullListenerOf(listener: RawSocket | null, facts: ListenerFacts | null): RawSocket | null {
	const backlog = listener === null ? undefined : facts?.get(listener.inode)?.backlog;
	return backlog !== undefined && listener!.rxQueue !== null && listener!.rxQueue > backlog ? listener : null;
}

/** A listener's backlog and IPv6-only flag as the PID view's Socket carries them: a unix one's from `unix` (ss -xaH), a TCP one's (an IPv6 UDP server's flag) from `inet` (ss -tulnHe). */
export function listenerFacts(raw: RawSocket, unix: UnixSsFields, inet: ListenerFacts | null): Pick<Socket, 'backlog' | 'isV6Only'> {
	if (isUdp6Server(raw)) return inet?.get(raw.inode) ?? {};
	if (raw.state !== 'LISTEN') return {};
	if (unix.backlog !== null) return {backlog: unix.backlog};
	return inet?.get(raw.inode) ?? {};
}
