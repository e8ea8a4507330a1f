import {
	fitAddress,
	formatCommand,
	formatForeign,
	formatLocal,
	formatOptionalNumber,
	formatState,
	formatUser,
	foreignWidth,
	localWidth,
} from '../format/address.js';
import {displayWidth, sanitize} from '../format/escape.js';
import {foreignSortKey, localSortKey} from './address-key.js';
import {HOST_NAMESPACE, hasOtherNamespace, namespaceOf} from './netns.js';
import {isDualStack, protoCell} from './mapped-ipv4.js';
import {shortState, stateSpellings} from './state-names.js';
import type {Socket, SocketState} from './types.js';
import {isUnixProto, PROTOS, shortProto} from './types.js';
import type {PortRange} from '../options.js';

/**
 * The live table's columns as data: one spec drives the header, the cell text,
 * the width layout and sorting, so they cannot disagree.
 */
export const COLUMN_IDS = ['user', 'command', 'pid', 'fd', 'netns', 'proto', 'local', 'foreign', 'state', 'service'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** A precomputed sort value: numbers compare numerically, strings ordinally; null sorts last. */
export type SortKey = number | string | null;

/** What some cells need beyond the socket itself (the OS is passed in, never imported). */
export type ColumnContext = {
	/** The SERVICE cell: the /etc/services name of the port that matters, or ''. */
	readonly serviceName: (socket: Socket) => string;
	/** -n: USER shows (and sorts by) the uid. */
	readonly isNumericUser?: boolean;
	/**
	 * At least as wide as the SERVICE cell, cheaply: the wider of the names of
	 * the socket's two ports (which one the cell names takes more asking). Lets
	 * the layout skip serviceName for most of 50,000 rows.
	 */
	readonly serviceWidthBound?: (socket: Socket) => number;
	/**
	 * The socket is this host's end of an outgoing connection, its local port a client's (the kernel's pick from
	 * `ephemeral`): a tally by LOCAL counts these in one group (model/tally.ts). Absent: none is.
	 */
	readonly isClientEnd?: (socket: Socket) => boolean;
	/** The ephemeral range, which names that group; null or absent where not known (a capture). */
	readonly ephemeral?: PortRange | null;
};

export type Column = {
	readonly id: ColumnId;
	readonly header: string;
	/** The header in a column too narrow for `header` ('LOCAL' for 'LOCAL ADDRESS'). */
	readonly shortHeader?: string;
	/** Narrowest useful width (or its widest cell, if less); below it the column is dropped instead. */
	readonly minWidth: number;
	/** What the column counts as needing before there are rows to measure (see layoutColumns). */
	readonly maxWidth: number;
	readonly align: 'left' | 'right';
	/** Cut from the left ('…:8080'), so the end stays visible. */
	readonly keepEnd: boolean;
	/** Fit a cell its own way instead (an address column: see fitAddress). */
	readonly fitCell?: (text: string, width: number) => string;
	/** Columns with a higher number are dropped first when the terminal is narrow. */
	readonly dropOrder: number;
	/** Hidden before any cell is cut when every cell is blank ('' or '?'; see layoutColumns). */
	readonly isHiddenWhenBlank?: boolean;
	/**
	 * A cell that says what the column's absence says (NETNS's 'host': a table without NETNS is the
	 * host's). Where every cell is blank or this one, the column is hidden at any width (see layoutColumns).
	 */
	readonly blankCell?: string;
	/** The cell's width without making its text, for columns whose text costs (the layout measures every row). */
	readonly width?: (socket: Socket) => number;
	/** A value the cell's text depends on alone, so the layout measures each distinct one once ('python3' of 10,000 rows). */
	readonly widthKey?: (socket: Socket, context: ColumnContext) => string | number | null;
	/** Cell text, already sanitized. */
	readonly text: (socket: Socket, context: ColumnContext) => string;
	/** A shorter spelling for narrow columns (ss's 'ESTAB' for 'ESTABLISHED'); the `/` filter matches it too. */
	readonly abbreviate?: (text: string) => string;
	/** What else the `/` filter matches in this column: a state as ss spells it, the name behind a uid. */
	readonly otherSpellings?: (socket: Socket, context: ColumnContext) => readonly string[];
	readonly sortKey: (socket: Socket, context: ColumnContext) => SortKey;
};

/** STATE sorts in a connection's life, listeners first, not alphabetically; then the datagram and unix states. */
const stateOrder = new Map<SocketState, number>(
	(
		['LISTEN', 'SYN_SENT', 'SYN_RECV', 'NEW_SYN_RECV', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'BOUND_INACTIVE', 'UNCONN', 'CONNECTING', 'DISCONNECTING'] as const
	).map((state, index) => [state, index]),
);

/** STATE's sort key: a connection's life, listeners first (stateOrder); null (unknown, last) for none. */
export const stateSortKey = (state: SocketState | null): SortKey => (state === null ? null : (stateOrder.get(state) ?? stateOrder.size));

const lower = (text: string | null) => (text === null ? null : text.toLowerCase());
const orNull = (text: string) => (text === '' ? null : text.toLowerCase());

/**
 * NETNS: which network namespace a socket lives in. Only on screen when some row
 * shown is outside the host's (see columnsFor, blankCell): rows that all say 'host' tell nothing.
 */
const NETNS_COLUMN: Column = {
	id: 'netns',
	header: 'NETNS',
	minWidth: 6,
	maxWidth: 19,
	align: 'left',
	// 'netns:[4026532202]', 'docker:3f4e5a6b7c8d', 'ns-blue-01': the end tells them apart.
	keepEnd: true,
	// Dropped first, before FD: it qualifies the addresses, which are what the user looks for (see layoutColumns).
	dropOrder: 7,
	text: socket => sanitize(namespaceOf(socket)),
	blankCell: HOST_NAMESPACE,
	widthKey: namespaceOf,
	abbreviate: text => (text.startsWith('netns:[') ? text.slice('netns:'.length) : text),
	// The host first, as the `n` key steps through them.
	sortKey: socket => (namespaceOf(socket) === HOST_NAMESPACE ? '' : namespaceOf(socket).toLowerCase()),
};

/** The columns of a host with one network namespace: sockstat's, plus SERVICE. */
export const COLUMNS: readonly Column[] = [
	{
		id: 'user',
		header: 'USER',
		minWidth: 5,
		maxWidth: 10,
		align: 'left',
		keepEnd: false,
		dropOrder: 3,
		isHiddenWhenBlank: true,
		text: (socket, context) => formatUser(socket, context.isNumericUser),
		// Under -n the name is still what the owner is known by (and what --user takes).
		otherSpellings: (socket, context) => (context.isNumericUser === true ? [formatUser(socket)] : []),
		widthKey: (socket, context) => (context.isNumericUser === true && socket.uid !== null ? socket.uid : socket.user),
		// '?' (no holder seen, no uid) is unknown, and stays last both ways as in COMMAND and PID.
		sortKey: (socket, context) => (context.isNumericUser === true && socket.uid !== null ? socket.uid : socket.user === '?' ? null : socket.user.toLowerCase()),
	},
	{
		id: 'command',
		header: 'COMMAND',
		minWidth: 7,
		maxWidth: 16,
		align: 'left',
		keepEnd: false,
		dropOrder: 0,
		isHiddenWhenBlank: true,
		text: socket => formatCommand(socket.command),
		widthKey: socket => socket.command,
		sortKey: socket => lower(socket.command),
	},
	{
		id: 'pid',
		header: 'PID',
		minWidth: 3,
		maxWidth: 7,
		align: 'right',
		keepEnd: false,
		dropOrder: 1,
		isHiddenWhenBlank: true,
		text: socket => formatOptionalNumber(socket.pid),
		sortKey: socket => socket.pid,
	},
	{
		id: 'fd',
		header: 'FD',
		minWidth: 2,
		maxWidth: 4,
		align: 'right',
		keepEnd: false,
		dropOrder: 6,
		isHiddenWhenBlank: true,
		text: socket => formatOptionalNumber(socket.fd),
		sortKey: socket => socket.fd,
	},
	{
		id: 'proto',
		header: 'PROTO',
		minWidth: 6,
		maxWidth: 8,
		align: 'left',
		keepEnd: false,
		// Before USER: STATE and the address tell TCP from UDP and v4 from v6 (LISTEN, UNCONN, [::1]),
		// and USER, COMMAND and PID say whose the socket is (see layoutColumns).
		dropOrder: 4,
		// sockstat's tcp46 and udp46 for an IPv6 listener that takes IPv4 too (protoCell).
		text: protoCell,
		// FreeBSD sockstat's 'seqpac' where the column has no room for 'seqpacket' (ss says 'u_seq'): one such row made PROTO 9 wide.
		abbreviate: shortProto,
		// `/tcp6` finds a tcp46 row as -6 lists it (`/tcp4` does already, as -4 does); `proto:unix` and
		// `/"unix stream"` a unix socket, as -P unix and the PID view's TYPE name it.
		otherSpellings: socket => (isDualStack(socket) ? [socket.proto] : isUnixProto(socket.proto) ? [`unix ${socket.proto}`] : []),
		widthKey: protoCell,
		// Inet first (tcp, udp, udplite, raw; 4 before 6, and tcp46 between them), then the unix types.
		sortKey: socket => PROTOS.indexOf(socket.proto) - (isDualStack(socket) ? 0.5 : 0),
	},
	{
		id: 'local',
		header: 'LOCAL ADDRESS',
		shortHeader: 'LOCAL',
		minWidth: 12,
		maxWidth: 40,
		align: 'left',
		keepEnd: true,
		fitCell: fitAddress,
		dropOrder: 0,
		text: socket => formatLocal(socket),
		width: localWidth,
		sortKey: localSortKey,
	},
	{
		id: 'foreign',
		header: 'FOREIGN ADDRESS',
		shortHeader: 'FOREIGN',
		minWidth: 12,
		maxWidth: 40,
		align: 'left',
		keepEnd: true,
		fitCell: fitAddress,
		dropOrder: 1,
		text: socket => formatForeign(socket),
		width: foreignWidth,
		sortKey: foreignSortKey,
	},
	{
		id: 'state',
		header: 'STATE',
		minWidth: 6,
		maxWidth: 11,
		align: 'left',
		keepEnd: false,
		// Outlasts PROTO: 'LISTEN' or 'UNCONN' tells TCP from UDP as well, and the address v4 from v6
		// and inet from unix, while nothing else tells a listener from a connection.
		dropOrder: 1,
		text: socket => formatState(socket.state),
		widthKey: socket => socket.state,
		abbreviate: shortState,
		otherSpellings: socket => (socket.state === null ? [] : stateSpellings(socket.state)),
		sortKey: socket => stateSortKey(socket.state),
	},
	{
		id: 'service',
		header: 'SERVICE',
		minWidth: 7,
		maxWidth: 14,
		align: 'left',
		keepEnd: false,
		dropOrder: 5,
		isHiddenWhenBlank: true,
		text: (socket, context) => sanitize(context.serviceName(socket)),
		sortKey: (socket, context) => orNull(context.serviceName(socket)),
	},
];

const fdPosition = COLUMNS.findIndex(column => column.id === 'fd') + 1;
/** Every column, NETNS after FD: it qualifies the addresses that follow it. */
const withNamespaces: readonly Column[] = [...COLUMNS.slice(0, fdPosition), NETNS_COLUMN, ...COLUMNS.slice(fdPosition)];

/**
 * The columns to lay out: NETNS only when some socket is outside the host's
 * namespace (hasOtherNamespace), and never wider than their longest label ('host' and 'blue'
 * need 6 columns, not 19).
 */
export function columnsFor(namespaces: readonly string[]): readonly Column[] {
	if (!hasOtherNamespace(namespaces)) {
		return COLUMNS;
	}

	const widest = Math.max(...namespaces.map(label => displayWidth(sanitize(label))));
	const maxWidth = Math.max(NETNS_COLUMN.minWidth, Math.min(NETNS_COLUMN.maxWidth, widest));
	return withNamespaces.map(column => (column.id === 'netns' ? {...column, maxWidth} : column));
}

const byId = new Map<ColumnId, Column>(withNamespaces.map(column => [column.id, column]));

/** The spec of one column. */
export function columnById(id: ColumnId): Column {
	const column = byId.get(id);
	if (column === undefined) {
		throw new Error(`Unknown column ${id}`);
	}

	return column;
}
