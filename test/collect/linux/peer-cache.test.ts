import {mkdtempSync, readlinkSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createLinuxCollector, readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import type {Snapshot} from '../../../source/model/types.js';
import {hasSs} from '../../helpers/tools.js';


if (!hasSs) {
	console.warn('skipping the unix peer cache test: ss (iproute2) is not installed, so no unix peers are named');
}

const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-peers-'));
const open: Array<net.Server | net.Socket> = [];
afterAll(() => {
	for (const each of open) {
		if (each instanceof net.Socket) each.destroy();
		else each.close();
	}
	rmSync(directory, {recursive: true, force: true});
});

/** A connected unix pair: the client's and the accepted end's socket inodes. */
async function pair(name: string): Promise<{client: number; accepted: number}> {
	const file = path.join(directory, name);
	const server = net.createServer();
	open.push(server);
	const accepted = new Promise<net.Socket>(resolve => server.once('connection', resolve));
	await new Promise<void>(resolve => server.listen(file, resolve));
	const client = net.connect(file);
	await new Promise<void>(resolve => client.once('connect', resolve));
	const other = await accepted;
	open.push(client, other);
	const inode = (socket: net.Socket) => {
		const fd = (socket as unknown as {_handle: {fd: number}})._handle.fd;
		return Number(/socket:\[(\d+)\]/.exec(readlinkSync(`/proc/self/fd/${fd}`))![1]);
	};

	return {client: inode(client), accepted: inode(other)};
}

const peerOf = (snapshot: Snapshot, inode: number) => snapshot.sockets.find(socket => socket.inode === inode)?.peerInode;

describe.skipIf(!hasSs)('unix peers across scans', () => {
	it('names unix peers on every scan, for connections old and new', async () => {
		const first = await pair('a.sock');
		const one = await readLinuxSnapshot();
		expect(peerOf(one, first.client)).toBe(first.accepted);
		const second = await pair('b.sock');
		const two = await readLinuxSnapshot();
		const three = await readLinuxSnapshot();
		for (const snapshot of [two, three]) {
			expect(peerOf(snapshot, first.client)).toBe(first.accepted);
			expect(peerOf(snapshot, first.accepted)).toBe(first.client);
			expect(peerOf(snapshot, second.client)).toBe(second.accepted);
			expect(peerOf(snapshot, second.accepted)).toBe(second.client);
		}
	});

	it('names them on every refresh of one collector (which remembers the last ss answer), old connections and new', async () => {
		const collector = createLinuxCollector();
		const first = await pair('c.sock');
		for (let refresh = 0; refresh < 3; refresh++) {
			const snapshot = await collector.snapshot();
			expect(peerOf(snapshot, first.client)).toBe(first.accepted);
		}

		const second = await pair('d.sock');
		const snapshot = await collector.snapshot();
		expect(peerOf(snapshot, first.accepted)).toBe(first.client);
		expect(peerOf(snapshot, second.client)).toBe(second.accepted);
		expect(peerOf(snapshot, second.accepted)).toBe(second.client);
	});
});
