import {displayWidth} from '../format/escape.js';
import type {FdColumn, FdRow} from './pid-rows.js';
import {isPacketProto, isUnixProto, PROTOS, shortProto, type Proto, type Socket} from './types.js';

/**
 * The columns of the PID view's FD table (live and `--pid N --once`): their headings, which of
 * them are shown, how wide their cells are, and the cells of the queue columns.
 */

/** The FD table's headings, in column order; RECV-Q and SEND-Q are ss's words for the same numbers. */
export const FD_HEADINGS: Readonly<Record<FdColumn, string>> = {fd: 'FD', type: 'TYPE', target: 'TARGET', foreign: 'FOREIGN / PEER', state: 'STATE', recvQ: 'RECV-Q', sendQ: 'SEND-Q'};

/**
 * A column's heading in `width` columns: FOREIGN / PEER, where its cells leave it less, is PEER (ss's
 * word for the other end, address or process), never cut to 'FOREI…'; the others fit at their least.
 */
export const headingIn = (key: FdColumn, width: number): string => (key === 'foreign' && displayWidth(FD_HEADINGS.foreign) > width ? 'PEER' : FD_HEADINGS[key]);

/** TYPE spelled short where its column has no room for it whole: 'unix seqpac', as the table's PROTO spells seqpacket (shortProto). */
export const shortType = (type: string): string => (type.startsWith('unix ') ? `unix ${shortProto(type.slice('unix '.length))}` : type);

/** TYPE names an internet socket ('tcp4', 'udp6', a dual-stack 'tcp46'), whose TARGET and FOREIGN / PEER start with an address and port. */
export function isInetType(type: string): boolean {
	const proto = type.replace(/46$/u, '6');
	return (PROTOS as readonly string[]).includes(proto) && !isUnixProto(proto as Proto) && !isPacketProto(proto);
}

/** A FOREIGN / PEER cell's address, before the note naming the other end's holder ('127.0.0.1:80 → nginx[100] fd 5'); a cell that is all note ('→ bash[6084] fd 250') has none. */
export function addressOf(cell: string): string {
	const arrow = cell.indexOf(' → ');
	return arrow < 0 ? (cell.startsWith('→') ? '' : cell) : cell.slice(0, arrow);
}

const ALL_COLUMNS = Object.keys(FD_HEADINGS) as readonly FdColumn[];
const BASE_COLUMNS = ALL_COLUMNS.filter(key => key !== 'recvQ' && key !== 'sendQ');

/** The FD table's columns: RECV-Q and SEND-Q last, and only when `hasQueues` (hasQueuedRow). */
export const fdColumns = (hasQueues: boolean): readonly FdColumn[] => (hasQueues ? ALL_COLUMNS : BASE_COLUMNS);

/**
 * The widest cell of column `key`, at least `least`, in terminal columns. A
 * loop, not Math.max(...cells): a spread of 130k+ values (a proxy's
 * connections) overflows the stack.
 */
export function widestCell(rows: readonly FdRow[], key: FdColumn, least: number): number {
	let widest = least;
	for (const row of rows) widest = Math.max(widest, displayWidth(row[key]));
	return widest;
}

/**
 * A socket's RECV-Q and SEND-Q cells, in ss's meaning: for a connection the bytes received and
 * not read yet, and the bytes written and not yet acknowledged (or, off TCP, not yet sent); for
 * a listener RECV-Q counts the connections waiting to be accepted, and SEND-Q is its backlog, as ss
 * shows it (Socket.backlog), or blank where that is not known (/proc writes 0 there). Unknown
 * queues (unix sockets where ss did not run, a capture without them) are blank too, never 0.
 */
export function queueCells(socket: Pick<Socket, 'state' | 'rxQueue' | 'txQueue' | 'backlog'>): Pick<FdRow, 'recvQ' | 'sendQ'> {
	const isListener = socket.state === 'LISTEN';
	return {
		recvQ: socket.rxQueue === null ? '' : String(socket.rxQueue),
		sendQ: isListener ? (socket.backlog === undefined ? '' : String(socket.backlog)) : socket.txQueue === null ? '' : String(socket.txQueue),
	};
}

const isQueuedCell = (cell: string): boolean => cell !== '' && cell !== '0';

/**
 * Some row's socket has something queued: the FD table shows RECV-Q and SEND-Q only then, so
 * that columns of zeros do not take room from paths and peers (a loop, as widestCell, for a proxy's
 * rows). A listener's backlog (its SEND-Q) is no queue: alone it shows neither.
 */
export function hasQueuedRow(rows: readonly FdRow[]): boolean {
	for (const row of rows) if (isQueuedCell(row.recvQ) || (isQueuedCell(row.sendQ) && row.state !== 'LISTEN')) return true;
	return false;
}
