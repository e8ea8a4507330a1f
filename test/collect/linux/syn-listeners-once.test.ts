import {describe, expect, it, vi} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/** The ports listenerOn was asked about (a pass over the tables each), one entry per asking. */
const asked = vi.hoisted(() => ({ports: [] as Array<number | null>}));
vi.mock('../../../source/services/phrases.js', async importOriginal => {
	const original = await importOriginal<typeof import('../../../source/services/phrases.js')>();
	return {
		...original,
		listenerOn(...args: Parameters<typeof original.listenerOn>) {
			asked.ports.push(args[0].localPort);
			return original.listenerOn(...args);
		},
	};
});

const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('SYN_SENT listener test skipped: needs Linux, python3 and ss (iproute2)');

const server = `
import socket
t = socket.socket(); t.bind(('127.0.0.1', 0)); t.listen(1)
print(t.getsockname()[1], flush=True)
import sys; sys.stdin.read()
`;

// Twelve connection requests to a listener of backlog 1: two fit its queue, ten stay in SYN_SENT.
const clients = `
import socket, sys, time
cs = []
for i in range(12):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', int(sys.argv[1])))
    except BlockingIOError: pass
    cs.append(c)
    time.sleep(0.02)
time.sleep(0.2)
print(' '.join(str(c.fileno()) for c in cs), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('the PID view of a process with many connection requests to one full listener', () => {
	it('looks the listener up once a refresh, not once per request for ss and once more to call it full', async () => {
		const listening = await startPython(server);
		const port = Number(listening.line);
		const connecting = await startPython(clients, [String(port)]);
		asked.ports = [];
		const detail = await readProcessDetail(connecting.pid);
		const requests = detail.fds.filter(fd => fd.socket?.state === 'SYN_SENT');
		expect(requests.length).toBeGreaterThanOrEqual(5);
		// Each is still told its SYNs are dropped by the full listener.
		for (const request of requests) expect(request.fullListener).toEqual({port, waiting: 2, backlog: 1});
		// Once for the requests (SYN_SENT), once for the two waiting in its accept queue (acceptQueueListeners).
		expect(asked.ports.filter(each => each === port).length).toBeLessThanOrEqual(2);
	});
});
