import {baseProtocol, type Proto, type Socket} from '../../model/types.js';
import type {IpProtocolNumbers} from '../../services/ip-protocols.js';
import type {PortNames} from '../../services/names.js';
import {serviceProtocol} from '../../services/protocol.js';
import type {PortOf} from './endpoint.js';

/** What every text parser returns: the rows it understood and how many lines it could not. */
export type ParseResult = {
	readonly sockets: Socket[];
	readonly malformedLines: number;
	/** Why a capture of the right tool cannot be read at all (a column it needs is missing). */
	readonly problem?: string;
	/** The first line (or lsof field, or file name) not understood, raw, for the note that says lines were dropped. */
	readonly firstMalformed?: string;
};

/**
 * A parser: text in, rows out. Where a capture names ports instead of numbering them (taken
 * without -n), `ports` reads service names and `ipProtocols` a raw socket's IP protocol names.
 */
export type Parser = (text: string, ports?: PortNames, ipProtocols?: IpProtocolNumbers) => ParseResult;

/**
 * The IP protocol number a raw socket's "port" names, as ss and netstat print it without -n:
 *
 *   ss -wap       UNCONN 0  0      0.0.0.0:icmp          0.0.0.0:*   users:(("python3",pid=15406,fd=4))
 *                 UNCONN 0  0      0.0.0.0:ipproto-253   0.0.0.0:*   users:(("python3",pid=15406,fd=7))
 *   netstat -wap  raw6   0  0 [::]:ipv6-icmp   [::]:*   7   15406/python3
 *
 * Names are getprotobynumber(3)'s, from the capturing machine's /etc/protocols: `ipProtocols`
 * reads them with this one's. A number that file does not name is `ipproto-N` in ss (iproute2
 * lib/inet_proto.c), read without any file, and the bare number in netstat. Only 0-255 are IP
 * protocols (netbase's file also names mptcp 262, FreeBSD's divert 258). Null for anything else.
 */
export function rawPortOf(ipProtocols?: IpProtocolNumbers): PortOf {
	return name => {
		const numbered = /^ipproto-(\d{1,3})$/u.exec(name);
		const number = numbered === null ? (ipProtocols?.(name) ?? null) : Number(numbered[1]);
		return number !== null && number <= 255 ? number : null;
	};
}

/**
 * The port name reader for one protocol: for 'tcp6' the services table's tcp names (undefined
 * without a table), for a raw socket its IP protocol's names (rawPortOf), undefined for
 * others without names (ping sockets).
 */
export function portsFor(ports: PortNames | undefined, proto: Proto | string, ipProtocols?: IpProtocolNumbers): PortOf | undefined {
	if (baseProtocol(proto) === 'raw') return rawPortOf(ipProtocols);
	const protocol = serviceProtocol(proto);
	return ports === undefined || protocol === null ? undefined : name => ports(name, protocol);
}

/** The fields a parser must decide; everything else defaults to "the format does not say" (null). */
export type SocketFields = Partial<Socket> & Pick<Socket, 'proto' | 'user'>;

/**
 * A full Socket from what one line of a tool's output says. Formats that carry no
 * inode, queue sizes or namespace leave them null, as the contract asks.
 */
export function makeSocket(fields: SocketFields): Socket {
	return {
		localAddress: null,
		localPort: null,
		foreignAddress: null,
		foreignPort: null,
		path: null,
		peerInode: null,
		peerPath: null,
		state: null,
		uid: null,
		command: null,
		pid: null,
		fd: null,
		inode: null,
		rxQueue: null,
		txQueue: null,
		netns: null,
		...fields,
	};
}

/** Non-negative integer text (at most 10 digits, so never NaN or unsafe); null otherwise. */
export function parseCount(text: string | undefined): number | null {
	if (text === undefined || !/^\d{1,10}$/.test(text)) {
		return null;
	}

	return Number(text);
}

/** The transport names the text formats use, reduced to the model's families. */
export type InetKind = 'tcp' | 'udp' | 'udplite' | 'raw';

/** tcp + 6 -> 'tcp6'. */
export function inetProto(kind: InetKind, version: 4 | 6): Proto {
	return `${kind}${version}`;
}
