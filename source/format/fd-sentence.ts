import {type FdMode, type FdType, type FileDescriptor, type ProcessDetail} from '../model/process.js';
import {alsoHeldBy, coHeldBy, fdSentenceLine, formatPeer, hiddenPeerPhrase} from '../model/pid-rows.js';
import {isUnixProto, type Socket} from '../model/types.js';
import {sharedPortPhrase} from '../model/reuse-port.js';
import {sameSocketPhrase} from '../model/same-socket.js';
import type {PortRange} from '../options.js';
import {explainSocket, type SocketExplanation} from '../services/explain.js';
import {otherSocketSentence} from '../services/portless-phrases.js';
import {queuePhrase, synFatePhrase} from '../services/queue-phrase.js';
import {acceptorPhrase, byBracket} from '../services/acceptors.js';
import {ephemeralNote, type PeerSpace} from '../services/ephemeral-note.js';
import {halfOpenPhrase} from '../services/half-open.js';
import type {ServiceTable} from '../services/types.js';
import {sanitize} from './escape.js';

/**
 * What one fd is, in a sentence: a socket's explanation (its ports, its peer, what is queued on
 * it), or any other fd's type and target. The PID view's selected row and `--pid N --once` say it.
 */

/** What explaining ports needs: the services table (loaded) and the ephemeral range. */
export type PidContext = {
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
	/** The process's network namespace (ProcessDetail.netns), to tell a socket of another one; absent or null: not known. */
	readonly netns?: string | null;
	/** The listening keys of other namespaces by label (ProcessDetail.listeningElsewhere): a socket of one of them is explained with its own. */
	readonly listeningElsewhere?: ReadonlyMap<string, ReadonlySet<string>>;
	/** Where this system sets the ephemeral range (services/load.ts ephemeralSettingOf); absent or null when `ephemeral` was given or is a capture's. */
	readonly ephemeralSetting?: string | null;
	/** socktop's own network namespace (ProcessDetail.viewerNetns), where the process is in another; absent or null otherwise. */
	readonly viewerNetns?: string | null;
	/** The ephemeral range of socktop's own namespace (the viewer's), where `ephemeral` is another's: a client there picked its port from it. */
	readonly viewerEphemeral?: PortRange | null;
};

/**
 * '; it is a socket of network namespace host, not of the process's (uat-a): …' for a socket in
 * another namespace than its process (collect/linux/elsewhere.ts), whose addresses are that
 * namespace's; '' otherwise, or when either is not known. A unix connection a listener accepted
 * (`isAccepted`) is in its client's namespace: Linux makes it there (unix_stream_connect), so the
 * client connected from that namespace (through a socket file both see, as a bind mount shares it),
 * which is said once. Said after the peer, which a small screen must not lose to it.
 */
function movedNote(socket: Socket, processNetns: string | null | undefined, isAccepted: boolean | undefined): string {
	if (processNetns === null || processNetns === undefined || socket.netns === null || socket.netns === processNetns) return '';
	if (isAccepted === true && isUnixProto(socket.proto)) {
		return `; its client connected from network namespace ${socket.netns} (Linux makes an accepted unix socket in its client's namespace, not the listener's)`;
	}

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
		const sentence = otherSocketSentence(descriptor.other) + sameSocketPhrase(descriptor);
		return {fd: descriptor.fd, sentence, explanation: {sentence, local: null, foreign: null}};
	}

	const peer = descriptor.peer ?? null;
	// Not accepted yet, or a request a full listener drops: the peer is the listener's holder, whom the sentence names (raw: sanitized with it below).
	const peerName = peer === null ? null : `${peer.command ?? '?'}[${peer.pid}]`;
	const isQueued = descriptor.isAwaitingAccept === true;
	const listener = isQueued && peer !== null ? [peer, ...(descriptor.morePeers ?? [])] : undefined;
	// Other sockets on its port (SO_REUSEPORT), said before the processes holding this very one; a port
	// shared so was bound on purpose, so the sentence does not guess that the kernel gave it to a client.
	const sharesPort = sharedPortPhrase(socket, descriptor.portSharers, socket.pid);
	const explanation = explainSocket(socket, {services: ctx.services, ephemeral: ctx.ephemeral, listening: listeningFor(socket, ctx, listening), isAccepted: descriptor.isAccepted, isPathGone: descriptor.isPathGone, socketFile: descriptor.socketFile, linkInterface: descriptor.linkInterface, isLoopbackDown: descriptor.isLoopbackDown, interfacesUp: descriptor.interfacesUp, listener, isPortShared: sharesPort !== ''});
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
	// A listener other processes hold too: who accepts the connections waiting in its queue (acceptorPhrase), not this process alone.
	const coHolders = socket.state === 'LISTEN' && socket.pid !== null ? (descriptor.coHolders ?? []) : [];
	const actor = coHolders.length === 0 ? (socket.command ?? 'the program') : acceptorPhrase([{command: socket.command, pid: socket.pid!, waitsToAccept: descriptor.waitsToAccept}, ...coHolders], byBracket, null);
	const queued = queuePhrase(socket, actor, listening, synFate);
	// undefined until asked: null is an answer too (no port called ephemeral), kept as one.
	let note: string | null | undefined;
	const noteOnce = () => {
		if (note === undefined) note = ephemeralNote(socket, explanation.local, explanation.foreign, {services: ctx.services, ephemeral: ctx.ephemeral, listening}, ctx.ephemeralSetting ?? null, peerSpace(peer?.netns, ctx));
		return note;
	};
	const moved = sanitize(movedNote(socket, ctx.netns, descriptor.isAccepted));
	return {fd: descriptor.fd, sentence: sanitize(explanation.sentence + queued + halfOpenPhrase(descriptor.halfOpen)) + sharesPort + other + moved + coHeldBy(descriptor.coHolders) + sameSocketPhrase(descriptor), explanation, ephemeralNote: noteOnce};
}

/**
 * explainFd, or for a socket fd in none of the kernel's tables (bound and not listening, say) the
 * sentence the PID view gives it selected (describeFd): what `--pid N --once` and `--json` say of each socket fd.
 */
export function explainSocketFd(descriptor: FileDescriptor, ctx: PidContext, listening?: ReadonlySet<string>): FdExplanation | null {
	const explained = explainFd(descriptor, ctx, listening);
	if (explained !== null || descriptor.type !== 'socket' || descriptor.socket !== null) return explained;
	const sentence = describeExplained(descriptor, null);
	return {fd: descriptor.fd, sentence, explanation: {sentence, local: null, foreign: null}};
}

/** What an fd of each type named in a word or two is: its sentence here, and why Enter follows no peer from it (hooks/use-pid-trail.ts). */
const FD_KIND_NOUNS = {file: 'file', dir: 'directory', char: 'character device', block: 'block device', fifo: 'named pipe (FIFO)', anon: 'anonymous inode', memfd: 'file in memory (memfd)'} as const;
export type FdKind = keyof typeof FD_KIND_NOUNS;

/** An fd's kind with its article: 'a character device', 'an anonymous inode'. */
export const aKind = (kind: FdKind): string => `${/^[aeiou]/u.test(FD_KIND_NOUNS[kind]) ? 'an' : 'a'} ${FD_KIND_NOUNS[kind]}`;

const theKind = (kind: FdKind) => (target: string) => `the ${FD_KIND_NOUNS[kind]} ${target}`;

/** What an fd that is not a known socket is, before its target: a path reads on, other targets go in parentheses. */
const fdKinds: Record<FdType, (target: string) => string> = {
	file: theKind('file'),
	dir: theKind('dir'),
	char: theKind('char'),
	block: theKind('block'),
	fifo: theKind('fifo'),
	pipe: target => `a pipe (${target})`,
	// A TCP socket that is bound but neither listens nor connects is in no table (Linux hashes it only in its port table):
	// it may hold a port all the same, and ss -a omits it too (newer ss lists it with -B, --bound-inactive). One whose
	// connect() failed (refused, timed out) is back in CLOSE and unhashed: in no table either, until the program closes it.
	socket: target =>
		`a socket in none of the kernel's TCP, UDP or unix tables (${target}): it neither listens nor is connected, not yet or no longer (a failed connect() leaves a TCP socket so); it may be bound to a port (ss -a does not list it either; newer ss shows a bound TCP one with -B), or be of another family`,
	anon: target => `${aKind('anon')} (${target}): a kernel object such as an event queue or a timer, not a file`,
	memfd: target => `${aKind('memfd')} ${target}`,
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

/** A detail's network namespace and the listening keys of the others it holds sockets of, as PidContext takes them. */
export const namespaceFacts = (detail: ProcessDetail): Pick<PidContext, 'netns' | 'listeningElsewhere' | 'viewerNetns'> => ({
	netns: detail.netns ?? null,
	viewerNetns: detail.viewerNetns ?? null,
	listeningElsewhere: new Map([...(detail.listeningElsewhere ?? [])].map(([netns, keys]) => [netns, new Set(keys)])),
});

/**
 * The network namespace of an fd's other end, where it is another than its socket's (FdPeer.netns), with
 * its ephemeral range where socktop has it: the process's namespace's (`ctx.ephemeral`) or socktop's own.
 */
function peerSpace(netns: string | undefined, ctx: PidContext): PeerSpace | undefined {
	if (netns === undefined) return undefined;
	const range = netns === ctx.netns ? ctx.ephemeral : netns === ctx.viewerNetns ? (ctx.viewerEphemeral ?? null) : null;
	return {netns, range};
}

/** The listening keys `socket` is explained with: its namespace's, where it is of another than the process's (none where not read). */
function listeningFor(socket: Socket, ctx: PidContext, listening: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
	const isElsewhere = ctx.netns !== null && ctx.netns !== undefined && socket.netns !== null && socket.netns !== ctx.netns;
	return isElsewhere ? ctx.listeningElsewhere?.get(socket.netns!) : listening;
}

/** The listening keys a detail carries, as explainFd takes them. */
export const listeningOf = (detail: ProcessDetail): ReadonlySet<string> | undefined =>
	detail.listening === undefined ? undefined : new Set(detail.listening);
