import {describe, expect, it} from 'vitest';
import {stringifyJson} from '../../source/format/escape.js';
import {jsonPieces, toJsonDocument} from '../../source/format/json.js';
import {emptySkipped, type Snapshot} from '../../source/model/types.js';
import {makeSocket, sampleSockets} from './sockets.js';

const snapshot: Snapshot = {
	time: Date.UTC(2026, 10, 27, 3, 30, 0, 250),
	hostname: 'box',
	backend: 'proc',
	sockets: sampleSockets,
	skipped: {
		...emptySkipped,
		deniedProcesses: 3,
		deniedProcessList: [
			{pid: 1, command: 'systemd', user: 'root', uid: 0},
			{pid: 812, command: 'sshd', user: 'root', uid: 0},
			{pid: 1340, command: null, user: '?', uid: null},
		],
		unreadableTables: ['/proc/net/raw6: ENOENT'],
	},
};

/** The document as `--json` writes it: the pieces, then a newline. */
const formatJson = (snapshot: Snapshot, sockets = snapshot.sockets, indent = 0) => [...jsonPieces(snapshot, sockets, indent)].join('') + '\n';

describe('the --json document', () => {
	it('writes the documented document, exactly', () => {
		const one = {...snapshot, sockets: [sampleSockets[2]!]};
		expect(formatJson(one, one.sockets, 0)).toBe(
			'{"formatVersion":1,"time":"2026-11-27T03:30:00.250Z","hostname":"box","backend":"proc","sockets":[{"proto":"tcp4","localAddress":"127.0.0.1","localPort":41234,"foreignAddress":"127.0.0.1","foreignPort":8080,"path":null,"peerInode":null,"peerPath":null,"state":"ESTABLISHED","user":"alice","uid":1000,"command":"curl","pid":2001,"fd":5,"inode":103,"rxQueue":0,"txQueue":0,"backlog":null,"drops":null,"netns":null,"isFamilyGuessed":false,"isV6Only":null,"linkInterface":null}],"skipped":{"deniedProcesses":3,"deniedProcessList":[{"pid":1,"command":"systemd","user":"root","uid":0},{"pid":812,"command":"sshd","user":"root","uid":0},{"pid":1340,"command":null,"user":"?","uid":null}],"vanishedProcesses":0,"malformedLines":0,"malformedExample":null,"unreadableTables":["/proc/net/raw6: ENOENT"],"deniedNamespaces":0,"procHidden":false,"deniedAsRoot":false}}\n',
		);
	});

	it('round-trips every socket field, with nulls kept', () => {
		const parsed = JSON.parse(formatJson(snapshot, snapshot.sockets, 2)) as ReturnType<typeof toJsonDocument>;
		// isFamilyGuessed is written for every socket: false where the model leaves it out; backlog, drops, isV6Only and linkInterface null.
		expect(parsed.sockets).toEqual(sampleSockets.map(socket => ({...socket, backlog: null, drops: null, isFamilyGuessed: false, isV6Only: null, linkInterface: null})));
		expect(Object.keys(parsed.sockets[11]!)).toHaveLength(Object.keys(makeSocket()).length + 5);
		expect(parsed.sockets[11]).toMatchObject({command: null, pid: null, fd: null});
	});

	it('writes a listener\'s backlog, a datagram socket\'s drops and an IPv6 listener\'s flag where the model has them', () => {
		const listener = makeSocket({proto: 'tcp6', state: 'LISTEN', localPort: 8446, backlog: 7, isV6Only: true});
		const ping = makeSocket({proto: 'icmp4', localPort: 1000, state: 'UNCONN', drops: 227});
		const linkLocal = makeSocket({proto: 'udp6', localAddress: 'fe80::1', localPort: 547, state: 'UNCONN', isV6Only: true, linkInterface: 'eth0'});
		const parsed = JSON.parse(formatJson({...snapshot, sockets: [listener, ping, linkLocal]})) as ReturnType<typeof toJsonDocument>;
		expect(parsed.sockets.map(({backlog, drops, isV6Only, linkInterface}) => ({backlog, drops, isV6Only, linkInterface}))).toEqual([
			{backlog: 7, drops: null, isV6Only: true, linkInterface: null},
			{backlog: null, drops: 227, isV6Only: null, linkInterface: null},
			{backlog: null, drops: null, isV6Only: true, linkInterface: 'eth0'},
		]);
	});

	it('says which ping socket\'s IP version is a guess', () => {
		const guessed = makeSocket({proto: 'icmp4', localPort: 1000, state: 'UNCONN', isFamilyGuessed: true});
		const parsed = JSON.parse(formatJson({...snapshot, sockets: [guessed, sampleSockets[0]!]})) as ReturnType<typeof toJsonDocument>;
		expect(parsed.sockets.map(socket => socket.isFamilyGuessed)).toEqual([true, false]);
	});

	it('names the denied processes it knows, and writes null where the backend cannot name them', () => {
		const parsed = JSON.parse(formatJson(snapshot)) as ReturnType<typeof toJsonDocument>;
		expect(parsed.skipped.deniedProcessList).toEqual(snapshot.skipped.deniedProcessList);
		const lsof = JSON.parse(formatJson({...snapshot, backend: 'lsof', skipped: {...emptySkipped, deniedProcesses: 2}})) as ReturnType<typeof toJsonDocument>;
		expect(lsof.skipped.deniedProcessList).toBeNull();
	});

	it('lists only the sockets it is given, e.g. after filtering', () => {
		const parsed = JSON.parse(formatJson(snapshot, [])) as ReturnType<typeof toJsonDocument>;
		expect(parsed.sockets).toEqual([]);
		expect(parsed.skipped.deniedProcesses).toBe(3);
	});

	it('escapes control characters as JSON requires', () => {
		const hostile = makeSocket({command: 'x\u001b]0;owned\u0007\n', path: '/tmp/\u009b2J'});
		const text = formatJson({...snapshot, sockets: [hostile]});
		expect(text).toContain('"command":"x\\u001b]0;owned\\u0007\\n"');
		// One line: no raw newline except the final one; no raw ESC or BEL.
		expect(text.trimEnd()).not.toMatch(/[\n\u001b\u0007]/u);
		expect((JSON.parse(text) as ReturnType<typeof toJsonDocument>).sockets[0]!.command).toBe(hostile.command);
	});
});

describe('jsonPieces', () => {
	// Sockets spanning several pieces (5,000 sockets each), hostile names included.
	const many = (count: number) =>
		Array.from({length: count}, (_, index) =>
			makeSocket({...sampleSockets[index % sampleSockets.length]!, fd: index, inode: 1000 + index, command: index % 997 === 0 ? 'x\u001b[2J\u202e\u00e9' : 'nginx'}),
		);

	it('joins to exactly the one-string document, compact and pretty, at any count', () => {
		for (const count of [0, 1, 5000, 5001, 12_345]) {
			const sockets = many(count);
			for (const indent of [0, 2, 4]) {
				const whole = stringifyJson(toJsonDocument(snapshot, sockets), indent);
				expect([...jsonPieces(snapshot, sockets, indent)].join(''), `${count} sockets, indent ${indent}`).toBe(whole);
			}
		}
	});

	it('comes in pieces of at most 5,000 sockets', () => {
		const pieces = [...jsonPieces(snapshot, many(12_345))];
		// Head, three batches, tail.
		expect(pieces).toHaveLength(5);
		expect(pieces.slice(1, -1).map(piece => piece.match(/"proto":/g)?.length)).toEqual([5000, 5000, 2345]);
	});
});
