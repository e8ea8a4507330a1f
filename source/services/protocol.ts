import {baseProtocol, isPortless} from '../model/types.js';

/**
 * The services(5) protocol for a socket proto: 'tcp4', 'tcp6' -> 'tcp'; 'udp4', 'udp6',
 * 'udplite4', 'udplite6' -> 'udp' (UDP-Lite shares UDP's port numbers and has no services
 * entries of its own). Raw and ICMP echo sockets have no ports (their "port" is an IP protocol
 * number, or an echo identifier): null. Other names ('tcp', 'sctp') pass unchanged.
 */
export function serviceProtocol(proto: string): string | null {
	// Asked for every socket on every refresh: baseProtocol is a map lookup after the first time.
	if (isPortless(proto)) return null;
	const base = baseProtocol(proto);
	return base === 'udplite' ? 'udp' : base;
}
