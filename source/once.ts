import type {Writable} from 'node:stream';
import type {Collector} from './collect/collector.js';
import {defaultFilters, type Filters, type Options, type PortRange} from './options.js';
import {type ColumnContext, COLUMNS} from './model/columns.js';
import type {Skipped, Snapshot, Socket} from './model/types.js';
import type {PidRequest} from './format/pid.js';
import type {PidContext} from './format/fd-sentence.js';
import {applyFilters} from './model/filter.js';
import {sortSockets} from './model/sort.js';
import {tallySockets, type TallyColumn} from './model/tally.js';
import {ALL_NAMESPACES, HOST_NAMESPACE, hasNamespaceColumn, namespacesOf, resolveNamespaceFilter} from './model/netns.js';
import {type OwnUser, unknownOwnerNote, unreadNamespaceNote} from './model/unseen.js';
import {formatTable} from './format/table.js';
import {jsonPieces} from './format/json.js';
import {sanitize} from './format/escape.js';
import {toAsciiGlyphs} from './glyphs.js';
import {deniedNames} from './format/denied.js';
import {droppedLinesNote} from './format/dropped.js';
import {ephemeralSettingOf, resolveEphemeralRange} from './services/load.js';
import {serviceContext} from './services/service-column.js';
import {createServiceTable} from './services/table.js';
import type {ServiceTable} from './services/types.js';

/** Where one-shot output goes; the CLI passes process streams, tests pass buffers. */
export type OneShotIo = {
	readonly stdout: Writable;
	readonly stderr: Writable;
	/** Pretty JSON and the "hidden processes" note are for people, not pipes. */
	readonly isStdoutTty: boolean;
	readonly isStderrTty: boolean;
	/** Root is not told to run as root: the note says what even root could not read. */
	readonly isRoot: boolean;
	/** Who socktop runs as: --user naming it is told of no unseen owners (unknownOwnerNote); default none. */
	readonly ownUser?: OwnUser | null;
	/** The locale is not UTF-8: text (not JSON, which is UTF-8 by definition) draws socktop's glyphs in ASCII, as the live view does. */
	readonly isAsciiLocale?: boolean;
};

/** `text` as this locale can show it (glyphs.ts) on `stream`. */
function forLocale(io: OneShotIo, text: string, isTerminal = io.isStdoutTty): string {
	return io.isAsciiLocale === true ? toAsciiGlyphs(text, isTerminal) : text;
}

/** Denied processes the one-shot note names; `--json`'s skipped.deniedProcessList has more. */
const NOTE_NAMED = 3;

/** The "what we could not see" sentence, or null when nothing was hidden; it names the first denied processes. */
export function skippedNote(skipped: Skipped, isRoot = skipped.deniedAsRoot): string | null {
	const parts: string[] = [];
	if (skipped.procHidden) {
		parts.push('/proc is mounted hidepid=2: other users\' processes are invisible — run as root to see them and their owners');
	}

	if (skipped.deniedProcesses > 0) {
		const processes = skipped.deniedProcesses === 1 ? '1 process' : `${skipped.deniedProcesses} processes`;
		const names = deniedNames(skipped, NOTE_NAMED);
		// The live view's header says the same advice in the same words ("— run as root to see …").
		parts.push(`${processes} could not be read${names === null ? '' : `: ${names}`}${isRoot ? ' (even as root)' : ' — run as root to see which sockets they hold'}`);
	}

	if (skipped.deniedNamespaces > 0) {
		parts.push(`${skipped.deniedNamespaces} network namespace${skipped.deniedNamespaces === 1 ? '' : 's'} could not be read${isRoot ? ' (even as root)' : ''}`);
	}

	// Tables the backend could not read at all (lsof without root lists only the caller's sockets).
	for (const table of skipped.unreadableTables) parts.push(table);
	return parts.length === 0 ? null : parts.join('; ');
}

/**
 * `--netns NAME` that no socket carries: a namespace with no sockets now (a
 * name no namespace has was refused before: checkNamespaceFilter; one socktop
 * could not read is unreadNamespaceNote's). Says which ones have sockets; null
 * when the filter is all, host, or a label present.
 */
export function missingNamespaceNote(netns: string, sockets: readonly Socket[]): string | null {
	if (netns === ALL_NAMESPACES || netns === HOST_NAMESPACE) return null;
	const present = namespacesOf(sockets);
	return present.includes(netns) ? null : `no sockets in a network namespace named '${netns}' (namespaces with sockets: ${present.join(', ')})`;
}

/**
 * `-p 31236` that matched nothing, where 31236 is a process (top's `-p PID`): says `--pid` is the flag,
 * for the first listed port no socket has whose number a process has (a holder of the snapshot's, else
 * one `identify`, the collector's cheap look at a live PID, finds); null otherwise.
 */
async function pidAsPortNote(ports: readonly PortRange[], snapshot: Snapshot, identify: NonNullable<Collector['identify']>): Promise<string | null> {
	const onNoSocket = ports.flatMap(([low, high]) => (low === high && low > 0 && applyFilters(snapshot.sockets, {...defaultFilters, ports: [[low, low]]}).length === 0 ? [low] : []));
	for (const pid of onNoSocket) {
		const isProcess = snapshot.sockets.some(socket => socket.pid === pid) || (await identify(pid)) !== null;
		if (isProcess) return `no socket on port ${pid}; PID ${pid} is a process: --pid ${pid} shows its fds`;
	}

	return null;
}

/**
 * The cells' context for the printed rows, made once for the filters, the sort and the tally: SERVICE's
 * names and the client ends of outgoing connections, which read the services table and the ephemeral range,
 * only where --sort service, --filter or a tally by LOCAL or SERVICE asks for them; USER's uid under -n.
 */
async function printContext(snapshot: Snapshot, options: Options, services: () => ServiceTable): Promise<ColumnContext> {
	const withPorts = options.sort?.column === 'service' || options.filters.text !== '' || options.tally === 'service' || options.tally === 'local';
	if (!withPorts) return {serviceName: () => '', isNumericUser: options.numericUsers};
	const table = services();
	// A --services file that cannot be read (too large: /dev/zero) is one line and exit 2, as for --pid N --once:
	// the order asked for would otherwise silently be IANA's names alone. (A missing default file never rejects.)
	await table.load();
	const ephemeral = await resolveEphemeralRange(options).catch(() => null);
	return serviceContext(snapshot, table, ephemeral, options.numericUsers);
}

/**
 * The sockets the filters pass (--filter's text as the live `/` reads it, SERVICE included), in
 * --sort's order by the live table's comparator; as listed (the kernel's order, as sockstat prints it) without --sort.
 */
function printedSockets(snapshot: Snapshot, filters: Filters, options: Options, context: ColumnContext): Socket[] {
	const sockets = applyFilters(snapshot.sockets, filters, {columns: COLUMNS, context});
	return options.sort === null ? sockets : sortSockets(sockets, options.sort, context);
}

/** `--tally COLUMN`: the rows counted by that column, as `COUNT VALUE` lines or --json's document with `tally`. */
async function formatTallyOf(sockets: Socket[], snapshot: Snapshot, options: Options, io: OneShotIo, context: ColumnContext, column: TallyColumn): Promise<string> {
	const tally = tallySockets(sockets, column, context);
	const {formatTallyJson, formatTallyText} = await import('./format/tally.js');
	return options.json ? `${formatTallyJson(snapshot, tally, io.isStdoutTty ? 2 : 0)}\n` : forLocale(io, formatTallyText(tally, options.quiet));
}

/**
 * `socktop --once` / `--json` / piped: one snapshot, filtered, sorted by --sort, printed.
 * `services` gives the run's services table, asked only to sort by SERVICE. Returns the exit code.
 */
export async function printSnapshot(options: Options, collector: Collector, io: OneShotIo, services: () => ServiceTable = () => createServiceTable({file: options.servicesFile})): Promise<number> {
	const filters = {...options.filters, netns: resolveNamespaceFilter(options.filters.netns, io.isRoot, collector.ownNamespace?.())};
	// --json has a field for a TCP listener's backlog, which costs the /proc backend one ss run (the IPv6-only flags of tcp46 and -4 come without asking);
	// and ss is asked only in the namespace --netns shows.
	const snapshot = await collector.snapshot({withListenerFacts: options.json, netns: filters.netns});
	const context = await printContext(snapshot, options, services);
	const sockets = printedSockets(snapshot, filters, options, context);
	// As root too: what root cannot read (e.g. PID 1 in a container without CAP_SYS_PTRACE) is worth knowing.
	const note = skippedNote(snapshot.skipped, io.isRoot || snapshot.skipped.deniedAsRoot);
	const unread = unreadNamespaceNote(filters.netns, snapshot, io.isRoot);
	const missing = unread === null ? missingNamespaceNote(filters.netns, snapshot.sockets) : null;
	// Advice for a person, as the notes above: a table that -p left empty, -p being top's flag for a PID.
	// Not for a capture (no identify): its PIDs are another machine's, or another moment's.
	const isPidAdvised = io.isStderrTty && !options.json && sockets.length === 0 && filters.ports.length > 0 && collector.identify !== undefined;
	const pidAsPort = isPidAdvised ? await pidAsPortNote(filters.ports, snapshot, collector.identify!.bind(collector)) : null;
	// A capture's unread lines, and a --netns namespace not read, are said even to a pipe and with --json: rows are missing from what was printed.
	const notes = [
		io.isStderrTty && !options.json ? note : null,
		// Rows --user cannot match for want of their owner: said where the note above is.
		io.isStderrTty && !options.json ? unknownOwnerNote(filters, snapshot, io.isRoot, io.ownUser ?? null) : null,
		droppedLinesNote(snapshot),
		unread === null ? null : sanitize(unread),
		io.isStderrTty && missing !== null ? sanitize(missing) : null,
		pidAsPort,
	].flatMap(text => (text === null ? [] : [forLocale(io, `socktop: ${text}\n`, io.isStderrTty)]));
	// Piped (`socktop | grep`, `| less -X`), the notes go first, above what the reader prints; a pager
	// that takes the whole screen draws over them either way (the README says `2>&1 | less`).
	const writeNotes = () => {
		for (const text of notes) io.stderr.write(text);
	};

	if (!io.isStdoutTty) writeNotes();
	if (options.tally !== null) {
		io.stdout.write(await formatTallyOf(sockets, snapshot, options, io, context, options.tally));
	} else if (options.json) {
		// Piece by piece: a million sockets and more do not fit one string.
		for (const piece of jsonPieces(snapshot, sockets, io.isStdoutTty ? 2 : 0)) io.stdout.write(piece);
		io.stdout.write('\n');
	} else {
		// The columns follow --netns and the snapshot, not the rows the other filters kept: scripts parse them.
		const hasNamespace = hasNamespaceColumn(filters.netns, snapshot.sockets);
		io.stdout.write(forLocale(io, formatTable(sockets, {isQuiet: options.quiet, isNumericUser: options.numericUsers, hasNamespace})));
	}

	if (io.isStdoutTty) writeNotes();
	return 0;
}

/** What explaining ports needs; the services file and the IANA fallback load here (if a capture's port names have not already). */
async function pidContext(options: Options, services: ServiceTable): Promise<PidContext> {
	// As the live view does: a capture's client ports are explained by --ephemeral or no range, never this machine's.
	const [ephemeral] = await Promise.all([resolveEphemeralRange(options), services.load()]);
	return {services, ephemeral, ephemeralSetting: ephemeralSettingOf(options)};
}

/**
 * `socktop --pid N --once` / `--json`: the PID view, printed, each port explained with `services`.
 * `request` is what the output says besides (the thread N was, whose process `pid` is).
 * No such process is exit 1 with one line on stderr, as kill(1) and ps(1) fail.
 */
export async function printProcess(options: Options, collector: Collector, pid: number, io: OneShotIo, services: ServiceTable, request: PidRequest = {}): Promise<number> {
	const detail = await collector.process(pid);
	if (detail.process === null) {
		// A capture's PIDs are another machine's, or another moment's: it is the capture that has none.
		io.stderr.write(collector.name === 'import' ? `socktop: the capture lists no socket of PID ${pid}\n` : `socktop: no process ${pid} (it has exited or never existed)\n`);
		return 1;
	}

	const [{formatProcessJson, formatProcessText}, found] = await Promise.all([import('./format/pid.js'), pidContext(options, services)]);
	// A process in another network namespace: that namespace's range, unless --ephemeral named one.
	const context = detail.ephemeral === undefined || options.ephemeral !== null ? found : {...found, ephemeral: detail.ephemeral, viewerEphemeral: found.ephemeral};
	io.stdout.write(
		options.json ? formatProcessJson(detail, context, io.isStdoutTty ? 2 : 0, request) : forLocale(io, formatProcessText(detail, context, request, options.quiet)),
	);
	return 0;
}
