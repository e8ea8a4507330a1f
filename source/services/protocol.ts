/**
 * The services(5) protocol for a socket proto: 'tcp4', 'tcp6' -> 'tcp'; 'udp4', 'udp6',
 * 'udplite4', 'udplite6' -> 'udp' (UDP-Lite shares UDP's port numbers and has no services
 * entries of its own). Raw and ICMP echo sockets have no ports (their "port" is an IP protocol
 * number, or an echo identifier): null. Other names ('tcp', 'sctp') pass unchanged.
 */
export function serviceProtocol(proto: string): string | null {
	// Asked for every socket on every refresh: a lookup after the first time (protos are few).
	let known = protocols.get(proto);
	if (known === undefined) {
		const base = proto.replace(/[46]$/u, '');
		known = base === 'raw' || base === 'icmp' ? null : base === 'udplite' ? 'udp' : base;
		protocols.set(proto, known);
	}

	return known;
}

const protocols = new Map<string, string | null>();
