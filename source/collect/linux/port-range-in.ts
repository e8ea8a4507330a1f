/**
 * The ephemeral port range of another network namespace (each has its own ip_local_port_range), read
 * inside it (cat through nsenter: root), which the PID view of a process there explains its ports with.
 * Kept per namespace across the collector's reads, as ip's answers are (namespace-memory.ts).
 */
import {createNamespaceMemory, type NamespaceMemory, namespaceKey, recallOrAsk} from './namespace-memory.js';
import {readNetSysctlIn} from './ss-run.js';

/** What cat printed in each namespace (null where it failed), by namespace. */
export type PortRangeMemory = NamespaceMemory<string | null>;

export const createPortRangeMemory = (): PortRangeMemory => createNamespaceMemory();

type Recall = {
	/** The answers kept so far; none: cat runs on every call (a one-shot read). */
	readonly memory?: PortRangeMemory;
	readonly time?: number;
	readonly ask?: typeof readNetSysctlIn;
};

/** The text of ip_local_port_range in the namespace `namespace` (its inode; null: not known), entered by the PID `via` in it. */
export const readPortRangeIn = async (via: number, namespace: number | null, {memory, time = Date.now(), ask = readNetSysctlIn}: Recall = {}): Promise<string | null> =>
	recallOrAsk(memory, namespaceKey(namespace, via), time, async () => ask(via, 'ipv4/ip_local_port_range'));
