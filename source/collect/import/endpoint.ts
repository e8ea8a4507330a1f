import {TCP_STATES, type SocketState} from '../../model/types.js';
import {isLinkLocalIpv6} from '../../services/link-local.js';

/** One side of an inet socket as the model stores it: '*' for wildcards, null port for '*' / 0. */
export type Endpoint = {
	readonly address: string;
	readonly port: number | null;
};

const wildcardAddresses = new Set(['*', '0.0.0.0', '::', '[::]', '::0', '0:0:0:0:0:0:0:0']);

/**
 * A service name's port for the row's protocol (`domain` -> 53), as a capture taken
 * without -n prints it; null when the services table has no such name.
 */
export type PortOf = (name: string) => number | null;

/** What getservbyport(3) can print: `domain`, `http-alt`, `x11-1`, `nfs.ibm`, `z39.50`. */
const serviceName = /^[A-Za-z][\w.+-]{0,63}$/;

/**
 * '*', '0' -> null (wildcard); '22' -> 22; a service name -> its port when `portOf`
 * knows it; anything else (unknown names, 70000) -> undefined.
 */
export function parsePort(text: string, portOf?: PortOf): number | null | undefined {
	if (text === '*' || text === '0') {
		return null;
	}

	if (!/^\d{1,5}$/.test(text)) {
		return portOf !== undefined && serviceName.test(text) ? (portOf(text) ?? undefined) : undefined;
	}

	const port = Number(text);
	return port <= 65_535 ? port : undefined;
}

/**
 * The wildcard address in every spelling ('0.0.0.0', '::', '[::]', '*') becomes '*';
 * so does ss's wildcard bound to a device (SO_BINDTODEVICE): `0.0.0.0%lo`, `[::]%eth0`,
 * `*%lo`, as the proc backend shows it (/proc does not say the device, and this drops it).
 */
export function normalizeAddress(address: string): string {
	// Ss brackets IPv6 and puts a scope after the bracket: [fe80::1]%eth0.
	const bracketed = /^\[([^\]]*)\](%\S+)?$/.exec(address);
	const bare = bracketed === null ? address : `${bracketed[1] ?? ''}${bracketed[2] ?? ''}`;
	const percent = bare.indexOf('%');
	const unscoped = percent === -1 ? bare : bare.slice(0, percent);
	return wildcardAddresses.has(unscoped) ? '*' : bare;
}

/**
 * A link-local IPv6 address with the interface it is scoped to (`fe80::1%eth0`, from ss's `[fe80::1]%eth0`)
 * as the model keeps it: the address, and the interface apart (Socket.linkInterface), as the proc backend has them.
 */
export function splitScope(address: string): {readonly address: string; readonly linkInterface?: string} {
	const percent = address.indexOf('%');
	const host = address.slice(0, percent);
	return percent > 0 && percent < address.length - 1 && isLinkLocalIpv6(host) ? {address: host, linkInterface: address.slice(percent + 1)} : {address};
}

/**
 * lsof and net-tools' netstat print the IPv4-mapped address of an IPv6 socket as plain IPv4
 * (`127.0.0.1`, on a `tcp6` line); /proc and ss say `::ffff:127.0.0.1`, and so does the model.
 * In an IPv6 row a dotted quad can only be such an address.
 */
export const mappedInIpv6Row = (address: string, version: 4 | 6): string =>
	version === 6 && /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? `::ffff:${address}` : address;

/**
 * `host:port` as sockstat, ss, netstat and lsof print it, split at the LAST colon:
 *   127.0.0.1:22   *:*   [::1]:631   [::ffff:10.0.0.1]:80   127.0.0.53%lo:53
 *   fe80::1%lo0:123 (sockstat and net-tools print IPv6 without brackets)   :::22 (netstat)
 * `dot` also accepts BSD netstat / procstat's IPv6 form `fe80::1.123` (last dot).
 * Without -n the port is a service name (`*:domain`, `localhost:postgresql`): `portOf`
 * turns it into the number. Returns null when there is no separator or the port is
 * neither a number nor a name `portOf` knows.
 */
export function splitEndpoint(text: string, separator: ':' | '.' = ':', portOf?: PortOf): Endpoint | null {
	const at = text.lastIndexOf(separator);
	if (at <= 0 || at === text.length - 1) {
		return null;
	}

	const port = parsePort(text.slice(at + 1), portOf);
	if (port === undefined) {
		return null;
	}

	return {address: normalizeAddress(text.slice(0, at)), port};
}

/**
 * State words from every format mapped to the model's names:
 * ss (ESTAB, SYN-SENT, FIN-WAIT-1, UNCONN), net-tools and lsof (ESTABLISHED,
 * FIN_WAIT1, CLOSE_WAIT), BSD (FIN_WAIT_1, SYN_RCVD, CLOSED, TIME_WAIT).
 */
const aliases: Readonly<Record<string, SocketState>> = {
	ESTAB: 'ESTABLISHED',
	CONNECTED: 'ESTABLISHED',
	UNCONN: 'UNCONN',
	UNCONNECTED: 'UNCONN',
	CLOSED: 'CLOSE',
	SYN_RCVD: 'SYN_RECV',
	FIN_WAIT_1: 'FIN_WAIT1',
	FIN_WAIT_2: 'FIN_WAIT2',
	LISTENING: 'LISTEN',
	CONNECTING: 'CONNECTING',
	DISCONNECTING: 'DISCONNECTING',
};

/** The model's state for a tool's state word; null when unknown (e.g. '??', 'UNKNOWN', macOS 'IDLE'). */
export function normalizeState(word: string): SocketState | null {
	const upper = word.trim().toUpperCase().replaceAll('-', '_');
	if ((TCP_STATES as readonly string[]).includes(upper)) {
		return upper as SocketState;
	}

	return aliases[upper] ?? null;
}

/**
 * The state of a datagram socket from its peer: tools print none for UDP, and the
 * model (like ss) calls it ESTABLISHED when connect(2)ed, UNCONN when not.
 * null when the peer is unknown.
 */
export function datagramState(foreign: Endpoint | null | undefined): SocketState | null {
	if (foreign === null || foreign === undefined) {
		return null;
	}

	return foreign.address === '*' && foreign.port === null ? 'UNCONN' : 'ESTABLISHED';
}
