import {describe, expect, it} from 'vitest';
import {findCrossPeers, matchAcross, type Space} from '../../../source/collect/linux/cross-peers.js';
import {createNotFound, NOT_FOUND_MS} from '../../../source/collect/linux/not-found.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {rawConnection} from '../../helpers/raw-socket.js';

const raw = (local: [string, number], foreign: [string, number], inode: number, proto: RawSocket['proto'] = 'tcp4') => rawConnection(proto, local, foreign, inode);

// A host client of a container's server across a veth: each namespace lists one end.
const client = raw(['10.77.0.1', 45_680], ['10.77.0.2', 8080], 11);
const server = raw(['10.77.0.2', 8080], ['10.77.0.1', 45_680], 21);
const host: Space = {inode: 1, label: 'host', sockets: [client]};
const container: Space = {inode: 2, label: 'uatctr-a', sockets: [server]};

describe('matchAcross', () => {
	it('takes the other end from the one other namespace that lists it, with that namespace\'s label', () => {
		expect(matchAcross([{socket: client, home: 1}], [host, container])).toEqual(new Map([[11, {inode: 21, netns: 'uatctr-a'}]]));
		expect(matchAcross([{socket: server, home: 2}], [host, container])).toEqual(new Map([[21, {inode: 11, netns: 'host'}]]));
	});

	it('takes none where two other namespaces list it: two containers behind different bridges can share an address', () => {
		const twin: Space = {inode: 3, label: 'other', sockets: [raw(['10.77.0.2', 8080], ['10.77.0.1', 45_680], 31)]};
		expect(matchAcross([{socket: client, home: 1}], [host, container, twin])).toEqual(new Map());
		// Nor where the second lists it with no socket file (TIME_WAIT, not accepted yet).
		const waiting: Space = {...twin, sockets: [raw(['10.77.0.2', 8080], ['10.77.0.1', 45_680], 0)]};
		expect(matchAcross([{socket: client, home: 1}], [host, container, waiting])).toEqual(new Map());
	});

	it('takes none for a loopback address from another namespace: 127.0.0.1 is each namespace\'s own', () => {
		const local = raw(['127.0.0.1', 45_681], ['127.0.0.1', 8080], 12);
		const elsewhere: Space = {inode: 2, label: 'uatctr-a', sockets: [raw(['127.0.0.1', 8080], ['127.0.0.1', 45_681], 22)]};
		expect(matchAcross([{socket: local, home: 1}], [{...host, sockets: [local]}, elsewhere])).toEqual(new Map());
		// A socket of that namespace (held from before a setns()) is matched there, loopback and all, with no label.
		const held = raw(['127.0.0.1', 8080], ['127.0.0.1', 45_681], 22);
		expect(matchAcross([{socket: held, home: 1}], [{...host, sockets: [local, held]}, elsewhere])).toEqual(new Map([[22, {inode: 12}]]));
	});

	it('matches only the same protocol, an IPv4-mapped end as its IPv4 address, and never a socket with itself', () => {
		const udp = raw(['10.77.0.1', 45_680], ['10.77.0.2', 8080], 13, 'udp4');
		const mapped = raw(['::ffff:10.77.0.2', 8080], ['::ffff:10.77.0.1', 45_680], 23, 'tcp6');
		expect(matchAcross([{socket: udp, home: 1}], [host, container])).toEqual(new Map());
		expect(matchAcross([{socket: client, home: 1}], [host, {...container, sockets: [mapped]}])).toEqual(new Map([[11, {inode: 23, netns: 'uatctr-a'}]]));
		const itself = raw(['10.77.0.1', 45_682], ['10.77.0.1', 45_682], 14);
		expect(matchAcross([{socket: itself, home: 1}], [{...host, sockets: [itself]}, container])).toEqual(new Map());
	});
});

describe('findCrossPeers', () => {
	/** The other namespaces, as many times read. Each test gives findCrossPeers a memory of its own (createNotFound). */
	const others = (spaces: Space[]) => {
		const reads = {count: 0};
		return {reads, read: async () => (reads.count++, spaces)};
	};

	it('reads the other namespaces again for a connection to another host only after NOT_FOUND_MS, and at once for a new one', async () => {
		// Connections to a remote host: no namespace lists their mirror.
		const remote = raw(['10.77.0.1', 45_700], ['192.0.2.9', 443], 41);
		const second = raw(['10.77.0.1', 45_701], ['192.0.2.9', 443], 42);
		const {reads, read} = others([container]);
		const unmirrored = createNotFound();
		const own = (sockets: RawSocket[]): Space => ({...host, sockets});
		const ask = async (sockets: RawSocket[], now: number) => findCrossPeers(own(sockets), sockets.map(socket => ({socket, home: 1})), read, unmirrored, now);
		expect((await ask([remote], 1000)).peers).toEqual(new Map());
		expect(reads.count).toBe(1);
		expect(await ask([remote], 1000 + NOT_FOUND_MS - 1)).toEqual({peers: new Map(), spaces: []});
		expect(reads.count).toBe(1);
		await ask([remote, second], 2000);
		expect(reads.count).toBe(2);
		// Both were looked for again then: neither is before NOT_FOUND_MS from that.
		await ask([remote, second], 2000 + NOT_FOUND_MS - 1);
		expect(reads.count).toBe(2);
		await ask([remote, second], 2000 + NOT_FOUND_MS);
		expect(reads.count).toBe(3);
	});

	it('reads them on every call for a connection whose mirror another namespace lists, accepted or not yet', async () => {
		const waiting: Space = {...container, sockets: [raw(['10.77.0.2', 8080], ['10.77.0.1', 45_702], 0)]};
		const connecting = raw(['10.77.0.1', 45_702], ['10.77.0.2', 8080], 43);
		const {reads, read} = others([waiting]);
		const unmirrored = createNotFound();
		expect((await findCrossPeers({...host, sockets: [connecting]}, [{socket: connecting, home: 1}], read, unmirrored, 1000)).peers).toEqual(new Map());
		// Accepted since: its other end is found at once.
		const accepted: Space = {...container, sockets: [raw(['10.77.0.2', 8080], ['10.77.0.1', 45_702], 53)]};
		const next = others([accepted]);
		expect((await findCrossPeers({...host, sockets: [connecting]}, [{socket: connecting, home: 1}], next.read, unmirrored, 2000)).peers).toEqual(new Map([[43, {inode: 53, netns: 'uatctr-a'}]]));
		expect([reads.count, next.reads.count]).toEqual([1, 1]);
	});

	it('reads them on every call for a socket of another namespace than its holder\'s', async () => {
		const held = raw(['10.77.0.2', 45_703], ['192.0.2.9', 443], 44);
		const {reads, read} = others([{...container, sockets: [held]}]);
		const unmirrored = createNotFound();
		for (const now of [1000, 2000]) await findCrossPeers({...host, sockets: []}, [{socket: held, home: 2}], read, unmirrored, now);
		expect(reads.count).toBe(2);
	});

	it('remembers in the memory it is given: another memory has not seen the socket', async () => {
		// The first test's connection to a remote host again, inode and all.
		const remote = raw(['10.77.0.1', 45_700], ['192.0.2.9', 443], 41);
		const {reads, read} = others([container]);
		const ask = async (unmirrored: ReturnType<typeof createNotFound>) => findCrossPeers({...host, sockets: [remote]}, [{socket: remote, home: 1}], read, unmirrored, 1000);
		const first = createNotFound();
		await ask(first);
		await ask(first);
		expect(reads.count).toBe(1);
		await ask(createNotFound());
		expect(reads.count).toBe(2);
	});
});
