import {readdirSync, readlinkSync} from 'node:fs';

/**
 * How many network namespaces other than socktop's hold a process now, by each process's
 * /proc/PID/ns/net link (root reads them all); 0 where /proc cannot tell (not Linux). Linux
 * lsof finds a socket's address in its own namespace's /proc/net tables only: another's it
 * lists as TYPE `sock`, which `-i` and `-U` do not select, so those sockets go unseen.
 */
export function countOtherNetworkNamespaces(): number {
	let own: string;
	let entries: string[];
	try {
		own = readlinkSync('/proc/self/ns/net');
		entries = readdirSync('/proc');
	} catch {
		return 0;
	}

	const others = new Set<string>();
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const link = readlinkSync(`/proc/${entry}/ns/net`);
			if (link !== own) others.add(link);
		} catch {
			// Exited meanwhile, or a kernel thread's link refused: nothing to count.
		}
	}

	return others.size;
}

/** The note for `count` namespaces lsof cannot see into; null for none. */
export const otherNamespacesNote = (count: number): string | null =>
	count === 0
		? null
		: `lsof does not list the sockets of ${count === 1 ? 'the 1 other network namespace' : `the ${count} other network namespaces`} here (containers, ip netns): use --backend proc to see them`;
