import type {FileDescriptor, ProcessDetail, ProcessInfo} from '../model/process.js';
import {FD_HEADINGS, fdColumns, hasQueuedRow, widestCell} from '../model/fd-columns.js';
import {exeGoneNote, fdCountOf, fdRow, fdSentenceLine, processFacts, type FdColumn, type FdRow} from '../model/pid-rows.js';
import type {Filters} from '../options.js';
import {threadNote, type ThreadOwner} from '../model/thread.js';
import {fdFilterNote, filterFds} from '../model/pid-filter.js';
import {type FdSortOrder, sortFds} from '../model/fd-sort.js';
import {passedRows} from '../model/fd-filter.js';
import {quotedQuery} from '../model/query.js';
import {displayWidth, sanitize, stringifyJson} from './escape.js';
import {JSON_FORMAT_VERSION, toJsonSocket} from './json.js';
import {describeFdLine, explainSocketFd, listeningOf, namespaceFacts, type PidContext} from './fd-sentence.js';

/** `socktop --pid N --once` and `--json`: the process, its fds in a table, and each socket explained (fd-sentence.ts). */

/** What the command line asked of the PID view beyond its PID, which the output says. */
export type PidRequest = {
	/** `--pid` named a thread: this is its process's view, and the output says so. */
	readonly thread?: ThreadOwner | null;
	/** The command line's filters: their socket filters narrow the fds listed (model/pid-filter.ts), and the output says so. */
	readonly filters?: Filters;
	/** `--sort` with `--pid`: the view's first order, and `--once`'s (its table and the sentences under it); `--json` keeps FD order. */
	readonly sort?: FdSortOrder | null;
};

/** --filter's text over the fds listed (as the view's `/`), for --json: its fds and their rows stay as listed. */
const textFiltered = (fds: readonly FileDescriptor[], pid: number, text: string): readonly FileDescriptor[] =>
	text === '' ? fds : passedRows(fds, fds.map(fd => fdRow(fd, pid)), text).fds;

/** What --filter's text left of the table (--once): 'The filter "tcp" lists 2 of the 9 fds'. */
const textFilterNote = (text: string, shown: number, total: number): string => `The filter ${quotedQuery(text)} lists ${shown} of the ${total} fds`;

/** The lines the output says of what `request` asked, in order: the thread, the filters; and the fds to list. */
export function requestNotes(fds: readonly FileDescriptor[], request: PidRequest, holder: ProcessInfo | null = null): {readonly notes: string[]; readonly fds: readonly FileDescriptor[]} {
	const filter = filterFds(fds, request.filters, holder);
	const notes = [...(request.thread ? [threadNote(request.thread)] : []), ...(filter === null ? [] : [fdFilterNote(filter)])];
	return {notes, fds: filter?.fds ?? fds};
}

/** `ctx` with the namespace of the process `detail` is about. */
const withNamespace = (ctx: PidContext, detail: ProcessDetail): PidContext => ({...ctx, ...namespaceFacts(detail)});

const padTo = (text: string, width: number, isRight = false) => {
	const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
	return isRight ? pad + text : text + pad;
};

/** Numbers are right-aligned, as ss and ps align them. */
const isNumberColumn = (key: FdColumn) => key === 'fd' || key === 'recvQ' || key === 'sendQ';

/**
 * Plain columns, as wide as their widest cell (pipes and files are not cut), trailing spaces
 * trimmed; RECV-Q and SEND-Q only when some socket has something queued (hasQueuedRow).
 */
/** The fds as a table under its heading, which `isQuiet` (-q, as for the socket table) leaves out. */
function fdTable(rows: readonly FdRow[], isQuiet: boolean): string[] {
	const keys = fdColumns(hasQueuedRow(rows));
	const widths = keys.map(key => widestCell(rows, key, displayWidth(FD_HEADINGS[key])));
	const line = (cells: Readonly<Record<FdColumn, string>>) =>
		keys.map((key, index) => padTo(cells[key], widths[index] ?? 0, isNumberColumn(key)))
			.join('  ')
			.trimEnd();
	return [...(isQuiet ? [] : [line(FD_HEADINGS)]), ...rows.map(row => line(row))];
}

/**
 * `socktop --pid N --once`: the process block, every fd (no table when there is none), then each socket
 * explained (its ports, or a unix socket's name and peer), then every other fd whose
 * FOREIGN / PEER counts more holders ('(+2 more)': a pipe a shell shares with its
 * children), in the sentence the live view gives it when selected (describeFd), which
 * names them. `request`'s notes (a thread's process, the filters in force) come first, and its
 * filters narrow the fds listed, and its sort orders them. `isQuiet` (-q) leaves out the table's heading. Untrusted text is sanitized.
 */
export function formatProcessText(detail: ProcessDetail, processCtx: PidContext, request: PidRequest = {}, isQuiet = false): string {
	const {process: info} = detail;
	const ctx = withNamespace(processCtx, detail);
	if (info === null) {
		return `No process${detail.pid === undefined ? '' : ` with PID ${detail.pid}`}: it has exited or never existed.\n`;
	}

	const facts = processFacts(info, fdCountOf(detail), detail.time, detail.netns ?? null);
	const labelWidth = Math.max(...facts.map(fact => fact.label.length));
	const lines = facts.map(fact => `${fact.label.padEnd(labelWidth)}  ${fact.value}`);
	const {notes, fds: listed} = requestNotes(detail.fds, request, info);
	for (const note of [...notes, exeGoneNote(info)]) if (note !== null) lines.push('', `Note: ${note}`);
	if (detail.denied !== null) {
		lines.push('', `Note: ${sanitize(detail.denied)}`);
	}

	if (detail.unreadOutput !== undefined) lines.push('', `Note: ${sanitize(detail.unreadOutput)}`);
	for (const line of detail.missingTools ?? []) lines.push('', `Note: ${sanitize(line)}`);

	const listedRows = listed.map(fd => fdRow(fd, info.pid));
	const order = request.sort ? sortFds(listed, listedRows, request.sort) : {fds: listed, rows: listedRows};
	const {fds, rows} = passedRows(order.fds, order.rows, request.filters?.text ?? '');
	if (rows.length < order.rows.length) lines.push('', `Note: ${textFilterNote(request.filters!.text, rows.length, order.rows.length)}`);
	const listening = listeningOf(detail);
	// What "ephemeral" means, under the first socket each kind of note is about: a proxy's thousand connections need it once.
	const noted = new Set<string>();
	const firstNote = (note: string | null | undefined): string[] => {
		const kind = note?.replace(/^\d+/, '');
		if (note === null || note === undefined || noted.has(kind!)) return [];
		noted.add(kind!);
		return [`    ${note}`];
	};
	const sockets: string[] = [];
	const shared: string[] = [];
	for (const [index, fd] of fds.entries()) {
		const each = explainSocketFd(fd, ctx, listening);
		if (each !== null) sockets.push(`  ${fdSentenceLine(fd, each.sentence, info.pid)}`, ...firstNote(each.ephemeralNote?.()));
		// A socket's sentence above already names every holder; a row without '(+N more)' names its only one.
		else if ((rows[index]!.moreHolders ?? 0) > 0) shared.push(`  ${describeFdLine(fd, null, info.pid)}`);
	}

	const section = (heading: string, explanations: readonly string[]) => (explanations.length === 0 ? [] : ['', heading, ...explanations]);
	// No fds to list (a process socktop may not read, whose note says why; a kernel thread, "Open FDs 0"): no bare header.
	const table = rows.length === 0 ? [] : ['', ...fdTable(rows, isQuiet)];
	return [...lines, ...table, ...section('Sockets explained:', sockets), ...section('Shared ends explained:', shared)].join('\n') + '\n';
}

/**
 * `socktop --pid N --json`: the detail with each socket fd's explanation beside it (a unix
 * socket's has null `local` and `foreign`). Every key of the document and every fd's `socket`,
 * `peer`, `morePeers`, `coHolders`, `hiddenPeer` and `explanation` are present (null or empty when unknown); `other`,
 * `isAccepted`, `isPathGone`, `socketFile` and `linkInterface` only where they apply, as the README says. `time` is ISO 8601
 * as in the table's --json. `request` fills `thread` and `filters`, whose fds `fds` leaves out.
 */
export function formatProcessJson(detail: ProcessDetail, processCtx: PidContext, indent = 2, request: PidRequest = {}): string {
	const ctx = withNamespace(processCtx, detail);
	const listening = listeningOf(detail);
	const filter = filterFds(detail.fds, request.filters, detail.process);
	const text = request.filters?.text ?? '';
	const listed = textFiltered(filter?.fds ?? detail.fds, detail.process?.pid ?? 0, text);
	const value = {
		formatVersion: JSON_FORMAT_VERSION,
		time: new Date(detail.time).toISOString(),
		pid: detail.pid ?? detail.process?.pid ?? null,
		// --pid named a thread of this process: which one.
		thread: request.thread ? {tid: request.thread.tid, name: request.thread.name} : null,
		process: detail.process,
		netns: detail.netns ?? null,
		// The command line's filters in force (the socket filters' words, as the live header's; --filter's text as typed) and the fds they hide; null when none is.
		filters: filter === null && text === '' ? null : {active: filter?.active ?? [], text: text === '' ? null : text, hiddenFds: detail.fds.length - listed.length},
		fds: listed.map(descriptor => {
			const explained = explainSocketFd(descriptor, ctx, listening);
			const {fd: number, mode, ...fd} = descriptor;
			return {
				// Right after the fd number, as lsof writes it there ('3u'), whether or not it is known.
				fd: number,
				mode: mode ?? null,
				...fd,
				socket: fd.socket === null ? null : toJsonSocket(fd.socket),
				peer: fd.peer ?? null,
				morePeers: fd.morePeers ?? [],
				coHolders: fd.coHolders ?? [],
				hiddenPeer: fd.hiddenPeer ?? null,
				explanation:
					explained === null
						? null
						: {
								sentence: explained.explanation.sentence,
								local: explained.explanation.local,
								foreign: explained.explanation.foreign,
							},
			};
		}),
		fdCount: detail.fdCount ?? null,
		listening: detail.listening ?? null,
		denied: detail.denied,
		// What a missing tool left unread (unix peers without ss), as --json's skipped.unreadableTables says it.
		missingTools: detail.missingTools ?? [],
		// What of lsof's output could not be read, as --json's skipped.unreadableTables says it first.
		unreadOutput: detail.unreadOutput ?? null,
	};
	// JSON.stringify passes C1 controls, bidi overrides and invisible characters through; stringifyJson escapes them too.
	return stringifyJson(value, indent) + '\n';
}
