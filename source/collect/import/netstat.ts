import {datagramStateOf, type Socket} from '../../model/types.js';
import {datagramState, mappedInIpv6Row, normalizeState, splitEndpoint} from './endpoint.js';
import type {IpProtocolNumbers} from '../../services/ip-protocols.js';
import type {PortNames} from '../../services/names.js';
import {inetProto, makeSocket, parseCount, type ParseResult, portsFor} from './socket-row.js';

/**
 * Linux net-tools `netstat -tunap` (also -tulpn, -e):
 *
 *   Active Internet connections (servers and established)
 *   Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
 *   tcp        0      0 127.0.0.1:38627         0.0.0.0:*               LISTEN      5689/node
 *   udp        0      0 127.0.0.1:56098         0.0.0.0:*                           5689/node
 *   tcp6       0      0 :::22                   :::*                    LISTEN      -
 *
 * Quirks: IPv6 has no brackets (port after the last colon), and an IPv4-mapped address on a
 * tcp6 line is plain IPv4 (`127.0.0.1:18501`, read as ::ffff:127.0.0.1); an unconnected UDP
 * socket has an empty State; raw sockets print the kernel's socket state as a number in State (1 connected, 7 not);
 * without root other users' processes are '-' and a '(Not all processes could be
 * identified ...)' note comes first; `-e` adds User and Inode columns before
 * PID/Program name; `-o` adds a Timer column last (`off (0.00/0/0)`); the program name (comm) may hold spaces; without -n
 * addresses are names (`localhost:ssh`): host names are kept as text, service
 * names are read with the services table (`ports`), a raw socket's IP protocol
 * name (`0.0.0.0:icmp`, from getprotoent(3) on the capturing machine) with this one's
 * /etc/protocols (`ipProtocols`), and a line whose name it does not know counts as not understood.
 */
const protos: Readonly<Record<string, ReturnType<typeof inetProto>>> = {
	tcp: 'tcp4',
	tcp6: 'tcp6',
	udp: 'udp4',
	udp6: 'udp6',
	udpl: 'udplite4',
	udpl6: 'udplite6',
	raw: 'raw4',
	raw6: 'raw6',
};

const noise = /^(Active |Proto |\(Not all processes|\s*will not be shown|\(only servers|\(servers and)/;

/** `-o`'s Timer column, last on the line: `off (0.00/0/0)`, `keepalive (7184.61/0/0)`, `timewait (59.91/0/0)`. */
const timer = /\s+\S+\s+\([^()]*\)\s*$/;

function parseLine(line: string, hasTimer: boolean, ports?: PortNames, ipProtocols?: IpProtocolNumbers): Socket | null {
	// Cut the timer off first, or it would read as the end of the program name.
	const tokens = (hasTimer ? line.replace(timer, '') : line).trim().split(/\s+/);
	const [protoWord = '', recvQ, sendQ, localText = '', foreignText = '', ...rest] = tokens;
	// Not protos[protoWord] alone: a line starting 'toString' must not reach the prototype.
	const proto = Object.hasOwn(protos, protoWord) ? protos[protoWord] : undefined;
	const rxQueue = parseCount(recvQ);
	const txQueue = parseCount(sendQ);
	const portOf = proto === undefined ? undefined : portsFor(ports, proto, ipProtocols);
	const local = splitEndpoint(localText, ':', portOf);
	const foreign = splitEndpoint(foreignText, ':', portOf);
	if (proto === undefined || rxQueue === null || txQueue === null || local === null || foreign === null) {
		return null;
	}

	const isRaw = proto.startsWith('raw');
	let index = 0;
	let stateWord: string | null = null;
	// The State column is empty for unconnected UDP, a number for raw sockets.
	if (rest[0] !== undefined && (normalizeState(rest[0]) !== null || (isRaw && /^\d+$/.test(rest[0])))) {
		stateWord = rest[0];
		index = 1;
	}

	// The process column is PID/comm or '-'; everything after the slash is the name.
	const processIndex = rest.findIndex((token, at) => at >= index && (/^\d+\//.test(token) || token === '-'));
	const between = processIndex === -1 ? rest.slice(index) : rest.slice(index, processIndex);
	// -e: User and Inode sit between State and PID/Program name.
	const [userWord, inodeWord] = between.length >= 2 ? between : [];
	const processText = processIndex === -1 ? '' : rest.slice(processIndex).join(' ');
	const processMatch = /^(\d{1,10})\/(.*)$/.exec(processText);
	// A raw socket's State is the kernel's sk_state, as /proc/net/raw's st column: 1 connected, else unconnected (7).
	const rawState = stateWord === null ? null : datagramStateOf(Number(stateWord));
	const state = isRaw ? rawState : stateWord !== null ? normalizeState(stateWord) : proto.startsWith('udp') ? datagramState(foreign) : null;
	const uid = parseCount(userWord);
	const version = proto.endsWith('6') ? 6 : 4;
	return makeSocket({
		proto,
		localAddress: mappedInIpv6Row(local.address, version),
		localPort: local.port,
		foreignAddress: mappedInIpv6Row(foreign.address, version),
		foreignPort: foreign.port,
		state,
		rxQueue,
		txQueue,
		user: userWord ?? '?',
		uid,
		// Only -e prints the Inode column.
		inode: parseCount(inodeWord),
		pid: processMatch === null ? null : Number(processMatch[1]),
		command: processMatch === null || processMatch[2] === '' ? null : processMatch[2]!,
	});
}

const unixTypes: Readonly<Record<string, 'stream' | 'dgram' | 'seqpacket'>> = {
	STREAM: 'stream',
	DGRAM: 'dgram',
	SEQPACKET: 'seqpacket',
};

/**
 * The unix section `netstat -ap` adds (not -tunap, but pasted captures have it):
 *   unix  2      [ ACC ]     STREAM     LISTENING     716499   31219/python3        /tmp/s.sock
 *   unix  3      [ ]         STREAM     CONNECTED     34164277 15843/tor
 *   unix  14     [ ]         DGRAM                    8433     -                   /dev/log
 * The State column is blank for unconnected sockets; Path is absent when unbound.
 * Without -p (`netstat -a`, `-an`, `-x`) there is no PID/Program name column: its
 * header says so (`hasProcess` false), and the holder is unknown.
 */
function parseUnixLine(line: string, hasProcess = true): Socket | null {
	const match = hasProcess
		? /^unix\s+\d+\s+\[[^\]]*\]\s+(\S+)\s+(?:(\S+)\s+)?(\d+)\s+(\d+\/\S*|-)(.*)$/.exec(line.trim())
		: /^unix\s+\d+\s+\[[^\]]*\]\s+(\S+)\s+(?:(\S+)\s+)?(\d+)()(?:\s(.*))?$/.exec(line.trim());
	const proto = unixTypes[match?.[1] ?? ''];
	if (match === null || proto === undefined) {
		return null;
	}

	const stateWord = match[2];
	if (stateWord !== undefined && normalizeState(stateWord) === null) {
		return null;
	}

	// The program name may continue after a space; the path is the part that starts with / or @.
	const tail = (match[5] ?? '').trim();
	const pathAt = hasProcess ? tail.search(/(^|\s)[/@]/) : tail === '' ? -1 : 0;
	const path = pathAt === -1 ? null : tail.slice(pathAt).trim();
	const programTail = (pathAt === -1 ? tail : tail.slice(0, pathAt)).trim();
	const processMatch = /^(\d{1,10})\/(.*)$/.exec(match[4]!);
	const command = processMatch === null ? null : [processMatch[2], programTail].filter(Boolean).join(' ');
	return makeSocket({
		proto,
		path,
		state: stateWord === undefined ? (proto === 'stream' ? null : 'UNCONN') : normalizeState(stateWord),
		user: '?',
		inode: parseCount(match[3]),
		pid: processMatch === null ? null : Number(processMatch[1]),
		command: command === '' ? null : command,
	});
}

/** The inet table's header: `Proto Recv-Q Send-Q Local Address Foreign Address State [User Inode] [PID/Program name] [Timer]`. */
const inetHeader = /^Proto\s+Recv-Q\s+Send-Q\s+Local Address/;

/** The unix section's header: `Proto RefCnt Flags Type State I-Node [PID/Program name] Path`. */
const unixHeader = /^Proto\s+RefCnt\s+Flags\b/;

/**
 * `netstat -c` prints its tables again every second, each under the same `Active ...`
 * title: the last one that is whole (the text ends with a newline; one saved and
 * interrupted mid-table is cut mid-line, netstat's output being block-buffered to a
 * file) stands for the capture. The text unchanged when it holds one table.
 */
function lastTable(text: string): string {
	const title = /^Active [^\r\n]*/m.exec(text);
	if (title === null) return text;
	const starts: number[] = [];
	for (let at = title.index; at !== -1; at = text.indexOf(`\n${title[0]}`, at + 1)) {
		starts.push(at === title.index ? at : at + 1);
	}

	if (starts.length < 2) return text;
	const isWhole = /\n\s*$/.test(text);
	const from = isWhole ? starts.at(-1)! : starts.at(-2)!;
	const to = isWhole ? text.length : starts.at(-1)!;
	return text.slice(from, to);
}

/**
 * Parse Linux `netstat -tunap` output (of -c, the last table). Never throws. Captures taken
 * without -n name ports: `ports` reads service names, `ipProtocols` raw sockets' IP protocol names.
 */
export function parseNetstat(fullText: string, ports?: PortNames, ipProtocols?: IpProtocolNumbers): ParseResult {
	const text = lastTable(fullText);
	const sockets: Socket[] = [];
	let malformedLines = 0;
	let firstMalformed: string | undefined;
	// Whether the unix section has a PID/Program name column (-p); a pasted section without its header is taken to.
	let hasUnixProcess = true;
	// Whether the inet table has -o's Timer column, last.
	let hasTimer = false;
	for (const line of text.split(/\r?\n/)) {
		if (unixHeader.test(line)) {
			hasUnixProcess = /\sPID\/Program name\b/.test(line);
		} else if (inetHeader.test(line)) {
			hasTimer = /\sTimer\s*$/.test(line);
		}

		if (line.trim() === '' || noise.test(line)) {
			continue;
		}

		const socket = line.startsWith('unix') ? parseUnixLine(line, hasUnixProcess) : parseLine(line, hasTimer, ports, ipProtocols);
		if (socket === null) {
			malformedLines++;
			firstMalformed ??= line;
		} else {
			sockets.push(socket);
		}
	}

	return {sockets, malformedLines, firstMalformed};
}

/** True when the text has net-tools' header, of the inet table or of the unix one (`netstat -x`); import's format detection. */
export function looksLikeNetstat(text: string): boolean {
	return text.split(/\r?\n/, 20).some(line => inetHeader.test(line) || unixHeader.test(line));
}
