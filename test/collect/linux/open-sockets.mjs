// Opens one socket of each kind on loopback / a temp dir and describes each as
// the snapshot should report it, with the fd number libuv holds it on.
// Imported by snapshot.test.ts (in-process) and run as a child:
//   node open-sockets.mjs DIR   -> prints one JSON line, then waits for stdin to close.
import dgram from 'node:dgram';
import {once} from 'node:events';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';

// net sockets expose their libuv handle as _handle; dgram keeps it in its state symbol (its _handle getter is deprecated).
const libuvHandle = handle =>
	handle instanceof dgram.Socket
		? handle[Object.getOwnPropertySymbols(handle).find(symbol => symbol.description === 'state symbol')]?.handle
		: handle._handle;

const fdOf = handle => {
	const fd = libuvHandle(handle)?.fd;
	if (typeof fd !== 'number' || fd < 0) throw new Error('no fd on handle');
	return fd;
};

async function listen(server, ...arguments_) {
	server.listen(...arguments_);
	await once(server, 'listening');
	return server;
}

/** Connect a client to `server` and return [client, accepted end]. */
async function pair(server, options) {
	const accepted = once(server, 'connection');
	const client = net.connect(options);
	await once(client, 'connect');
	const [serverEnd] = await accepted;
	return [client, serverEnd];
}

export async function openSockets(directory, tag = 'self') {
	const held = [];
	const expected = [];
	const add = (what, handle, facts) => {
		held.push(handle);
		expected.push({what: `${tag}: ${what}`, fd: fdOf(handle), ...facts});
	};

	const tcp4 = await listen(net.createServer(), 0, '127.0.0.1');
	const port4 = tcp4.address().port;
	add('tcp4 listener', tcp4, {proto: 'tcp4', localAddress: '127.0.0.1', localPort: port4, foreignAddress: '*', foreignPort: null, state: 'LISTEN'});

	const tcp6 = await listen(net.createServer(), 0, '::1');
	const port6 = tcp6.address().port;
	add('tcp6 listener', tcp6, {proto: 'tcp6', localAddress: '::1', localPort: port6, foreignAddress: '*', foreignPort: null, state: 'LISTEN'});
	const [client6, server6] = await pair(tcp6, {host: '::1', port: port6});
	const clientPort = client6.address().port;
	add('tcp6 client', client6, {proto: 'tcp6', localAddress: '::1', localPort: clientPort, foreignAddress: '::1', foreignPort: port6, state: 'ESTABLISHED'});
	add('tcp6 accepted', server6, {proto: 'tcp6', localAddress: '::1', localPort: port6, foreignAddress: '::1', foreignPort: clientPort, state: 'ESTABLISHED'});

	const [client4, server4] = await pair(tcp4, {host: '127.0.0.1', port: port4});
	add('tcp4 client', client4, {proto: 'tcp4', localAddress: '127.0.0.1', localPort: client4.address().port, foreignAddress: '127.0.0.1', foreignPort: port4, state: 'ESTABLISHED'});
	add('tcp4 accepted', server4, {proto: 'tcp4', localAddress: '127.0.0.1', localPort: port4, foreignAddress: '127.0.0.1', foreignPort: client4.address().port, state: 'ESTABLISHED'});

	const udp4 = dgram.createSocket('udp4');
	udp4.bind(0, '127.0.0.1');
	await once(udp4, 'listening');
	add('udp4 unconnected', udp4, {proto: 'udp4', localAddress: '127.0.0.1', localPort: udp4.address().port, foreignAddress: '*', foreignPort: null, state: 'UNCONN'});

	const udp6 = dgram.createSocket({type: 'udp6', ipv6Only: true});
	udp6.bind(0, '::1');
	await once(udp6, 'listening');
	// A UDP connect() sends nothing, so any port will do: the tcp6 listener's is known to be ours.
	udp6.connect(port6, '::1');
	await once(udp6, 'connect');
	add('udp6 connected', udp6, {proto: 'udp6', localAddress: '::1', localPort: udp6.address().port, foreignAddress: '::1', foreignPort: port6, state: 'ESTABLISHED'});

	const socketPath = path.join(directory, `${tag}.sock`);
	const unix = await listen(net.createServer(), socketPath);
	add('unix listener', unix, {proto: 'stream', path: socketPath, state: 'LISTEN', localAddress: null, localPort: null});
	const [unixClient, unixServer] = await pair(unix, {path: socketPath});
	add('unix client', unixClient, {proto: 'stream', path: null, state: 'ESTABLISHED'});
	add('unix accepted', unixServer, {proto: 'stream', path: socketPath, state: 'ESTABLISHED'});

	const abstract = await listen(net.createServer(), `\0socktop-test-${tag}-${process.pid}`);
	add('unix abstract listener', abstract, {proto: 'stream', path: `@socktop-test-${tag}-${process.pid}`, state: 'LISTEN'});

	return {
		expected,
		close() {
			for (const handle of held) (handle.destroy ?? handle.close).call(handle);
		},
	};
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
	const {expected} = await openSockets(process.argv[2], 'child');
	process.stdout.write(`${JSON.stringify({pid: process.pid, expected})}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => process.exit(0));
}
