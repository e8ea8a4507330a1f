/**
 * The PID view's data on Linux: the process's facts, every fd with its type
 * and target, the socket behind each socket fd, and the peer at the other end
 * of local connections and pipes. Expected failures are data: a process that
 * exits gives `process: null`; fds we may not read give a `denied` sentence
 * saying what would help, with everything readable still filled in.
 */
import fs from 'node:fs';
import {fdModeOf, peerFields, type FdMode, type FileDescriptor, type OtherSocket, type ProcessDetail, type ProcessInfo} from '../../model/process.js';
import {markSameSockets} from '../../model/same-socket.js';
import type {Socket} from '../../model/types.js';
import {isLoopback, isUnixProto} from '../../model/types.js';
import {classifyFdLink} from './fd-link.js';
import {readAccess} from './holders.js';
import {type PeerQuery} from './peers.js';
import {runSsUnix, runSsUnixIn} from './ss-run.js';
import {type PortRangeMemory, readPortRangeIn} from './port-range-in.js';
import {hiddenPeerOf, resolveFdPeers} from './fd-peers.js';
import {parseSsAnswer} from './ss-unix.js';
import {cutListenersLine} from './ss-cut.js';
import {noSsFields, type UnixSsFields} from './unix-ss-fields.js';
import {acceptedOf, pathGoneOf} from './unix-fd-facts.js';
import {readRawUnixPaths} from './raw-path.js';
import {linkInterfaceOf, readIfInet6} from './if-inet6.js';
import {type Ipv4Memory, readIpv4Interfaces} from './ipv4-interfaces.js';
import {findForeignSockets, type ForeignSocket} from './elsewhere.js';
import {acrossNamespaces} from './cross-peers.js';
import {askForeignUnixPeers} from './foreign-peers.js';
import {interfacesUpField, isLoopbackDownIn, readUpInterfaces} from './loopback.js';
import {goneDetail, readWhole} from './exiting.js';
import {inodeOfLink, labelNamespace, readNamespaceContext} from './netns.js';
import {readOtherSockets} from './read-other-sockets.js';
import {readProcessInfo} from './process-info.js';
import {isFailure, readLink} from './read.js';
import {createSlicer} from './slice.js';
import {listeningKeys} from '../../services/explain.js';
import {isLinkLocalIpv6} from '../../services/link-local.js';
import {parsePortRange} from '../../services/load.js';
import {readSocketTables, type RawSocket} from './tables.js';
import {listenerFacts, type ListenerFacts, readListenerFacts, synListeners, v6OnlyTroubleLine, wantedListeners} from './listener-facts.js';
import {peerToolLine} from './tools.js';
import {unixStateOf} from './unix.js';
import {loadGroupNames, loadUserNames} from './users.js';
import {readFdTables} from './zombie-leader.js';

/**
 * st_mode of the file behind an fd (stat follows the /proc magic link, so a
 * deleted file or a device still answers); null when it cannot be read.
 * read.ts has no stat, and this is the only caller.
 */
function fdMode(path: string): number | null {
	try {
		return fs.statSync(path).mode;
	} catch {
		return null;
	}
}

/** Root sees every process, and may enter other network namespaces (nsenter). */
export const isRoot = () => process.getuid?.() === 0;

/** True when a network namespace (`theirs`, null: not known) is known and not ours. */
const isElsewhere = (theirs: number | null): boolean => theirs !== null && theirs !== inodeOfLink('/proc/self/ns/net');

/** What would let the user see the fds, for a process whose fd directory said EACCES. */
export function deniedSentence(info: ProcessInfo, amRoot: boolean): string {
	// A zombie (no live thread): its fds are closed, and /proc gives its fd directory to root alone (empty).
	if (info.state?.startsWith('Z') === true) {
		return `PID ${info.pid} has exited: it is a zombie its parent has not reaped, so its files and sockets are closed (its fd list is denied even to its owner; root finds it empty).`;
	}

	if (amRoot) {
		return (
			`Permission denied reading the open files of PID ${info.pid} even as root: it likely runs in another ` +
			'user namespace (a container), has made itself non-dumpable, or is shielded by ptrace rules (Yama, AppArmor). ' +
			'Run socktop inside that container, or on the host as root.'
		);
	}

	// A root process: "as root (sudo) or as root" would say one thing twice.
	const asOwner = info.uid === 0 ? '' : ` or as ${info.user}`;
	return `Permission denied reading the open files of PID ${info.pid} (user ${info.user}): run socktop as root (sudo)${asOwner} to see its files and sockets.`;
}

/**
 * Everything the PID view shows about `pid`. Never throws for a vanished or foreign process. A
 * read its exit overlapped is not given (exiting.ts): the read after it, of the process exited.
 * `memory`: the collector's answers from inside network namespaces, kept across its reads.
 */
export const readProcessDetail = async (pid: number, memory: DetailMemory = {}): Promise<ProcessDetail> => readWhole(pid, async each => readDetail(each, memory));

/** The collector's answers of ip (readIpv4Interfaces) and of another namespace's port range (readPortRangeIn). */
export type DetailMemory = {readonly ipv4?: Ipv4Memory; readonly portRanges?: PortRangeMemory};

/** One read of `pid`, which its exit may tear (readProcessDetail gives none such). */
async function readDetail(pid: number, {ipv4, portRanges}: DetailMemory): Promise<ProcessDetail> {
	const time = Date.now();
	const [userName, groupName] = await Promise.all([loadUserNames(), loadGroupNames()]);
	// The fd tables first: a zombie leader's fds are its live threads' (zombie-leader.ts), and its
	// own /proc entries for them are gone, so the first table's thread reads its facts (cmdline,
	// cwd, ...), and its id (`via`) its tables and its namespace.
	const fdTables = readFdTables(String(pid));
	const task = isFailure(fdTables) ? null : fdTables[0].task;
	const info = readProcessInfo(pid, userName, task);
	if (info === null || (isFailure(fdTables) && fdTables.kind === 'gone')) {
		return goneDetail(pid);
	}

	if (isFailure(fdTables)) {
		return {time, pid, process: info, fds: [], fdCount: null, denied: deniedSentence(info, isRoot())};
	}

	const via = task === null ? pid : Number(task);
	const slicer = createSlicer();
	// `access`: O_ACCMODE from the fdinfo of the thread whose table listed the fd (FdTable.task); a pipe's peer match takes it (PeerQuery.access).
	type Entry = {fd: number; link: string; type: FileDescriptor['type']; inode: number | null; access: number | null; mode: FdMode | undefined};
	const entries: Entry[] = [];
	// A second table (a thread made without CLONE_FILES) adds the fd numbers the first has not: the view lists each fd once.
	const listed = new Set<number>();
	let unreadable = 0;
	for (const {task: holder, directory, fds} of fdTables) {
		for (const name of fds.map(Number).sort((a, b) => a - b)) {
			if (listed.has(name)) continue;
			listed.add(name);
			const link = readLink(directory + name);
			if (isFailure(link)) {
				// Closed since the listing ('gone'), or denied per fd (rare: LSM rules).
				if (link.kind !== 'gone') unreadable++;
				continue;
			}

			const kind = classifyFdLink(link, link.startsWith('/') ? fdMode(directory + name) : null);
			// How it was opened (lsof's 3u): one more small read per fd, but none for a socket, whose file the
			// kernel always opens read-write (sock_alloc_file), so a proxy's thousands of connections cost nothing.
			const access = kind.type === 'socket' ? null : readAccess(pid, name, holder);
			entries.push({fd: name, link, ...kind, access, mode: kind.type === 'socket' ? 'u' : fdModeOf(access)});
			if (slicer.isDue()) await slicer.pause();
		}
	}

	if (fdTables.length > 1) entries.sort((a, b) => a.fd - b.fd);
	const fdCount = listed.size;
	const hasSockets = entries.some(entry => entry.type === 'socket');
	// The tables of the process's own namespace: /proc/PID/net, not ours.
	const tables = hasSockets ? await readSocketTables(via, slicer) : {sockets: [], malformedLines: 0, unreadableTables: []};
	const byInode = new Map<number, RawSocket>(tables.sockets.map(socket => [socket.inode, socket]));

	const queries: PeerQuery[] = [];
	for (const entry of entries) {
		if (entry.type === 'pipe') {
			queries.push({fd: entry.fd, link: entry.link, socket: null, access: entry.access});
		} else if (entry.type === 'socket' && entry.inode !== null) {
			const socket = byInode.get(entry.inode);
			if (socket !== undefined) queries.push({fd: entry.fd, link: entry.link, socket});
		}
	}

	const needsSs = queries.some(query => query.socket !== null && isUnixProto(query.socket.proto));
	// ss answers for its own namespace: for a process in another one (a container), root runs it there,
	// and reads that namespace's ephemeral range too, which the ports there are explained with.
	const ownNamespace = inodeOfLink(`/proc/${via}/ns/net`);
	const isInOtherNamespace = isElsewhere(ownNamespace);
	const isInOther = isInOtherNamespace && isRoot();
	// When ss answers for the process's namespace it lists the listeners too (ss -xaH: their accept queues, whole
	// names) and, from ss -xlHe beside it, each listener's file (pathGoneOf) and the clients waiting in its accept queue.
	const withFiles = isInOther || !isInOtherNamespace;
	// A TCP listener's backlog (and IPv6-only flag, as an IPv6 UDP server's), its own or the one its connection requests ask, from ss -tulnHe.
	const ownSockets = queries.flatMap(query => query.socket ?? []);
	// And the listener each of its connection requests (SYN_SENT) asks, for that and to tell a full one (resolveFdPeers).
	const synAsked = withFiles ? synListeners(ownSockets, tables.sockets) : new Map<number, RawSocket>();
	const inetListeners = withFiles ? wantedListeners(ownSockets, synAsked) : [];
	const [ssText, rangeText, inetFacts, ipv4Interfaces] = await Promise.all([
		!needsSs ? null : isInOther ? runSsUnixIn(via, withFiles) : runSsUnix(withFiles),
		isInOther && tables.sockets.length > 0 ? readPortRangeIn(via, ownNamespace, {memory: portRanges}) : null,
		inetListeners.length > 0 ? readListenerFacts(via, isInOther, inetListeners) : null,
		readIpv4Interfaces(queries, isInOther ? via : isInOtherNamespace ? undefined : null, {memory: ipv4, namespace: ownNamespace}),
	]);
	// Unix peers go unnamed without ss (or, for a process in another namespace, without nsenter), or when ss timed out or printed too much: the view says why.
	const missingTool = ssText !== null || !needsSs ? null : peerToolLine(isInOther ? via : null);
	// One pass over each of ss's answers gives the peers and the listeners' files.
	const ss = ssText === null ? null : parseSsAnswer(ssText);
	// And what a long accept queue kept ss from telling of the listeners (ss-cut.ts), and why it told no IPv6-only flag of one on ::.
	const v6OnlyLine = inetListeners.length === 0 ? null : v6OnlyTroubleLine(ownSockets, inetFacts, isInOther ? via : null);
	const missingTools = [missingTool, cutListenersLine(ss, isInOther), v6OnlyLine].filter(line => line !== null);
	const boundFiles = ss?.files ?? new Map<number, number>();
	const ephemeral = rangeText === null ? null : parsePortRange(rangeText);
	// Sockets the inet and unix tables do not list: netlink and packet ones have tables of their own.
	const isUnlisted = (entry: (typeof entries)[number]) => entry.type === 'socket' && entry.inode !== null && !byInode.has(entry.inode);
	const others = entries.some(entry => isUnlisted(entry)) ? readOtherSockets(via, !isInOtherNamespace) : new Map<number, OtherSocket>();
	// Still unlisted: maybe a socket of another namespace (made before a setns(), or handed over), which its tables list.
	const stillUnlisted = entries.flatMap(entry => (isUnlisted(entry) && !others.has(entry.inode!) ? [entry.inode!] : []));
	const foreign = stillUnlisted.length === 0 ? new Map<number, ForeignSocket>() : await findForeignSockets(stillUnlisted, ownNamespace, slicer);
	// Their unix peers, asked of ss in their own namespace (a connection accepted from a client of another is in the client's); their holders are found in the one walk below.
	const foreignFds = entries.flatMap(({fd, link, inode}) => (inode !== null && foreign.has(inode) ? [{fd, link, socket: foreign.get(inode)!}] : []));
	const foreignUnixPeers = await askForeignUnixPeers(foreignFds, isRoot());
	// The NETNS column's label; not known when the namespace link cannot be read.
	const context = readNamespaceContext();
	const netns = ownNamespace === null ? null : labelNamespace(ownNamespace, context, via);
	// socktop's own, where the process is in another: a client there picked its port from the range socktop reads.
	const viewerNetns = isInOtherNamespace && context.selfInode !== null ? labelNamespace(context.selfInode, context) : null;
	// Other ends in other namespaces, and the listeners of those its sockets of another one are in (cross-peers.ts).
	const across = await acrossNamespaces({inode: ownNamespace, label: netns ?? '', sockets: tables.sockets}, queries, entries, foreign, slicer);
	// Connections not accepted yet are peered with the listener's holders; without root, an other end no process read holds is another user's.
	const {peers, unixPeerInodes, coHolders, unixFields, awaiting, unheldPeers, portSharers, fullListeners, halfOpen, ownWaits} = await resolveFdPeers(pid, queries, tables.sockets, byInode, ss, slicer, isRoot(), inetFacts, synAsked, {...across, unixPeers: foreignUnixPeers});
	// Names unix listeners hold: a connected socket with one of them was accepted there (acceptedOf).
	const listenedNames = new Set(tables.sockets.filter(socket => isUnixProto(socket.proto) && socket.state === 'LISTEN' && socket.path !== null).map(socket => socket.path));
	// The bytes of names that are not UTF-8: /proc/PID/net/unix read at most once for all of the process's listeners.
	let rawPaths: ReadonlyMap<number, Buffer> | undefined;
	const rawPathsOnce = (pid: number) => (rawPaths ??= readRawUnixPaths(pid));
	// The interfaces of the namespace's IPv6 addresses, read at most once, for its sockets on a link-local address (IPv4's: ipv4Interfaces).
	let addressInterfaces: ReadonlyMap<string, readonly string[]> | undefined;
	const addressInterfacesOnce = () => (addressInterfaces ??= readIfInet6(via));
	// The namespace's interfaces that are up, read at most once, for its sockets on a loopback address or on every address.
	let upInterfaces: ReadonlySet<string> | null | undefined;
	const upOnce = () => (upInterfaces === undefined ? (upInterfaces = readUpInterfaces(via)) : upInterfaces);
	const isLoopbackDown = (socket: Socket | null) => socket !== null && socket.localAddress !== null && isLoopback(socket.localAddress) && isLoopbackDownIn(upOnce()) === true;
	const fds = entries.map((entry): FileDescriptor => {
		const own = entry.inode === null || entry.type !== 'socket' ? undefined : byInode.get(entry.inode);
		const elsewhere = own === undefined && entry.inode !== null ? foreign.get(entry.inode) : undefined;
		const other = own === undefined && entry.inode !== null && entry.type === 'socket' ? others.get(entry.inode) : undefined;
		const built =
			own !== undefined
				? toSocket(own, info, entry.fd, unixPeerInodes, byInode, netns, unixFields.get(own.inode), awaiting.has(entry.fd), inetFacts)
				: elsewhere === undefined
					? null
					: toSocket(elsewhere.raw, info, entry.fd, foreignUnixPeers, new Map(), elsewhere.netns);
		// A socket of another namespace (elsewhere) is not on this one's interfaces.
		const link = own === undefined ? {} : linkInterfaceOf(built, addressInterfacesOnce, ipv4Interfaces);
		// An IPv6 one's is written in its TARGET as ss writes it, `[fe80::1]%eth0:547` (Socket.linkInterface).
		const socket = built !== null && link.linkInterface !== undefined && isLinkLocalIpv6(built.localAddress!) ? {...built, ...link} : built;
		return {
			fd: entry.fd,
			...(entry.mode === undefined ? {} : {mode: entry.mode}),
			type: entry.type,
			target: entry.link,
			socket,
			...peerFields(peers.get(entry.fd) ?? [], pid),
			...(coHolders.has(entry.fd) ? {coHolders: coHolders.get(entry.fd)!} : {}),
			...(portSharers.has(entry.fd) ? {portSharers: portSharers.get(entry.fd)!} : {}),
			...hiddenPeerOf(unheldPeers, entry.fd, userName),
			...(other === undefined ? {} : {other}),
			...(awaiting.has(entry.fd) ? {isAwaitingAccept: true} : {}),
			...(fullListeners.has(entry.fd) ? {fullListener: fullListeners.get(entry.fd)!} : {}),
			...(halfOpen.has(entry.fd) ? {halfOpen: halfOpen.get(entry.fd)!} : {}),
			...(ownWaits.has(entry.fd) ? {waitsToAccept: ownWaits.get(entry.fd)!} : {}),
			...acceptedOf(socket, listenedNames),
			...pathGoneOf(via, socket, boundFiles, withFiles ? ss?.names : undefined, rawPathsOnce, {user: userName, group: groupName}),
			...link,
			...(own !== undefined && isLoopbackDown(socket) ? {isLoopbackDown: true} : {}),
			...(own === undefined ? {} : interfacesUpField(socket, upOnce)),
		};
	});

	const denied =
		unreadable === 0
			? null
			: entries.length === 0
				? deniedSentence(info, isRoot())
				: `${unreadable} of PID ${pid}'s ${fdCount} fds could not be read (permission denied); run socktop as root to see them.`;
	const listening = [...listeningKeys(tables.sockets)];
	return {time, pid, process: info, netns, fds: markSameSockets(fds), fdCount, listening, ...(across.listeningElsewhere.size === 0 ? {} : {listeningElsewhere: across.listeningElsewhere}), denied, ...(missingTools.length === 0 ? {} : {missingTools}), ...(ephemeral === null ? {} : {ephemeral}), ...(viewerNetns === null ? {} : {viewerNetns})};
}

function toSocket(
	raw: RawSocket,
	info: ProcessInfo,
	fd: number,
	unixPeerInodes: ReadonlyMap<number, number>,
	byInode: ReadonlyMap<number, RawSocket>,
	netns: string | null,
	fields: UnixSsFields = noSsFields,
	isAwaiting = false,
	inetFacts: ListenerFacts | null = null,
): Socket {
	// 0 from ss: no peer, or (queueOf) a peer not accepted yet, which has no inode.
	const ssPeer = unixPeerInodes.get(raw.inode);
	// /proc/net/unix has no queues: ss's (`fields`: resolveFdPeers'), where it listed the socket (a listener only with -a, so not always).
	const isUnix = isUnixProto(raw.proto);
	const listener = fields.queueOf;
	const peerInode = raw.peerInode ?? (ssPeer === undefined || ssPeer === 0 ? null : ssPeer);
	const peerPath = raw.peerPath ?? listener?.path ?? (peerInode === null ? null : (byInode.get(peerInode)?.path ?? null));
	return {
		...raw,
		...(isUnix ? {rxQueue: fields.rxQueue, txQueue: fields.txQueue} : {}),
		...listenerFacts(raw, fields, inetFacts),
		state: unixStateOf(raw.proto, raw.state, ssPeer === 0),
		peerInode,
		peerPath,
		user: info.user,
		command: info.command,
		pid: info.pid,
		fd,
		// The namespace whose tables list it: the process's own, or another (findForeignSockets).
		netns,
		...(isAwaiting ? {isAwaitingAccept: true} : {}),
	};
}
