import {type Column, type ColumnContext, type ColumnId, columnById, COLUMN_IDS} from './columns.js';
import {addressScope, cellTest, compileQuery, type CompiledQuery, numberScope, type QueryColumns, type ScopeTest, textScope} from './query.js';
import {mappedIpv4} from './mapped-ipv4.js';
import {type Socket, isUnixProto} from './types.js';
import {UserError} from '../collect/collector.js';
import {matchesPorts, parsePorts} from './port-list.js';

/**
 * The live view's `/` filter: a row is found by typing what the table shows.
 * Each word of it matches, case-insensitively, within one cell (never across two):
 * - the cell as the column writes it (sanitized, `[::1]:22`, `*:22`, the uid under -n);
 * - the column's narrow abbreviation, whatever the width now (CLOSE-W, ESTAB);
 * - the column's other spellings (a state as ss or FreeBSD write it: CLOSE-WAIT, FIN_WAIT_1).
 * A `…` in the text stands for what a cut cell left out, so a cell copied from
 * the screen (`systemd-res…`, `…:8080`) finds its row.
 * Every column comes from the column spec, so a new column or abbreviation is
 * found without a change here. Words combine, and `name:` scopes one to a column (query.ts):
 * text columns by substring, PID and FD exactly, ports by number (port:, lport:, fport:), host: by address.
 */

/** The columns to search and what their cells need (the SERVICE lookup, -n). */
export type TextSearch = {
	readonly columns: readonly Column[];
	readonly context: ColumnContext;
};

/**
 * Each search's rows as lowercased text: the whole row's (key ''), and a column's (its id) once a
 * `name:` asks for it. Weak by search, so a snapshot's texts go with its search object; plain Maps
 * within (a WeakMap's 50k inserts cost more than the texts).
 */
const searchTexts = new WeakMap<TextSearch, Map<string, Map<Socket, string>>>();

/** A column's cell, its abbreviation and other spellings, one per line (not lowercased). */
function columnLines(column: Column, socket: Socket, context: ColumnContext): string {
	const cell = column.text(socket, context);
	const short = column.abbreviate?.(cell) ?? cell;
	const lines = short === cell ? [cell] : [cell, short];
	if (column.otherSpellings !== undefined) lines.push(...column.otherSpellings(socket, context));
	return lines.join('\n');
}

/**
 * A reader of one text of each row (`key`), built by `build` on the row's first read and kept
 * with the search: typing a filter builds it once per row, and each key after is a substring test.
 */
function cachedText(search: TextSearch, key: string, build: (socket: Socket) => string): (socket: Socket) => string {
	let texts: Map<Socket, string> | undefined;
	return socket => {
		if (texts === undefined) {
			const byKey = searchTexts.get(search) ?? new Map<string, Map<Socket, string>>();
			searchTexts.set(search, byKey);
			texts = byKey.get(key) ?? new Map<Socket, string>();
			byKey.set(key, texts);
		}

		let text = texts.get(socket);
		if (text === undefined) {
			text = build(socket).toLowerCase();
			texts.set(socket, text);
		}

		return text;
	};
}

/**
 * What the filter searches in a row: each cell, its abbreviation, the column's
 * other spellings, lowercased, one per line (a needle holds no newline and `…`
 * matches none, so no match spans two cells).
 */
const rowText = (search: TextSearch) => cachedText(search, '', socket => search.columns.map(column => columnLines(column, socket, search.context)).join('\n'));

/** A column's lowercased lines in a row (NETNS's too where the table has none: all `host`). */
function cellsOf(id: ColumnId, search: TextSearch): (socket: Socket) => string {
	const column = search.columns.find(each => each.id === id) ?? columnById(id);
	return cachedText(search, id, socket => columnLines(column, socket, search.context));
}

/** port:, lport:, fport: a port list as -p reads it (`443`, `8000-8100`, `22,80`), matched as -p matches it at the ends `ends` picks. */
const portScope =
	(name: string, ends: 'either' | 'local' | 'foreign'): ScopeTest<Socket> =>
	value => {
		try {
			const ports = parsePorts(value, name);
			return socket => matchesPorts(socket, ports, ends);
		} catch (error) {
			// -p's message, said of this name: the query puts `name: ` before it.
			if (error instanceof UserError) return {error: error.message.slice(`${name}: `.length)};
			throw error;
		}
	};

/** An address as written in an Internet cell, lowercased, without IPv6 brackets. */
const bare = (address: string) => address.toLowerCase().replace(/^\[(.*)\]$/u, '$1');

/**
 * host: either end's address, whole (10.0.0.5 is not 10.0.0.50), `…` for any part (`10.0.…`);
 * an IPv4 client of a dual-stack listener by its IPv4 address too (::ffff:10.0.0.5). Unix paths are no host.
 */
const hostScope: ScopeTest<Socket> = value => {
	const test = cellTest(bare(value), 'whole');
	const isHost = (address: string | null) => address !== null && (test(bare(address)) || test(mappedIpv4(address) ?? ''));
	return socket => !isUnixProto(socket.proto) && (isHost(socket.localAddress) || isHost(socket.foreignAddress));
};

/** The live table's `name:`s: --sort's column names, and ports and hosts by either end. */
function socketColumns(search: TextSearch): QueryColumns<Socket> {
	const scopes: Record<string, ScopeTest<Socket>> = {};
	for (const id of COLUMN_IDS) scopes[id] = textScope(cellsOf(id, search));
	const user = scopes['user']!;
	return {
		scopes: {
			...scopes,
			// A uid is the owner's, exactly (--user's rule); a name is text, as the cell shows it.
			user: value => (/^\d+$/u.test(value) ? (socket: Socket) => socket.uid === Number(value) : user(value)),
			pid: numberScope(socket => socket.pid),
			fd: numberScope(socket => socket.fd),
			local: addressScope(cellsOf('local', search)),
			foreign: addressScope(cellsOf('foreign', search)),
			port: portScope('port', 'either'),
			lport: portScope('lport', 'local'),
			fport: portScope('fport', 'foreign'),
			host: hostScope,
		},
		rowText: rowText(search),
	};
}

/** The names `name:` takes in the live table, for the prompt's hint without a search at hand. */
const plainSearch: TextSearch = {columns: [], context: {serviceName: () => ''}};

/** The filter text parsed for `search`'s rows: its test and its hint (query.ts). */
export const socketQuery = (text: string, search: TextSearch = plainSearch): CompiledQuery<Socket> => compileQuery(text, socketColumns(search));

/**
 * A predicate for the rows the text finds; null when the text is blank (every row).
 * Spaces around the text are ignored. Pass the same `search` object while the
 * rows and columns stay the same, and each row's text is built once.
 */
export function textMatcher(text: string, search: TextSearch): ((socket: Socket) => boolean) | null {
	return socketQuery(text, search).test;
}
