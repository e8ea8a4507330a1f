/**
 * What a tool run inside a network namespace answered (ip's addresses, the ephemeral port range
 * cat reads there), kept by the collector across refreshes: the PID view of a process in another
 * namespace would otherwise run it (through nsenter) on every refresh while the answer seldom changes.
 */

/** How long an answer stands: then it is asked again, as what it tells may have changed meanwhile. */
export const NAMESPACE_ANSWER_MS = 30_000;

/** An answer: when it was asked, and what it said. */
type Kept<T> = {readonly time: number; readonly value: T};

/** The collector's answers of one question, by the namespace they answered for. */
export type NamespaceMemory<T> = Map<string, Kept<T>>;

export const createNamespaceMemory = <T>(): NamespaceMemory<T> => new Map();

/** The key of another namespace's answers: its inode (a PID in it may change), else the PID `via` it was entered by. */
export const namespaceKey = (namespace: number | null, via: number): string => `netns ${namespace ?? `of ${via}`}`;

/**
 * The answer kept for `key` while it is younger than NAMESPACE_ANSWER_MS and `isEnough` for what is
 * asked now; else `ask`'s, kept from `time`. Without a memory (a one-shot read), `ask` on every call.
 */
export async function recallOrAsk<T>(memory: NamespaceMemory<T> | undefined, key: string, time: number, ask: () => Promise<T>, isEnough: (kept: T) => boolean = () => true): Promise<T> {
	// Answers past their time are of no use again: dropped, so namespaces gone since are not kept.
	for (const [each, answer] of memory ?? []) if (time - answer.time >= NAMESPACE_ANSWER_MS) memory!.delete(each);
	const kept = memory?.get(key);
	if (kept !== undefined && isEnough(kept.value)) return kept.value;
	const value = await ask();
	memory?.set(key, {time, value});
	return value;
}
