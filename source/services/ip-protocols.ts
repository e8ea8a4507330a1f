/** One protocols(5) line: an IP protocol's name, number and aliases. */
export type IpProtocolEntry = {
	readonly name: string;
	readonly number: number;
	readonly aliases: readonly string[];
};

/**
 * Parse protocols(5) text, e.g. Debian netbase's
 *
 *     ipv6-icmp 58	IPv6-ICMP	# ICMP for IPv6
 *
 * or FreeBSD's
 *
 *     carp	112	CARP	vrrp		# Common Address Redundancy Protocol
 *
 * as glibc (nss_files/files-proto.c) and FreeBSD's getprotoent read it: text after a `#` is a
 * comment, then a name, a decimal number and any aliases, split at blanks; a line without
 * them is skipped, as they skip it. Entries come in file order. Numbers are kept as written,
 * those past 255 too (netbase's `mptcp 262`, FreeBSD's `divert 258` are no IP protocols:
 * callers that want one check the range).
 */
export function parseIpProtocols(text: string): IpProtocolEntry[] {
	const entries: IpProtocolEntry[] = [];
	for (const line of text.split('\n')) {
		const hash = line.indexOf('#');
		const body = hash === -1 ? line : line.slice(0, hash);
		const [name, number, ...aliases] = body.split(/[ \t\r]+/u).filter(field => field !== '');
		// glibc's INT_FIELD takes digits up to a blank; `12x` or a name alone is no entry.
		if (name === undefined || number === undefined || !/^\d{1,9}$/u.test(number)) continue;
		entries.push({name, number: Number(number), aliases});
	}

	return entries;
}

/**
 * The number a protocol name stands for, as getprotobyname(3) answers it: `icmp` -> 1,
 * `IPv6-ICMP` -> 58; null when no entry names it.
 */
export type IpProtocolNumbers = (name: string) => number | null;

/**
 * Index entries by name and alias. The first entry for a name wins, as getprotobyname(3)
 * returns the first match in file order; names are compared exactly, as glibc (strcmp in
 * nss_files' LOOKUP_NAME) and FreeBSD (getprotoname.c) do: with netbase's file `icmp` and
 * `ICMP` are protocol 1, `Icmp` is none.
 */
export function ipProtocolNumbers(entries: readonly IpProtocolEntry[]): IpProtocolNumbers {
	const index = new Map<string, number>();
	for (const entry of entries) {
		for (const name of [entry.name, ...entry.aliases]) {
			if (!index.has(name)) index.set(name, entry.number);
		}
	}

	return name => index.get(name) ?? null;
}
