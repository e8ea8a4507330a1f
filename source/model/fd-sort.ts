import {UserError} from '../collect/collector.js';
import {foreignSortKey, localSortKey} from './address-key.js';
import {type SortKey, stateSortKey} from './columns.js';
import {fdColumns} from './fd-columns.js';
import type {FdColumn, FdRow} from './pid-rows.js';
import type {FileDescriptor} from './process.js';
import {sortDecorated, sortFlagName} from './sort.js';

/**
 * The PID view's sort (live and `--pid N --once`): its FD table's rows by one column, with the
 * socket table's comparisons (model/sort.ts): FD numbers as numbers, a socket's addresses as
 * LOCAL ADDRESS and FOREIGN ADDRESS sort them (numerically, then by port), STATE in a
 * connection's life, the queues as numbers; empty cells (unknown) last both ways; ties by FD.
 */
export type FdSortOrder = {readonly column: FdColumn; readonly isDescending: boolean};

/** As the view has always listed them: by FD number. */
export const defaultFdSort: FdSortOrder = {column: 'fd', isDescending: false};

/** Every column the view can show, in its order: what `--sort` takes with `--pid`. */
const SORTABLE = fdColumns(true);

const SORT_NAMES: Partial<Record<FdColumn, string>> = {recvQ: 'recv-q', sendQ: 'send-q'};

/** A column's `--sort` name: its heading's first word, lower case ('foreign' for FOREIGN / PEER, 'recv-q'). */
export const fdSortName = (column: FdColumn): string => SORT_NAMES[column] ?? column;

/** What `<` and `>` step through: the view's columns (RECV-Q and SEND-Q where it shows them, or sorts by one). */
export const fdSortColumns = (hasQueues: boolean, sorted: FdColumn): readonly FdColumn[] => fdColumns(hasQueues || sorted === 'recvQ' || sorted === 'sendQ');

/** Digits padded, so text with numbers in it sorts by them: pipe:[9999] before pipe:[12345], /dev/pts/2 before /dev/pts/10. */
const naturalKey = (text: string): SortKey => (text === '' ? null : text.toLowerCase().replaceAll(/\d+/gu, digits => digits.padStart(20, '0')));

/** A queue cell as its number; blank (not known, or not a socket) is unknown. */
const numberKey = (cell: string): SortKey => (cell === '' ? null : Number(cell));

/**
 * One fd's key in `column`. TARGET and FOREIGN / PEER: a socket by the socket table's address keys
 * (wildcards, IPv4, IPv6, unix paths, unnamed last), any other fd after the sockets by its cell's text.
 */
function sortKeyOf(column: FdColumn, descriptor: FileDescriptor, row: FdRow): SortKey {
	const {socket} = descriptor;
	switch (column) {
		case 'fd': {
			return descriptor.fd;
		}

		case 'target':
		case 'foreign': {
			if (socket === null) {
				const text = naturalKey(row[column]);
				return text === null ? null : `~${text}`;
			}

			return column === 'target' ? localSortKey(socket) : foreignSortKey(socket);
		}

		case 'state': {
			return socket === null ? null : stateSortKey(socket.state);
		}

		case 'recvQ':
		case 'sendQ': {
			return numberKey(row[column]);
		}

		case 'type': {
			return naturalKey(row.type);
		}
	}
}

/**
 * `fds` and their `rows` (fdRow's, one each, in the same order) in `order`: stable, ties by FD
 * number, then as listed (a capture's fds without a number).
 */
export function sortFds(fds: readonly FileDescriptor[], rows: readonly FdRow[], order: FdSortOrder): {fds: readonly FileDescriptor[]; rows: readonly FdRow[]} {
	const decorated = fds.map((descriptor, index) => ({index, key: sortKeyOf(order.column, descriptor, rows[index]!), tie: descriptor.fd, tie2: index, tie3: null}));
	const sorted = sortDecorated(decorated, order.isDescending);
	return {fds: sorted.map(entry => fds[entry.index]!), rows: sorted.map(entry => rows[entry.index]!)};
}

/**
 * `--sort COLUMN` with `--pid`: a column of the PID view's FD table by its `--sort` name (fdSortName),
 * in any case, `-COLUMN` descending. Another is a UserError naming the ones it has.
 */
export function parseFdSortOrder(text: string): FdSortOrder {
	const {name, isDescending} = sortFlagName(text);
	const column = SORTABLE.find(each => fdSortName(each) === name);
	if (column === undefined) {
		throw new UserError(`--sort: the PID view (--pid) has no column '${text}' (use ${SORTABLE.map(fdSortName).join(', ')}; -COLUMN for descending)`);
	}

	return {column, isDescending};
}
