import {createServer, type Server} from 'node:net';

/** A TCP listener of the test's own on 127.0.0.1, on a port the kernel picks: a row known to be there (close it after). */
export async function loopbackListener(): Promise<{readonly server: Server; readonly port: number}> {
	const server = createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {server, port: (server.address() as {port: number}).port};
}
