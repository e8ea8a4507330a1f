import {isUnixProto, type Proto, type Socket} from '../../model/types.js';
import {datagramState, normalizeState, splitEndpoint} from '../import/endpoint.js';
import {makeSocket, parseCount, type ParseResult} from '../import/socket-row.js';
import {namePeerHolders} from './peer-names.js';
import {dualStackFields, isProtoWord, modelProto} from './protos.js';

/**
 * FreeBSD sockstat(1) text output, aligned or with the spaces collapsed:
 *
 *   USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS
 *   root     sshd       705   4  tcp4   *:22                  *:*
 *   root     syslogd    572   4  dgram  /var/run/log
 *   root     devd       405   7  dgram  -> /var/run/logpriv
 *   root     sshd       922   8  stream (not connected)
 *   root     devd       405   5  seqpac /var/run/devd.seqpacket.pipe
 *   tty comsat 8372 0 udp4 *:512 *:*                  (the 2001 article's collapsed form)
 *
 * Quirks by version:
 * - COMMAND is cut to 10 characters ('navigato' in 2001, 'gpg-agent' fits) and
 *   may hold spaces, so the PROTO column is found by shape, not by position.
 * - Unknown holders are '?' (before FreeBSD 15) or '??' in USER COMMAND PID FD.
 * - Unix rows before FreeBSD 15 put both ends in one column ('-> /var/run/log',
 *   '-> ??'); FreeBSD 15 has LOCAL ('(not connected)', '??', a path) and FOREIGN
 *   ('-> path', '-> [pid fd]', '<- [pid fd],[pid fd]', '??'). A '-> [pid fd]' peer is named
 *   by the command of a row with that PID (namePeerHolders), as the Linux backend names peers.
 * - `-s` adds STATE (FreeBSD <= 14) or PATH STATE + CONN STATE (15, '??' for
 *   non-SCTP); `-i`, `-S`, `-C` add more columns after the addresses: the state is
 *   whichever extra word is a TCP state.
 * - IPv6 is printed without brackets, 'fe80::1%lo0:123': the port is after the last colon.
 *   Without -w addresses are cut to 21 characters, so a long IPv6 endpoint may have
 *   lost its port; socktop's own backend runs `sockstat -w`.
 * - Protocols the model has no name for (sctp, divert) are counted as not understood.
 */
const isUnknown = (token: string | undefined): boolean => token === '?' || token === '??';
const isHolderNumber = (token: string | undefined): boolean =>
	token !== undefined && (/^\d+$/.test(token) || isUnknown(token));

/**
 * Index of the PROTO token: the first protocol name right after FD- and
 * PID-shaped tokens. Before FreeBSD 8 sockstat padded columns by position, so a
 * long USER pushed COMMAND into PID: 'spc in nam63210 3 tcp4' (perkeep's capture).
 */
function findProto(tokens: readonly string[]): number {
	for (let index = 3; index < tokens.length; index++) {
		const pid = tokens[index - 2]!;
		const isPidShaped = index >= 4 ? isHolderNumber(pid) || /\D\d+$/.test(pid) : /\D\d+$/.test(pid);
		if (isProtoWord(tokens[index]!) && isHolderNumber(tokens[index - 1]) && isPidShaped) {
			return index;
		}
	}

	return -1;
}

/** Sockstat cuts COMMAND to 10 characters; a PID glued to it is the digits after them. */
const commandWidth = 10;

/** Split 'spc in nam63210' into COMMAND 'spc in nam' and PID '63210': the longest command that fits. */
function unglueCommand(words: readonly string[], glued: string): {command: string; pid: string} {
	const before = words.length === 0 ? '' : `${words.join(' ')} `;
	const digits = /\d+$/.exec(glued)![0];
	const firstDigit = glued.length - digits.length;
	for (let split = glued.length - 1; split > firstDigit; split--) {
		if (before.length + split <= commandWidth) {
			return {command: before + glued.slice(0, split), pid: glued.slice(split)};
		}
	}

	return {command: before + glued.slice(0, firstDigit), pid: digits};
}

type Holder = Pick<Socket, 'user' | 'uid' | 'command' | 'pid' | 'fd'>;

function holderOf(tokens: readonly string[], protoIndex: number): Holder {
	const user = tokens[0]!;
	const pidToken = tokens[protoIndex - 2]!;
	const words = tokens.slice(1, protoIndex - 2);
	const {command, pid} =
		isHolderNumber(pidToken) && words.length > 0
			? {command: words.join(' '), pid: pidToken}
			: unglueCommand(words, pidToken);
	return {
		user: isUnknown(user) ? '?' : user,
		// `sockstat -n` (or a uid without a name) prints the number.
		uid: parseCount(user),
		command: command === '' || isUnknown(command) ? null : command,
		pid: parseCount(pid),
		fd: parseCount(tokens[protoIndex - 1]),
	};
}

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Endpoint = new RegExp(`^(\\*|${octet}(\\.${octet}){3}):(\\*|\\d{1,5})$`);

/**
 * Old sockstat also glued LOCAL to FOREIGN when LOCAL ran past its column:
 * '192.168.123.5:9000192.168.123.21:49866'. Split where both halves are IPv4
 * endpoints, preferring the shorter local port (the split is ambiguous when the
 * foreign address could lose its first digit; IPv6 cannot be split at all).
 */
function unglueEndpoints(text: string): [string, string] | null {
	for (let split = 3; split < text.length - 2; split++) {
		const local = text.slice(0, split);
		const foreign = text.slice(split);
		if (ipv4Endpoint.test(local) && ipv4Endpoint.test(foreign)) {
			return [local, foreign];
		}
	}

	return null;
}

function inetRow(holder: Holder, word: string, printedProto: Proto, words: readonly string[]): Socket | null {
	// Before FreeBSD 8 a dual-stack socket printed as 'tcp4 6'.
	const isDualStack = printedProto.endsWith('4') && words[0] === '6';
	const proto = isDualStack ? (printedProto.replace(/4$/, '6') as Proto) : printedProto;
	let rest = isDualStack ? words.slice(1) : words;
	const glued = rest.length === 1 && proto.endsWith('4') ? unglueEndpoints(rest[0]!) : null;
	if (glued !== null) {
		rest = glued;
	}

	// sockstat prints both address columns always (`*:*`, `??` where there is none): a row short of one was cut.
	if (rest.length < 2) {
		return null;
	}

	const localText = rest[0]!;
	const foreignText = rest[1]!;
	const local = isUnknown(localText) ? null : splitEndpoint(localText);
	const foreign = isUnknown(foreignText) ? null : splitEndpoint(foreignText);
	if (local === null && !isUnknown(localText)) {
		return null;
	}

	const stated = rest.slice(2).map(word => normalizeState(word)).find(state => state !== null) ?? null;
	const state = stated ?? (proto.startsWith('udp') ? datagramState(foreign) : null);
	return makeSocket({
		...holder,
		proto,
		localAddress: local?.address ?? null,
		localPort: local?.port ?? null,
		foreignAddress: foreign?.address ?? null,
		foreignPort: foreign?.port ?? null,
		state,
		...dualStackFields(word, isDualStack, proto, state),
	});
}

/** '(not connected)', '(none)', '-', '??' and '' name no path. */
const pathOrNull = (text: string): string | null =>
	text === '' || text === '-' || text === '(not connected)' || text === '(none)' ? null : text;

/**
 * '-> [1234 5]': a peer with no name of its own, by the PID and fd holding it (main.c's
 * format_unix_faddr, "[%lu %d]"); the fd is kept so that the cell can say it as sockstat does
 * where no row names the process. Columns after it (-s's '??') may follow.
 */
const peerHolderText = /^\[(\d+) (\d+)\]/u;

function unixRow(holder: Holder, proto: Proto, rest: readonly string[]): Socket {
	const words = rest.filter(word => !isUnknown(word));
	const arrow = words.findIndex(word => word === '->' || word === '<-');
	const localWords = arrow === -1 ? words : words.slice(0, arrow);
	const peerText = arrow === -1 ? '' : words.slice(arrow + 1).join(' ');
	// '-> [1234 5]' names the peer's holder, not a path; '<- [405 7],[705 5]' lists who connected to this one.
	const named = words[arrow] === '->' ? peerHolderText.exec(peerText) : null;
	const peerPath = peerText.startsWith('[') ? null : pathOrNull(peerText);
	return makeSocket({
		...holder,
		proto,
		path: pathOrNull(localWords.join(' ')),
		peerPath,
		state: words[arrow] === '->' ? 'ESTABLISHED' : null,
		...(named === null ? {} : {peerHolder: {command: null, pid: Number(named[1]), fd: Number(named[2])}}),
	});
}

/** One data line; null when it is not a socket row the model can hold. */
function parseLine(line: string): Socket | null {
	const tokens = line.trim().split(/\s+/);
	const protoIndex = findProto(tokens);
	if (protoIndex === -1) {
		return null;
	}

	const proto = modelProto(tokens[protoIndex]!);
	if (proto === null) {
		return null;
	}

	const holder = holderOf(tokens, protoIndex);
	const rest = tokens.slice(protoIndex + 1);
	return isUnixProto(proto) ? unixRow(holder, proto, rest) : inetRow(holder, tokens[protoIndex]!, proto, rest);
}

const isHeader = (line: string): boolean => /^\s*USER\s+COMMAND\s+PID\s+FD\s+PROTO\b/.test(line);

/** Parse `sockstat` / `sockstat -s` / `sockstat -w` text; never throws. A unix peer's holder is named from the rows read. */
export function parseSockstatText(text: string): ParseResult {
	const sockets: Socket[] = [];
	let malformedLines = 0;
	let firstMalformed: string | undefined;
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || isHeader(line)) {
			continue;
		}

		const socket = parseLine(line);
		if (socket === null) {
			malformedLines++;
			firstMalformed ??= line;
		} else {
			sockets.push(socket);
		}
	}

	namePeerHolders(sockets);
	return {sockets, malformedLines, firstMalformed};
}

/** True when the text starts like a sockstat table (used by import's format detection). */
export function looksLikeSockstat(text: string): boolean {
	return text.split(/\r?\n/, 20).some(line => isHeader(line));
}
