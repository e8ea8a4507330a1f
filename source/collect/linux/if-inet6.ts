/**
 * The interfaces of a network namespace's IPv6 addresses, from /proc/PID/net/if_inet6, so a socket
 * bound to a link-local address (whose tables line carries no scope id) can name its interface
 * (FileDescriptor.linkInterface). A line per address and interface (kernel 6.x):
 *
 *   fe800000000000000000000000001234 03 40 20 82     llv0
 *
 * the address's 32 hex digits in network order, then in hex the interface index, the prefix
 * length, the scope (20: link) and the flags, then the interface name. One address may be on
 * several interfaces: each has a line.
 */
import type {Socket} from '../../model/types.js';
import {isLinkLocalIpv4, isLinkLocalIpv6} from '../../services/link-local.js';
import {formatIpv6} from './address.js';
import {isFailure, readText} from './read.js';

/** Names of the interfaces having each address, the address as the socket tables write it ('fe80::1234'). Takes text, never a path. */
export function parseIfInet6(text: string): Map<string, string[]> {
	const interfaces = new Map<string, string[]>();
	for (const line of text.split('\n')) {
		const [hex, , , , , name] = line.trim().split(/\s+/u);
		if (hex === undefined || name === undefined || !/^[\da-f]{32}$/iu.test(hex)) continue;
		const address = formatIpv6(hex.match(/.{4}/gu)!.map(group => Number.parseInt(group, 16)));
		interfaces.set(address, [...(interfaces.get(address) ?? []), name]);
	}

	return interfaces;
}

/**
 * FileDescriptor.linkInterface of a socket bound to a link-local address: the one interface having it
 * among `interfaces()` for IPv6 (parseIfInet6 of the socket's namespace, called only for such a
 * socket), `ipv4` for IPv4 (ipv4-interfaces.ts); absent for none (removed since the bind) or
 * several, which is not guessed between.
 */
export function linkInterfaceOf(
	socket: Pick<Socket, 'localAddress'> | null,
	interfaces: () => ReadonlyMap<string, readonly string[]>,
	ipv4: ReadonlyMap<string, readonly string[]> = new Map(),
): {linkInterface?: string} {
	const address = socket?.localAddress ?? null;
	if (address === null) return {};
	const names = isLinkLocalIpv6(address) ? (interfaces().get(address) ?? []) : isLinkLocalIpv4(address) ? (ipv4.get(address) ?? []) : [];
	return names.length === 1 ? {linkInterface: names[0]!} : {};
}

/**
 * Socket.linkInterface of the table's rows in the network namespace of `pid` (the table's
 * `[fe80::1]%eth0:547`, as ss writes it): the one interface having a socket's link-local IPv6
 * address, from its if_inet6, read only once a socket on such an address asks, and once;
 * undefined for any other socket (no object made for each of a table's rows).
 */
export function linkInterfacesIn(pid: number): (socket: Pick<Socket, 'localAddress'>) => string | undefined {
	let interfaces: ReadonlyMap<string, readonly string[]> | undefined;
	const interfacesOnce = () => (interfaces ??= readIfInet6(pid));
	return socket => (socket.localAddress !== null && isLinkLocalIpv6(socket.localAddress) ? linkInterfaceOf(socket, interfacesOnce).linkInterface : undefined);
}

/** parseIfInet6 of the network namespace `pid` is in; empty when it cannot be read (no IPv6). */
export function readIfInet6(pid: number): Map<string, string[]> {
	const text = readText(`/proc/${pid}/net/if_inet6`);
	return isFailure(text) ? new Map() : parseIfInet6(text);
}
