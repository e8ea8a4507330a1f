/**
 * Asking ss for this scan's unix peers, queues and whole names (ss-unix.ts reads its answer):
 * `ss -xaH` and `ss -xlHe` in our network namespace, and through nsenter in each other one (as root) that has
 * sockets worth asking about. Its answer is parsed again only when its text changed, the listeners' part asked
 * again only when the namespace's unix table changed, and the whole not asked while that table is the same and
 * every queue was empty, for up to IDLE_MS (SsMemory).
 */
import {performance} from 'node:perf_hooks';
import {type NamespaceKey, namespaceKey, type NamespaceTables} from './netns.js';
import {type ListenersKept, type ListenersMemory, runSsUnixIn} from './ss-run.js';
import {parseSsAnswer, type SsAnswer, type SsUnix} from './ss-unix.js';
import type {RawSocket} from './tables.js';

/**
 * The last answer of ss parsed, so a refresh whose answer is the same text does not parse it again (~20 ms at 19,800 unix sockets);
 * and its answer about the listeners, not asked again while the unix table is the same (ListenersMemory).
 */
export type SsMemory = {
	parsed?: {readonly text: SsAnswer; readonly ss: SsUnix};
	readonly listeners: ListenersMemory;
	/** The unix table the last answer was asked beside, when (performance.now()), and whether that answer had every queue empty. */
	asked?: {readonly unixText: string; readonly at: number; readonly isIdle: boolean};
};

/**
 * How long a refresh takes ss's last answer again instead of asking, while the namespace's unix table
 * reads the same and that answer had every queue empty. Then nothing ss tells can have changed but
 * those queues (a connect, accept or close changes the table: ListenersMemory), and the table
 * shows no queue: they show in a row's sentences and in `--json` (a one-shot: it always asks), and the
 * PID view asks ss on each of its refreshes. So a queue that starts to fill is told within this
 * time, and one that is not empty is asked about on every refresh. It spares the live view's
 * refresh its last fork and ss while the unix sockets are idle (two through nsenter for each other
 * namespace).
 */
export const IDLE_MS = 10_000;

/** Every queue of `ss` empty: no unix socket has bytes or datagrams queued, no listener a connection waiting. */
const isIdle = (ss: SsUnix): boolean => [...ss.rxQueues.values(), ...ss.txQueues.values()].every(queue => queue === 0);

/**
 * ss's answer for a refresh that read the namespace's unix table as `unixText` (undefined: not read):
 * the last one again where nothing it tells can have changed but idle queues, for up to IDLE_MS
 * (asked.isIdle); else asked (`ask`, given what it keeps about the listeners) and parsed.
 */
export async function refreshedSs(
	memory: SsMemory | undefined,
	unixText: string | undefined,
	ask: (kept: ListenersKept | undefined) => Promise<SsAnswer | null>,
	now = performance.now(),
): Promise<SsUnix | null> {
	const last = memory?.asked;
	if (memory?.parsed !== undefined && last?.isIdle === true && last.unixText === unixText && now - last.at < IDLE_MS) return memory.parsed.ss;
	const ss = parsedSs(await ask(memory === undefined ? undefined : {memory: memory.listeners, unixText}), memory);
	if (memory !== undefined) memory.asked = ss === null || unixText === undefined ? undefined : {unixText, at: now, isIdle: isIdle(ss)};
	return ss;
}

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

	return refreshedSs(memory, space.tables.unixText, async kept => runSsUnixIn(pid, true, kept));
}
