/**
 * A link-local address, valid only on the link (the network segment) of the interface that has
 * it; routers forward no packet to or from one (RFC 4291 section 2.5.6, RFC 3927 section 2.7).
 * IPv6 fe80::/10: every interface has its own, and a socket bound to one is bound to that
 * interface too. /proc/net/tcp6 and udp6 carry no interface index (ss writes [fe80::1]%eth0); the
 * proc backend names the interface from /proc/PID/net/if_inet6 when exactly one has the address
 * (FileDescriptor.linkInterface). IPv4 169.254.0.0/16: addresses a host gives itself when no
 * DHCP server answers, and cloud metadata services (169.254.169.254). Addresses as the socket
 * tables give them, unbracketed.
 */
export const isLinkLocalIpv6 = (address: string): boolean => {
	// The table asks this of every Internet row: one that does not start with f (after a bracket) is told without a regex.
	const first = address.charCodeAt(address.startsWith('[') ? 1 : 0);
	return (first === 0x66 || first === 0x46) && /^fe[89ab][0-9a-f]:/iu.test(address.replace(/^\[/u, ''));
};

export const isLinkLocalIpv4 = (address: string): boolean => /^169\.254\.\d{1,3}\.\d{1,3}$/u.test(address);

/**
 * Where a socket bound to a link-local address is reachable, after 'listens … on port N '
 * (placePhrase), or null for any other address. `linkInterface`: the interface that has the
 * address, when known; never guessed.
 */
export function linkLocalPlace(address: string, where: string, linkInterface: string | null = null): string | null {
	const block = isLinkLocalIpv6(address) ? 'fe80::/10' : isLinkLocalIpv4(address) ? '169.254.0.0/16' : null;
	if (block === null) return null;
	const link = linkInterface === null ? 'the same link, through the interface that has it' : `the link of ${linkInterface}, the interface that has it`;
	return `only on the link-local address ${address} (${block})${where} — reachable only from ${link}`;
}
