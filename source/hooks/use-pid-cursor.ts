import {useEffect, useRef, useState} from 'react';
import type {Move} from '../keymap.js';
import {socketKey} from '../model/diff.js';
import type {FileDescriptor} from '../model/process.js';
import type {Socket} from '../model/types.js';

/**
 * The selected row by the fd it shows, so it stays on that fd across refreshes; `index`
 * is where it was, for when that fd closes (the row now there is selected).
 */
type Cursor = {readonly fd: number | null; readonly index: number};

/**
 * The row of `cursor` among `fds`: its fd's row; the first row while the filter hides its fd
 * (`isHidden`); else, its fd closed, the nearest row to where it was; -1 without rows.
 */
function cursorRow(cursor: Cursor, fds: readonly FileDescriptor[], isHidden: boolean): number {
	const found = cursor.fd === null ? -1 : fds.findIndex(fd => fd.fd === cursor.fd);
	if (found !== -1) return found;
	return isHidden ? Math.min(0, fds.length - 1) : Math.min(cursor.index, fds.length - 1);
}

/** The first row shown: `offset` (where the table was scrolled), moved just enough to show row `selected`. */
function topRow(offset: number, selected: number, page: number, count: number): number {
	const top = Math.max(0, Math.min(offset, count - page));
	return selected < top ? selected : selected >= top + page ? selected - page + 1 : top;
}

type Options = {
	readonly pid: number;
	/** The fd to select first (the table row's), else null. */
	readonly initialFd: number | null;
	/** The socket to select first when the row had no fd number (a netstat capture's). */
	readonly initialSocket: Socket | null;
	/** The rows shown: the process's fds the `/` filter passes. */
	readonly fds: readonly FileDescriptor[];
	/** Every fd read, when the filter hides some (`fds` else): a hidden fd stays selected for when it shows again. */
	readonly allFds?: readonly FileDescriptor[];
	/** Another visit (usePidTrail) starts over at `initialFd`, or row `initialIndex`, scrolled to `initialOffset`. */
	readonly visit?: number;
	readonly initialIndex?: number;
	readonly initialOffset?: number;
};

/** The PID view's selected fd row and how far its table is scrolled. */
export type PidCursor = {
	/** The selected row; -1 without rows. */
	readonly selected: number;
	readonly selectedFd: FileDescriptor | undefined;
	/**
	 * The first row shown when the table has `page` rows on screen, scrolled as little as shows
	 * the selected row. Called once per render, once the layout knows `page`: moves read it.
	 */
	readonly place: (page: number) => number;
	/** One Move key; typed before the rows are there (G while reading), done once they are. */
	readonly move: (action: Move) => void;
	/** The selected row's fd, the row, and the first row shown, as of the last key: to come back to. */
	readonly where: () => {readonly fd: number | null; readonly index: number; readonly offset: number; readonly descriptor: FileDescriptor | undefined};
	/** The view moves to another visit: the keys after this one wait for its rows. */
	readonly restart: () => void;
};

/**
 * The PID view's cursor: which fd row is selected and where the table is scrolled. The
 * selection follows its fd across refreshes, takes the row of a closed fd's place, and starts
 * on the fd (or socket) the view was opened on.
 */
export function usePidCursor({pid, initialFd, initialSocket, fds, allFds = fds, visit = 0, initialIndex = 0, initialOffset = 0}: Options): PidCursor {
	const [offset, setOffset] = useState(initialOffset);
	const [cursor, setCursor] = useState<Cursor>({fd: initialFd, index: initialIndex});

	// Opened on no fd (--pid N, a peer's fd not known): once the rows are there, the socket Enter was
	// pressed on (a capture's row without an fd), else the first socket, so that a short screen opens
	// on one and not on fds 0-2. Not when coming back to a row left (Esc).
	const isFresh = initialFd === null && initialIndex === 0 && initialOffset === 0;
	const toSelect = useRef<{readonly socket: Socket | null} | null>(isFresh ? {socket: initialSocket} : null);
	useEffect(() => {
		// Another PID or visit: start at the fd it was opened on (or left at), else its first socket.
		setOffset(initialOffset);
		setCursor({fd: initialFd, index: initialIndex});
		toSelect.current = isFresh ? {socket: initialSocket} : null;
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [pid, visit]);

	// Hidden by the filter, not closed: it is selected again once the filter shows it (Esc).
	const isHidden = cursor.fd !== null && allFds !== fds && allFds.some(fd => fd.fd === cursor.fd);
	const selected = cursorRow(cursor, fds, isHidden);
	const selectedFd = fds[selected];
	useEffect(() => {
		// The selected fd has closed: the row that took its place is the selection from now on, so
		// later closes and opens do not move it (the cursor would go on looking for the closed fd).
		// Found on another row than `index` (opened on it, fds before it opened or closed): that row is where it was.
		// Only the cursor this render drew: a key may have moved it since (its setCursor comes first).
		if (!isHidden && selectedFd !== undefined && cursor.fd !== null && (cursor.fd !== selectedFd.fd || cursor.index !== selected)) {
			setCursor(current => (current === cursor ? {fd: selectedFd.fd, index: selected} : current));
		}
	}, [cursor, selectedFd, selected, isHidden]);

	// Ink may deliver a key to the handler of an earlier render; moves read the current numbers from here.
	const latest = useRef({fds, selected, top: 0, page: 0});
	const place = (page: number) => {
		const top = topRow(offset, selected, page, fds.length);
		latest.current = {fds, selected, top, page};
		return top;
	};

	// One Move key: select a row (clamped), the table scrolled as little as shows it; a page key
	// moves the selection and the rows by a screen, as in the table.
	const moveNow = (action: Move) => {
		const {fds, selected, top, page} = latest.current;
		if (fds.length === 0) return;
		const steps: Record<Move, readonly [row: number, offset: number]> = {
			up: [selected - 1, top],
			down: [selected + 1, top],
			pageUp: [selected - page, top - page],
			pageDown: [selected + page, top + page],
			top: [0, 0],
			bottom: [fds.length - 1, fds.length],
		};
		const [next, offset] = steps[action];
		const row = Math.max(0, Math.min(fds.length - 1, next));
		const shownTop = topRow(offset, row, page, fds.length);
		setCursor({fd: fds[row]!.fd, index: row});
		setOffset(shownTop);
		latest.current = {...latest.current, selected: row, top: shownTop};
	};

	useEffect(() => {
		const wanted = toSelect.current;
		if (fds.length === 0 || wanted === null) return;
		toSelect.current = null;
		// The diff's identity: for a socket without an inode (a capture's), its ends and holder.
		const key = wanted.socket === null ? null : socketKey(wanted.socket);
		const row = key === null ? fds.findIndex(fd => fd.type === 'socket') : fds.findIndex(fd => fd.socket !== null && socketKey(fd.socket) === key);
		if (row > 0) {
			setCursor({fd: fds[row]!.fd, index: row});
			latest.current = {...latest.current, selected: row};
		}
	}, [fds]);

	const pendingMoves = useRef<Move[]>([]);
	useEffect(() => {
		if (fds.length === 0 || pendingMoves.current.length === 0) return;
		for (const action of pendingMoves.current.splice(0)) moveNow(action);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [fds]);

	const move = (action: Move) => {
		if (latest.current.fds.length === 0) pendingMoves.current.push(action);
		else moveNow(action);
	};

	const where = () => {
		const {fds, selected, top} = latest.current;
		return {fd: fds[selected]?.fd ?? null, index: Math.max(0, selected), offset: top, descriptor: fds[selected]};
	};

	const restart = () => {
		// Until the next visit's rows are read, Move keys wait for them (and the ones waiting for this visit's go).
		latest.current = {...latest.current, fds: [], selected: -1, top: 0};
		pendingMoves.current = [];
	};

	return {selected, selectedFd, place, move, where, restart};
}
