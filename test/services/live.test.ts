import {once} from 'node:events';
import {type AddressInfo, connect, createServer} from 'node:net';
import {platform} from 'node:os';
import {describe, expect, it} from 'vitest';
import {explainSocket, listeningKey} from '../../source/services/explain.js';
import {createServiceTable, ephemeralSettingOf, readEphemeralRange} from '../../source/services/index.js';
import {inRange} from '../../source/services/explain-port.js';
import {ephemeralNote} from '../../source/services/ephemeral-note.js';
import {socket} from './helpers.js';

const isLinux = platform() === 'linux';
if (!isLinux) {
	console.warn('live services test skipped: the ephemeral range is read from Linux /proc here');
}

describe('explanations of real loopback sockets', () => {
	it.skipIf(!isLinux)('explains the port the kernel gave a real client as ephemeral', async () => {
		const server = createServer(connection => connection.on('error', () => undefined));
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const serverPort = (server.address() as AddressInfo).port;
		const client = connect(serverPort, '127.0.0.1');
		await once(client, 'connect');
		try {
			const ephemeral = await readEphemeralRange();
			expect(ephemeral).not.toBeNull();
			const clientPort = client.localPort!;
			// The kernel picked it on connect(): it must lie in the range we read.
			expect(inRange(clientPort, ephemeral)).toBe(true);

			const services = createServiceTable({file: null});
			await services.load();
			const listening = new Set([listeningKey('tcp4', serverPort)]);
			const ctx = {services, ephemeral, listening};
			const outgoing = socket({
				proto: 'tcp4',
				localAddress: '127.0.0.1',
				localPort: clientPort,
				foreignAddress: '127.0.0.1',
				foreignPort: serverPort,
				state: 'ESTABLISHED',
				command: 'node',
				pid: process.pid,
			});
			const explained = explainSocket(outgoing, ctx);
			expect(explained.local).toMatchObject({class: 'ephemeral', port: clientPort, text: `ephemeral port ${clientPort}`});
			expect(explained.sentence).toMatch(new RegExp(`^node is connected from ephemeral port ${clientPort} to 127\\.0\\.0\\.1 port ${serverPort} `));
			// The note says what ephemeral means, with the range this kernel picked it from.
			expect(ephemeralNote(outgoing, explained.local, explained.foreign, ctx, ephemeralSettingOf({ephemeral: null, importFile: null}))).toBe(
				`${clientPort}: an ephemeral port, most likely picked by the kernel for this connection from ${ephemeral![0]}-${ephemeral![1]} (net.ipv4.ip_local_port_range), unless the program bound it; no service is named for it`,
			);

			const listener = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: serverPort, state: 'LISTEN', command: 'node'});
			// listen(0) also takes its port from the ephemeral range, unless IANA happens to name it.
			expect(['ephemeral', 'service']).toContain(explainSocket(listener, ctx).local?.class);
			expect(explainSocket(listener, ctx).sentence).toMatch(
				/ only on the loopback address 127\.0\.0\.1 — not reachable from other machines; while it listens, Linux refuses bind\(\)/,
			);

			// The server's end of the same connection: accepted here, the client's port is ephemeral.
			const accepted = {...outgoing, localPort: serverPort, foreignPort: clientPort};
			expect(explainSocket(accepted, ctx).sentence).toMatch(
				new RegExp(`^node accepted a connection on port ${serverPort} .* from 127\\.0\\.0\\.1 port ${clientPort} \\(the client's ephemeral port\\)$`),
			);
		} finally {
			client.destroy();
			server.close();
		}
	});
});
