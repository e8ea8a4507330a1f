import {mappedIpv4} from '../../model/mapped-ipv4.js';
import {isLoopback, type Socket} from '../../model/types.js';
import type {Endpoint} from './endpoints.js';
import type {LsofFile, LsofProcess} from './fields.js';

/**
 * An IPv4 client of a dual-stack listener (`127.0.0.1:45102->127.0.0.1:18450`, IPv4) and the
 * socket the listener accepted (IPv6, at ::ffff:127.0.0.1) are the two ends of one connection,
 * but Linux lsof's +E pairs a loopback connection's ends only within one address family, so it
 * names no end of either. The proc backend names both: these pair them as it does.
 */

/** A socket with the file that holds it, as lsofDetailOf reads them. */
export type HeldSocket = {readonly process: LsofProcess; readonly file: LsofFile; readonly fd: number; readonly socket: Socket | null};

/** An address as both families write it: `::ffff:127.0.0.1` is `127.0.0.1`. */
const plainAddress = (address: string | null): string | null => (address === null ? null : (mappedIpv4(address) ?? address));

const transportOf = (socket: Socket): string => socket.proto.replace(/[46]$/u, '');
const familyOf = (socket: Socket): string => socket.proto.slice(-1);

/** A connected TCP or UDP socket whose far end is IPv4 loopback, plain or mapped: the other end is on this host, in either family. */
const isLoopbackConnection = (socket: Socket | null): socket is Socket => {
	const far = plainAddress(socket?.foreignAddress ?? null);
	return socket !== null && /^(tcp|udp)[46]$/u.test(socket.proto) && socket.foreignPort !== null && far !== null && /^\d{1,3}(\.\d{1,3}){3}$/u.test(far) && isLoopback(far);
};

/** `b` is the other end of `a` in the other address family: each one's local end is the other's foreign end. */
function isMappedPair(a: Socket, b: Socket): boolean {
	return (
		transportOf(a) === transportOf(b) &&
		familyOf(a) !== familyOf(b) &&
		a.localPort === b.foreignPort &&
		a.foreignPort === b.localPort &&
		plainAddress(a.localAddress) === plainAddress(b.foreignAddress) &&
		plainAddress(a.foreignAddress) === plainAddress(b.localAddress)
	);
}

/** The holders among `all` of the other end of `own`'s connection when that end is in the other address family, as +E would name them. */
export function mappedEndpoints(own: HeldSocket, all: readonly HeldSocket[]): Endpoint[] {
	const {socket} = own;
	if (!isLoopbackConnection(socket)) return [];
	return all
		.filter(each => each.socket !== null && isMappedPair(socket, each.socket))
		.map(each => ({pid: each.process.pid, command: each.process.command ?? '', fd: each.fd, access: each.file.access ?? ''}));
}

/**
 * lsof `-i` selections of the far ends that `own`'s connections lack (loopback connections with no
 * end named, by +E or by mappedEndpoints), which also select the other family's socket there, as lsof
 * prints an IPv4-mapped address as IPv4: `-i TCP@127.0.0.1:18450`. At most `limit` of them, so that a
 * process with thousands of such connections does not make an argument list as long.
 */
export function mappedEndQueries(own: ReadonlyArray<HeldSocket & {readonly endpoints: readonly Endpoint[]}>, limit = 64): string[] {
	const queries = new Set<string>();
	for (const {socket, endpoints} of own) {
		if (!isLoopbackConnection(socket) || endpoints.length > 0) continue;
		queries.add(`${transportOf(socket).toUpperCase()}@${plainAddress(socket.foreignAddress)}:${socket.foreignPort}`);
		if (queries.size >= limit) break;
	}

	return [...queries].flatMap(query => ['-i', query]);
}

/** `processes` with what a second lsof run listed added: its processes not there yet, and files of those there that they lack. */
export function withListed(processes: readonly LsofProcess[], more: readonly LsofProcess[]): LsofProcess[] {
	const merged = new Map(processes.map(each => [each.pid, each]));
	for (const each of more) {
		const known = merged.get(each.pid);
		const fds = new Set(known?.files.map(file => file.fd));
		merged.set(each.pid, known === undefined ? each : {...known, files: [...known.files, ...each.files.filter(file => !fds.has(file.fd))]});
	}

	return [...merged.values()];
}
