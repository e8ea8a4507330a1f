import {decodeIpv4, decodeIpv6} from '../linux/address.js';

/** The lsof TYPEs whose NAME is /proc/net's hex columns: IPv4 ping sockets, raw sockets. */
export type HexType = 'icmp' | 'raw' | 'raw6';

/**
 * Linux lsof prints these sockets' /proc/net/{icmp,raw,raw6} columns as their NAME, addresses in
 * this host's byte order (address.ts), and a raw socket's state after them:
 *   icmp  0100007F:1234->0100007F:0000        (test/fixtures/lsof/linux-4.95-ping-F0.txt)
 *   raw   00000000:0001->00000000:0000 st=07  (test/fixtures/lsof/linux-4.95-mapped-raw-F0.txt)
 *   raw6  the same with 32-digit addresses
 */
const hexNames: Readonly<Record<HexType, RegExp>> = {
	icmp: /^([\dA-F]{8}):([\dA-F]{4})->([\dA-F]{8}):([\dA-F]{4})$/iu,
	raw: /^([\dA-F]{8}):([\dA-F]{4})->([\dA-F]{8}):([\dA-F]{4}) st=([\dA-F]{2})$/iu,
	raw6: /^([\dA-F]{32}):([\dA-F]{4})->([\dA-F]{32}):([\dA-F]{4}) st=([\dA-F]{2})$/iu,
};

export type HexName = {
	readonly localAddress: string;
	/** A ping socket's echo identifier, a raw socket's IP protocol; null for 0. */
	readonly localPort: number | null;
	readonly foreignAddress: string;
	readonly foreignPort: number | null;
	/** The kernel's socket state (`st=`); null for a ping socket, whose NAME has none. */
	readonly state: number | null;
};

/** A ping or raw socket's hex NAME, decoded; null when it is not one. */
export function readHexName(type: HexType, name: string): HexName | null {
	const match = hexNames[type].exec(name);
	const decode = type === 'raw6' ? decodeIpv6 : decodeIpv4;
	const localAddress = match === null ? null : decode(match[1]!, 0);
	const foreignAddress = match === null ? null : decode(match[3]!, 0);
	if (localAddress === null || foreignAddress === null) {
		return null;
	}

	const portOf = (text: string) => Number.parseInt(text, 16) || null;
	const state = match![5];
	return {
		localAddress,
		localPort: portOf(match![2]!),
		foreignAddress,
		foreignPort: portOf(match![4]!),
		state: state === undefined ? null : Number.parseInt(state, 16),
	};
}
