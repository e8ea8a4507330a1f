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

/**
 * parseIpv4Addresses of the namespace of the process whose sockets `queries` holds, when one is bound to
 * an IPv4 link-local address; else, or where `ip` cannot answer (missing, failed), empty. `ipIn`: where ip
 * answers for that namespace: null here (socktop's own), a PID whose namespace nsenter enters (root),
 * undefined nowhere (another namespace, without root).
 */
export async function readIpv4Interfaces(queries: readonly PeerQuery[], ipIn: number | null | undefined): Promise<Map<string, string[]>> {
	if (ipIn === undefined || !queries.some(({socket}) => socket !== null && isLinkLocalIpv4(socket.localAddress ?? ''))) return new Map();
	const text = ipIn === null ? await linuxTools.stdoutOf('ip', ARGS) : await linuxTools.stdoutIn(ipIn, 'ip', ARGS);
	return text === null ? new Map() : parseIpv4Addresses(text);
}
