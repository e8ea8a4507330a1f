import type {Proto, Socket, SocketState} from '../../model/types.js';

/**
 * Sockstat's PROTO names: 'tcp4', 'udp6', 'tcp46' (an IPv6 socket that also takes
 * IPv4), 'udplite4', and for unix sockets 'stream', 'dgram' and 'seqpac'
 * (SOCK_SEQPACKET, cut to 6 letters by gather_unix). gather_inet() reads TCP, UDP,
 * divert and, in recent main.c, UDP-Lite sockets only (-P icmp is "protocol 1 not
 * supported"), and gather_sctp() SCTP ones: no version of usr.bin/sockstat prints an
 * ICMP or raw row, so `raw4` is no word of its. It names a TCP socket whose connection a
 * NIC offloads (TF_TOE) 'toe'.
 */
const inetPattern = /^(tcp|toe|udp|udplite)(4|6|46)$/;
/** Sockstat's protocols the model has no name for: SCTP, and divert sockets ('div', ipfw's divert(4)). */
const otherPattern = /^(sctp|div)(4|6|46)$/;
const unixNames: Readonly<Record<string, Proto>> = {
	stream: 'stream',
	dgram: 'dgram',
	seqpac: 'seqpacket',
	seqpacket: 'seqpacket',
};

/** The model's proto for a sockstat PROTO word; null for sctp, divert and non-protocols. */
export function modelProto(word: string): Proto | null {
	const unix = unixNames[word];
	if (unix !== undefined) {
		return unix;
	}

	const match = inetPattern.exec(word);
	const kind = match?.[1] === 'toe' ? 'tcp' : match?.[1];
	return match === null ? null : (`${kind}${match[2] === '4' ? '4' : '6'}` as Proto);
}

/** Any word sockstat prints in the PROTO column, including the ones the model cannot hold. */
export const isProtoWord = (word: string): boolean => modelProto(word) !== null || otherPattern.test(word);

/**
 * A TCP listener sockstat prints as 'tcp46' (before FreeBSD 8, 'tcp4 6': `isDualStack`) takes IPv4
 * too, so it is not IPv6-only (Socket.isV6Only, which the PID view then says without hedging); so
 * is such a socket without a state (sockstat without -s), which may be one.
 */
export function dualStackFields(word: string, isDualStack: boolean, proto: Proto, state: SocketState | null): Pick<Socket, 'isV6Only'> {
	return (isDualStack || /46$/.test(word)) && proto === 'tcp6' && (state === 'LISTEN' || state === null) ? {isV6Only: false} : {};
}
