/**
 * Whether a unix listener's socket file is still at the path it was bound to. /proc/net/unix
 * keeps printing the path after the file is removed (a cleaned /tmp, a second instance's
 * cleanup), and ss and lsof print it as they would any other, but connect() no longer reaches
 * it: "No such file or directory" (ENOENT) where no file is there, "Connection refused" where
 * another file that is no listener took its place. Looked up under the root of a holder, so a process in a
 * container, or with systemd's PrivateTmp, is answered in its own filesystem.
 *
 * A false "(deleted)" is worse than none, so anything that is not a clean answer is unknown:
 * - /proc/PID/root/var/run would follow the link /run (Debian's /var/run -> /run) on OUR
 *   root, not the container's, so the path is resolved one component at a time, each absolute
 *   link target re-anchored under the holder's root (resolveUnder);
 * - a zombie leader's /proc/PID/root is gone with its main thread: a live thread's root is used;
 * - an unreadable root or component (EACCES, ELOOP) is unknown, never gone.
 */
import fs from 'node:fs';
import type {Socket} from '../../model/types.js';
import {isUnixConnected, isUnixProto} from '../../model/types.js';
import type {NamespaceKey} from './netns.js';
import {readRawUnixPaths} from './raw-path.js';
import {isSameUnixName, mayHoldEscapedBytes} from './unix-name.js';
import {readZombieLeader} from './zombie-leader.js';

/** As the kernel's MAXSYMLINKS: a deeper chain fails connect() with ELOOP, which is not "gone". */
const MAX_LINKS = 40;
const SLASH = 0x2f;

/** A path's components, as bytes (a name need not be UTF-8). */
function componentsOf(path: Buffer): Buffer[] {
	const parts: Buffer[] = [];
	let start = 0;
	for (let index = 0; index <= path.length; index++) {
		if (index < path.length && path[index] !== SLASH) continue;
		if (index > start) parts.push(path.subarray(start, index));
		start = index + 1;
	}

	return parts;
}

const isDot = (name: Buffer) => name.length === 1 && name[0] === 0x2e;
const isDotDot = (name: Buffer) => name.length === 2 && name[0] === 0x2e && name[1] === 0x2e;

/**
 * What one markGonePaths call has looked up, so that its next lookups under the same root skip
 * it: each process's root (rootOf), and each directory resolved under a root (by the root and the
 * directory's bytes as given). 3000 listeners in one directory 6 deep cost one lstat and a readlink
 * each, where every component and the root were looked up again for each.
 */
export type Lookups = {
	readonly roots: Map<number, Root | null>;
	readonly directories: Map<string, Walked>;
};

const createLookups = (): Lookups => ({roots: new Map(), directories: new Map()});

/** Where a walk got: the components resolved so far, the last one's lstat, the links followed. */
type Walked = {readonly resolved: Buffer[]; readonly found: fs.Stats | undefined; readonly links: number} | 'missing' | undefined;

/**
 * The file at `path` as a process whose root is `root` (a /proc magic link) would find it:
 * its lstat, 'missing' when a component is not there (ENOENT, or ENOTDIR: a file where a
 * directory should be) after every component before it resolved, undefined when that cannot
 * be told (EACCES, a link loop, anything else). Symbolic links are followed as connect()
 * follows them, absolute targets from `root`, and '..' never climbs above it. `lookups` keeps
 * the directories resolved, for the next path in the same one.
 */
export function resolveUnder(root: string, path: Buffer, lookups?: Lookups): fs.Stats | 'missing' | undefined {
	const components = componentsOf(path);
	const last = components.at(-1);
	if (lookups === undefined || last === undefined || isDot(last) || isDotDot(last)) {
		const walked = walk(root, {resolved: [], found: undefined, links: 0}, components.reverse());
		return typeof walked === 'object' ? walked.found : walked;
	}

	const directory = components.slice(0, -1);
	const key = `${root}\0${Buffer.concat(directory.flatMap(each => [Buffer.of(SLASH), each])).toString('latin1')}`;
	let start = lookups.directories.get(key);
	if (!lookups.directories.has(key)) {
		start = walk(root, {resolved: [], found: undefined, links: 0}, directory.reverse(), true);
		lookups.directories.set(key, start);
	}

	if (typeof start !== 'object') return start;
	const walked = walk(root, start, [last]);
	return typeof walked === 'object' ? walked.found : walked;
}

/** Resolve the components of `pending` (a stack: next last) on from `from`; `isDirectory`: the end must be a directory. */
function walk(root: string, from: Exclude<Walked, 'missing' | undefined>, pending: Buffer[], isDirectory = false): Walked {
	let {resolved, found, links} = from;
	while (pending.length > 0) {
		const name = pending.pop()!;
		if (isDot(name)) continue;
		if (isDotDot(name)) {
			resolved = resolved.slice(0, -1);
			continue;
		}

		const candidate = [...resolved, name];
		const at = Buffer.concat([Buffer.from(root), ...candidate.flatMap(each => [Buffer.of(SLASH), each])]);
		let file: fs.Stats | undefined;
		try {
			file = fs.lstatSync(at, {throwIfNoEntry: false});
		} catch {
			return undefined;
		}

		if (file === undefined) return 'missing';
		if (file.isSymbolicLink()) {
			if (++links > MAX_LINKS) return undefined;
			let target: Buffer;
			try {
				target = fs.readlinkSync(at, {encoding: 'buffer'});
			} catch {
				return undefined;
			}

			if (target[0] === SLASH) resolved = [];
			pending.push(...componentsOf(target).reverse());
			continue;
		}

		if ((pending.length > 0 || isDirectory) && !file.isDirectory()) return 'missing';
		resolved = candidate;
		found = file;
	}

	return {resolved, found, links};
}

/**
 * The root `pid` sees the filesystem from, as a /proc path: /proc/PID/root, or a live thread's
 * for a zombie leader (whose own went with its main thread); null when neither can be read
 * (another user's process without root, a process gone). `lookups` keeps it for the call.
 */
function rootOf(pid: number, lookups?: Lookups): string | null {
	return readRoot(pid, lookups)?.path ?? null;
}

/** A process's root: the /proc link to look under, and where it points (its chroot, as viewOf tells views apart). */
type Root = {readonly path: string; readonly target: string};

/** rootOf's root with its link's target, each link read once per call of markGonePaths (`lookups`). */
function readRoot(pid: number, lookups?: Lookups): Root | null {
	if (lookups?.roots.has(pid) === true) return lookups.roots.get(pid)!;
	const root = readRootLink(`/proc/${pid}/root`) ?? readZombieRoot(pid);
	lookups?.roots.set(pid, root);
	return root;
}

/** A live thread's root, for a zombie leader; null for any other process. */
function readZombieRoot(pid: number): Root | null {
	const threads = readZombieLeader(String(pid));
	return threads === null ? null : readRootLink(`/proc/${pid}/task/${threads[0].task}/root`);
}

function readRootLink(path: string): Root | null {
	try {
		return {path, target: fs.readlinkSync(path)};
	} catch {
		return null;
	}
}

/**
 * true when the file at `path` (as `pid` sees the filesystem) is not the listener's: missing,
 * not a socket, or a socket other than `boundFile` (its inode, from ss -xlHe; unknown, any socket
 * file counts as its own); undefined when that cannot be told (an unreadable root or directory).
 * `path` is the name's bytes when they are known (a name that is not UTF-8 has its bytes written \xNN in its text).
 */
export function isPathGone(pid: number, path: string | Buffer, boundFile?: number, lookups?: Lookups): boolean | undefined {
	const file = socketFileAt(pid, path, boundFile, lookups);
	return file === undefined ? undefined : file === 'gone';
}

/** The listener's own socket file at `path`, as isPathGone finds it (its lstat: mode and owner); 'gone' where that is true. */
export function socketFileAt(pid: number, path: string | Buffer, boundFile?: number, lookups?: Lookups): fs.Stats | 'gone' | undefined {
	const root = rootOf(pid, lookups);
	if (root === null) return undefined;
	const file = resolveUnder(root, typeof path === 'string' ? Buffer.from(path) : path, lookups);
	if (file === undefined) return undefined;
	return file === 'missing' || !file.isSocket() || (boundFile !== undefined && boundFile !== file.ino) ? 'gone' : file;
}

/**
 * A listener whose file may be looked at: bound to an absolute path (a relative one was resolved
 * against a working directory that may have moved since) and held by a process whose root we can
 * look under. A bound unix dgram socket without a peer is one too: senders reach it by its path
 * (sendto() finds no file once it is gone: ENOENT, as /dev/log after syslog's restart).
 */
export const isPathListener = (socket: Socket): socket is Socket & {readonly path: string; readonly pid: number} =>
	(socket.state === 'LISTEN' || (socket.proto === 'dgram' && !isUnixConnected(socket))) &&
	socket.path !== null &&
	socket.path.startsWith('/') &&
	socket.pid !== null &&
	isUnixProto(socket.proto);

/**
 * The name to look up for a listener: its text, or, where decoding lost bytes, its bytes as
 * `rawPaths(pid)` gives them (readRawUnixPaths); undefined when they cannot be had, or when ss
 * listed the listeners (`ssNames`, SsUnix.names) and did not print this name whole, as /proc did
 * (a name with a newline, whose /proc line may be cut: forged.ts). One rule for the table
 * (markGonePaths) and the PID view.
 */
export function lookupName(
	socket: Pick<Socket, 'path' | 'inode'> & {readonly path: string},
	pid: number,
	rawPaths: (pid: number) => ReadonlyMap<number, Buffer> = readRawUnixPaths,
	ssNames?: ReadonlyMap<number, string>,
): string | Buffer | undefined {
	if (ssNames !== undefined && !isSameUnixName(ssNames.get(socket.inode ?? 0), socket.path)) return undefined;
	// A name whose text may not be its bytes (or holds a literal `\x`, which costs one read more).
	if (!mayHoldEscapedBytes(socket.path)) return socket.path;
	return socket.inode === null ? undefined : rawPaths(pid).get(socket.inode);
}

/**
 * Which filesystem `pid` sees: its mount namespace and its root within it (a chroot). Two
 * processes that agree on both find the same file at a path; null when unreadable. The root is
 * readRoot's, kept in `lookups` for the lookup under it.
 */
function viewOf(pid: number, lookups: Lookups): string | null {
	let namespace: string;
	try {
		namespace = fs.readlinkSync(`/proc/${pid}/ns/mnt`);
	} catch {
		return null;
	}

	const root = readRoot(pid, lookups);
	return root === null ? null : `${namespace} ${root.target}`;
}

/**
 * The table's sockets with `isPathGone: true` on each unix listener whose file is gone. One
 * lookup per distinct path in each filesystem view (mount namespace and root: a forked server's
 * workers share one; a container's /run/app.sock is another file than the host's, and so is the
 * same path in a second mount namespace of one network namespace), so a refresh costs as many
 * lookups as there are listening paths, not rows, and two readlinks per holding process (its
 * mount namespace and its root, which the lookup under it reuses). `sockets` is changed in
 * place: the caller built it.
 */
export type MarkOptions = {
	/**
	 * The names ss printed whole (SsUnix.names), by network namespace (namespaceAt), where ss ran. There a
	 * listener is looked at only when ss printed its name as /proc/net/unix did: a name with a
	 * newline is cut at it in /proc/net/unix when the next line forges an entry (forged.ts), and
	 * the cut name is another file. Where ss did not run, /proc's name is taken as it is.
	 */
	readonly ssNames?: ReadonlyMap<NamespaceKey, ReadonlyMap<number, string>>;
	/**
	 * Each listener's bound file (SsUnix.files: its socket's inode -> the inode of the file it was bound to),
	 * by network namespace, where ss -xlHe answered: another socket's file at its path (a second listener
	 * that unlinked the path and bound it again, or a throwaway bind) is then not taken for its own.
	 */
	readonly ssFiles?: ReadonlyMap<NamespaceKey, ReadonlyMap<number, number>>;
	/** The network namespace of `sockets[index]`: its inode where the caller knows it, else its label (socket.netns). */
	readonly namespaceAt?: (index: number) => NamespaceKey;
	readonly isGone?: typeof isPathGone;
	readonly viewKey?: (pid: number, lookups: Lookups) => string | null;
	/**
	 * The bytes of names that are not UTF-8, by network namespace (namespaceAt), kept from one call to the
	 * next (a live view's refreshes): /proc/PID/net/unix is read again only for an inode not in it.
	 * Re-reading it on every refresh for one such listener cost 23-63 ms at 19,000 unix sockets.
	 */
	readonly rawNames?: RawNames;
};

/** See MarkOptions.rawNames. */
export type RawNames = Map<NamespaceKey, ReadonlyMap<number, Buffer>>;

export function markGonePaths(sockets: Socket[], {ssNames, ssFiles, namespaceAt, isGone = isPathGone, viewKey = viewOf, rawNames = new Map()}: MarkOptions = {}): void {
	const answers = new Map<string, boolean | undefined>();
	// A name that is not UTF-8 is read again as bytes: from rawNames where its inode was seen before (a
	// socket's name never changes), else from /proc/PID/net/unix, once per network namespace per call.
	const isRead = new Set<NamespaceKey>();
	const rawPathsIn = (netns: NamespaceKey, pid: number, inode: number | null) => {
		const known = rawNames.get(netns);
		if (known !== undefined && (isRead.has(netns) || (inode !== null && known.has(inode)))) return known;
		const paths = readRawUnixPaths(pid);
		rawNames.set(netns, paths);
		isRead.add(netns);
		return paths;
	};

	const views = new Map<number, string | null>();
	const lookups = createLookups();
	for (let index = 0; index < sockets.length; index++) {
		const socket = sockets[index]!;
		if (!isPathListener(socket)) continue;
		let view = views.get(socket.pid);
		if (view === undefined) {
			view = viewKey(socket.pid, lookups);
			views.set(socket.pid, view);
		}

		const netns = namespaceAt?.(index) ?? socket.netns ?? '';
		const name = lookupName(socket, socket.pid, pid => rawPathsIn(netns, pid, socket.inode), ssNames?.get(netns));
		if (name === undefined) continue;
		const boundFile = socket.inode === null ? undefined : ssFiles?.get(netns)?.get(socket.inode);
		// An unreadable view is asked per holder: no other holder's answer stands for it. Bytes as latin1: two names that read alike differ.
		// Per bound file too: at one path, the listener that bound it last has its file, one before it has none.
		const key = `${view ?? `pid ${socket.pid}`}\0${boundFile ?? ''}\0${typeof name === 'string' ? name : `\0bytes ${name.toString('latin1')}`}`;
		let gone = answers.get(key);
		if (!answers.has(key)) {
			gone = isGone(socket.pid, name, boundFile, lookups);
			answers.set(key, gone);
		}

		if (gone === true) sockets[index] = {...socket, isPathGone: true};
	}
}
