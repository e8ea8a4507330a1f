/**
 * The interfaces of a network namespace's IPv4 link-local addresses (169.254.0.0/16), so a socket
 * bound to one can name its interface (FileDescriptor.linkInterface), as one bound to an IPv6
 * link-local address does (if-inet6.ts). /proc lists no IPv4 address with its interface
 * (fib_trie has the addresses, route the prefixes), so `ip` (iproute2, as ss) asks the kernel over
 * netlink, inside the process's namespace, and only for a process with a socket on such an address.
 * A line of `ip -o -4 addr show` per address and interface:
 *
 *   3: eth0    inet 169.254.7.7/16 scope global eth0\       valid_lft forever preferred_lft forever
 */
import {isLinkLocalIpv4} from '../../services/link-local.js';
import {createNamespaceMemory, type NamespaceMemory, namespaceKey, recallOrAsk} from './namespace-memory.js';
import type {PeerQuery} from './peers.js';
import {linuxTools} from './tools.js';

/** Names of the interfaces having each IPv4 address. Takes text, never runs anything. */
export function parseIpv4Addresses(text: string): Map<string, string[]> {
	const interfaces = new Map<string, string[]>();
	for (const line of text.split('\n')) {
		const [, name, address] = /^\d+:\s+(\S+)\s+inet\s+(\d{1,3}(?:\.\d{1,3}){3})\//u.exec(line) ?? [];
		if (name === undefined || address === undefined) continue;
		interfaces.set(address, [...(interfaces.get(address) ?? []), name]);
	}

	return interfaces;
}

const ARGS = ['-o', '-4', 'addr', 'show'];

/** How long an answer of ip stands for the addresses it was asked about (an address seldom moves between interfaces). */

/** An answer of ip: for which link-local addresses, and what it said. */
type Ipv4Answer = {readonly asked: ReadonlySet<string>; readonly interfaces: Map<string, string[]>};

/** The collector's answers of ip, by the namespace it answered for (kept across refreshes: readIpv4Interfaces). */
export type Ipv4Memory = NamespaceMemory<Ipv4Answer>;

export const createIpv4Memory = (): Ipv4Memory => createNamespaceMemory();

/** What ip printed for the namespace `ipIn` names (readIpv4Interfaces), null where it failed. */
export type AskIp = (ipIn: number | null) => Promise<string | null>;

const askIp: AskIp = async ipIn => (ipIn === null ? linuxTools.stdoutOf('ip', ARGS) : linuxTools.stdoutIn(ipIn, 'ip', ARGS));

type Recall = {
	/** The answers kept so far; none: ip runs on every call (a one-shot read). */
	readonly memory?: Ipv4Memory;
	/** The namespace ip answers for, when not socktop's own (its inode: a PID in it may change). */
	readonly namespace?: number | null;
	readonly time?: number;
	readonly ask?: AskIp;
};

/**
 * parseIpv4Addresses of the namespace of the process whose sockets `queries` holds, when one is bound to
 * an IPv4 link-local address; else, or where `ip` cannot answer (missing, failed), empty. `ipIn`: where ip
 * answers for that namespace: null here (socktop's own), a PID whose namespace nsenter enters (root),
 * undefined nowhere (another namespace, without root). With a `memory`, ip's last answer for that
 * namespace stands while it was asked about every such address asked now, for NAMESPACE_ANSWER_MS (namespace-memory.ts).
 */
export async function readIpv4Interfaces(queries: readonly PeerQuery[], ipIn: number | null | undefined, {memory, namespace = null, time = Date.now(), ask = askIp}: Recall = {}): Promise<Map<string, string[]>> {
	const addresses = new Set(queries.flatMap(({socket}) => (socket !== null && isLinkLocalIpv4(socket.localAddress ?? '') ? [socket.localAddress!] : [])));
	if (ipIn === undefined || addresses.size === 0) return new Map();
	const key = ipIn === null ? 'here' : namespaceKey(namespace, ipIn);
	const answer = await recallOrAsk(
		memory,
		key,
		time,
		async () => {
			const text = await ask(ipIn);
			return {asked: addresses, interfaces: text === null ? new Map<string, string[]>() : parseIpv4Addresses(text)};
		},
		kept => [...addresses].every(address => kept.asked.has(address)),
	);
	return answer.interfaces;
}
