import {resolveUnixPeers} from '../unix-peers.js';
import {datagramStateOf, type Proto, type Socket} from '../../model/types.js';
import {datagramState, mappedInIpv6Row, normalizeState, splitEndpoint} from '../import/endpoint.js';
import {inetProto, makeSocket, parseCount, type ParseResult, portsFor} from '../import/socket-row.js';
import type {PortNames} from '../../services/names.js';
import {type LsofFile, type LsofProcess, parseLsofFields} from './fields.js';
import {type HexType, readHexName} from './hex-name.js';

const inetKinds: Readonly<Record<string, 'tcp' | 'udp' | 'udplite'>> = {TCP: 'tcp', UDP: 'udp', UDPLITE: 'udplite'};
const unixTypes: Readonly<Record<string, Proto>> = {STREAM: 'stream', DGRAM: 'dgram', SEQPACKET: 'seqpacket'};

/** Who holds the file: lsof's login name, else the uid as text, else '?'. */
export function holderOf(process: LsofProcess): Pick<Socket, 'user' | 'uid' | 'command' | 'pid'> {
	return {
		user: process.login ?? (process.uid === null ? '?' : String(process.uid)),
		uid: process.uid,
		command: process.command,
		pid: process.pid,
	};
}

/**
 * The socket inode. Linux lsof puts it in the `i` field for unix sockets, but
 * for IPv4/IPv6 it prints the inode as the DEVICE (`d8351`) and 'TCP' as the
 * NODE; macOS and FreeBSD print a kernel address there (`d0xcdf758597a6d43c3`): no inode.
 */
function inodeOf(file: LsofFile): number | null {
	return parseCount(file.inode ?? undefined) ?? parseCount(file.device ?? undefined);
}

/**
 * What tells a socket without an inode from others: the kernel address macOS and FreeBSD lsof
 * print as its DEVICE (`d0xcdf758597a6d43c3`), as Linux lsof does for a unix socket (`-F d`
 * without `i`). Every holder of the socket prints the same one.
 */
function kernelAddressOf(file: LsofFile, inode: number | null): Pick<Socket, 'socketId'> {
	const device = file.device ?? '';
	return inode === null && /^0x[\da-f]+$/iu.test(device) ? {socketId: `lsof ${device.toLowerCase()}`} : {};
}

/**
 * Inet NAME: `127.0.0.1:56158->127.0.0.1:38627`, `*:*`, `[::1]:631`; with +E
 * lsof appends the peer's holders after a space (` 8769,node,27u`).
 */
function inetSocket(process: LsofProcess, file: LsofFile, fd: number, version: 4 | 6, ports?: PortNames): Socket | null {
	const kind = inetKinds[(file.protocol ?? '').toUpperCase()];
	if (kind === undefined || file.name === null) {
		return null;
	}

	const [ends = ''] = file.name.split(' ');
	const arrow = ends.indexOf('->');
	// Without -P lsof prints service names (`*:http`, `localhost:postgresql`).
	const portOf = portsFor(ports, kind);
	const local = splitEndpoint(arrow === -1 ? ends : ends.slice(0, arrow), ':', portOf);
	const foreign = arrow === -1 ? null : splitEndpoint(ends.slice(arrow + 2), ':', portOf);
	if (local === null || (arrow !== -1 && foreign === null)) {
		return null;
	}

	const stateWord = file.tcp['ST'];
	// No peer printed is the wildcard peer.
	const peer = foreign ?? {address: '*', port: null};
	const state = stateWord === undefined ? (kind === 'tcp' ? null : datagramState(peer)) : normalizeState(stateWord);
	const inode = inodeOf(file);
	return makeSocket({
		...holderOf(process),
		fd,
		proto: inetProto(kind, version),
		localAddress: mappedInIpv6Row(local.address, version),
		localPort: local.port,
		// No peer: the wildcard, as /proc and ss report an unconnected socket.
		foreignAddress: mappedInIpv6Row(peer.address, version),
		foreignPort: peer.port,
		state,
		inode,
		...kernelAddressOf(file, inode),
		rxQueue: parseCount(file.tcp['QR']),
		txQueue: parseCount(file.tcp['QS']),
	});
}

const hexProtos = {icmp: 'icmp4', raw: 'raw4', raw6: 'raw6'} as const satisfies Record<HexType, Proto>;

/**
 * Ping and raw sockets: Linux lsof prints them without a protocol field, with /proc/net's hex
 * columns as NAME (hex-name.ts). An IPv4 ICMP echo (ping) socket is TYPE `icmp`; an ICMPv6 one
 * (lsof 4.95 does not read /proc/net/icmp6), an unbound one, and any when lsof runs in another
 * network namespace, are `sock` with `protocol: PING` or `PINGv6`: no addresses to read. A raw
 * socket is TYPE `raw` or `raw6`, where a port goes the IP protocol number
 * (`00000000:0001->00000000:0000 st=07`: ICMP on every address, not connected). None is selected
 * by `lsof -i`, so only the PID view and captures of every file have them.
 */
function hexSocket(process: LsofProcess, file: LsofFile, fd: number, type: HexType): Socket | null {
	const ends = readHexName(type, file.name ?? '');
	if (ends === null) {
		return null;
	}

	const {state, ...addresses} = ends;
	const inode = inodeOf(file);
	return makeSocket({
		...holderOf(process),
		fd,
		proto: hexProtos[type],
		...addresses,
		// A ping socket's NAME has no state: it is connected when it has a peer address.
		state: state === null ? datagramState({address: addresses.foreignAddress, port: addresses.foreignPort}) : datagramStateOf(state),
		inode,
		...kernelAddressOf(file, inode),
	});
}

/**
 * Linux lsof's words after a unix socket's path (from /proc/net/unix, cut at the first space):
 * ` type=STREAM`, then ` ->INO=59378` when it has a peer, then +E's endpoints. Read from the end,
 * as the path may hold the same words (`/tmp/a->INO=1`, `/tmp/btype=DGRAM`).
 */
const linuxUnixName = /^(?:(.*) )?type=(STREAM|DGRAM|SEQPACKET)(?: ->INO=(\d{1,10}))?(?: \d{1,10},[^,\s]*,\d{1,10}[rwu]?)*$/su;

/**
 * Unix NAME. Linux: `/tmp/x.sock type=STREAM`, `type=DGRAM`, `@abstract type=SEQPACKET`,
 * and with +E the peer `->INO=59378 8769,node,26u`; state in T as ST=LISTEN,
 * CONNECTED, UNCONNECTED. macOS/FreeBSD: a path, or `->0xfffff80012345678` (the
 * peer's kernel address), no type and no state: such rows are shown as stream
 * sockets, which most are, and as connected when they have a peer. macOS also
 * prints `->(none)` (unbound, no peer) and `no address` (an empty path).
 */
function unixSocket(process: LsofProcess, file: LsofFile, fd: number): Socket {
	const name = file.name ?? '';
	const linux = linuxUnixName.exec(name);
	const before = linux === null ? name : (linux[1] ?? '');
	// Darwin's dsock.c: `->(none)` is an unbound socket with no peer, `no address` one whose
	// sun_path is empty; neither is a path or a peer.
	const isUnnamed = linux === null && (before === '->(none)' || before === 'no address');
	const isPeerAddress = linux === null && before.startsWith('->') && !isUnnamed;
	const path = isPeerAddress || isUnnamed || before === '' || before === 'socket' ? null : before;
	const stateWord = file.tcp['ST'];
	const state = stateWord === undefined ? (isPeerAddress ? 'ESTABLISHED' : null) : normalizeState(stateWord);
	const inode = parseCount(file.inode ?? undefined);
	return makeSocket({
		...holderOf(process),
		fd,
		proto: unixTypes[linux?.[2] ?? ''] ?? 'stream',
		path,
		peerInode: parseCount(linux?.[3]),
		state,
		inode,
		...kernelAddressOf(file, inode),
	});
}

/** The socket an lsof file record describes; null for other files and unparsable names. `ports` reads service names (no -P). */
export function fileToSocket(process: LsofProcess, file: LsofFile, ports?: PortNames): Socket | null {
	const fd = parseCount(file.fd);
	if (fd === null) {
		return null;
	}

	// `-F pcPnT` (no t field): an inet file is known by its protocol, IPv6 by the brackets.
	const type = file.type ?? (file.protocol === null ? null : file.name?.startsWith('[') ? 'IPv6' : 'IPv4');
	switch (type) {
		case 'IPv4': {
			return inetSocket(process, file, fd, 4, ports);
		}

		case 'IPv6': {
			return inetSocket(process, file, fd, 6, ports);
		}

		case 'unix': {
			return unixSocket(process, file, fd);
		}

		case 'icmp':
		case 'raw':
		case 'raw6': {
			return hexSocket(process, file, fd, type);
		}

		default: {
			return null;
		}
	}
}

/**
 * True the first time a (pid, fd) is seen. lsof lists a process once per task (thread)
 * when it lists tasks (`-K`, or no selection at all: `lsof -F`, `lsof -nP`), each task
 * repeating the process's PID and files, with a `K` field only when it was asked for:
 * one row per fd, the first record's.
 */
export function firstOfFd(seen: Set<string>, pid: number, fd: string): boolean {
	const key = `${pid}/${fd}`;
	if (seen.has(key)) return false;
	seen.add(key);
	return true;
}

/**
 * The capture to ask for: the fields socktop reads (f t P n), with c u L for the holder (L the
 * login name, which USER shows; u alone leaves it the uid), T for TCP states, and d i, which
 * tell which rows are one socket (a forked server's), and on Linux +E, which names each unix
 * socket's peer as the live backend has it (without it every connected one is `-> ?`; other
 * lsofs refuse it): the README gives the same command.
 */
export const LSOF_CAPTURE = 'lsof -nP -i -U +E -F pcuLftPTndi';

/** LSOF_CAPTURE as a message gives it: a macOS or FreeBSD user is told to leave +E out. */
const captureAdvice = `capture with ${LSOF_CAPTURE} (+E on Linux only)`;

/**
 * Why a field capture cannot be read at all, or undefined: lsof prints only the
 * fields asked for (`-F pcfn`), and without t (type) and P (protocol) no file
 * can be told to be a socket, without P no TCP from UDP.
 */
function missingFields(processes: readonly LsofProcess[]): string | undefined {
	let hasType = false;
	let hasProtocol = false;
	let hasInet = false;
	let hasFiles = false;
	for (const process of processes) {
		for (const file of process.files) {
			hasFiles ||= parseCount(file.fd) !== null;
			hasType ||= file.type !== null;
			hasProtocol ||= file.protocol !== null;
			hasInet ||= file.type === 'IPv4' || file.type === 'IPv6';
		}
	}

	if (hasFiles && !hasType && !hasProtocol) {
		return `lsof printed neither the t (type) nor the P (protocol) field, so no file can be told to be a socket (socktop reads the f, t, P and n fields): ${captureAdvice}`;
	}

	if (hasInet && !hasProtocol) {
		return `lsof printed no P (protocol) field, so TCP cannot be told from UDP (socktop reads the f, t, P and n fields): ${captureAdvice}`;
	}

	return undefined;
}

/** Sockets from lsof -F output (`lsof -nP -F pcuLRftaPnTdi0 -i -U`), one per (pid, fd); `ports` reads service names (no -P). Never throws. */
export function parseLsofF(text: string, ports?: PortNames): ParseResult {
	const {processes, malformedLines, firstMalformed: firstBadField} = parseLsofFields(text);
	const problem = missingFields(processes);
	if (problem !== undefined) {
		return {sockets: [], malformedLines: 0, problem};
	}

	const sockets: Socket[] = [];
	const seen = new Set<string>();
	// lsof ends its output with a newline: without one the capture was cut (`head -c`), and the
	// last file's fields with it (`TST=CONNEC`, a path cut short). That file is not read, and said.
	// Not /[^\n]*$/, which tries every start of each line to its end: a long line's square.
	const cutLine = text === '' || text.endsWith('\n') ? null : text.slice(text.lastIndexOf('\n') + 1);
	const cutProcess = cutLine === null ? undefined : processes.at(-1);
	const cutFile = cutProcess?.files.at(-1);
	const cut = cutLine === null ? undefined : `${cutFile === undefined ? '' : `p${cutProcess!.pid} f${cutFile.fd} ${cutFile.type ?? ''} ${cutFile.name ?? ''} `}(cut short at '${cutLine.replaceAll('\0', ' ')}')`;
	let unparsed = cutLine === null ? 0 : 1;
	let firstUnparsed: string | undefined;
	for (const process of processes) {
		for (const file of process.files) {
			if (file === cutFile || !firstOfFd(seen, process.pid, file.fd)) continue;
			const socket = fileToSocket(process, file, ports);
			if (socket !== null) {
				sockets.push(socket);
			} else if (file.type === 'IPv4' || file.type === 'IPv6' || file.type === 'icmp' || file.type === 'raw' || file.type === 'raw6' || (file.type === null && file.protocol !== null)) {
				// An inet file whose protocol or name did not parse, or a ping or raw socket whose NAME did not.
				unparsed++;
				firstUnparsed ??= `p${process.pid} f${file.fd} ${file.protocol ?? ''} ${file.name ?? ''}`;
			}
		}
	}

	return {sockets: resolveUnixPeers(sockets), malformedLines: malformedLines + unparsed, firstMalformed: firstBadField ?? firstUnparsed ?? cut};
}
