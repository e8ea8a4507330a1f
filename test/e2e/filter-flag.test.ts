import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {loopbackListener} from '../helpers/listener.js';

/**
 * --filter against real sockets: a listener of the test's, a client connected to it, and the end
 * the listener accepted. `lport:PORT` is the listener's side (the listener, the accepted end), never
 * the client, whose FOREIGN port is PORT; `fport:PORT` is the client alone; `/PORT` as text is all three.
 */
const canRun = process.platform === 'linux';
let server: net.Server;
let client: net.Socket;
let port = 0;
let clientPort = 0;

beforeAll(async () => {
	if (!canRun) return;
	({server, port} = await loopbackListener());
	const accepted = new Promise<void>(resolve => {
		server.once('connection', () => {
			resolve();
		});
	});
	client = net.connect(port, '127.0.0.1');
	await Promise.all([accepted, new Promise(resolve => client.once('connect', resolve))]);
	clientPort = client.localPort!;
});

afterAll(() => {
	client?.destroy();
	server?.close();
});

/** The rows of this process's sockets, as `local foreign state`. */
const ownRows = (stdout: string) =>
	stdout
		.trimEnd()
		.split('\n')
		.slice(1)
		.map(line => line.split(/\s+/))
		.filter(cells => cells.includes(String(process.pid)))
		.map(cells => cells.slice(-3).join(' '))
		.sort();

describe.skipIf(!canRun)('--filter with real sockets', () => {
	it('lport: finds the listener\'s side, not the client whose foreign port it is', async () => {
		const result = await runCli(['--once', '--filter', `lport:${port} pid:${process.pid}`]);
		expect(result.code).toBe(0);
		expect(ownRows(result.stdout)).toEqual([`127.0.0.1:${port} *:* LISTEN`, `127.0.0.1:${port} 127.0.0.1:${clientPort} ESTABLISHED`].sort());
	});

	it('fport: finds the client alone; words combine; ! excludes', async () => {
		expect(ownRows((await runCli(['--once', '--filter', `fport:${port} pid:${process.pid}`])).stdout)).toEqual([`127.0.0.1:${clientPort} 127.0.0.1:${port} ESTABLISHED`]);
		expect(ownRows((await runCli(['--once', '--filter', `port:${port} estab !lport:${port} pid:${process.pid}`])).stdout)).toEqual([`127.0.0.1:${clientPort} 127.0.0.1:${port} ESTABLISHED`]);
		expect(ownRows((await runCli(['--once', '--filter', `${port} pid:${process.pid}`])).stdout)).toHaveLength(3);
	});

	it('--json lists what the text passes', async () => {
		const result = await runCli(['--json', '--filter', `lport:${port} state:listen pid:${process.pid}`]);
		const {sockets} = JSON.parse(result.stdout) as {sockets: Array<{localPort: number; state: string}>};
		expect(sockets.map(socket => [socket.localPort, socket.state])).toEqual([[port, 'LISTEN']]);
	});

	it('--pid N --once lists the fds the text passes, and says how many', async () => {
		const result = await runCli(['--pid', String(process.pid), '--once', '--filter', `target::${port} listen`]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`Note: The filter "target::${port} listen" lists 1 of the \\d+ fds`, 'u'));
		expect(result.stdout.split('\n').filter(line => line.includes(`127.0.0.1:${port}`) && /^\s*\d+\w?\s/u.test(line))).toHaveLength(1);
	});

	it('takes a word quoted as its message says as text: "lpot:PORT" is no mistake, "lport:PORT" no column', async () => {
		// Were exit 2 and the listener's rows: yargs took the quotes off.
		const typo = await runCli(['--once', '--filter', `"lpot:${port}"`]);
		expect([typo.code, typo.stderr]).toEqual([0, '']);
		expect(ownRows((await runCli(['--once', `--filter="lport:${port}"`])).stdout)).toEqual([]);
		expect(ownRows((await runCli(['--once', '--filter', `'lport:${port}'`])).stdout)).toEqual([]);
	});

	it('refuses bad text with one line and exit 2', async () => {
		for (const [text, message] of [
			[`lport:http`, "socktop: --filter: lport: 'http' is not a port number (1-65535)\n"],
			[`lpot:${port}`, 'socktop: --filter: lpot: is no column (lport:?); quote it to match it as text\n'],
			['', 'socktop: --filter needs the / filter\'s text (e.g. "state:listen lport:22")\n'],
		] as const) {
			const result = await runCli(['--once', '--filter', text]);
			expect([result.code, result.stderr, result.stdout], text).toEqual([2, message, '']);
		}
	});
});
