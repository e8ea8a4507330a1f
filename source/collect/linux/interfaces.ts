/**
 * Interface names by index, for the packet sockets of the PID view (the interface one is bound
 * to), from /sys/class/net: this network namespace's interfaces, a directory each, with the
 * index in its `ifindex` file:
 *   $ cat /sys/class/net/eth0/ifindex
 *   2
 * Listing them costs a file per interface (hundreds on a host with many containers' veths), on
 * every refresh of a process with a packet socket (a DHCP client, tcpdump). So the names are
 * kept, and a kept name is checked instead: /sys/class/net/NAME/ifindex still giving the same
 * index means NAME is that index's name now (both are unique). A rename (`ip link set eth0 name
 * wan0` keeps the index) or an index given to a new interface fails the check, and the
 * directory is listed again, as it is for an index not seen in the last listing. An index the
 * last listing did not have (a socket bound to an interface since deleted) is remembered as
 * absent, so it alone does not list the directory again on every refresh; it stays absent until
 * something else lists again.
 */
import {type Failure, isFailure, readDirectory, readText} from './read.js';

export type InterfaceReader = {
	readonly readDirectory: (path: string) => string[] | Failure;
	readonly readText: (path: string) => string | Failure;
};

/** The index in an `ifindex` file; null for anything else (the interface went away meanwhile). */
function indexOf(read: InterfaceReader, name: string): number | null {
	const text = read.readText(`/sys/class/net/${name}/ifindex`);
	return !isFailure(text) && /^\d+\n?$/.test(text) ? Number(text.trim()) : null;
}

/**
 * A lookup of the names of interface indexes (positive ones: 0 is "any interface"); an index
 * no interface has is left out. It keeps what it read between calls; `read` is the file
 * system, or a fake in tests.
 */
export function createInterfaceNames(read: InterfaceReader = {readDirectory, readText}): (indexes: Iterable<number>) => Map<number, string> {
	let kept = new Map<number, string>();
	/** Indexes wanted at the last listing that it did not have. */
	let absent = new Set<number>();
	const isStillKnown = (index: number) => {
		if (absent.has(index)) return true;
		const name = kept.get(index);
		return name !== undefined && indexOf(read, name) === index;
	};

	return indexes => {
		const wanted = [...new Set(indexes)].filter(index => index > 0);
		if (!wanted.every(index => isStillKnown(index))) {
			kept = new Map();
			absent = new Set();
			const listed = read.readDirectory('/sys/class/net');
			for (const name of isFailure(listed) ? [] : listed) {
				const index = indexOf(read, name);
				if (index !== null) kept.set(index, name);
			}

			// A failed listing proves nothing absent: the next refresh lists again.
			if (!isFailure(listed)) absent = new Set(wanted.filter(index => !kept.has(index)));
		}

		const names = new Map<number, string>();
		for (const index of wanted) {
			const name = kept.get(index);
			if (name !== undefined) names.set(index, name);
		}

		return names;
	};
}

/** The names of this namespace's interfaces, kept across refreshes: for the table's packet sockets and the PID view's. */
export const interfaceNamesHere = createInterfaceNames();
