import type {Socket} from '../../model/types.js';
import {resolveUnixPeers} from '../unix-peers.js';
import {parseCount, type ParseResult} from '../import/socket-row.js';
import type {PortNames} from '../../services/names.js';
import type {LsofFile, LsofProcess} from './fields.js';
import {fileToSocket, firstOfFd} from './sockets.js';

/**
 * lsof's human table, `lsof -i -n -P` (and `lsof -U`), read by turning each row
 * into the same file record the -F parser builds:
 *
 *   COMMAND  PID USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME
 *   node    5689 root   20u  IPv4               8351      0t0  TCP 127.0.0.1:38627 (LISTEN)
 *   node    5689 root   22u  IPv4               8353      0t0  UDP 127.0.0.1:56098
 *   node    5689 root   19u  unix 0x000000003af3275a      0t0 8350 /tmp/s.sock type=STREAM (LISTEN)
 *   com.apple 590 etoledom 193u IPv4 0x28ffb9c041115627  0t0  TCP 192.168.1.37:60298->31.13.83.36:443 (ESTABLISHED)
 *
 * Quirks: -T adds to the state in parentheses (`(LISTEN QR=0 QS=0)`); COMMAND is cut to 9 characters unless +c is given, and spaces in it
 * are printed as \x20; `-K` adds TID (and TASKCMD) after PID; SIZE/OFF may be
 * blank; macOS unix rows have no NODE; the FD column carries the access mode
 * ('20u'). The TYPE column is found by its value, so optional columns do not
 * shift the rest.
 */
const typeWords = new Set(['IPv4', 'IPv6', 'unix', 'icmp']);

/** One word of the list after NAME: a state (`LISTEN`) or `-T`'s `QR=0`, `QS=0`, `SO=...`. */
const infoWord = /^(?:[A-Z][A-Z_\d]*|[A-Z]{2,}=\S*)$/;

/**
 * NAME's words and the parenthesised list lsof ends it with: `(LISTEN)`, with -Tqs
 * `(LISTEN QR=0 QS=0)`, and for UDP `(QR=0 QS=0)`; read as the -F form's T fields
 * (ST=LISTEN, QR=0, QS=0).
 */
function splitTcpInfo(rest: readonly string[]): {nameWords: readonly string[]; tcp: Record<string, string>} {
	const start = rest.findLastIndex(token => token.startsWith('('));
	const words = start === -1 ? [] : rest.slice(start).join(' ').slice(1, -1).split(' ');
	if (start === -1 || !(rest.at(-1) ?? '').endsWith(')') || !words.every(word => infoWord.test(word))) {
		return {nameWords: rest, tcp: {}};
	}

	const tcp: Record<string, string> = {};
	for (const word of words) {
		const at = word.indexOf('=');
		if (at === -1) tcp['ST'] = word;
		else tcp[word.slice(0, at)] = word.slice(at + 1);
	}

	return {nameWords: rest.slice(0, start), tcp};
}

/** The row as an lsof file record, or null when it is not a socket row. */
function rowToRecord(tokens: readonly string[]): {process: LsofProcess; file: LsofFile} | null {
	const typeIndex = tokens.findIndex((token, index) => index >= 3 && typeWords.has(token));
	const pid = tokens[1];
	if (typeIndex === -1 || pid === undefined || !/^\d{1,10}$/.test(pid)) {
		return null;
	}

	const type = tokens[typeIndex]!;
	const fdMatch = /^(\d+)[rwu]?\S*$/.exec(tokens[typeIndex - 1] ?? '');
	const user = tokens[typeIndex - 2]!;
	// `lsof -l` (or a uid without a name) prints the number.
	const uid = parseCount(user);
	// Linux prints a ping socket without DEVICE, its inode as NODE: `3u  icmp  0t0 28661654 00000000:A1EB->00000000:0000`.
	const hasDevice = type !== 'icmp';
	const device = hasDevice ? (tokens[typeIndex + 1] ?? null) : null;
	let index = typeIndex + (hasDevice ? 2 : 1);
	// SIZE/OFF ('0t0', a number) may be missing.
	if (/^(0t\d+|0x[\da-f]+|\d+)$/.test(tokens[index] ?? '') && type !== 'unix') {
		index++;
	} else if (type === 'unix' && /^0t\d+$/.test(tokens[index] ?? '')) {
		index++;
	}

	let protocol: string | null = null;
	let inode: string | null = null;
	if (type === 'icmp') {
		inode = tokens[index] ?? null;
		index++;
	} else if (type === 'unix') {
		// Linux prints the inode as NODE; macOS prints nothing there.
		if (/^\d+$/.test(tokens[index] ?? '')) {
			inode = tokens[index]!;
			index++;
		}
	} else {
		protocol = tokens[index] ?? null;
		index++;
	}

	const rest = tokens.slice(index);
	const {nameWords, tcp} = splitTcpInfo(rest);
	const process: LsofProcess = {
		pid: Number(pid),
		// A name cut by lsof's COMMAND width just after a space ends in `\x20`: that space goes.
		command: tokens[0]!.replace(/(?:\\x20)+$/, '').replaceAll('\\x20', ' '),
		uid,
		login: uid === null ? user : null,
		ppid: null,
		files: [],
	};
	const file: LsofFile = {
		fd: fdMatch?.[1] ?? tokens[typeIndex - 1] ?? '',
		access: null,
		type,
		protocol,
		name: nameWords.join(' '),
		device,
		inode,
		tcp,
	};
	return {process, file};
}

const isHeader = (line: string): boolean => /^COMMAND\s+PID\s+/.test(line);

/**
 * Sockets from `lsof -i -n -P` (or any lsof table, `lsof -nP -i -U +E` too), one per (pid, fd);
 * rows of other file types are skipped; `ports` reads service names (`lsof -i` without -P). Never throws.
 */
export function parseLsofPlain(text: string, ports?: PortNames): ParseResult {
	const sockets: Socket[] = [];
	const seen = new Set<string>();
	let malformedLines = 0;
	let firstMalformed: string | undefined;
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || isHeader(line)) {
			continue;
		}

		const tokens = line.trim().split(/\s+/);
		const record = rowToRecord(tokens);
		// -K (or plain `lsof`) repeats each fd for every task, with its TID: one row per fd.
		if (record !== null && !firstOfFd(seen, record.process.pid, record.file.fd)) {
			continue;
		}

		const socket = record === null ? null : fileToSocket(record.process, record.file, ports);
		if (socket !== null) {
			sockets.push(socket);
		} else if (record !== null || !isOtherFileRow(tokens)) {
			malformedLines++;
			firstMalformed ??= line;
		}
	}

	// With +E a unix row names its peer's inode (`->INO=20228130`): its path and a datagram server are told as -F's are.
	return {sockets: resolveUnixPeers(sockets), malformedLines, firstMalformed};
}

/** A well-formed row for a non-socket file (REG, DIR, FIFO ...), which `lsof` without -i prints too. */
function isOtherFileRow(tokens: readonly string[]): boolean {
	return tokens.length >= 5 && /^\d+$/.test(tokens[1] ?? '') && /^[A-Za-z_]+$/.test(tokens[4] ?? '');
}

/** True when the text has lsof's table header (import's format detection). */
export function looksLikeLsofPlain(text: string): boolean {
	return text.split(/\r?\n/, 20).some(line => isHeader(line));
}
