import {byFd, type FdType, type FileDescriptor} from '../../model/process.js';
import type {Proto, Socket} from '../../model/types.js';
import {datagramState, splitEndpoint} from '../import/endpoint.js';
import {makeSocket, parseCount} from '../import/socket-row.js';

/**
 * FreeBSD `procstat -f PID` (usr.bin/procstat/procstat_files.c):
 *
 *   PID COMM                FD T V FLAGS    REF  OFFSET PRO NAME
 *   34179 bash              text v r r-------   -       - -   /usr/local/bin/bash
 *   34179 bash               cwd v d r-------   -       - -   /usr/home/detain
 *   3561 tor                 4 s - rw---n--   2       0 TCP 10.0.0.2:9050 10.0.0.1:22370
 *   3561 tor                 7 s - rw---n--   2       0 UDP 10.0.0.2:53 0.0.0.0:0
 *
 * T is the file type (v vnode, s socket, p pipe, f fifo, k kqueue, m mqueue,
 * h shm, t pts, e sem, c crypto, M capability channel), V the vnode type (r reg,
 * d dir, c char, b block, l link, s socket, f fifo). Sockets print PRO as TCP,
 * UDP, SCT, RAW, ICM, IPD, UDS (unix stream), UDD (unix dgram), UD? and NAME as
 * `local peer`; IPv4 as a.b.c.d:port, IPv6 as addr.port (a dot, not a colon);
 * a unix socket prints one name, its own path or else the peer's, '-' for none.
 * COMM is %-16s, so a long name pushes the columns right; FLAGS is 8 letters (9 since the capability flag was added).
 */
export type ProcstatFiles = {
	readonly command: string | null;
	readonly cwd: string | null;
	readonly exe: string | null;
	readonly fds: FileDescriptor[];
	readonly malformedLines: number;
};

const rowPattern =
	/^\s*(\d+)\s+(.*?)\s+(\d+|text|ctty|cwd|root|jail|trace)\s+(\S)\s+(\S)\s+([-rwasfndlc]{8,9})\s+(\S+)\s+(\S+)\s+(\S+)\s?(.*)$/;

const vnodeTypes: Readonly<Record<string, FdType>> = {r: 'file', d: 'dir', c: 'char', b: 'block', l: 'file', s: 'socket', f: 'fifo'};
const fileTypes: Readonly<Record<string, FdType>> = {s: 'socket', p: 'pipe', f: 'fifo', k: 'anon', m: 'anon', h: 'memfd', t: 'char', e: 'anon', M: 'anon'};
const unixProtos: Readonly<Record<string, Proto>> = {UDS: 'stream', UDD: 'dgram'};
const inetKinds: Readonly<Record<string, 'tcp' | 'udp' | 'raw'>> = {TCP: 'tcp', UDP: 'udp', RAW: 'raw'};

/** IPv4 `a.b.c.d:port` or IPv6 `addr.port`. */
const endpointOf = (text: string) => splitEndpoint(text, text.includes(':') && !/^[\d.]+:\d+$/.test(text) ? '.' : ':');

type Holder = Pick<Socket, 'user' | 'uid' | 'command' | 'pid' | 'fd'>;

function socketOf(holder: Holder, protocol: string, name: string): Socket | null {
	const unixProto = unixProtos[protocol];
	if (unixProto !== undefined) {
		return makeSocket({...holder, proto: unixProto, path: name === '-' || name === '' ? null : name});
	}

	const kind = inetKinds[protocol];
	const [localText = '', peerText = ''] = name.split(' ');
	const local = endpointOf(localText);
	const peer = endpointOf(peerText);
	if (kind === undefined || local === null || peer === null) {
		return null;
	}

	const version = localText.includes(':') && !/^[\d.]+:\d+$/.test(localText) ? 6 : 4;
	return makeSocket({
		...holder,
		proto: `${kind}${version}`,
		localAddress: local.address,
		localPort: local.port,
		foreignAddress: peer.address,
		foreignPort: peer.port,
		state: kind === 'udp' ? datagramState(peer) : null,
	});
}

/** Parse `procstat -f PID`; `user` and `uid` come from elsewhere (ps), procstat does not print them. Never throws. */
export function parseProcstatFiles(text: string, owner: Pick<Socket, 'user' | 'uid'>): ProcstatFiles {
	const fds: FileDescriptor[] = [];
	let command: string | null = null;
	let cwd: string | null = null;
	let exe: string | null = null;
	let malformedLines = 0;
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || /^\s*PID\s+COMM\s+FD\b/.test(line)) {
			continue;
		}

		const match = rowPattern.exec(line);
		if (match === null) {
			malformedLines++;
			continue;
		}

		const [, pidText, comm, fdText, type, vtype, , , , protocol, name] = match as unknown as string[];
		command ??= comm ?? null;
		const path = (name ?? '').trim();
		if (fdText === 'cwd') {
			cwd = path;
		} else if (fdText === 'text') {
			exe = path;
		}

		const fd = parseCount(fdText);
		if (fd === null) {
			continue;
		}

		const holder: Holder = {...owner, command: comm ?? null, pid: parseCount(pidText), fd};
		const socket = type === 's' ? socketOf(holder, protocol ?? '', path) : null;
		const fdType = type === 'v' ? (vnodeTypes[vtype ?? ''] ?? 'unknown') : (fileTypes[type ?? ''] ?? 'unknown');
		fds.push({fd, type: fdType, target: socket === null && path !== '-' ? path : socket === null ? '' : 'socket', socket});
	}

	fds.sort(byFd);
	return {command, cwd, exe, fds, malformedLines};
}
