import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {parsePortRange} from '../../source/services/load.js';
import {hasPython, startPython} from '../helpers/tools.js';

/**
 * A server that accepts one connection and then closes its listener (socat TCP-LISTEN without
 * fork does) holds a connection on its port that no listener proves accepted: only the ports
 * tell which end is the server, so the sentence says "most likely".
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('listener-gone test skipped: needs Linux and python3');

// The server's port is below this kernel's ephemeral range, as a service's port is; the client's is picked from it.
const script = `
import socket, sys
low = int(sys.argv[1])
listener = socket.socket()
for port in range(low - 1, low - 2000, -1):
    try:
        listener.bind(("127.0.0.1", port)); break
    except OSError:
        pass
listener.listen(1)
client = socket.create_connection(("127.0.0.1", port))
server, _ = listener.accept()
if sys.argv[2] == "close":
    listener.close()
print(port, client.getsockname()[1], server.fileno(), client.fileno(), flush=True)
sys.stdin.read()
`;

const ephemeral = canRun ? parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')) : null;
if (canRun && ephemeral === null) console.warn('listener-gone test skipped: /proc/sys/net/ipv4/ip_local_port_range holds no port range');
const ctx = {services: createStaticServiceTable([]), ephemeral};

async function sentences(listener: 'close' | 'keep') {
	const {pid, line} = await startPython(script, [String(ephemeral![0]), listener]);
	const [port, clientPort, serverFd, clientFd] = line.split(' ').map(Number) as [number, number, number, number];
	const detail = await readProcessDetail(pid);
	const text = formatProcessText(detail, ctx).replaceAll(/\s+/g, ' ');
	const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; explanation: {sentence: string} | null}>};
	const sentenceOf = (fd: number) => json.fds.find(each => each.fd === fd)!.explanation!.sentence;
	return {port, clientPort, text, server: sentenceOf(serverFd), client: sentenceOf(clientFd)};
}

describe.skipIf(!canRun || ephemeral === null)('a connection whose listener has closed', () => {
	it('is most likely accepted, told by its ports, and its client end is still the client', async () => {
		const {port, clientPort, text, server, client} = await sentences('close');
		expect(server).toBe(
			`python3 most likely accepted a connection on port ${port} (registered range, unnamed) from 127.0.0.1 port ${clientPort} (the client's ephemeral port), told by its ports alone: no listener on port ${port} was found (a server may close its listener once it has accepted, as socat without fork does)`,
		);
		expect(client).toBe(`python3 is connected from ephemeral port ${clientPort} to 127.0.0.1 port ${port} (registered range, unnamed)`);
		// --pid N --once says the same as --json.
		expect(text).toContain(server);
		expect(text).toContain(client);
	});

	it('is accepted, without a hedge, while the listener is open', async () => {
		const {port, clientPort, server} = await sentences('keep');
		expect(server).toBe(`python3 accepted a connection on port ${port} (registered range, unnamed) from 127.0.0.1 port ${clientPort} (the client's ephemeral port)`);
	});
});
