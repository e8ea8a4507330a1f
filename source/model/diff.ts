import {socketInode, type Snapshot, type Socket} from './types.js';

/**
 * How a row changed since the previous refresh: `new` sockets are highlighted
 * for one refresh, `gone` ones stay one refresh, dimmed (as nettop and
 * bandwhich do), so a short-lived connection is still seen once.
 */
export type RowMark = 'new' | 'gone' | null;

export type Row = {
	/** The socket's identity across refreshes (see socketKey). */
	readonly key: string;
	readonly socket: Socket;
	readonly mark: RowMark;
};

/**
 * A socket's identity across refreshes: protocol, kernel inode and holder
 * (a forked server holds one inode on several (pid, fd)). Sockets without an
 * inode (TIME_WAIT, or backends that cannot tell) are known by their addresses
 * and network namespace (inodes are unique across namespaces; addresses are not).
 */
export function socketKey(socket: Socket): string {
	const holder = `${socket.pid ?? '?'}/${socket.fd ?? '?'}`;
	const inode = socketInode(socket);
	if (inode !== null) {
		return `${socket.proto}#${inode}#${holder}`;
	}

	return [
		socket.proto,
		socket.localAddress ?? '',
		socket.localPort ?? '',
		socket.foreignAddress ?? '',
		socket.foreignPort ?? '',
		socket.path ?? '',
		socket.state ?? '',
		socket.netns ?? '',
		holder,
	].join('|');
}

/**
 * The holders of one inode, as the index keeps them: one socket (nearly
 * always), a short list, or, past BUCKET_LIST_MAX, a map by holder. A listener
 * inherited by thousands of forked workers would otherwise be scanned once per
 * worker: a diff of 20,000 holders of one socket took 6 s with a list.
 */
type Bucket = Socket | Socket[] | Map<string, Socket>;
const BUCKET_LIST_MAX = 16;

/**
 * A snapshot's sockets by identity. Sockets with an inode are found by the
 * inode, a number (a map of 50k string keys costs several times more to build
 * and probe); a bucket holds the inode's holders. Others by their string key.
 */
type Index = {
	readonly byInode: Map<number, Bucket>;
	readonly byKey: Map<string, Socket>;
	/** The sockets in snapshot order, a socket with an inode listed twice only the first time. */
	readonly unique: readonly Socket[];
	/** The key of each socket without an inode (see keyOf). */
	readonly keys: Map<Socket, string>;
	/** The ordinal to try first for the next socket with this base key (see keyOf). */
	readonly nextOrdinal: Map<string, number>;
};

/**
 * The key of `socket`, one of `index`'s unique sockets. Sockets without an inode that look the
 * same are told apart by their place among them: each connection waiting in a unix listener's
 * accept queue is an embryo with inode 0 and no holder, identical to the others, and each is a
 * row (as --once prints them), not one.
 */
const keyOf = (index: Index, socket: Socket) => index.keys.get(socket) ?? socketKey(socket);

/** Same identity as socketKey tells it, for two sockets with the same non-zero inode. */
const isSameHolder = (a: Socket, b: Socket) => a.proto === b.proto && a.pid === b.pid && a.fd === b.fd;
/** What isSameHolder compares, as a key of a map bucket. */
const holderKey = (socket: Socket) => `${socket.proto}/${socket.pid ?? '?'}/${socket.fd ?? '?'}`;

/** Whether `index` holds `socket`, whose key (keyOf) is `key`. */
function contains(index: Index, socket: Socket, key: string): boolean {
	const inode = socketInode(socket);
	if (inode === null) return index.byKey.has(key);
	const found = index.byInode.get(inode);
	if (found === undefined) return false;
	if (found instanceof Map) return found.has(holderKey(socket));
	return Array.isArray(found) ? found.some(each => isSameHolder(each, socket)) : isSameHolder(found, socket);
}

/** Add a socket with an inode that `byInode` does not hold yet (callers check with contains). */
function addToBucket(byInode: Map<number, Bucket>, socket: Socket, inode: number): void {
	const found = byInode.get(inode);
	if (found === undefined) {
		byInode.set(inode, socket);
	} else if (found instanceof Map) {
		found.set(holderKey(socket), socket);
	} else if (!Array.isArray(found)) {
		byInode.set(inode, [found, socket]);
	} else if (found.length < BUCKET_LIST_MAX) {
		found.push(socket);
	} else {
		byInode.set(inode, new Map([...found, socket].map(each => [holderKey(each), each])));
	}
}

/**
 * The first of `base`, `base#2`, `base#3`... that `index` does not hold yet. The search
 * starts where the previous one for `base` stopped (every ordinal below is taken), so N
 * alike embryos cost N probes, not N²/2 (4,000 in one accept queue took 4 s a refresh).
 */
function ordinalKey(index: Index, base: string): string {
	if (!index.byKey.has(base)) return base;
	let ordinal = index.nextOrdinal.get(base) ?? 2;
	while (index.byKey.has(`${base}#${ordinal}`)) ordinal++;
	index.nextOrdinal.set(base, ordinal + 1);
	return `${base}#${ordinal}`;
}

/** Each snapshot is indexed once, though it is diffed twice (as current, then as previous). */
const indexes = new WeakMap<Snapshot, Index>();

function indexOf(snapshot: Snapshot): Index {
	let index = indexes.get(snapshot);
	if (index === undefined) {
		const built = {byInode: new Map<number, Bucket>(), byKey: new Map<string, Socket>(), unique: [] as Socket[], keys: new Map<Socket, string>(), nextOrdinal: new Map<string, number>()};
		for (const socket of snapshot.sockets) {
			const inode = socketInode(socket);
			if (inode === null) {
				const base = socketKey(socket);
				const key = ordinalKey(built, base);
				built.byKey.set(key, socket);
				if (key !== base) built.keys.set(socket, key);
			} else {
				if (contains(built, socket, '')) continue;
				addToBucket(built.byInode, socket, inode);
			}

			built.unique.push(socket);
		}

		index = built;
		indexes.set(snapshot, index);
	}

	return index;
}

/**
 * Rows of `current`, each marked against `previous`: present only now = new,
 * present only before = gone (appended, kept for this refresh only). The first
 * snapshot (no previous) marks nothing: everything being "new" tells nothing.
 * A socket with an inode listed twice (a backend listing one socket twice) keeps its first row.
 */
export function diffSnapshots(previous: Snapshot | null, current: Snapshot): readonly Row[] {
	const now = indexOf(current);
	const before = previous === null ? null : indexOf(previous);
	const rows: Row[] = [];
	for (const socket of now.unique) {
		const key = keyOf(now, socket);
		rows.push({key, socket, mark: before !== null && !contains(before, socket, key) ? 'new' : null});
	}

	if (before !== null) {
		for (const socket of before.unique) {
			const key = keyOf(before, socket);
			if (!contains(now, socket, key)) {
				rows.push({key, socket, mark: 'gone'});
			}
		}
	}

	return rows;
}
