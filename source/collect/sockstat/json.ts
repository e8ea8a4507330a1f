import {isUnixProto, type PeerHolder, type Socket} from '../../model/types.js';
import {datagramState, normalizeAddress, normalizeState} from '../import/endpoint.js';
import {makeSocket, parseCount, type ParseResult} from '../import/socket-row.js';
import {namePeerHolders} from './peer-names.js';
import {dualStackFields, modelProto} from './protos.js';

/**
 * `sockstat --libxo json -s` (FreeBSD 15; usr.bin/sockstat/main.c emits these keys):
 *
 *   {"__version": "1", "sockstat": {"socket": [
 *     {"user":"root","command":"sshd","pid":705,"fd":4,"proto":"tcp4",
 *      "local":{"address":"*","port":22},"foreign":{"address":"*","port":0},
 *      "path-state":"??","conn-state":"LISTEN"},
 *     {"user":"root","command":"syslogd","pid":572,"fd":4,"proto":"dgram",
 *      "local":{"path":"/var/run/log"},"foreign":{"connections":[{"pid":405,"fd":7}]}}]}}
 *
 * libxo writes %d/%lu fields as JSON numbers and %s as strings, so numbers are
 * accepted in either form. Rows whose holder is unknown have no user/command/pid/fd.
 * The port of a wildcard is 0; a unix peer is a path or a list of (pid, fd) holders: of the
 * unnamed peer a socket connected to, or of the clients connected to a datagram server.
 */
type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field, or a number printed as text; undefined when absent or another type. */
function text(object: JsonObject | undefined, key: string): string | undefined {
	const value = object?.[key];
	if (typeof value === 'string') {
		return value;
	}

	return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}


function portOf(endpoint: JsonObject | undefined): number | null | undefined {
	const value = text(endpoint, 'port');
	if (value === undefined) {
		return null;
	}

	const port = parseCount(value);
	return port === null || port > 65_535 ? undefined : port === 0 ? null : port;
}

/**
 * The peer a stream or seqpacket socket is connected to, where it has no name: the one entry of
 * `connections` (the text's `-> [pid fd]`); its command is named from the other rows
 * (namePeerHolders). Not for dgram: there the list may be who connected to this socket instead
 * (the text's `<- [pid fd],…`), which JSON does not tell apart.
 */
function holderOf(connections: unknown): PeerHolder | undefined {
	if (!Array.isArray(connections) || connections.length !== 1 || !isObject(connections[0])) return undefined;
	const pid = parseCount(text(connections[0], 'pid'));
	const fd = parseCount(text(connections[0], 'fd'));
	return pid === null || fd === null ? undefined : {command: null, pid, fd};
}

function parseEntry(entry: JsonObject): Socket | null {
	const protoText = text(entry, 'proto') ?? '';
	const user = text(entry, 'user');
	const command = text(entry, 'command');
	const holder = {
		user: user ?? '?',
		uid: parseCount(user),
		command: command === undefined || command === '??' ? null : command,
		pid: parseCount(text(entry, 'pid')),
		fd: parseCount(text(entry, 'fd')),
	};
	const local = isObject(entry['local']) ? entry['local'] : undefined;
	const foreign = isObject(entry['foreign']) ? entry['foreign'] : undefined;
	const proto = modelProto(protoText);
	if (proto === null) {
		return null;
	}

	if (isUnixProto(proto)) {
		const path = text(local, 'path') ?? null;
		const peerPath = text(foreign, 'path') ?? null;
		// `connections` is the unnamed peer a socket connected to, or (format_unix_faddr's
		// xu_firstref) the clients connected to a datagram server. The text form tells them
		// apart by '->' and '<-', JSON does not: a bound datagram socket cannot have connected
		// to an unnamed one (only a socketpair is, and it has no path), so its list is clients.
		const connections = foreign?.['connections'];
		const isServer = proto === 'dgram' && path !== null;
		const isConnected = peerPath !== null || (Array.isArray(connections) && !isServer);
		const peerHolder = proto === 'dgram' ? undefined : holderOf(connections);
		return makeSocket({
			...holder,
			proto,
			path,
			peerPath,
			state: isConnected ? 'ESTABLISHED' : null,
			...(peerHolder === undefined ? {} : {peerHolder}),
		});
	}

	const localPort = portOf(local);
	const foreignPort = portOf(foreign);
	if (localPort === undefined || foreignPort === undefined) {
		return null;
	}

	const localAddress = text(local, 'address');
	const foreignAddress = text(foreign, 'address');
	const foreignEndpoint = foreignAddress === undefined ? null : {address: normalizeAddress(foreignAddress), port: foreignPort};
	const stated = normalizeState(text(entry, 'conn-state') ?? '');
	const state = stated ?? (proto.startsWith('udp') ? datagramState(foreignEndpoint) : null);
	return makeSocket({
		...holder,
		proto,
		localAddress: localAddress === undefined ? null : normalizeAddress(localAddress),
		localPort,
		foreignAddress: foreignEndpoint?.address ?? null,
		foreignPort,
		state,
		...dualStackFields(protoText, false, proto, state),
	});
}

/**
 * The socket list inside libxo's wrapper, or why there is none: the text is not JSON
 * (cut short, most often: a copy that stopped early), or JSON without `sockstat.socket`.
 */
function socketList(text: string): unknown[] | string {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (error) {
		// Not the parser's message itself: newer V8 quotes the text in it.
		const message = error instanceof Error ? error.message : '';
		if (/unexpected end/i.test(message)) return 'the JSON stops before its end (cut short?)';
		const position = /position (\d+)/.exec(message)?.[1];
		return position === undefined ? 'it is not valid JSON' : `it is not valid JSON (at character ${position})`;
	}

	const container = isObject(document) ? document['sockstat'] : undefined;
	const list = isObject(container) ? container['socket'] : undefined;
	return Array.isArray(list) ? list : 'the JSON has no sockstat.socket list';
}

/** libxo's document as sockstat writes it: a JSON object (`{` first) that names sockstat. */
export function looksLikeSockstatJson(text: string): boolean {
	return /^\s*\{/u.test(text) && text.includes('"sockstat"');
}

/**
 * Parse `sockstat --libxo json`; the document counts as one line. Text that does not look
 * like it at all (another tool's output) is declined: one line not read, but no problem
 * said, as it is not this format. Text that does but is not that JSON (cut short, not
 * valid, no socket list) is one malformed line, with the problem said. Never throws.
 */
export function parseSockstatJson(text: string): ParseResult {
	if (!looksLikeSockstatJson(text)) {
		return {sockets: [], malformedLines: text.trim() === '' ? 0 : 1};
	}

	const list = socketList(text);
	if (typeof list === 'string') {
		return {sockets: [], malformedLines: 1, problem: `${list}: expected the output of sockstat --libxo json`};
	}

	const sockets: Socket[] = [];
	let malformedLines = 0;
	let firstMalformed: string | undefined;
	for (const entry of list) {
		const socket = isObject(entry) ? parseEntry(entry) : null;
		if (socket === null) {
			malformedLines++;
			// The entry as JSON, for the note that says entries were dropped (cut there anyway).
			firstMalformed ??= JSON.stringify(entry)?.slice(0, 200) ?? String(entry);
		} else {
			sockets.push(socket);
		}
	}

	namePeerHolders(sockets);
	return {sockets, malformedLines, firstMalformed};
}
