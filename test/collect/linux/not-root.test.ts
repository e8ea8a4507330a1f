import {execFileSync} from 'node:child_process';
import {once} from 'node:events';
import net from 'node:net';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {Skipped, Socket} from '../../../source/model/types.js';

const script = fileURLToPath(new URL('as-user.mts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

const why = (() => {
	if (process.getuid?.() !== 0) return 'not root, so cannot switch to user nobody';
	try {
		execFileSync('setpriv', ['--version'], {stdio: 'ignore'});
		return null;
	} catch {
		return 'setpriv (util-linux) is not installed';
	}
})();
if (why !== null) console.warn(`not-root snapshot test skipped: ${why}`);

describe('snapshot as an unprivileged user', () => {
	it.skipIf(why !== null)('counts denied processes and still lists root-held sockets, without a holder', async () => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const rootPort = (server.address() as net.AddressInfo).port;
		try {
			const output = execFileSync(
				'setpriv',
				['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', script],
				{cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 << 20},
			);
			const result = JSON.parse(output) as {pid: number; port: number; skipped: Skipped; sockets: Socket[]};
			expect(result.skipped.deniedProcesses).toBeGreaterThan(0);
			// Our root listener: visible in the table, its holder not.
			const rootRows = result.sockets.filter(socket => socket.localPort === rootPort && socket.state === 'LISTEN');
			expect(rootRows).toEqual([expect.objectContaining({proto: 'tcp4', user: 'root', uid: 0, command: null, pid: null, fd: null})]);
			// Its own listener: fully attributed to user nobody.
			const ownRows = result.sockets.filter(socket => socket.localPort === result.port && socket.state === 'LISTEN');
			expect(ownRows).toEqual([expect.objectContaining({user: 'nobody', uid: 65_534, command: 'node', pid: result.pid})]);
		} finally {
			server.close();
		}
	});
});
