import type {Snapshot, Socket} from './types.js';

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
 * inode (TIME_WAIT, or backends that cannot tell) are known by their addresses.
 */
export function socketKey(socket: Socket): string {
	const holder = `${socket.pid ?? '?'}/${socket.fd ?? '?'}`;
	if (socket.inode !== 0) {
		return `${socket.proto}#${socket.inode}#${holder}`;
	}

	return [
		socket.proto,
		socket.localAddress ?? '',
		socket.localPort ?? '',
		socket.foreignAddress ?? '',
		socket.foreignPort ?? '',
		socket.path ?? '',
		socket.state ?? '',
		holder,
	].join('|');
}

/** Each snapshot is indexed once, though it is diffed twice (as current, then as previous). */
const indexes = new WeakMap<Snapshot, ReadonlyMap<string, Socket>>();

/** The snapshot's sockets by identity; a socket listed twice keeps its first row. */
function indexOf(snapshot: Snapshot): ReadonlyMap<string, Socket> {
	let index = indexes.get(snapshot);
	if (index === undefined) {
		const built = new Map<string, Socket>();
		for (const socket of snapshot.sockets) {
			const key = socketKey(socket);
			if (!built.has(key)) {
				built.set(key, socket);
			}
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
 * Duplicate keys (a backend listing one socket twice) keep their first row.
 */
export function diffSnapshots(previous: Snapshot | null, current: Snapshot): readonly Row[] {
	const now = indexOf(current);
	const before = previous === null ? null : indexOf(previous);
	const rows: Row[] = [];
	for (const [key, socket] of now) {
		rows.push({key, socket, mark: before !== null && !before.has(key) ? 'new' : null});
	}

	if (before !== null) {
		for (const [key, socket] of before) {
			if (!now.has(key)) {
				rows.push({key, socket, mark: 'gone'});
			}
		}
	}

	return rows;
}
