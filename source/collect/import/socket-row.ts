import {baseProtocol, type Proto, type Socket} from '../../model/types.js';
import type {PortNames} from '../../services/names.js';
import {serviceProtocol} from '../../services/protocol.js';
import type {PortOf} from './endpoint.js';
import {ipProtocolNumber} from './ip-protocols.js';

/** What every text parser returns: the rows it understood and how many lines it could not. */
export type ParseResult = {
	readonly sockets: Socket[];
	readonly malformedLines: number;
	/** Why a capture of the right tool cannot be read at all (a column it needs is missing). */
	readonly problem?: string;
	/** The first line (or lsof field, or file name) not understood, raw, for the note that says lines were dropped. */
	readonly firstMalformed?: string;
};

/** A parser: text in, rows out; `ports` reads service names where a capture has them instead of numbers. */
export type Parser = (text: string, ports?: PortNames) => ParseResult;

/**
 * The port name reader for one protocol: for 'tcp6' the services table's tcp names (undefined
 * without a table), for a raw socket the IP protocol names (ip-protocols.ts), undefined for
 * others without names (ping sockets).
 */
export function portsFor(ports: PortNames | undefined, proto: Proto | string): PortOf | undefined {
	if (baseProtocol(proto) === 'raw') return ipProtocolNumber;
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
