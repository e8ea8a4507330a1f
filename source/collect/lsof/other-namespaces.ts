import {walkNamespaces} from '../linux/netns-search.js';
import {inodeOfLink} from '../linux/netns.js';

/**
 * How many network namespaces other than socktop's hold a process now, by each process's
 * /proc/PID/ns/net link (root reads them all; the proc backend's walk, walkNamespaces); 0 where
 * /proc cannot tell (not Linux). Linux lsof finds a socket's address in its own namespace's
 * /proc/net tables only: another's it lists as TYPE `sock`, which `-i` and `-U` do not select, so
 * those sockets go unseen.
 */
export function countOtherNetworkNamespaces(): number {
	const own = inodeOfLink('/proc/self/ns/net');
	if (own === null) return 0;
	const {members, isProcUnreadable} = walkNamespaces();
	return isProcUnreadable ? 0 : [...members.keys()].filter(inode => inode !== own).length;
}

/** The note for `count` namespaces lsof cannot see into; null for none. */
export const otherNamespacesNote = (count: number): string | null =>
	count === 0
		? null
		: `lsof does not list the sockets of ${count === 1 ? 'the 1 other network namespace' : `the ${count} other network namespaces`} here (containers, ip netns): use --backend proc to see them`;

/** The note's short form, for a live header of 80 columns, as the proc backend's '5 netns hidden (run as root)'. */
export const otherNamespacesShort = (count: number): string => `${count} netns unlisted (--backend proc)`;
