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

/**
 * Rows of `current`, each marked against `previous`: present only now = new,
 * present only before = gone (appended, kept for this refresh only). The first
 * snapshot (no previous) marks nothing: everything being "new" tells nothing.
 * Duplicate keys (a backend listing one socket twice) keep their first row.
 */
export function diffSnapshots(previous: Snapshot | null, current: Snapshot): readonly Row[] {
	const before = new Map<string, Socket>();
	if (previous !== null) {
		for (const socket of previous.sockets) {
			before.set(socketKey(socket), socket);
		}
	}

	const rows: Row[] = [];
	const seen = new Set<string>();
	for (const socket of current.sockets) {
		const key = socketKey(socket);
		if (seen.has(key)) {
			continue;
		}

		seen.add(key);
		rows.push({key, socket, mark: previous !== null && !before.has(key) ? 'new' : null});
	}

	for (const [key, socket] of before) {
		if (!seen.has(key)) {
			rows.push({key, socket, mark: 'gone'});
		}
	}

	return rows;
}
