// Loopback load for the oracle test: listeners on 127.0.0.1, ::1 and the
// dual-stack ::, connections to each (IPv4, IPv6, IPv4-mapped), UDP sockets
// (bound and connected), TIME_WAIT entries, and one listener shared with a
// `sleep` child (two holders). Prints {"pid", "ports", "sharer"} once ready,
// then holds everything until stdin closes.
//   node load.mjs CONNECTIONS
import {spawn} from 'node:child_process';
import dgram from 'node:dgram';
import {once} from 'node:events';
import net from 'node:net';
import process from 'node:process';

const connections = Number(process.argv[2] ?? 150);
const held = [];
const ports = [];

async function listener(host) {
	const server = net.createServer(socket => held.push(socket));
	server.listen(0, host);
	await once(server, 'listening');
	held.push(server);
	ports.push(server.address().port);
	return server;
}

const listeners = [];
for (const host of ['127.0.0.1', '127.0.0.1', '127.0.0.1', '::1', '::1', '::1', '::']) listeners.push(await listener(host));

for (let i = 0; i < connections; i++) {
	const server = listeners[i % listeners.length];
	const address = server.address();
	// The dual-stack listener gets IPv4 clients, which it sees as ::ffff:127.0.0.1.
	const host = address.address === '::' ? '127.0.0.1' : address.address;
	const client = net.connect(address.port, host);
	held.push(client);
	await once(client, 'connect');
}

for (let i = 0; i < 20; i++) {
	const udp = dgram.createSocket(i % 2 ? 'udp6' : 'udp4');
	udp.bind(0, i % 2 ? '::1' : '127.0.0.1');
	await once(udp, 'listening');
	held.push(udp);
	ports.push(udp.address().port);
	if (i % 4 < 2) {
		udp.connect(ports[0], i % 2 ? '::1' : '127.0.0.1');
		await once(udp, 'connect');
	}
}

// TIME_WAIT: clients that close first; the listener ends its side when the client's FIN arrives.
const closer = net.createServer(socket => socket.on('end', () => socket.end()));
closer.listen(0, '127.0.0.1');
await once(closer, 'listening');
held.push(closer);
ports.push(closer.address().port);
for (let i = 0; i < 10; i++) {
	const client = net.connect(closer.address().port, '127.0.0.1');
	await once(client, 'connect');
	client.end();
	await once(client, 'close');
}

const sharer = spawn('sleep', ['300'], {stdio: ['ignore', 'ignore', 'ignore', listeners[0]._handle.fd]});
await once(sharer, 'spawn');
process.stdout.write(`${JSON.stringify({pid: process.pid, ports, sharer: sharer.pid})}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
	sharer.kill();
	process.exit(0);
});
