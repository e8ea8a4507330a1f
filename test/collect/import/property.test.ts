import {readdirSync, readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {OTHER_STATES, PROTOS, TCP_STATES, isUnixProto, type Socket} from '../../../source/model/types.js';
import {UserError} from '../../../source/collect/collector.js';
import {detectFormat, FORMATS} from '../../../source/collect/import/detect.js';
import {importSnapshot} from '../../../source/collect/import/index.js';
import type {ParseResult} from '../../../source/collect/import/socket-row.js';
import {lsofProcessDetail} from '../../../source/collect/lsof/process.js';
import {parseProcstatFiles} from '../../../source/collect/sockstat/procstat.js';

/** Every capture in the backends' fixture folders, as seeds for truncation and mutation. */
const captures = ['sockstat', 'lsof', 'ss', 'netstat'].flatMap(folder => {
	const directory = new URL(`../../fixtures/${folder}/`, import.meta.url);
	return readdirSync(directory)
		.filter(name => name !== 'SOURCES.md')
		.map(name => readFileSync(new URL(name, directory), 'utf8'));
});

const states = new Set<string>([...TCP_STATES, ...OTHER_STATES]);
const isCount = (value: number | null) => value === null || (Number.isSafeInteger(value) && value >= 0);
const isPort = (value: number | null) => value === null || (Number.isInteger(value) && value >= 0 && value <= 65_535);

/** What every row from every parser must satisfy, whatever the input: the first broken rule, or null. */
function problemWith(socket: Socket): string | null {
	const counts = [socket.pid, socket.fd, socket.uid, socket.rxQueue, socket.txQueue, socket.peerInode];
	const checks: Array<[boolean, string]> = [
		[(PROTOS as readonly string[]).includes(socket.proto), 'proto'],
		[isPort(socket.localPort) && isPort(socket.foreignPort), 'port out of range'],
		[counts.every(value => isCount(value)), 'negative, fractional or unsafe count'],
		[socket.inode === null || (Number.isSafeInteger(socket.inode) && socket.inode >= 0), 'inode'],
		[socket.state === null || states.has(socket.state), 'state'],
		[typeof socket.user === 'string', 'user'],
		[isUnixProto(socket.proto) ? socket.localPort === null && socket.foreignPort === null : socket.path === null, 'family fields'],
		[Object.values(socket).every(value => !Number.isNaN(value)), 'NaN'],
	];
	const broken = checks.find(([isOk]) => !isOk);
	return broken === undefined ? null : `${broken[1]}: ${JSON.stringify(socket)}`;
}

function expectSane(socket: Socket): void {
	expect(problemWith(socket)).toBeNull();
}

function expectSaneResult(result: ParseResult, text: string): void {
	expect(Number.isSafeInteger(result.malformedLines) && result.malformedLines >= 0).toBe(true);
	// Each line (or JSON entry, each at least a few characters) counts at most once.
	expect(result.malformedLines).toBeLessThanOrEqual(text.length + 1);
	const problems = result.sockets.map(socket => problemWith(socket)).filter(problem => problem !== null);
	expect(problems).toEqual([]);
}

/** Words that real captures are made of, so random lines get deep into the parsers. */
const vocabulary = [
	'tcp', 'tcp4', 'tcp6', 'tcp46', 'udp', 'udp4', 'udp6', 'udplite4', 'raw6', 'sctp4', 'stream', 'dgram', 'seqpac', 'u_str', 'u_dgr', 'u_seq', 'unix',
	'IPv4', 'IPv6', 'TCP', 'UDP', 'LISTEN', 'ESTAB', 'ESTABLISHED', 'UNCONN', 'CLOSE-WAIT', 'TIME_WAIT', '(LISTEN)', 'CONNECTED', '??', '?', '-', '->', '<-',
	'*:*', '*:22', '0.0.0.0:*', '[::]:*', '[::1]:631', '127.0.0.1:22', '10.0.0.1:99999', '1.2.3.4:-1', ':::22', 'fe80::1%lo0:123', '::ffff:1.2.3.4:80',
	'192.168.123.5:9000192.168.123.21:49866', 'users:(("sshd",pid=185,fd=4),("x",pid=1,fd=2))', 'users:(("a",1,2))', 'ino:123', 'uid:0', '1234/sshd',
	'0', '1', '22', '65535', '65536', '4294967296', '99999999999999999999', 'NaN', '-1', '0t0', '0xffff', '3u', '255r', 'cwd', 'txt',
	'(not', 'connected)', '/var/run/log', '@abstract', 'type=STREAM', 'type=DGRAM', '->INO=5', 'USER', 'COMMAND', 'PID', 'FD', 'PROTO', 'Proto', 'Recv-Q',
	'Send-Q', 'Netid', 'State', 'p1', 'f3', 'tIPv4', 'PTCP', 'n*:22', 'TST=LISTEN', 'TQR=7', 'i9', 'd8351', 'cnode', 'Lroot', 'u0', 'R1', 's', 'v', 'r', 'rw------', 'UDS', 'UDD',
	'\u001b[2J', '\u0000', 'é', '名前',
];
const line = fc
	.tuple(fc.array(fc.constantFrom(...vocabulary), {maxLength: 12}), fc.constantFrom(' ', '  ', '\t', '\0'))
	.map(([words, separator]) => words.join(separator));
const wordSoup = fc.array(line, {maxLength: 30}).map(lines => lines.join('\n'));
const truncated = fc.tuple(fc.constantFrom(...captures), fc.nat(), fc.nat()).map(([text, a, b]) => {
	const start = a % (text.length + 1);
	return text.slice(start, start + (b % (text.length + 1)));
});
const mutated = fc
	.tuple(fc.constantFrom(...captures), fc.array(fc.tuple(fc.nat(), fc.string({maxLength: 3})), {maxLength: 8}))
	.map(([text, edits]) => edits.reduce((result, [at, insert]) => {
		const index = at % (result.length + 1);
		return result.slice(0, index) + insert + result.slice(index + 1);
	}, text));
/** Rows shaped like each format's, with numbers anywhere from negative to far too large. */
const number = fc.oneof(fc.integer({min: -5, max: 200_000}), fc.constantFrom(4_294_967_296, 1e21)).map(String);
const host = fc.constantFrom('*', '0.0.0.0', '127.0.0.1', '[::1]', '::', 'fe80::1%lo0', '[fe80::1]%eth0', '', '1.2.3');
const endpoint = fc.tuple(host, fc.oneof(number, fc.constant('*'))).map(([address, port]) => `${address}:${port}`);
const word = fc.constantFrom(...vocabulary);
const shapedRow = fc.oneof(
	fc.tuple(word, word, number, number, word, endpoint, endpoint, word).map(words => words.join(' ')),
	fc.tuple(word, word, number, number, endpoint, endpoint, number, word).map(([netid, state, rq, sq, local, peer, pid, name]) =>
		`${netid} ${state} ${rq} ${sq} ${local} ${peer} users:(("${name}",pid=${pid},fd=${rq}))`),
	fc.tuple(word, number, number, endpoint, endpoint, word, number, word).map(([proto, rq, sq, local, peer, state, pid, name]) =>
		`${proto} ${rq} ${sq} ${local} ${peer} ${state} ${pid}/${name}`),
	fc.tuple(word, number, word, number, word, number, endpoint, endpoint, word).map(([command, pid, user, fd, type, device, local, peer, state]) =>
		`${command} ${pid} ${user} ${fd}u ${type} ${device} 0t0 TCP ${local}->${peer} (${state})`),
	fc.tuple(number, word, number, word, number, endpoint, endpoint).map(([pid, command, fd, type, inode, local, peer]) =>
		`p${pid}\0c${command}\0\nf${fd}\0t${type}\0i${inode}\0d${inode}\0PTCP\0n${local}->${peer}\0TST=${command}\0TQR=${pid}\0\n`),
	fc.tuple(number, word, number, word, endpoint, endpoint).map(([pid, command, fd, protocol, local, peer]) =>
		` ${pid} ${command} ${fd} s - rw------- 1 0 ${protocol} ${local} ${peer}`),
);
const shaped = fc.array(shapedRow, {minLength: 1, maxLength: 10}).map(rows => rows.join('\n'));
const anything = fc.oneof(fc.string({unit: 'binary', maxLength: 400}), wordSoup, truncated, mutated, shaped);

const runs = {numRuns: Number(process.env["SOCKTOP_PROPERTY_RUNS"] ?? 2000)};

describe('every parser on random, truncated and mutated input', () => {
	it.each(FORMATS.map(format => [format.command, format.parse] as const))('%s never throws and returns sane rows', (_name, parse) => {
		fc.assert(
			fc.property(anything, text => {
				expectSaneResult(parse(text), text);
			}),
			runs,
		);
	});

	it('procstat -f never throws and returns sane fds', () => {
		fc.assert(
			fc.property(anything, text => {
				const parsed = parseProcstatFiles(text, {user: 'root', uid: 0});
				expect(parsed.malformedLines).toBeGreaterThanOrEqual(0);
				for (const fd of parsed.fds) {
					expect(fd.fd !== null && Number.isSafeInteger(fd.fd) && fd.fd >= 0).toBe(true);
					if (fd.socket !== null) {
						expectSane(fd.socket);
					}
				}
			}),
			runs,
		);
	});

	it('the lsof PID view never throws and lists only numbered fds', () => {
		fc.assert(
			fc.property(anything, fc.integer({min: 1, max: 99_999}), (text, pid) => {
				const detail = lsofProcessDetail(text, pid, 0, null, true);
				for (const fd of detail.fds) {
					expect(fd.fd !== null && Number.isSafeInteger(fd.fd) && fd.fd >= 0).toBe(true);
					if (fd.socket !== null) {
						expectSane(fd.socket);
					}
				}
			}),
			runs,
		);
	});

	it('import either recognises a format or says which formats it knows', () => {
		fc.assert(
			fc.property(anything, text => {
				const format = detectFormat(text);
				try {
					const snapshot = importSnapshot(text, 'capture');
					expect(format).not.toBeNull();
					expect(snapshot.sockets.map(socket => problemWith(socket)).filter(problem => problem !== null)).toEqual([]);
				} catch (error) {
					expect(error).toBeInstanceOf(UserError);
					// Unrecognised text, or a recognised header with no readable row under it (or without a column it needs).
					// Or nothing at all (blank), or a refusal saying what the capture lacks.
					expect((error as Error).message).toMatch(
						text.trim() === ''
							? /^cannot read capture: it is empty/
							: format === null
								? /^cannot recognise capture: expected/
								: /^cannot read capture: (it looks like|ss printed no State column|lsof printed n|the JSON|it is not valid JSON)/,
					);
				}
			}),
			runs,
		);
	});
});
