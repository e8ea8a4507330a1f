/**
 * The services(5) protocol for a socket proto: 'tcp4', 'tcp6' -> 'tcp'; 'udp4', 'udp6',
 * 'udplite4', 'udplite6' -> 'udp' (UDP-Lite shares UDP's port numbers and has no services
 * entries of its own). Raw and ICMP echo sockets have no ports (their "port" is an IP protocol
 * number, or an echo identifier): null. Other names ('tcp', 'sctp') pass unchanged.
 */
export function serviceProtocol(proto: string): string | null {
	const base = proto.replace(/[46]$/u, '');
	if (base === 'raw' || base === 'icmp') {
		return null;
	}

	return base === 'udplite' ? 'udp' : base;
}
