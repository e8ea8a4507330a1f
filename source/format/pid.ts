import {type FdMode, type FdType, type FileDescriptor, type ProcessDetail} from '../model/process.js';
import {FD_HEADINGS, fdColumns, hasQueuedRow, widestCell} from '../model/fd-columns.js';
import {alsoHeldBy, coHeldBy, fdCountOf, fdRow, fdSentenceLine, formatPeer, hiddenPeerPhrase, processFacts, type FdColumn, type FdRow} from '../model/pid-rows.js';
import {isUnixProto, type Socket} from '../model/types.js';
import {sharedPortPhrase} from '../model/reuse-port.js';
import type {Filters, PortRange} from '../options.js';
import {explainSocket, type SocketExplanation} from '../services/explain.js';
import {otherSocketSentence} from '../services/phrases.js';
import {queuePhrase, synFatePhrase} from '../services/queue-phrase.js';
import {ephemeralNote} from '../services/ephemeral-note.js';
import type {ServiceTable} from '../services/types.js';
import {threadNote, type ThreadOwner} from '../model/thread.js';
import {fdFilterNote, filterFds} from '../model/pid-filter.js';
import {displayWidth, sanitize, stringifyJson} from './escape.js';
import {toJsonSocket} from './json.js';

/** What explaining ports needs: the services table (loaded) and the ephemeral range. */
export type PidContext = {
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
	/** The process's network namespace (ProcessDetail.netns), to tell a socket of another one; absent or null: not known. */
	readonly netns?: string | null;
	/** Where this system sets the ephemeral range (services/load.ts ephemeralSettingOf); absent or null when `ephemeral` was given or is a capture's. */
	readonly ephemeralSetting?: string | null;
};

/** What the command line asked of the PID view beyond its PID, which the output says. */
export type PidRequest = {
	/** `--pid` named a thread: this is its process's view, and the output says so. */
	readonly thread?: ThreadOwner | null;
	/** The command line's filters: their socket filters narrow the fds listed (model/pid-filter.ts), and the output says so. */
	readonly filters?: Filters;
};

/** The lines the output says of what `request` asked, in order: the thread, the filters; and the fds to list. */
export function requestNotes(fds: readonly FileDescriptor[], request: PidRequest): {readonly notes: string[]; readonly fds: readonly FileDescriptor[]} {
	const filter = filterFds(fds, request.filters);
	const notes = [...(request.thread ? [threadNote(request.thread)] : []), ...(filter === null ? [] : [fdFilterNote(filter)])];
	return {notes, fds: filter?.fds ?? fds};
}

/** `ctx` with the namespace of the process `detail` is about. */
const withNamespace = (ctx: PidContext, detail: ProcessDetail): PidContext => ({...ctx, netns: detail.netns ?? null});

/**
 * '; it is a socket of network namespace host, not of the process's (uat-a): …' for a socket in
 * another namespace than its process (collect/linux/elsewhere.ts), whose addresses are that
 * namespace's; '' otherwise, or when either is not known.
 */
function movedNote(socket: Socket, processNetns: string | null | undefined): string {
	if (processNetns === null || processNetns === undefined || socket.netns === null || socket.netns === processNetns) return '';
	return `; it is a socket of network namespace ${socket.netns}, not of the process's own (${processNetns}): it was made there before the process moved with setns(), or handed to it (as systemd's socket activation does)`;
}

export type FdExplanation = {
	/** null where a capture does not say (netstat). */
	readonly fd: number | null;
	/** One sanitized sentence, naming the peer when it is known. */
	readonly sentence: string;
	readonly explanation: SocketExplanation;
	/**
	 * What "ephemeral" means for the port the sentence calls so (services/ephemeral-note.ts); null, or absent, when
	 * none is. Worked out when first called (then kept): only the selected fd's and --once's are shown, --json has none.
	 */
	readonly ephemeralNote?: () => string | null;
};

/**
 * The explanation of one fd's socket (TCP/UDP, raw, unix, netlink or packet), or null when
 * it is not a socket found in the socket tables. `listening` (ProcessDetail.listening) tells an
 * accepted connection from an outgoing one even when both ports lie in the ephemeral range.
 * The sentence says what is queued on it while anything is (queuePhrase: Recv-Q, Send-Q), then
 * ends with the peer when it is known (`; the other end is postgres[548] fd 7`),
 * and says a unix peer's bound path when the sentence itself does not; then the other
 * processes holding this same socket, when there are (`; the same socket is also held by …`).
 * A port other sockets share (FileDescriptor.portSharers) is said before the peer: `; it shares port 6379 with …`.
 */
export function explainFd(descriptor: FileDescriptor, ctx: PidContext, listening?: ReadonlySet<string>): FdExplanation | null {
	const {socket} = descriptor;
	if (socket === null) {
		if (descriptor.other === undefined) return null;
		// Netlink and packet sockets: what they are for; they have no ports and no peer process.
		const sentence = otherSocketSentence(descriptor.other);
		return {fd: descriptor.fd, sentence, explanation: {sentence, local: null, foreign: null}};
	}

	const peer = descriptor.peer ?? null;
	// Not accepted yet, or a request a full listener drops: the peer is the listener's holder, whom the sentence names (raw: sanitized with it below).
	const peerName = peer === null ? null : `${peer.command ?? '?'}[${peer.pid}]`;
	const isQueued = descriptor.isAwaitingAccept === true;
	const listener = isQueued ? (peerName ?? undefined) : undefined;
	// Other sockets on its port (SO_REUSEPORT), said before the processes holding this very one; a port
	// shared so was bound on purpose, so the sentence does not guess that the kernel gave it to a client.
	const sharesPort = sharedPortPhrase(socket, descriptor.portSharers, socket.pid);
	const explanation = explainSocket(socket, {services: ctx.services, ephemeral: ctx.ephemeral, listening, isAccepted: descriptor.isAccepted, isPathGone: descriptor.isPathGone, linkInterface: descriptor.linkInterface, listener, isPortShared: sharesPort !== ''});
	const peerPath = isUnixProto(socket.proto) && socket.peerPath !== null && !explanation.sentence.includes(socket.peerPath) ? sanitize(socket.peerPath) : null;
	// A connection request a full local listener drops: its sentence names the listener's holder (the peer).
	const full = descriptor.fullListener;
	const synFate = full === undefined ? undefined : synFatePhrase(full, peerName);
	const other =
		isQueued || full !== undefined
			? ''
			: peer !== null
			? `; the other end is ${formatPeer(peer, socket.pid ?? undefined)}${peerPath === null ? '' : `, on ${peerPath}`}${alsoHeldBy(descriptor.morePeers, socket.pid ?? undefined)}`
			: descriptor.hiddenPeer !== undefined
				? `; the other end is ${hiddenPeerPhrase(descriptor.hiddenPeer)} (run as root to see which process holds it)`
				: peerPath === null
					? ''
					: `; the other end is bound to ${peerPath}`;
	// What is queued on it (ss's Recv-Q and Send-Q, the FD table's columns), in words, while anything is.
	const queued = queuePhrase(socket, socket.command ?? 'the program', listening, synFate);
	// undefined until asked: null is an answer too (no port called ephemeral), kept as one.
	let note: string | null | undefined;
	const noteOnce = () => {
		if (note === undefined) note = ephemeralNote(socket, explanation.local, explanation.foreign, {services: ctx.services, ephemeral: ctx.ephemeral, listening}, ctx.ephemeralSetting ?? null);
		return note;
	};
	return {fd: descriptor.fd, sentence: sanitize(explanation.sentence + movedNote(socket, ctx.netns) + queued) + sharesPort + other + coHeldBy(descriptor.coHolders), explanation, ephemeralNote: noteOnce};
}

/** What an fd that is not a known socket is, before its target: a path reads on, other targets go in parentheses. */
const fdKinds: Record<FdType, (target: string) => string> = {
	file: target => `the file ${target}`,
	dir: target => `the directory ${target}`,
	char: target => `the character device ${target}`,
	block: target => `the block device ${target}`,
	fifo: target => `the named pipe (FIFO) ${target}`,
	pipe: target => `a pipe (${target})`,
	// A TCP socket that is bound but neither listens nor connects is in no table (Linux hashes it only in its port table):
	// it may hold a port all the same, and ss -a omits it too (newer ss lists it with -B, --bound-inactive). One whose
	// connect() failed (refused, timed out) is back in CLOSE and unhashed: in no table either, until the program closes it.
	socket: target =>
		`a socket not in the kernel's TCP, UDP or unix tables (${target}): not listening or connected: not yet, or no longer (a failed connect() leaves a TCP socket so), possibly bound to a port (ss -a does not list it either; newer ss shows a bound TCP one with -B), or of another family`,
	anon: target => `an anonymous inode (${target}): a kernel object such as an event queue or a timer, not a file`,
	memfd: target => `a file in memory (memfd) ${target}`,
	unknown: target => `${target}, of a type socktop could not tell`,
};

/**
 * One sentence for any fd, as the PID view explains its selected row in full: a socket's
 * explanation (explainFd), else the fd's type and whole target (which the table may cut),
 * and a pipe's other end when it is known. Sanitized; without the 'fd N: ' prefix.
 */
export function describeFd(descriptor: FileDescriptor, ctx: PidContext, listening?: ReadonlySet<string>, selfPid?: number): string {
	return describeExplained(descriptor, explainFd(descriptor, ctx, listening), selfPid);
}

/** describeFd of an fd already explained: `explained` is explainFd's answer for it (null: not a known socket). */
function describeExplained(descriptor: FileDescriptor, explained: FdExplanation | null, selfPid?: number): string {
	if (explained !== null) {
		return explained.sentence;
	}

	const peer = descriptor.peer ?? null;
	const held = peer === null ? '' : `${formatPeer(peer, selfPid)}${alsoHeldBy(descriptor.morePeers, selfPid)}`;
	// A pipe opened one way (fdinfo's mode) is its write or its read end, and the other end reads or writes it.
	const end = descriptor.type === 'pipe' ? pipeEnds[descriptor.mode ?? 'u'] : undefined;
	if (end !== undefined) return `the ${end[0]} end of a pipe (${sanitize(descriptor.target)})${peer === null ? '' : ` ${end[1]} by ${held}`}`;
	return fdKinds[descriptor.type](sanitize(descriptor.target)) + (peer === null ? '' : `; the other end is ${held}`);
}

/** A pipe end by its fd's mode, and what its other end's holders do: no end for 'u' (a pipe reopened through /proc read-write). */
const pipeEnds: Readonly<Record<FdMode, readonly [string, string] | undefined>> = {r: ['read', 'written'], w: ['write', 'read'], u: undefined};

/**
 * describeFd after its fd ('fd 1: a pipe (pipe:[4471]); the other end is …'): the line the PID
 * view explains its selected row with, and `--pid N --once` a shared pipe end; `when` as fdSentenceLine's.
 * `explained`: explainFd's answer for the fd, which its caller has already made.
 */
export const describeFdLine = (descriptor: FileDescriptor, explained: FdExplanation | null, selfPid?: number, when?: string): string =>
	fdSentenceLine(descriptor, describeExplained(descriptor, explained, selfPid), selfPid, when);

/** The listening keys a detail carries, as explainFd takes them. */
export const listeningOf = (detail: ProcessDetail): ReadonlySet<string> | undefined =>
	detail.listening === undefined ? undefined : new Set(detail.listening);


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
function fdTable(rows: readonly FdRow[]): string[] {
	const keys = fdColumns(hasQueuedRow(rows));
	const widths = keys.map(key => widestCell(rows, key, displayWidth(FD_HEADINGS[key])));
	const line = (cells: Readonly<Record<FdColumn, string>>) =>
		keys.map((key, index) => padTo(cells[key], widths[index] ?? 0, isNumberColumn(key)))
			.join('  ')
			.trimEnd();
	return [line(FD_HEADINGS), ...rows.map(row => line(row))];
}

/**
 * `socktop --pid N --once`: the process block, every fd (no table when there is none), then each socket
 * explained (its ports, or a unix socket's name and peer), then every other fd whose
 * FOREIGN / PEER counts more holders ('(+2 more)': a pipe a shell shares with its
 * children), in the sentence the live view gives it when selected (describeFd), which
 * names them. `request`'s notes (a thread's process, the filters in force) come first, and its
 * filters narrow the fds listed. Untrusted text is sanitized.
 */
export function formatProcessText(detail: ProcessDetail, processCtx: PidContext, request: PidRequest = {}): string {
	const {process: info} = detail;
	const ctx = withNamespace(processCtx, detail);
	if (info === null) {
		return `No process${detail.pid === undefined ? '' : ` with PID ${detail.pid}`}: it has exited or never existed.\n`;
	}

	const facts = processFacts(info, fdCountOf(detail), detail.time, detail.netns ?? null);
	const labelWidth = Math.max(...facts.map(fact => fact.label.length));
	const lines = facts.map(fact => `${fact.label.padEnd(labelWidth)}  ${fact.value}`);
	const {notes, fds} = requestNotes(detail.fds, request);
	for (const note of notes) lines.push('', `Note: ${note}`);
	if (detail.denied !== null) {
		lines.push('', `Note: ${sanitize(detail.denied)}`);
	}

	for (const line of detail.missingTools ?? []) lines.push('', `Note: ${sanitize(line)}`);

	const rows = fds.map(fd => fdRow(fd, info.pid));
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
		const each = explainFd(fd, ctx, listening);
		if (each !== null) sockets.push(`  ${fdSentenceLine(fd, each.sentence, info.pid)}`, ...firstNote(each.ephemeralNote?.()));
		// A socket's sentence above already names every holder; a row without '(+N more)' names its only one.
		else if ((rows[index]!.moreHolders ?? 0) > 0) shared.push(`  ${describeFdLine(fd, null, info.pid)}`);
	}

	const section = (heading: string, explanations: readonly string[]) => (explanations.length === 0 ? [] : ['', heading, ...explanations]);
	// No fds to list (a process socktop may not read, whose note says why; a kernel thread, "Open FDs 0"): no bare header.
	const table = rows.length === 0 ? [] : ['', ...fdTable(rows)];
	return [...lines, ...table, ...section('Sockets explained:', sockets), ...section('Shared ends explained:', shared)].join('\n') + '\n';
}

/**
 * `socktop --pid N --json`: the detail with each socket fd's explanation beside it (a unix
 * socket's has null `local` and `foreign`). Every key of the document and every fd's `socket`,
 * `peer`, `morePeers`, `coHolders`, `hiddenPeer` and `explanation` are present (null or empty when unknown); `other`,
 * `isAccepted`, `isPathGone` and `linkInterface` only where they apply, as the README says. `time` is ISO 8601
 * as in the table's --json. `request` fills `thread` and `filters`, whose fds `fds` leaves out.
 */
export function formatProcessJson(detail: ProcessDetail, processCtx: PidContext, indent = 2, request: PidRequest = {}): string {
	const ctx = withNamespace(processCtx, detail);
	const listening = listeningOf(detail);
	const filter = filterFds(detail.fds, request.filters);
	const value = {
		time: new Date(detail.time).toISOString(),
		pid: detail.pid ?? detail.process?.pid ?? null,
		// --pid named a thread of this process: which one.
		thread: request.thread ? {tid: request.thread.tid, name: request.thread.name} : null,
		process: detail.process,
		netns: detail.netns ?? null,
		// The command line's socket filters in force (their words, as the live header's) and the fds they hide; null when none is.
		filters: filter === null ? null : {active: filter.active, hiddenFds: filter.hidden},
		fds: (filter?.fds ?? detail.fds).map(descriptor => {
			const explained = explainFd(descriptor, ctx, listening);
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
	};
	// JSON.stringify passes C1 controls, bidi overrides and invisible characters through; stringifyJson escapes them too.
	return stringifyJson(value, indent) + '\n';
}
