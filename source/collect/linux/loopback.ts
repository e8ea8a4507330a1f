/**
 * Whether a network namespace's loopback interface is up, for the PID view's sockets bound to a
 * loopback address (FileDescriptor.isLoopbackDown), and whether any other is, for those on every
 * address (FileDescriptor.interfacesUp: with lo alone up, only the namespace's own processes reach
 * them; an interface that is down carries nothing). A fresh namespace (`unshare --net`, `ip netns
 * add`) has lo down: a server there on 127.0.0.1 listens, yet nothing can connect to it, not even
 * from inside (connect() fails with ENETUNREACH, or hangs once lo was up and went down), a common
 * container mistake. /proc/PID/net/igmp, which anyone may read, answers for the process's
 * namespace: every interface that is up has joined the all-hosts group 224.0.0.1 (the kernel's
 * ip_mc_up; ip_mc_down leaves it), and the loopback interface is index 1 in every namespace.
 * Captured (kernel 6.x), lo up, in a namespace without other interfaces:
 *
 *   Idx	Device    : Count Querier	Group    Users Timer	Reporter
 *   1	lo        :     1      V3
 *   				010000E0     1 0:00000000		0
 *
 * and with lo down, the heading line alone. The group is the address's bytes read as a number of
 * the host's order, printed in hex: 010000E0 on a little-endian host, E0000001 on a big-endian one.
 */
import {isWildcard, mappedIpv4} from '../../model/mapped-ipv4.js';
import type {InterfacesUp} from '../../model/process.js';
import type {Socket} from '../../model/types.js';
import {isFailure, readText} from './read.js';

/** 224.0.0.1 as /proc/net/igmp prints it, on either byte order. */
const ALL_HOSTS = new Set(['010000E0', 'E0000001']);

/** The loopback interface's index, the same in every network namespace (LOOPBACK_IFINDEX). */
const LOOPBACK_INDEX = '1';

/** The indexes of the interfaces /proc/net/igmp's text shows up (each has joined the all-hosts group). Takes text, never a path. */
export function parseUpInterfaces(text: string): Set<string> {
	const up = new Set<string>();
	let device: string | null = null;
	for (const line of text.split('\n')) {
		const heading = /^(\d+)\s+\S+\s*:/u.exec(line);
		if (heading !== null) {
			device = heading[1]!;
			continue;
		}

		const group = /^\s+([\dA-F]{8})\s/iu.exec(line)?.[1]?.toUpperCase();
		if (device !== null && group !== undefined && ALL_HOSTS.has(group)) up.add(device);
	}

	return up;
}

/** Whether /proc/net/igmp's text shows the loopback interface up (its all-hosts group joined). Takes text, never a path. */
export const parseLoopbackUp = (text: string): boolean => parseUpInterfaces(text).has(LOOPBACK_INDEX);

/** The indexes of the interfaces up in the network namespace `pid` is in; null when not known (no igmp table: a kernel without IP multicast). */
export function readUpInterfaces(pid: number): ReadonlySet<string> | null {
	const text = readText(`/proc/${pid}/net/igmp`);
	return isFailure(text) ? null : parseUpInterfaces(text);
}

/** True when the loopback interface is not among `up` (readUpInterfaces); null when not known. */
export const isLoopbackDownIn = (up: ReadonlySet<string> | null): boolean | null => (up === null ? null : !up.has(LOOPBACK_INDEX));

/**
 * FileDescriptor.interfacesUp of a socket on every address, from `up` (readUpInterfaces): 'lo' where no interface
 * but the loopback one is up, 'none' where none is; undefined where another is, or where not known.
 */
export function onlyLoopbackUp(up: ReadonlySet<string> | null): InterfacesUp | undefined {
	if (up === null) return undefined;
	if (up.size === 0) return 'none';
	return up.size === 1 && up.has(LOOPBACK_INDEX) ? 'lo' : undefined;
}

/** A TCP or UDP socket bound to a port on every address (0.0.0.0, ::, ::ffff:0.0.0.0): the interfaces up decide who reaches it. */
const isEveryAddress = (socket: Socket) =>
	/^(tcp|udp)/u.test(socket.proto) && socket.localPort !== null && socket.localAddress !== null && (isWildcard(socket.localAddress) || mappedIpv4(socket.localAddress) === '0.0.0.0');

/** FileDescriptor.interfacesUp of `socket` as a field to spread ({} where absent); `up` is asked only for a socket on every address. */
export function interfacesUpField(socket: Socket | null, up: () => ReadonlySet<string> | null): {readonly interfacesUp?: InterfacesUp} {
	const only = socket !== null && isEveryAddress(socket) ? onlyLoopbackUp(up()) : undefined;
	return only === undefined ? {} : {interfacesUp: only};
}
