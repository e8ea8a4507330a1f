/**
 * Whether a network namespace's loopback interface is up, for the PID view's sockets bound to a
 * loopback address (FileDescriptor.isLoopbackDown). A fresh namespace (`unshare --net`, `ip netns
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
import {isFailure, readText} from './read.js';

/** 224.0.0.1 as /proc/net/igmp prints it, on either byte order. */
const ALL_HOSTS = new Set(['010000E0', 'E0000001']);

/** The loopback interface's index, the same in every network namespace (LOOPBACK_IFINDEX). */
const LOOPBACK_INDEX = '1';

/** Whether /proc/net/igmp's text shows the loopback interface up (its all-hosts group joined). Takes text, never a path. */
export function parseLoopbackUp(text: string): boolean {
	let device: string | null = null;
	for (const line of text.split('\n')) {
		const heading = /^(\d+)\s+\S+\s*:/u.exec(line);
		if (heading !== null) {
			device = heading[1]!;
			continue;
		}

		const group = /^\s+([\dA-F]{8})\s/iu.exec(line)?.[1]?.toUpperCase();
		if (device === LOOPBACK_INDEX && group !== undefined && ALL_HOSTS.has(group)) return true;
	}

	return false;
}

/** True when the loopback interface of the network namespace `pid` is in is down; null when not known (no igmp table: a kernel without IP multicast). */
export function readLoopbackDown(pid: number): boolean | null {
	const text = readText(`/proc/${pid}/net/igmp`);
	return isFailure(text) ? null : !parseLoopbackUp(text);
}
