/**
 * The tally: the rows the filters pass, counted by one column, most first, as on-call users
 * count them with `ss -tan | awk '{print $5}' | cut -d: -f1 | sort | uniq -c | sort -rn`. Each
 * column's group is what the question it answers counts by: FOREIGN by the remote host (a
 * host:port pair is one socket each), LOCAL by the address a server listens on, with every
 * outgoing connection's client port (the kernel's ephemeral pick, one per connection) in one
 * group, PID by the process. FD is no group: every socket has its own. Pure.
 */
import {UserError} from '../collect/collector.js';
import {formatCommand, formatForeign, formatLocal, formatOptionalNumber} from '../format/address.js';
import {sanitize} from '../format/escape.js';
import {inetSortKey, localSortKey, foreignSortKey} from './address-key.js';
import {COLUMN_IDS, columnById, type ColumnContext, type ColumnId, type SortKey} from './columns.js';
import {mappedIpv4} from './mapped-ipv4.js';
import {sortDecorated} from './sort.js';
import {HOST_NAMESPACE, namespaceOf} from './netns.js';
import {isLoopback, isPacketProto, isUnixProto, type Socket} from './types.js';

/** The columns a tally counts by: every column but FD. */
export type TallyColumn = Exclude<ColumnId, 'fd'>;
export const TALLY_COLUMNS: readonly TallyColumn[] = COLUMN_IDS.filter((id): id is TallyColumn => id !== 'fd');
export const isTallyColumn = (id: ColumnId): id is TallyColumn => id !== 'fd';

/** Why FD is not counted, where t or --tally asks for it. */
export const FD_NOT_COUNTED = 'FD is not counted: every socket has its own';

/** One group: its identity (`key`, what the drill-in filter matches), its text (sanitized), its count, and its place among equal counts. */
export type TallyGroup = {readonly key: string; readonly label: string; readonly count: number; readonly order: SortKey};

export type Tally = {
	readonly column: TallyColumn;
	/** Most first (least first where `isLeastFirst`); equal counts in the column's own order (addresses numerically, STATE in a connection's life), unknown last. */
	readonly groups: readonly TallyGroup[];
	/** r in the live tally: the fewest first, where the one odd host is. */
	readonly isLeastFirst: boolean;
	/** Sockets counted (the groups' counts added up). */
	readonly total: number;
};

type Grouping = {
	/** What the groups are, as a tally's heading names them. */
	readonly heading: string;
	/** The filter words of a drill-in: 'foreign 10.0.0.5'. */
	readonly word: string;
	readonly key: (socket: Socket, context: ColumnContext) => string;
	readonly label: (socket: Socket, context: ColumnContext) => string;
	readonly order: (socket: Socket, context: ColumnContext) => SortKey;
};

/** The identity of the group of outgoing connections' client ports: no other LOCAL group's starts with a NUL (an address's sort key leads). */
const CLIENT_PORTS = '\u0000client';

/** The client ports' group, named by the range the kernel picks them from where known: 'ephemeral ports 32768-60999'. */
export const clientPortsLabel = (context: ColumnContext): string =>
	context.ephemeral === undefined || context.ephemeral === null ? 'ephemeral ports' : `ephemeral ports ${context.ephemeral[0]}-${context.ephemeral[1]}`;

const isClientEnd = (socket: Socket, context: ColumnContext) => context.isClientEnd?.(socket) === true;

/** A remote host: the foreign address without its port, an IPv4-mapped one as the IPv4 address it is; null for a unix socket (its cell is its peer). */
function foreignHost(socket: Socket): string | null {
	// A packet socket's FOREIGN is `*`, no peer, as a listener's: one group.
	if (isPacketProto(socket.proto)) return '*';
	if (isUnixProto(socket.proto)) return null;
	const address = socket.foreignAddress;
	return address === null || address === '' ? '?' : (mappedIpv4(address) ?? address);
}

/**
 * Each network namespace has addresses of its own: a container's 127.0.0.1:8080 is not the host's.
 * LOCAL groups, and FOREIGN's loopback hosts, are one per namespace; a socket outside the host's
 * says which (' in docker:3f4e5a6b7c8d'), where NETNS would. A remote host is one host from any namespace.
 */
const namespaceKey = (socket: Socket): string => (namespaceOf(socket) === HOST_NAMESPACE ? '' : `\u0000${namespaceOf(socket)}`);
const namespaceLabel = (socket: Socket): string => (namespaceOf(socket) === HOST_NAMESPACE ? '' : ` in ${sanitize(namespaceOf(socket))}`);
const loopbackNamespaceKey = (socket: Socket, host: string): string => (isLoopback(host) ? namespaceKey(socket) : '');

/**
 * A group's identity from its raw value and its cell: cells alone would take a name with an
 * escape character and one spelling that escape out (`evil\x1b`) for one, once sanitized.
 */
const identity = (raw: SortKey, cell: string): string => `${raw ?? ''}\u0000${cell}`;

/** A column counted by its cell, equal cells (and raw values) one group, in the column's sort order. */
const byCell = (id: ColumnId, heading: string, word = id): Grouping => {
	const column = columnById(id);
	return {
		heading,
		word,
		key: (socket, context) => identity(column.sortKey(socket, context), column.text(socket, context)),
		label: (socket, context) => column.text(socket, context) || '-',
		order: column.sortKey,
	};
};

const GROUPINGS: Readonly<Record<TallyColumn, Grouping>> = {
	user: byCell('user', 'USER'),
	command: byCell('command', 'COMMAND'),
	pid: {
		heading: 'PID COMMAND',
		word: 'pid',
		key: socket => identity(socket.pid, socket.command ?? '?'),
		label: socket => `${formatOptionalNumber(socket.pid)} ${formatCommand(socket.command)}`,
		order: socket => socket.pid,
	},
	netns: byCell('netns', 'NETNS'),
	proto: byCell('proto', 'PROTO'),
	local: {
		heading: 'LOCAL ADDRESS',
		word: 'local',
		key: (socket, context) => (isClientEnd(socket, context) ? CLIENT_PORTS : identity(localSortKey(socket), formatLocal(socket)) + namespaceKey(socket)),
		label: (socket, context) => (isClientEnd(socket, context) ? clientPortsLabel(context) : formatLocal(socket) + namespaceLabel(socket)),
		// Among equal counts after every address and unix path (address-key.ts: 1-6), before names and the unknown (8, 9): a bucket, not a place.
		order: (socket, context) => (isClientEnd(socket, context) ? '7' : localSortKey(socket)),
	},
	foreign: {
		heading: 'FOREIGN HOST',
		word: 'foreign',
		key: socket => {
			const host = foreignHost(socket);
			return host === null ? identity(foreignSortKey(socket), formatForeign(socket)) : host + loopbackNamespaceKey(socket, host);
		},
		label: socket => {
			const host = foreignHost(socket);
			return host === null ? formatForeign(socket) : sanitize(host) + (loopbackNamespaceKey(socket, host) === '' ? '' : namespaceLabel(socket));
		},
		order: socket => {
			const host = foreignHost(socket);
			return host === null ? foreignSortKey(socket) : inetSortKey(host === '?' ? null : host, null);
		},
	},
	state: byCell('state', 'STATE'),
	service: byCell('service', 'SERVICE'),
};

/** What a tally by `column` counts, as its heading says it: 'FOREIGN HOST', 'PID COMMAND'. */
export const tallyHeading = (column: TallyColumn): string => GROUPINGS[column].heading;

/** Count `sockets` by `column`'s groups, most first (or least, `isLeastFirst`). */
export function tallySockets(sockets: Iterable<Socket>, column: TallyColumn, context: ColumnContext, isLeastFirst = false): Tally {
	const grouping = GROUPINGS[column];
	const groups = new Map<string, {key: string; label: string; count: number; order: SortKey}>();
	let total = 0;
	for (const socket of sockets) {
		total++;
		const key = grouping.key(socket, context);
		const group = groups.get(key);
		if (group === undefined) groups.set(key, {key, label: grouping.label(socket, context), count: 1, order: grouping.order(socket, context)});
		else group.count++;
	}

	// Most first (the count negated, ascending), then the column's order, unknown last, then the text.
	const decorated = [...groups.values()].map(group => ({group, key: isLeastFirst ? group.count : -group.count, tie: group.order, tie2: group.label, tie3: null}));
	return {column, groups: sortDecorated(decorated, false).map(({group}) => group), total, isLeastFirst};
}

/** The drill-in from a tally's group: the rows of exactly that group (no substring: 10.0.0.5 is not 10.0.0.50). */
export type GroupFilter = {readonly column: TallyColumn; readonly key: string; readonly label: string};

/** A tally's group as a filter. */
export const groupFilter = (column: TallyColumn, group: Pick<TallyGroup, 'key' | 'label'>): GroupFilter => ({column, key: group.key, label: group.label});

/** Whether `socket` is in the group `filter` names. */
export const isInGroup = (socket: Socket, filter: GroupFilter, context: ColumnContext): boolean => GROUPINGS[filter.column].key(socket, context) === filter.key;

/** The group filter in the header's words: 'foreign 10.0.0.5', 'state CLOSE_WAIT'. */
export const groupWords = (filter: GroupFilter): string => `${GROUPINGS[filter.column].word} ${filter.label}`;

/**
 * `--tally COLUMN`: a column id as --sort takes it (the header's first word, any case); FD, and
 * a name no column has, are a UserError listing the ones a tally counts by.
 */
export function parseTallyColumn(text: string): TallyColumn {
	const name = text.trim().toLowerCase();
	const valid = `use ${TALLY_COLUMNS.join(', ')}`;
	if (name === 'fd') throw new UserError(`--tally: ${FD_NOT_COUNTED} (${valid})`);
	const column = TALLY_COLUMNS.find(id => id === name);
	if (column === undefined) throw new UserError(`--tally: unknown column '${text}' (${valid})`);
	return column;
}
