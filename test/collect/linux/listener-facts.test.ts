import {describe, expect, it} from 'vitest';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {askListenerFacts, askV6OnlyFlags, fillListenerFacts, fullListenerOf, parseSsListenerFacts, readListenerFacts, synListenerOf, synListeners, type V6OnlyMemory, wantedListeners} from '../../../source/collect/linux/listener-facts.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {inetSocket} from '../../components/pid-fixtures.js';
import {makeSocket} from '../../format/sockets.js';

// Captured here with `ss -tlnHe` (iproute2-6.1.0, kernel 6.x) on 2026-11-28, in a network namespace of
// python3's listen(5) on 0.0.0.0:5432 with 20 clients (6 queued), listen(7) on [::]:8446 IPv6-only and
// listen(9) on [::]:8445 dual-stack; trailing spaces as ss printed them.
const captured = [
	'LISTEN 6      5      0.0.0.0:5432 0.0.0.0:* ino:8296507 sk:fe7df cgroup:unreachable:1 <->         ',
	'LISTEN 0      7         [::]:8446    [::]:* ino:8296508 sk:fe7e0 cgroup:unreachable:1 v6only:1 <->',
	'LISTEN 0      9            *:8445       *:* ino:8296509 sk:fe7e1 cgroup:unreachable:1 v6only:0 <->',
].join('\n');

// Captured with `ss -tulnHe` (iproute2-6.1.0, kernel 6.18) on 2026-11-28 in a network namespace of a
// dual-stack server: UDP on 0.0.0.0:53, [::]:53 IPv6-only, [fe80::1]%eth0:547, *:5353 dual-stack; TCP
// listen(128) on *:443 dual-stack and [::]:8443 IPv6-only. Both protocols, so ss writes the Netid first.
const capturedUdp = [
	'udp UNCONN 0      0             0.0.0.0:53   0.0.0.0:* ino:25110614 sk:2a854a cgroup:unreachable:1 <->         ',
	'udp UNCONN 0      0                [::]:53      [::]:* ino:25110613 sk:2a854b cgroup:unreachable:1 v6only:1 <->',
	'udp UNCONN 0      0      [fe80::1]%eth0:547     [::]:* ino:25110616 sk:2a854c cgroup:unreachable:1 v6only:1 <->',
	'udp UNCONN 0      0                   *:5353       *:* ino:25110615 sk:2a854d cgroup:unreachable:1 v6only:0 <->',
	'tcp LISTEN 0      128                 *:443        *:* ino:25110610 sk:2a854e cgroup:unreachable:1 v6only:0 <->',
	'tcp LISTEN 0      128              [::]:8443    [::]:* ino:25110617 sk:2a8550 cgroup:unreachable:1 v6only:1 <->',
].join('\n');

describe('parseSsListenerFacts: what ss -tulnHe adds to /proc/net/tcp and udp6', () => {
	it('reads an unconnected UDP socket\'s v6only flag, and no backlog (its Send-Q is its send buffer)', () => {
		expect(parseSsListenerFacts(capturedUdp)).toEqual(
			new Map([
				[25_110_614, {}],
				[25_110_613, {isV6Only: true}],
				[25_110_616, {isV6Only: true}],
				[25_110_615, {isV6Only: false}],
				[25_110_610, {backlog: 128, isV6Only: false}],
				[25_110_617, {backlog: 128, isV6Only: true}],
			]),
		);
	});


	it('reads each listener\'s backlog (its Send-Q) and an IPv6 one\'s v6only flag, by inode', () => {
		expect(parseSsListenerFacts(captured)).toEqual(
			new Map([
				[8_296_507, {backlog: 5}],
				[8_296_508, {backlog: 7, isV6Only: true}],
				[8_296_509, {backlog: 9, isV6Only: false}],
			]),
		);
	});

	it('believes nothing of an inode on two lines (a cgroup name holding a forged line), and takes the last v6only', () => {
		const forged = `${captured}\nLISTEN 0      4096   0.0.0.0:22 0.0.0.0:* ino:9 sk:1 cgroup:/a v6only:0\nLISTEN 0 4096 0.0.0.0:5432 0.0.0.0:* ino:8296507 sk:1 <->\nLISTEN 0 1 [::]:1 [::]:* ino:10 sk:1 v6only:1 <->`;
		const facts = parseSsListenerFacts(forged);
		expect(facts.has(8_296_507)).toBe(false);
		expect(facts.get(8_296_508)).toEqual({backlog: 7, isV6Only: true});
		expect(facts.get(10)).toEqual({backlog: 1, isV6Only: true});
	});
});

const raw = (fields: Partial<RawSocket>): RawSocket => ({
	proto: 'tcp4',
	localAddress: '127.0.0.1',
	localPort: 40_000,
	foreignAddress: '127.0.0.1',
	foreignPort: 5432,
	path: null,
	peerInode: null,
	peerPath: null,
	state: 'SYN_SENT',
	uid: 0,
	inode: 100,
	rxQueue: 0,
	txQueue: 1,
	...fields,
});

describe('synListenerOf and fullListenerOf: a connection request to a full local listener', () => {
	const listener = raw({localAddress: '*', localPort: 5432, foreignAddress: '*', foreignPort: null, state: 'LISTEN', inode: 8_296_507, rxQueue: 6, txQueue: 0});
	const facts = parseSsListenerFacts(captured);

	it('finds the listener asked at a local address only, and calls it full past its backlog', () => {
		const client = raw({});
		expect(synListenerOf(client, [listener])).toBe(listener);
		expect(fullListenerOf(listener, facts)).toBe(listener);
		expect(fullListenerOf({...listener, rxQueue: 5}, facts)).toBeNull();
		expect(fullListenerOf(null, facts)).toBeNull();
		// Without ss's answer the backlog is not known: nothing is said.
		expect(fullListenerOf(listener, null)).toBeNull();
		// Another host's port 5432 (not loopback, not the client's own address) is not this listener's.
		expect(synListenerOf(raw({localAddress: '10.0.0.1', foreignAddress: '10.0.0.9'}), [listener])).toBeNull();
		expect(synListenerOf(raw({localAddress: '10.0.0.9', foreignAddress: '10.0.0.9'}), [listener])).toBe(listener);
		// A dual-stack IPv6 listener on :: takes an IPv4 client's request.
		const dual = {...listener, proto: 'tcp6' as const};
		expect(synListenerOf(client, [dual])).toBe(dual);
		expect(synListenerOf(raw({state: 'ESTABLISHED'}), [listener])).toBeNull();
	});

	it('asks ss for a process with a TCP listener, or a request to a local listener with connections waiting', () => {
		const wanted = (own: RawSocket[], sockets: RawSocket[]) => wantedListeners(own, synListeners(own, sockets));
		expect(wanted([listener], [listener])).toEqual([listener.inode]);
		expect(wanted([raw({})], [listener])).toEqual([listener.inode]);
		expect(wanted([raw({})], [{...listener, rxQueue: 0}])).toEqual([]);
		expect(wanted([raw({state: 'ESTABLISHED'})], [listener])).toEqual([]);
		// An IPv6 UDP server's flag too (a connected one, an IPv4 one: no flag to tell).
		const udp6 = raw({proto: 'udp6', localAddress: '*', localPort: 53, foreignAddress: '*', foreignPort: null, state: 'UNCONN', inode: 7});
		expect(wanted([udp6, {...udp6, proto: 'udp4'}, {...udp6, state: 'ESTABLISHED'}], [])).toEqual([7]);
	});

	it('runs ss again only for a listener its last answer did not have: backlog and IPv6-only are set once it listens', async () => {
		const answers = [`LISTEN 0 5 0.0.0.0:5432 0.0.0.0:* ino:71 sk:1 cgroup:/ <->\n`, `LISTEN 0 5 0.0.0.0:5432 0.0.0.0:* ino:71 sk:1 cgroup:/ <->\nLISTEN 0 9 0.0.0.0:80 0.0.0.0:* ino:72 sk:2 cgroup:/ <->\n`];
		let runs = 0;
		const run = async () => answers[Math.min(runs++, answers.length - 1)]!;
		expect((await readListenerFacts(1, false, [71], run))?.get(71)).toMatchObject({backlog: 5});
		expect((await readListenerFacts(1, false, [71], run))?.get(71)).toMatchObject({backlog: 5});
		expect(runs).toBe(1);
		expect((await readListenerFacts(1, false, [71, 72], run))?.get(72)).toMatchObject({backlog: 9});
		expect(runs).toBe(2);
	});

	it('keeps its last answer where ss fails for a listener it did not have (the TYPE of one it told stays tcp46)', async () => {
		await readListenerFacts(1, false, [81], async () => 'tcp LISTEN 0 5 *:8081 *:* ino:81 sk:1 cgroup:/ v6only:0 <->\n');
		expect((await readListenerFacts(1, false, [81, 82], async () => null))?.get(81)).toEqual({backlog: 5, isV6Only: false});
	});
});

describe('askListenerFacts and fillListenerFacts: a one-shot\'s --json asks ss once in each namespace with a TCP listener', () => {
	// Our namespace's answer (ss here), and another's (ss through nsenter into pid 77's).
	const answers: Record<string, string> = {
		here: 'tcp LISTEN 0 16 *:8001 *:* ino:1 sk:1 cgroup:/ v6only:0 <->\nudp UNCONN 0 0 [::]:53 [::]:* ino:4 sk:4 cgroup:/ v6only:1 <->\n',
		77: 'LISTEN 1 4 [::]:8002 [::]:* ino:2 sk:2 cgroup:/ v6only:1 <->\n',
	};
	const runs: string[] = [];
	const run = async (pid: number, isElsewhere: boolean) => {
		const where = isElsewhere ? String(pid) : 'here';
		runs.push(where);
		return answers[where] ?? null;
	};

	const tcpListener = raw({localAddress: '*', localPort: 8001, foreignAddress: '*', foreignPort: null, state: 'LISTEN', inode: 1});

	it('runs ss where the tables have a TCP listener, here or in the namespace of a process, and nowhere else', async () => {
		runs.length = 0;
		expect(await askListenerFacts([raw({}), tcpListener], null, run)).toEqual(new Map([[1, {backlog: 16, isV6Only: false}], [4, {isV6Only: true}]]));
		expect(await askListenerFacts([{...tcpListener, inode: 2}], 77, run)).toEqual(new Map([[2, {backlog: 4, isV6Only: true}]]));
		// A unix listener, a connection: no TCP listener, no ss.
		const unix = raw({proto: 'stream', localAddress: null, localPort: null, foreignAddress: null, foreignPort: null, path: '/run/a.sock', state: 'LISTEN'});
		expect(await askListenerFacts([unix, raw({state: 'ESTABLISHED'})], null, run)).toBeNull();
		// An IPv6 UDP server alone: its v6only flag is asked.
		expect(await askListenerFacts([raw({proto: 'udp6', foreignPort: null, state: 'UNCONN', inode: 3})], null, async () => 'udp UNCONN 0 0 [::]:53 [::]:* ino:3 sk:3 cgroup:/ v6only:1 <->\n')).toEqual(new Map([[3, {isV6Only: true}]]));
		expect(runs).toEqual(['here', '77']);
		// ss missing or failed.
		expect(await askListenerFacts([tcpListener], null, async () => null)).toBeNull();
	});

	it('fills in each TCP listener an answer lists, whichever namespace it came from, and nothing else', () => {
		const rows = [
			makeSocket({proto: 'tcp6', localPort: 8001, state: 'LISTEN', inode: 1, netns: 'host'}),
			makeSocket({proto: 'tcp6', localPort: 8002, state: 'LISTEN', inode: 2, netns: 'web'}),
			makeSocket({proto: 'tcp4', localPort: 8003, state: 'LISTEN', inode: 3, netns: 'db'}),
			// A connection is no listener, though an answer named its inode.
			makeSocket({state: 'ESTABLISHED', inode: 1, netns: 'host'}),
			makeSocket({proto: 'udp6', localPort: 53, state: 'UNCONN', inode: 4, netns: 'host'}),
		];
		const filled = [...rows];
		fillListenerFacts(filled, [parseSsListenerFacts(answers.here!), null, parseSsListenerFacts(answers[77]!)]);
		expect(filled.map(socket => [socket.backlog, socket.isV6Only])).toEqual([
			[16, false],
			[4, true],
			[undefined, undefined],
			[undefined, undefined],
			[undefined, true],
		]);
		const unanswered = [...rows];
		fillListenerFacts(unanswered, [null]);
		expect(unanswered).toEqual(rows);
	});
});

describe('askV6OnlyFlags: the table\'s tcp46, asked of ss only when a listener on :: appears', () => {
	const listener = (inode: number, fields: Partial<RawSocket> = {}) => raw({proto: 'tcp6', localAddress: '*', localPort: 8000 + inode, foreignAddress: '*', foreignPort: null, state: 'LISTEN', inode, ...fields});
	// ss -tulnHe's answer: whatever candidates the test's tables hold, ss lists (1 dual-stack, the rest IPv6-only, 9 with a backlog).
	const line = (inode: number) => `tcp LISTEN 0 ${inode === 9 ? 64 : 8} *:${8000 + inode} *:* ino:${inode} sk:1 cgroup:/ v6only:${inode === 1 ? 0 : 1} <->`;
	const counted = (listed: readonly number[]) => {
		const runs: string[] = [];
		const run = async (pid: number, isElsewhere: boolean) => {
			runs.push(isElsewhere ? String(pid) : 'here');
			return listed.map(inode => line(inode)).join('\n');
		};

		return {runs, run};
	};

	it('asks once, then not again while every listener on :: and UDP server on :: was asked about (the flag is fixed once bound)', async () => {
		const {runs, run} = counted([1, 2, 3]);
		const memory: V6OnlyMemory = new Map();
		const kept = {memory, key: 4_026_531_840};
		const first = await askV6OnlyFlags([listener(1), listener(2)], null, kept, run);
		expect([first?.get(1), first?.get(2)]).toEqual([{isV6Only: false}, {isV6Only: true}]);
		// The same listeners, or fewer (one closed): the last answer stands.
		expect(await askV6OnlyFlags([listener(1), listener(2)], null, kept, run)).toBe(first);
		expect((await askV6OnlyFlags([listener(1)], null, kept, run))?.get(1)).toEqual({isV6Only: false});
		expect(runs).toEqual(['here']);
		// One appears: asked again.
		expect((await askV6OnlyFlags([listener(1), listener(3)], null, kept, run))?.get(3)).toEqual({isV6Only: true});
		expect(runs).toEqual(['here', 'here']);
	});

	it('keeps each namespace\'s answer apart, and asks in another through nsenter (pid 77\'s)', async () => {
		const {runs, run} = counted([1, 2]);
		const memory: V6OnlyMemory = new Map();
		await askV6OnlyFlags([listener(1)], null, {memory, key: 'host'}, run);
		await askV6OnlyFlags([listener(1)], 77, {memory, key: 'web'}, run);
		await askV6OnlyFlags([listener(1)], 77, {memory, key: 'web'}, run);
		expect(runs).toEqual(['here', '77']);
	});

	it('asks nothing where no socket can be dual-stack: IPv4, on one IPv6 address, connected, unix', async () => {
		const {runs, run} = counted([1]);
		const none = [
			listener(1, {proto: 'tcp4'}),
			listener(2, {localAddress: 'fd00::2'}),
			listener(3, {state: 'ESTABLISHED', foreignAddress: 'fd00::9', foreignPort: 50_000}),
			raw({proto: 'stream', localAddress: null, localPort: null, foreignAddress: null, foreignPort: null, path: '/run/a.sock', state: 'LISTEN', inode: 4}),
		];
		expect(await askV6OnlyFlags(none, null, {memory: new Map(), key: 'host'}, run)).toBeNull();
		expect(runs).toEqual([]);
		// A UDP server on :: is one.
		expect(await askV6OnlyFlags([listener(5, {proto: 'udp6', state: 'UNCONN'})], null, undefined, run)).not.toBeNull();
		expect(runs).toEqual(['here']);
	});

	it('keeps the flags alone (a listener\'s backlog may change), and no answer where ss gave none, asking again next time', async () => {
		const {runs, run} = counted([9]);
		expect(await askV6OnlyFlags([listener(9)], null, undefined, run)).toEqual(new Map([[9, {isV6Only: true}]]));
		const memory: V6OnlyMemory = new Map();
		const failing = async () => {
			runs.push('failed');
			return null;
		};

		expect(await askV6OnlyFlags([listener(9)], null, {memory, key: 'host'}, failing)).toBeNull();
		expect(await askV6OnlyFlags([listener(9)], null, {memory, key: 'host'}, run)).toEqual(new Map([[9, {isV6Only: true}]]));
		expect(runs).toEqual(['here', 'failed', 'here']);
	});

	it('keeps the last answer where a new listener\'s ask fails (ss timed out), and asks again next time', async () => {
		const {runs, run} = counted([1, 2]);
		const memory: V6OnlyMemory = new Map();
		const kept = {memory, key: 'host'};
		// Listener 1 alone was there when ss last answered.
		await askV6OnlyFlags([listener(1)], null, kept, counted([1]).run);
		const failing = async () => {
			runs.push('failed');
			return null;
		};

		// Listener 1 stays tcp46 (and in the -4 table) while 2, which appeared, is not known yet.
		const during = await askV6OnlyFlags([listener(1), listener(2)], null, kept, failing);
		expect([during?.get(1), during?.get(2)]).toEqual([{isV6Only: false}, undefined]);
		const after = await askV6OnlyFlags([listener(1), listener(2)], null, kept, run);
		expect([after?.get(1), after?.get(2)]).toEqual([{isV6Only: false}, {isV6Only: true}]);
		expect(runs).toEqual(['failed', 'here']);
	});
});

describe('an IPv6 listener on :: whose v6only flag ss told', () => {
	const ctx = {services: createStaticServiceTable([]), ephemeral: null};
	const sentence = (isV6Only: boolean | undefined) =>
		explainFd({fd: 4, type: 'socket', target: 'socket:[2]', socket: inetSocket({proto: 'tcp6', localPort: 8446, ...(isV6Only === undefined ? {} : {isV6Only})})}, ctx)!.sentence;

	it('says which it is, where without the flag it hedges', () => {
		expect(sentence(true)).toContain('on every IPv6 address, and on no IPv4 address: the socket is IPv6-only (IPV6_V6ONLY)');
		expect(sentence(false)).toContain('on every IPv6 address and every IPv4 address too (the socket is not IPv6-only)');
		expect(sentence(undefined)).toContain('(and every IPv4 address too, unless the socket is IPv6-only)');
	});

	it('says it of a UDP server on :: too, which receives IPv4 datagrams unless IPv6-only', () => {
		const udp = (isV6Only: boolean) =>
			explainFd({fd: 5, type: 'socket', target: 'socket:[3]', socket: inetSocket({proto: 'udp6', localPort: 53, foreignPort: null, state: 'UNCONN', isV6Only})}, ctx)!.sentence;
		expect(udp(true)).toMatch(/ receives UDP datagrams on port 53 .* on every IPv6 address, and on no IPv4 address: the socket is IPv6-only \(IPV6_V6ONLY\)$/);
		expect(udp(false)).toMatch(/ receives UDP datagrams on port 53 .* on every IPv6 address and every IPv4 address too \(the socket is not IPv6-only\)$/);
	});
});
