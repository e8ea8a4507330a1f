/**
 * Asking ss for this scan's unix peers, queues and whole names (ss-unix.ts reads its answer):
 * `ss -xaH` and `ss -xlHe` in our network namespace, and through nsenter in each other one (as root) that has
 * sockets worth asking about. Its answer is parsed again only when its text changed, and the listeners' part asked
 * again only when the namespace's unix table changed (SsMemory).
 */
import {type NamespaceKey, namespaceKey, type NamespaceTables} from './netns.js';
import {type ListenersMemory, runSsUnixIn} from './ss-run.js';
import {parseSsAnswer, type SsAnswer, type SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';

/**
 * The last answer of ss parsed, so a refresh whose answer is the same text does not parse it again (~20 ms at 19,800 unix sockets);
 * and its answer about the listeners, not asked again while the unix table is the same (ListenersMemory).
 */
export type SsMemory = {
	parsed?: {readonly text: SsAnswer; readonly ss: SsUnix};
	readonly listeners: ListenersMemory;
};

export const createSsMemory = (): SsMemory => ({listeners: {}});

/** `text` parsed, from `memory` when it was parsed already. */
export function parsedSs(text: SsAnswer | null, memory: SsMemory | undefined): SsUnix | null {
	if (text === null) return null;
	const last = memory?.parsed;
	if (last?.text.all === text.all && last.text.listening === text.listening) return last.ss;
	const ss = parseSsAnswer(text);
	if (memory !== undefined) memory.parsed = {text, ss};
	return ss;
}

/**
 * Whether ss is worth running in another namespace: only connected unix sockets have peers to
 * name, and listeners an accept queue to count (an unbound one has neither); a namespace without any is not worth an
 * nsenter and an ss (~2 ms of wall time each, measured with 20 namespaces: 318 against 272 ms
 * for a one-shot).
 */
export function hasPeersToAsk(space: NamespaceTables): space is NamespaceTables & {readonly pid: number} {
	// A listener too: ss tells its name whole (forged.ts) and its accept queue.
	const isWorthAsking = (socket: RawSocket) => socket.localAddress === null && (socket.state === 'ESTABLISHED' || socket.state === 'CONNECTING' || socket.state === 'LISTEN');
	return space.pid !== undefined && space.tables.sockets.some(socket => isWorthAsking(socket));
}

/** ss's answer in another namespace, run there on each scan; null where it did not run. */
export async function ssElsewhere(space: NamespaceTables, memories: Map<NamespaceKey, SsMemory> | undefined): Promise<SsUnix | null> {
	if (!hasPeersToAsk(space)) return null;
	const {pid} = space;
	let memory = memories?.get(namespaceKey(space));
	if (memories !== undefined && memory === undefined) {
		memory = createSsMemory();
		memories.set(namespaceKey(space), memory);
	}

	return parsedSs(await runSsUnixIn(pid, true, memory === undefined ? undefined : {memory: memory.listeners, unixText: space.tables.unixText}), memory);
}
