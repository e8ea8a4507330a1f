import type {Socket} from '../model/types.js';
import {etherShortName} from '../model/other-socket.js';
import {isIcmpProto, isPacketProto, isUnixProto} from '../model/types.js';
import {displayWidth, fit, sanitize} from './escape.js';

/**
 * How socktop writes addresses, shared by the one-shot table and the live view.
 *
 * - Inet: `address:port` as sockstat prints it, `*` for the wildcard address
 *   and for port 0 (`*:22`, `*:*`). An ICMP echo (ping) socket's local end is
 *   `address:id=N`: N is its echo identifier, which is no port.
 * - IPv6 addresses go in brackets (`[::1]:22`, `[::ffff:127.0.0.1]:80`), as ss
 *   and URLs write them: sockstat's bare `::1:22` cannot be read back unambiguously.
 *   A link-local one's interface follows the bracket, as ss writes it (`[fe80::1]%eth0:547`).
 * - Unix: the bound path (abstract names keep their leading `@`) or `-` when
 *   unbound; the other end as `-> /path`, or when the peer has no name the process
 *   holding it, `-> python3[5055]` (FreeBSD sockstat writes `-> [5055 3]`), else
 *   `-> socket:[inode]`; `-> ?` when connected to an end the backend cannot name
 *   (sockstat writes `-> ??`), or `(not connected)`, in sockstat's words.
 * - Packet (AF_PACKET): `interface:ethertype`, `eth0:all`, `*:ip` (every interface), as `ss -0`
 *   writes the two the other way round (`ip:*`); no other end: `*`, as ss writes it.
 *
 * Every returned string is sanitized: paths and addresses from other backends
 * (imports, lsof) are untrusted text.
 */

/** Cell text for a value the backend could not tell. */
const UNKNOWN = '?';

/** `host:port` with `*` for wildcards and brackets around IPv6 literals; `[host]%interface:port` with a link-local address's interface (Socket.linkInterface). */
export function formatEndpoint(address: string | null, port: number | null, linkInterface?: string): string {
	const host = address === null || address === '' ? UNKNOWN : address;
	const bracketed = host.includes(':') ? `[${host}]` : host;
	const scoped = linkInterface === undefined ? bracketed : `${bracketed}%${linkInterface}`;
	return sanitize(`${scoped}:${port === null ? '*' : String(port)}`);
}

/**
 * The LOCAL cell of a unix socket: its bound name, or `-` when it has none. A listener whose
 * file is gone gets ` (deleted)`, as the kernel writes an fd's deleted file (`ls -l /proc/PID/fd`,
 * lsof): the path looks as it did, but no client can connect to it any more.
 */
export function formatUnixLocal(socket: Pick<Socket, 'path' | 'isPathGone'>): string {
	if (socket.path === null || socket.path === '') return '-';
	return socket.isPathGone === true ? `${sanitize(socket.path)}${DELETED}` : sanitize(socket.path);
}

const DELETED = ' (deleted)';

/**
 * The FOREIGN cell of a unix socket: where its other end is, as far as the backend knows. A
 * path first, as sockstat does: on a client's row it is the only name of the service it talks
 * to (its LOCAL is `-`), and the listener's row with that path names the process; an unnamed
 * peer (a socketpair, a client seen from the server) by its holder, which the inode only points at.
 */
export function formatUnixPeer(socket: Pick<Socket, 'peerPath' | 'peerInode' | 'state' | 'peerHolder'>): string {
	if (socket.peerPath !== null && socket.peerPath !== '') {
		return sanitize(`-> ${socket.peerPath}`);
	}

	if (socket.peerHolder !== undefined) {
		const {command, pid, fd} = socket.peerHolder;
		// A holder no row names: as FreeBSD sockstat writes it, by PID and fd (`-> ?[5055]` would say less).
		return command === null && fd !== undefined ? `-> [${pid} ${fd}]` : `-> ${formatCommand(command)}[${pid}]`;
	}

	if (socket.peerInode !== null && socket.peerInode > 0) {
		return `-> socket:[${socket.peerInode}]`;
	}

	// A listener has no single peer; its clients show up as their own rows.
	if (socket.state === 'LISTEN') {
		return '-';
	}

	// Connected, but the backend cannot name the other end (no ss for the peer table, an
	// lsof without +E): saying "not connected" would be wrong.
	return socket.state !== null && connectedStates.has(socket.state) ? `-> ${UNKNOWN}` : NOT_CONNECTED;
}

/** sockstat's words for a unix socket with no other end. */
const NOT_CONNECTED = '(not connected)';

/**
 * An address cell cut to `width` columns, keeping what tells it apart: an inet
 * address keeps its port and both ends of its host, cut in the middle
 * (`127.0…1:32938`, `[2001:db8…7334]:443`: the start says which network, the
 * end which host); a path keeps its end (`…/dev/log`, `-> …/journal/stdout`);
 * `(not connected)` its start, so it never reads as "… connected)". Where even
 * the port barely fits, the cell is cut from the left (`…:32938`).
 */
export function fitAddress(text: string, width: number): string {
	if (text === NOT_CONNECTED || displayWidth(text) <= width) {
		return fit(text, width);
	}

	if (text.endsWith(DELETED)) return fitGonePath(text.slice(0, -DELETED.length), width);
	const endpoint = inetEndpoint.exec(text);
	if (endpoint !== null) {
		const [, host = '', port = ''] = endpoint;
		const cut = cutMiddle(host, width - displayWidth(port) - 1);
		return cut === null ? fit(text, width, 'left', true) : fit(`${cut}:${port}`, width);
	}

	// `-> socket:[43211605]` cut as `-> socke…[43211605]` would read as a process and its PID.
	const inode = peerInodeCell.exec(text);
	if (inode !== null && width > 4) {
		// Narrower, its end after '…' (`-> …43211605]`): a bracket after '…' would read so too.
		return width >= 5 + displayWidth(inode[1]!) ? fit(`-> …:${inode[1]!}`, width) : fit(`-> …${inode[1]!.slice(1).slice(4 - width)}`, width);
	}

	const holder = peerHolderCell.exec(text);
	if (holder !== null && width > 4) {
		// `-> python3[5055]`: the PID tells the process apart, the name's start reads best (`-> syst…[1]`).
		const [, command = '', pid = ''] = holder;
		const room = width - 3 - displayWidth(pid);
		if (room >= 2) return `-> ${fit(command, room)}${pid}`;
	}

	return text.startsWith('-> ') && width > 4 ? `-> ${fit(text.slice(3), width - 3, 'left', true)}` : fit(text, width, 'left', true);
}

/**
 * A unix path whose file is gone (formatUnixLocal), cut keeping its file name: `…/app.sock (deleted)`,
 * narrower `…/app.sock (del…` or `app.sock (del…` while that still says it, else the name alone
 * (`…/app.sock`); '…(deleted)' would no longer say which socket.
 */
function fitGonePath(path: string, width: number): string {
	const base = path.slice(path.lastIndexOf('/') + 1);
	const name = base === path ? path : `…/${base}`;
	const room = width - DELETED.length;
	if (room >= displayWidth(name)) return `${fitAddress(path, room)}${DELETED}`;
	const shown = [name, base].find(each => width >= displayWidth(each) + ' (del…'.length);
	return shown === undefined ? fitAddress(path, width) : fit(`${shown}${DELETED}`, width);
}

/**
 * A unix peer named by its holder (`-> python3[5055]`, formatUnixPeer). A path starts with `/`
 * or `@`; a relative one (rare: bound from a working directory) ending in `[digits]` would be
 * cut the same way, which only moves where its `…` goes.
 */
const peerHolderCell = /^-> ([^/@].*?)(\[\d+\])$/u;

/** A unix peer known only by its socket inode (formatUnixPeer), which is no process. */
const peerInodeCell = /^-> socket:(\[\d+\])$/u;

/** `host:port` as formatEndpoint writes it, `[host]%interface:port` too (a unix path starts with `/`, `@`, `-` or `(`). */
const inetEndpoint = /^((?:\[[^\]]*\](?:%[^/\s:]+)?|[^/@(\-\s:][^/\s:]*)):([^:/\s]+)$/u;

/**
 * A host cut to `room` columns in the middle: its last group (octet, IPv6 group
 * with its bracket and interface, or the last label of a name) after the ellipsis, as much of
 * its start as fits before; null when not even 3 characters of the start fit,
 * and for an IPv4-mapped IPv6 address.
 * Hosts are ASCII (addresses, DNS names), so characters are columns; other text
 * falls back to the caller's cut.
 */
function cutMiddle(host: string, room: number): string | null {
	// An IPv4-mapped address's prefix says little: its IPv4 end is kept instead ('….0.1]:80').
	if (!/^[\x21-\x7e]+$/u.test(host) || host.startsWith('[::ffff:')) return null;
	// A link-local host's interface (`%eth0.100`, a VLAN) is kept whole with the last group.
	const address = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host;
	const last = Math.max(address.lastIndexOf('.'), address.lastIndexOf(':'));
	const tail = host.slice(last + 1);
	const head = room - 1 - tail.length;
	return last < 0 || head < 3 ? null : `${host.slice(0, head)}…${tail}`;
}

const connectedStates: ReadonlySet<string> = new Set(['ESTABLISHED', 'CONNECTING', 'DISCONNECTING']);

/** An inet socket's local end: `address:port` (`[fe80::1]%eth0:547`), or a ping socket's `address:id=N` (its echo identifier). */
export function formatInetLocal(socket: Pick<Socket, 'proto' | 'localAddress' | 'localPort' | 'linkInterface'>): string {
	if (isIcmpProto(socket.proto) && socket.localPort !== null) {
		return formatEndpoint(socket.localAddress, null, socket.linkInterface).replace(/\*$/u, `id=${socket.localPort}`);
	}

	return formatEndpoint(socket.localAddress, socket.localPort, socket.linkInterface);
}

/** A packet socket's local end: its interface (`*`: every one) and the EtherType it receives, `eth0:arp`. */
export const formatPacketLocal = (socket: Pick<Socket, 'localAddress' | 'localPort'>): string =>
	sanitize(`${socket.localAddress ?? UNKNOWN}:${socket.localPort === null ? UNKNOWN : etherShortName(socket.localPort)}`);

/** LOCAL ADDRESS cell for any socket. */
export function formatLocal(socket: Socket): string {
	if (isPacketProto(socket.proto)) return formatPacketLocal(socket);
	return isUnixProto(socket.proto) ? formatUnixLocal(socket) : formatInetLocal(socket);
}

/** A packet socket's FOREIGN cell: it has no other end. */
const NO_PEER = '*';

/** FOREIGN ADDRESS cell for any socket. */
export function formatForeign(socket: Socket): string {
	if (isPacketProto(socket.proto)) return NO_PEER;
	return isUnixProto(socket.proto)
		? formatUnixPeer(socket)
		: formatEndpoint(socket.foreignAddress, socket.foreignPort);
}

/** A number cell (PID, FD) or `?` when unknown. */
export function formatOptionalNumber(value: number | null): string {
	return value === null ? UNKNOWN : String(value);
}

/**
 * USER cell: the name, or with -n (sockstat's "do not resolve UIDs") the uid as a number;
 * an owner without a uid (`?`) keeps its name. The one place the cell is written, for the
 * one-shot table and the live view alike.
 */
export function formatUser(socket: Pick<Socket, 'user' | 'uid'>, isNumeric = false): string {
	return isNumeric && socket.uid !== null ? String(socket.uid) : sanitize(socket.user);
}

/** COMMAND cell: sanitized, `?` when the holder is unknown. */
export function formatCommand(command: string | null): string {
	return command === null ? UNKNOWN : sanitize(command);
}

/** STATE cell: `?` when the backend does not report one. */
export function formatState(state: Socket['state']): string {
	return state ?? UNKNOWN;
}

const digitCount = (value: number) => (value < 10 ? 1 : Math.floor(Math.log10(value)) + 1);

// Hosts and paths repeat across 50,000 rows; measured once each. Cleared when large,
// as a long-running view sees ever new peers.
const measured = new Map<string, number>();
function measure(text: string): number {
	let width = measured.get(text);
	if (width === undefined) {
		if (measured.size > 50_000) measured.clear();
		width = displayWidth(sanitize(text));
		measured.set(text, width);
	}

	return width;
}

/** displayWidth(formatEndpoint(address, port, linkInterface)), without making the text. */
function endpointWidth(address: string | null, port: number | null, linkInterface?: string): number {
	const host = address === null || address === '' ? UNKNOWN : address;
	const scope = linkInterface === undefined ? 0 : 1 + measure(linkInterface);
	return measure(host) + (host.includes(':') ? 2 : 0) + scope + 1 + (port === null ? 1 : digitCount(port));
}

/** displayWidth(formatLocal(socket)), without making the text (the layout asks it of every row). */
export function localWidth(socket: Socket): number {
	if (isUnixProto(socket.proto)) return socket.path === null || socket.path === '' ? 1 : measure(socket.path) + (socket.isPathGone === true ? DELETED.length : 0);
	if (isPacketProto(socket.proto)) return measure(formatPacketLocal(socket));
	if (isIcmpProto(socket.proto) && socket.localPort !== null) return endpointWidth(socket.localAddress, null, socket.linkInterface) + 2 + digitCount(socket.localPort);
	return endpointWidth(socket.localAddress, socket.localPort, socket.linkInterface);
}

/** displayWidth(formatForeign(socket)), without making the text. */
export function foreignWidth(socket: Socket): number {
	if (isPacketProto(socket.proto)) return NO_PEER.length;
	if (!isUnixProto(socket.proto)) return endpointWidth(socket.foreignAddress, socket.foreignPort);
	if (socket.peerPath !== null && socket.peerPath !== '') return 3 + measure(socket.peerPath);
	if (socket.peerHolder !== undefined) {
		const {command, pid, fd} = socket.peerHolder;
		if (command === null && fd !== undefined) return 6 + digitCount(pid) + digitCount(fd);
		return 5 + (command === null ? 1 : measure(command)) + digitCount(pid);
	}

	if (socket.peerInode !== null && socket.peerInode > 0) return 12 + digitCount(socket.peerInode);
	return formatUnixPeer(socket).length;
}
