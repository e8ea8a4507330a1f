/**
 * An IPv6 link-local address (fe80::/10): every interface has its own, valid only on the link
 * (the network segment) it is on, so a socket bound to one is bound to that interface too.
 * ss writes it with its interface ([fe80::1]%eth0); /proc/net/tcp6 and udp6 carry no interface
 * index, so socktop cannot say which one. Addresses as the socket tables give them, unbracketed.
 */
export const isLinkLocalIpv6 = (address: string): boolean => /^fe[89ab][0-9a-f]:/iu.test(address.replace(/^\[/u, ''));

/** Where a socket bound to a link-local address is reachable, after 'listens … on port N ' (placePhrase). */
export const linkLocalPlace = (address: string, where: string): string =>
	`only on the link-local address ${address} (fe80::/10)${where} — reachable only from the same link, through the interface that has it`;
