import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {parsePortRange} from '../../../source/services/load.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {ianaSource} from '../../../source/services/iana.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * The client's port of an accepted connection, as the server's PID view says it: a client
 * that binds its port itself (a privileged one, as NFS and rsh clients do, or any other
 * outside the ephemeral range) did not have it picked by its kernel, and IANA's name for
 * the number says nothing about a client.
 */
const isRoot = process.getuid?.() === 0;
const canRun = process.platform === 'linux' && hasPython && isRoot;
if (!canRun) console.warn('client-port test skipped: needs Linux, root (to bind a port below 1024) and python3');

const script = `
import socket, sys
listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen(8)
def client(low, high):
    for port in range(low, high):
        each = socket.socket()
        try:
            each.bind(('127.0.0.1', port)); break
        except OSError:
            each.close()
    each.connect(listener.getsockname())
    return each, listener.accept()[0]
privileged = client(600, 1000)
chosen = client(5000, 6000)
print(privileged[1].fileno(), privileged[0].getsockname()[1], chosen[1].fileno(), chosen[0].getsockname()[1], flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)("a client's port that its kernel did not pick", () => {
	it('is said to be privileged below 1024, chosen outside the ephemeral range, and never named by IANA', async () => {
		const {pid, line} = await startPython(script);
		const [privilegedFd, privilegedPort, chosenFd, chosenPort] = line.split(' ').map(Number) as [number, number, number, number];
		const names = [privilegedPort, chosenPort].map(port => ({name: `svc${port}`, port, protocol: 'tcp', aliases: [], comment: null, source: ianaSource}));
		const ctx = {services: createStaticServiceTable(names), ephemeral: parsePortRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))};
		const detail = await readProcessDetail(pid);
		const sentence = (fd: number) => explainFd(detail.fds.find(each => each.fd === fd)!, ctx, listeningOf(detail))?.sentence;
		expect(sentence(privilegedFd)).toMatch(
			new RegExp(`^python3 accepted a connection on .* from 127\\.0\\.0\\.1 port ${privilegedPort} \\(a privileged port, which on most Unix systems only root can bind; NFS and rsh clients use one to show they run as root\\);`),
		);
		expect(sentence(chosenFd)).toMatch(new RegExp(`from 127\\.0\\.0\\.1 port ${chosenPort} \\(a port the client chose, outside this machine's ephemeral range\\);`));
		expect(sentence(privilegedFd)).not.toContain('IANA');
		expect(sentence(chosenFd)).not.toContain('IANA');
	});
});
