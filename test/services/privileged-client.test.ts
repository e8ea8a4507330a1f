import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessText} from '../../source/format/pid.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {hasPython, startPython} from '../helpers/tools.js';

/**
 * A client that binds a source port below 1024 before connecting (rsh, rlogin and NFS do, to
 * show the server they run as root): its end is no well-known service. Binding one needs root.
 */
const canRun = process.platform === 'linux' && hasPython && process.getuid?.() === 0;
if (!canRun) console.warn('privileged client test skipped: needs Linux, python3 and root (to bind a port below 1024)');

const script = `
import socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen(8)
port = listener.getsockname()[1]
for low in range(1023, 600, -1):
    client = socket.socket()
    try:
        client.bind(('127.0.0.1', low)); break
    except OSError:
        client.close()
client.connect(('127.0.0.1', port))
server, _ = listener.accept()
print(port, low, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a client bound to a privileged source port', () => {
	it('is said to hold a privileged source port at its end, and the server says the same of its peer', async () => {
		const {pid, line} = await startPython(script);
		const [port, low] = line.split(' ').map(Number) as [number, number];
		const text = formatProcessText(await readProcessDetail(pid), {services: createStaticServiceTable([]), ephemeral: [32_768, 60_999]});
		const flat = text.replaceAll(/\s+/g, ' ');
		expect(flat).toContain(
			`python3 is connected from port ${low} (a privileged source port, which normally only root can bind; rsh, rlogin and NFS clients use one to show they run as root) to 127.0.0.1 port ${port}`,
		);
		expect(flat).toContain(`from 127.0.0.1 port ${low} (a privileged port, which on most Unix systems only root can bind`);
		expect(flat).not.toContain('well-known, unnamed');
	});
});
