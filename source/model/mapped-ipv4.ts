import type {Socket} from './types.js';

/**
 * An IPv4 address on an IPv6 socket: an IPv4 client of a dual-stack listener is at ::ffff:a.b.c.d.
 * Here, not in services/, because the phrases and the closing-state notes both need it, and the
 * phrases import the notes.
 */

/** The IPv4 address inside an IPv4-mapped IPv6 address ('::ffff:10.0.0.1' -> '10.0.0.1'), or null ('2001:db8::ffff:1'). */
export function mappedIpv4(address: string): string | null {
	return /^\[?::ffff:(\d{1,3}(?:\.\d{1,3}){3})\]?$/iu.exec(address)?.[1] ?? null;
}

/** Every address, as the tables and captures write it (`*`, `0.0.0.0`, `::`), or none said (null). */
export const isWildcard = (address: string | null): boolean =>
	address === null || address === '*' || address === '0.0.0.0' || address === '::' || address === '[::]';

/**
 * An IPv6 socket that carries IPv4, which -4 lists with the IPv4 ones, as FreeBSD sockstat -4 lists
 * its tcp46 listeners and the tcp4 connections they accept (ss -4 lists neither): one with an
 * IPv4-mapped end (an IPv4 client's connection to a dual-stack listener, a socket bound to
 * ::ffff:a.b.c.d), or a TCP listener or UDP server on every address known not to be IPv6-only
 * (isV6Only, from ss). One on a given IPv6 address takes no IPv4, whatever its flag; one whose
 * flag is not known (ss missing, lsof) is not claimed.
 */
export function carriesIpv4(socket: Pick<Socket, 'proto' | 'localAddress' | 'foreignAddress' | 'isV6Only'>): boolean {
	if (!socket.proto.endsWith('6')) return false;
	const isMapped = (address: string | null) => address !== null && mappedIpv4(address) !== null;
	return isMapped(socket.localAddress) || isMapped(socket.foreignAddress) || isDualStack(socket);
}

/**
 * A TCP listener or UDP server on every IPv6 address known not to be IPv6-only (isV6Only, which only
 * listeners and unconnected UDP sockets carry): IPv4 clients reach it too. FreeBSD sockstat calls it
 * tcp46 or udp46 (its inp_vflag has both INP_IPV4 and INP_IPV6).
 */
export const isDualStack = (socket: Pick<Socket, 'proto' | 'localAddress' | 'isV6Only'>): boolean =>
	socket.isV6Only === false && socket.proto.endsWith('6') && socket.localAddress !== null && isWildcard(socket.localAddress);

/**
 * The PROTO cell: sockstat's `tcp46` and `udp46` for a dual-stack socket (isDualStack), else the proto.
 * Not the model's proto, which --json keeps (`tcp6` with `isV6Only: false`): -6 and -P tcp select by it.
 * An IPv4 client's connection to such a listener stays `tcp6`, where sockstat says `tcp4`: on Linux it
 * is an IPv6 socket (its program's getpeername() gives ::ffff:a.b.c.d), and its mapped address says IPv4.
 */
export const protoCell = (socket: Pick<Socket, 'proto' | 'localAddress' | 'isV6Only'>): string =>
	isDualStack(socket) ? `${socket.proto.slice(0, -1)}46` : socket.proto;
