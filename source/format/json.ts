import type {DeniedProcess, Skipped, Snapshot, Socket} from '../model/types.js';
import {stringifyJson} from './escape.js';

/**
 * The first key of --json's and --pid N --json's documents, for scripts to check (sockstat's
 * libxo JSON has `__version`, smartctl's `json_format_version`): it goes up only when a key is
 * removed or renamed, or changes its type or meaning (README, JSON); a new key leaves it as it is.
 */
export const JSON_FORMAT_VERSION = 1 as const;

/**
 * The --json document. Socket objects keep every field of the Socket type
 * under the same names, with null where a value does not apply or is unknown,
 * so `jq` filters can rely on each key being present. stringifyJson escapes
 * control characters (\u001b etc.) as JSON requires, and also C1 controls, bidi
 * overrides and invisible characters, so hostile names stay inert in a terminal.
 */
export type JsonDocument = {
	readonly formatVersion: typeof JSON_FORMAT_VERSION;
	/** When the scan started, ISO 8601 in UTC. */
	readonly time: string;
	readonly hostname: string;
	readonly backend: Snapshot['backend'];
	readonly sockets: readonly JsonSocket[];
	readonly skipped: JsonSkipped;
};

/**
 * Skipped as the document writes it: every key present, malformedExample null when there is none,
 * deniedProcessList null from a backend that cannot name denied processes.
 */
export type JsonSkipped = Omit<Skipped, 'malformedExample' | 'deniedProcessList' | 'deniedProcesses' | 'deniedAsRoot' | 'isDenialUncounted' | 'tableShortForms'> & {
	/** null from a backend that cannot count them (lsof). */
	readonly deniedProcesses: number | null;
	readonly malformedExample: string | null;
	readonly deniedProcessList: readonly DeniedProcess[] | null;
	readonly deniedAsRoot: boolean | null;
};

/** A socket as the document writes it: what a socket may lack (a backlog, drops, the IPv6-only flag, a link-local address's interface) is null there. */
export type JsonSocket = Omit<Socket, 'backlog' | 'drops' | 'isV6Only' | 'linkInterface'> & {
	readonly backlog: number | null;
	readonly drops: number | null;
	readonly isV6Only: boolean | null;
	readonly linkInterface: string | null;
};

/** One socket as the document lists it (and `--pid N --json` its fds' sockets): every Socket field, in this order. */
export const toJsonSocket = (socket: Socket): JsonSocket => ({
	proto: socket.proto,
	localAddress: socket.localAddress,
	localPort: socket.localPort,
	foreignAddress: socket.foreignAddress,
	foreignPort: socket.foreignPort,
	path: socket.path,
	peerInode: socket.peerInode,
	peerPath: socket.peerPath,
	state: socket.state,
	user: socket.user,
	uid: socket.uid,
	command: socket.command,
	pid: socket.pid,
	fd: socket.fd,
	inode: socket.inode,
	rxQueue: socket.rxQueue,
	txQueue: socket.txQueue,
	backlog: socket.backlog ?? null,
	drops: socket.drops ?? null,
	netns: socket.netns,
	isFamilyGuessed: socket.isFamilyGuessed === true,
	isV6Only: socket.isV6Only ?? null,
	linkInterface: socket.linkInterface ?? null,
});

/**
 * The document for a snapshot and the sockets that passed the filters, whole:
 * the shape the README documents, and what jsonPieces is tested against.
 */
export function toJsonDocument(snapshot: Snapshot, sockets: readonly Socket[] = snapshot.sockets): JsonDocument {
	return {...documentHead(snapshot), sockets: sockets.map(socket => toJsonSocket(socket)), skipped: documentSkipped(snapshot)};
}

export const documentHead = (snapshot: Snapshot) => ({
	formatVersion: JSON_FORMAT_VERSION,
	time: new Date(snapshot.time).toISOString(),
	hostname: snapshot.hostname,
	backend: snapshot.backend,
});

export const documentSkipped = ({skipped}: Snapshot): JsonSkipped => ({
	deniedProcesses: skipped.isDenialUncounted === true ? null : skipped.deniedProcesses,
	deniedProcessList: skipped.deniedProcessList?.map(({pid, command, user, uid}) => ({pid, command, user, uid})) ?? null,
	vanishedProcesses: skipped.vanishedProcesses,
	malformedLines: skipped.malformedLines,
	malformedExample: skipped.malformedExample ?? null,
	unreadableTables: [...skipped.unreadableTables],
	deniedNamespaces: skipped.deniedNamespaces,
	procHidden: skipped.procHidden,
	deniedAsRoot: skipped.isDenialUncounted === true ? null : skipped.deniedAsRoot,
});

/** Sockets per piece of jsonPieces: one JSON.stringify call each, a few MB of text. */
const SOCKETS_PER_PIECE = 5000;

/** Sockets `start` to `start + SOCKETS_PER_PIECE` as one JSON array. */
const batchText = (sockets: readonly Socket[], start: number, indent: number) =>
	stringifyJson(sockets.slice(start, start + SOCKETS_PER_PIECE).map(socket => toJsonSocket(socket)), indent);

/**
 * The --json document as text in pieces, which joined are exactly
 * `stringifyJson(toJsonDocument(...), indent)`. `indent` 0 gives one compact
 * line (what pipes get); 2 is for reading. A snapshot of a million and more
 * sockets does not fit one string (V8 strings stop at 2^29 characters: ~1.6
 * million sockets of compact JSON); written piece by piece, it never has to.
 */
export function* jsonPieces(snapshot: Snapshot, sockets: readonly Socket[] = snapshot.sockets, indent = 0): Generator<string> {
	const head = stringifyJson(documentHead(snapshot), indent);
	const skipped = stringifyJson(documentSkipped(snapshot), indent);
	if (indent === 0) {
		// `{"formatVersion":1,"time":...,"backend":"proc"` then the sockets, each batch without its brackets.
		yield `${head.slice(0, -1)},"sockets":[`;
		for (let start = 0; start < sockets.length; start += SOCKETS_PER_PIECE) {
			yield (start === 0 ? '' : ',') + batchText(sockets, start, 0).slice(1, -1);
		}

		yield `],"skipped":${skipped}}`;
		return;
	}

	// Pretty-printed, a socket sits two levels deep, the skipped counts one: re-indent what JSON.stringify gives.
	const pad = ' '.repeat(indent);
	const nested = (text: string) => pad + text.replaceAll('\n', '\n' + pad);
	yield `${head.slice(0, -2)},\n${pad}"sockets": [`;
	for (let start = 0; start < sockets.length; start += SOCKETS_PER_PIECE) {
		// A batch is `[\n  {...},\n  {...}\n]`: its elements without the bracket lines.
		yield (start === 0 ? '\n' : ',\n') + nested(batchText(sockets, start, indent).slice(2, -2));
	}

	yield `${sockets.length === 0 ? '' : `\n${pad}`}],\n${pad}"skipped": ${skipped.replaceAll('\n', '\n' + pad)}\n}`;
}
