import {execFileSync} from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const floor = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/floor.mjs');

describe('bench/floor.mjs', () => {
	it('reads the TCP and UDP tables and finds the sockets held by this process, with one thread or two', async () => {
		const server = net.createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as net.AddressInfo;
		const clients = Array.from({length: 3}, () => net.connect(port, '127.0.0.1'));
		await Promise.all(clients.map(async client => new Promise(resolve => client.once('connect', resolve))));
		try {
			for (const threads of [[], ['--threads', '2']]) {
				const [tableBytes, socketLinks] = execFileSync(process.execPath, [floor, ...threads], {encoding: 'utf8'}).trim().split(' ').map(Number);
				// Header lines, plus a listener and 3 connections (6 ends), 150 bytes each in /proc/net/tcp.
				expect(tableBytes).toBeGreaterThanOrEqual(7 * 150);
				// This process alone holds the listener and 3 client ends (their server ends once accepted).
				expect(socketLinks).toBeGreaterThanOrEqual(4);
			}
		} finally {
			for (const client of clients) client.destroy();
			server.close();
		}
	});
});
