/**
 * The Linux backend: sockets from /proc/net/*, owners from /proc/<pid>/fd.
 * Works without root; what it cannot see is counted in `skipped`.
 */
import os from 'node:os';
import process from 'node:process';
import type {Collector} from '../collector.js';
import type {Snapshot, Socket} from '../../model/types.js';
import {ALL_NAMESPACES} from '../../model/netns.js';
import {describeDenied} from './denied.js';
import {startProcessWalk} from './fds.js';
import {readProcHidden} from './hidepid.js';
import {linkInterfacesIn} from './if-inet6.js';
import {countHiddenNamespaces, labelNamespace, type NamespaceKey, namespaceKey, type NamespaceTables, readNamespaceContext, readOtherNamespaces} from './netns.js';
import {releaseHelper} from './fd-worker.js';
import {searchNamespaces} from './netns-search.js';
import {runSsUnix} from './ss-run.js';
import {isRoot, readProcessDetail} from './process.js';
import {createIpv4Memory} from './ipv4-interfaces.js';
import {createPortRangeMemory} from './port-range-in.js';
import {createSlicer} from './slice.js';
import {markGonePaths, type RawNames} from './path-gone.js';
import {createSsMemory, hasPeersToAsk, parsedSs, refreshedSs, ssElsewhere, type SsMemory} from './ss-answers.js';
import {dropForgedAfterAsking, dropForgedUnix} from './forged.js';
import {type Peer, unixByInode, unixPeers, withOwner} from './rows.js';
import {unixSsFields} from './unix-ss-fields.js';
import {readSocketTables} from './tables.js';
import type {Holder} from './tally.js';
import {peerToolLine, toolShortForms} from './tools.js';
import {cutListenersLine} from './ss-cut.js';
import {readThreadOwner} from './thread.js';
import {askListenerFacts, askV6OnlyFlags, fillListenerFacts, type V6OnlyMemory, v6OnlyTroubleLine} from './listener-facts.js';
import {loadUserNames} from './users.js';
import {createWalkMemory, planWalk, settleRecall, unheldInodes, type WalkMemory} from './walk-memory.js';
import {readProcessIdentity, sendSignal} from '../signal.js';
import {checkSignal} from '../signal-access.js';
import {acceptWaiters} from './accept-waiters.js';

export type LinuxScanOptions = {
	/** Walk /proc/<pid>/fd on a helper thread too; default: when the walk is long and a core is idle (see isWorthAHelper). */
	readonly isParallel?: boolean;
	/** What earlier snapshots of the same collector read, so this one reads less (see WalkMemory). */
	readonly memory?: WalkMemory;
	/** The last answer of ss and its parse (parsedSs). */
	readonly ss?: SsMemory;
	/** The same for each other network namespace present, by inode (root only: ss runs there through nsenter). */
	readonly ssElsewhere?: Map<NamespaceKey, SsMemory>;
	/** The bytes of unix names that are not UTF-8, kept across refreshes (markGonePaths). */
	readonly rawNames?: RawNames;
	/** Each TCP listener's backlog and IPv6-only flag (and an IPv6 UDP server's flag), from ss -tulnHe in each namespace (SnapshotRequest). */
	readonly withListenerFacts?: boolean;
	/** Otherwise the IPv6-only flags of the listeners on :: alone, from each namespace's last ask while it stands (askV6OnlyFlags). */
	readonly v6Only?: V6OnlyMemory;
	/** The one namespace whose rows will be shown (SnapshotRequest.netns): ss is asked there alone; default all. */
	readonly netns?: string;
};

/**
 * The /proc collector: snapshot() for the table, process(pid) for the PID view.
 * Its snapshots share a WalkMemory: the live view's refreshes read only the
 * fd links that changed; its PID views share the answers of ip and cat in other namespaces (DetailMemory).
 */
export function createLinuxCollector(): Collector {
	const memory = createWalkMemory();
	const ss = createSsMemory();
	const ssElsewhere = new Map<NamespaceKey, SsMemory>();
	const rawNames: RawNames = new Map();
	const v6Only: V6OnlyMemory = new Map();
	const namespaceAnswers = {ipv4: createIpv4Memory(), portRanges: createPortRangeMemory()};
	return {
		name: 'proc',
		// Live processes of this machine: the kill dialog may signal them.
		identify: readProcessIdentity,
		signal: sendSignal,
		checkSignal,
		snapshot: async request => readLinuxSnapshot({memory, ss, ssElsewhere, rawNames, v6Only, withListenerFacts: request?.withListenerFacts, netns: request?.netns}),
		process: async (pid: number) => readProcessDetail(pid, namespaceAnswers),
		threadOwner: async (id: number) => readThreadOwner(id),
		acceptWaiters: async (pids, inode) => acceptWaiters(pids, inode),
		findNamespace: async (label: string) => searchNamespaces(label),
		ownNamespace() {
			const context = readNamespaceContext();
			return labelNamespace(context.selfInode, context);
		},
	};
}

/**
 * Every socket of every network namespace a visible process holds sockets
 * in, one row per (pid, fd) holding it, labelled with its namespace;
 * a socket nobody visible holds (another user's when not root, TIME_WAIT,
 * kernel sockets) is one row with `command`, `pid` and `fd` null and the user
 * from the socket's uid. Never throws for processes or tables it cannot read.
 */
export async function readLinuxSnapshot(options: LinuxScanOptions = {}): Promise<Snapshot> {
	const time = Date.now();
	const slicer = createSlicer();
	const userName = await loadUserNames();
	const {memory} = options;
	const plan = planWalk(memory, time);
	// The helper thread starts on the fd walk while this one reads the tables, then both finish the walk.
	// A socket opened meanwhile may be absent; one closed meanwhile may show no holder.
	const walking = startProcessWalk(slicer, {
		isParallel: options.isParallel,
		memory: plan === 'first' ? undefined : memory,
		isRecalled: plan === 'recall',
	});
	const context = readNamespaceContext();
	// ss is asked only in the namespaces whose rows will be shown (--netns): it enters no other.
	const isAsked = (label: string) => options.netns === undefined || options.netns === ALL_NAMESPACES || options.netns === label;
	const label = labelNamespace(context.selfInode, context);
	const isHereAsked = isAsked(label);
	// Unix peers are only told over netlink; ss speaks it, so ask it when it is installed: a first
	// scan asks in parallel with the tables, a refresh after them (ssOf below).
	const ssUnix = isHereAsked && (options.ss === undefined || plan === 'first') ? runSsUnix(true) : null;
	const tables = await readSocketTables('self', slicer, true);
	const here: NamespaceTables = {label, inode: context.selfInode, tables};
	// ss -tulnHe here while the walk runs, which it seldom outlasts: every listener's facts for --json, else the flags of those on :: (a refresh seldom asks).
	const askInet = async (space: NamespaceTables, pid: number | null) =>
		options.withListenerFacts === true
			? askListenerFacts(space.tables.sockets, pid)
			: askV6OnlyFlags(space.tables.sockets, pid, options.v6Only === undefined ? undefined : {memory: options.v6Only, key: namespaceKey(space)});
	// Where ss is not asked, the flags its last ask there told still stand (they are fixed once bound): `n` back to it shows them at once.
	const keptFlags = (space: NamespaceTables) => options.v6Only?.get(namespaceKey(space))?.flags ?? null;
	const inetHere = isHereAsked ? askInet(here, null) : keptFlags(here);
	let walk = await walking.finish();
	let others = await readOtherNamespaces(walk.namespaces, context, slicer);
	let spaces: NamespaceTables[] = [here, ...others.spaces];
	if (memory !== undefined) {
		memory.walks++;
		if (plan === 'first') {
			// Later walks with the memory run on this thread only: let the helper thread go.
			releaseHelper();
		} else {
			// Only a recalled walk compares with memory.unheld, and the walk after a first one reads every link.
			let unheld = plan === 'recall' ? settleRecall(walk, spaces, memory) : null;
			if (unheld === null) {
				if (plan === 'recall') {
					// A socket no one held before and no one holds now: maybe an fd that held a file before. Read every link.
					walk = await startProcessWalk(slicer, {memory}).finish();
					others = await readOtherNamespaces(walk.namespaces, context, slicer);
					spaces = [spaces[0]!, ...others.spaces];
				}

				unheld = unheldInodes(spaces, walk);
			}

			memory.unheld = unheld;
		}
	}

	// And in the other namespaces (as root, through nsenter) beside their unix ss runs below.
	const isEntered = (space: NamespaceTables): space is NamespaceTables & {readonly pid: number} => isRoot() && space.pid !== undefined && isAsked(space.label);
	const inetFacts = Promise.all([inetHere, ...others.spaces.map(async space => (isEntered(space) ? askInet(space, space.pid) : keptFlags(space)))]);
	// ss's answer in each namespace, in the order of `spaces` (ours first); null where it did not run. ss
	// answers for its own namespace only: in the others (as root) it runs through nsenter, all at once.
	// Ours is asked on every refresh (or taken from the first scan's ask, ssUnix): the queues only ss
	// gives change with no unix socket opening or closing; its listeners' part only when the unix table
	// changed (ListenersMemory), and none of it while that table is the same and every queue was empty, for up to 10 s (IDLE_MS). Measured with the single ss -xaHe before
	// it became ss -xaH and ss -xlHe, at 19,800 unix sockets: ss ~30 ms wall, ~20 ms of its CPU and
	// ~8 ms of ours, the parse ~20 ms (skipped while the text is the same: parsedSs).
	const ssOf = await Promise.all([
		!isHereAsked ? null : ssUnix === null ? refreshedSs(options.ss, tables.unixText, async kept => runSsUnix(true, kept)) : ssUnix.then(text => parsedSs(text, options.ss)),
		...others.spaces.map(async space => (isEntered(space) ? ssElsewhere(space, options.ssElsewhere) : null)),
	]);
	// A name with a newline can forge an entry of /proc/net/unix: ss tells it (forged.ts). Ours may have
	// answered before the tables were read (ssUnix, on a first scan); the others' ran after them.
	ssOf[0] = await dropForgedAfterAsking(tables.sockets, ssOf[0] ?? null, ssUnix !== null, async () => parsedSs(await runSsUnix(true), options.ss));
	for (const [index, space] of others.spaces.entries()) dropForgedUnix(space.tables.sockets, ssOf[index + 1] ?? null);
	const unixOf = spaces.map(space => unixByInode(space.tables.sockets));
	const peersOf = spaces.map((_space, index) => unixPeers(unixOf[index]!, ssOf[index] ?? null));
	// The names ss printed whole, in each namespace it answered for: a listener's file is looked up only under one of them.
	const ssNames = new Map<NamespaceKey, ReadonlyMap<number, string>>();
	// And the file each listener was bound to (ss -xlHe), to tell it from another socket at its path.
	const ssFiles = new Map<NamespaceKey, ReadonlyMap<number, number>>();
	for (const [index, space] of spaces.entries()) {
		const ss = ssOf[index];
		if (ss === null || ss === undefined) continue;
		ssNames.set(namespaceKey(space), ss.names);
		ssFiles.set(namespaceKey(space), ss.files);
	}

	// What is kept across refreshes by namespace is kept only for those still here: containers come and go.
	const present = new Set(spaces.map(space => namespaceKey(space)));
	for (const kept of [options.ssElsewhere, options.rawNames, options.v6Only]) {
		if (kept === undefined) continue;
		for (const key of kept.keys()) if (!present.has(key)) kept.delete(key);
	}

	// The README promises one line naming each missing tool that leaves unix peers unnamed here, or saying why ss gave none.
	const missingTools = [
		...new Set([
			isHereAsked && ssOf[0] === null && tables.sockets.some(socket => socket.localAddress === null) ? peerToolLine(null) : null,
			...others.spaces.map((space, index) => (isEntered(space) && ssOf[index + 1] === null && hasPeersToAsk(space) ? peerToolLine(space.pid) : null)),
			// And what a long accept queue kept ss from telling of the listeners (ss-cut.ts).
			...ssOf.map((ss, index) => cutListenersLine(ss ?? null, index > 0)),
		]),
	].filter(line => line !== null);
	const sockets: Socket[] = [];
	// Where each namespace's rows start in `sockets`, for markGonePaths.
	const starts: number[] = [];
	// The clock is read once 256 more rows are made, not for each (~0.2 us a read, ~2 ms a scan at 10k): a slice overruns by
	// well under a millisecond. Rows, not table lines: a socket a thousand forked workers hold makes a thousand.
	let nextCheck = 256;
	for (const [index, {label, pid, tables: {sockets: raws}}] of spaces.entries()) {
		starts.push(sockets.length);
		// A link-local IPv6 address's interface, for `[fe80::1]%eth0` (ours: socktop's namespace).
		const linkInterfaceOf = linkInterfacesIn(pid ?? process.pid);
		const spacePeers = peersOf[index]!;
		const spaceUnix = unixOf[index]!;
		const spaceSs = ssOf[index] ?? null;
		for (const raw of raws) {
			const holder = raw.inode === 0 ? undefined : walk.holders.get(raw.inode);
			const isUnix = raw.localAddress === null;
			// /proc/net/unix has no queues: ss's, where it ran and listed the socket (not an embryo: inode 0).
			const fields = isUnix ? unixSsFields(raw, spaceSs, spaceUnix) : undefined;
			// ss gives a client waiting to be accepted peer 0 (its peer, the embryo, has no inode yet); the listener's -e line names it.
			const queue = fields?.queueOf;
			const peer: Peer | null | undefined = queue === undefined ? (isUnix ? spacePeers.get(raw.inode) : undefined) : {inode: null, path: queue.path, isAwaitingAccept: true};
			const rxQueue = fields === undefined ? raw.rxQueue : fields.rxQueue;
			const txQueue = fields === undefined ? raw.txQueue : fields.txQueue;
			// A unix listener's backlog is ss's too (its Send-Q); a TCP one's only where asked (inetFacts: listener-facts.ts says why).
			const backlog = fields?.backlog ?? undefined;
			const linkInterface = isUnix ? undefined : linkInterfaceOf(raw);
			if (holder === undefined) {
				sockets.push(withOwner(raw, raw.uid === null ? '?' : userName(raw.uid), null, peer, label, rxQueue, txQueue, backlog, linkInterface));
			} else {
				for (let each: Holder | null = holder; each !== null; each = each.next) {
					const uid = each.owner.uid ?? raw.uid;
					sockets.push(withOwner(raw, uid === null ? '?' : userName(uid), each, peer, label, rxQueue, txQueue, backlog, linkInterface));
				}
			}

			if (sockets.length >= nextCheck) {
				nextCheck = sockets.length + 256;
				if (slicer.isDue()) await slicer.pause();
			}
		}
	}

	// A listener whose file was removed still prints its path: mark it, one stat per path.
	const namespaceAt = (row: number) => namespaceKey(spaces[starts.findLastIndex(start => start <= row)]!);
	markGonePaths(sockets, {ssNames, ssFiles, namespaceAt, rawNames: options.rawNames});
	const inetAnswers = await inetFacts;
	fillListenerFacts(sockets, inetAnswers);
	// And why ss told no IPv6-only flag of a listener on :: where it was asked (it then reads tcp6).
	const v6OnlyLines = spaces.map((space, index) => (index === 0 ? isHereAsked : isEntered(space)) ? v6OnlyTroubleLine(space.tables.sockets, inetAnswers[index] ?? null, index === 0 ? null : space.pid!) : null);
	const toolLines = [...new Set([...missingTools, ...v6OnlyLines.filter(line => line !== null)])];
	// A kernel thread's fd directory is root's alone, and empty: it hides no socket, so it is not counted.
	const {pids: deniedPids, list: deniedProcessList} = describeDenied(walk.deniedPids, userName);
	const deniedNamespaces = others.deniedNamespaces + countHiddenNamespaces(deniedPids, walk.namespaces);
	return {
		time,
		hostname: os.hostname(),
		backend: 'proc',
		sockets,
		namespacesRead: spaces.map(space => space.label),
		skipped: {
			deniedProcesses: deniedPids.length,
			deniedProcessList,
			vanishedProcesses: walk.vanishedProcesses,
			malformedLines: spaces.reduce((sum, space) => sum + space.tables.malformedLines, 0),
			unreadableTables: [
				...spaces.flatMap(space => space.tables.unreadableTables),
				...toolLines,
			],
			tableShortForms: toolShortForms(toolLines),
			deniedNamespaces,
			procHidden: readProcHidden(),
			// Only when root was refused something: otherwise there is nothing to say.
			deniedAsRoot: process.geteuid?.() === 0 && (deniedPids.length > 0 || deniedNamespaces > 0),
		},
	};
}
