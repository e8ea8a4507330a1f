/**
 * An IPv4 address on an IPv6 socket: an IPv4 client of a dual-stack listener is at ::ffff:a.b.c.d.
 * Here, not in services/, because the phrases and the closing-state notes both need it, and the
 * phrases import the notes.
 */

/** The IPv4 address inside an IPv4-mapped IPv6 address ('::ffff:10.0.0.1' -> '10.0.0.1'), or null ('2001:db8::ffff:1'). */
export function mappedIpv4(address: string): string | null {
	return /^\[?::ffff:(\d{1,3}(?:\.\d{1,3}){3})\]?$/iu.exec(address)?.[1] ?? null;
}
