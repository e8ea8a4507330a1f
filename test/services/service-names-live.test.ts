import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessText} from '../../source/format/pid.js';
import {createServiceTable} from '../../source/services/index.js';
import {hasPython, startPython} from '../helpers/tools.js';

/**
 * A name from /etc/services says what a port is assigned for, not what listens on it: a plain
 * python3 server on 9102 is no Bacula File Daemon, so the sentence says whose name it is.
 */
const hasBacula = (() => {
	try {
		return /^bacula-fd\s+9102\/tcp\b/m.test(readFileSync('/etc/services', 'utf8'));
	} catch {
		return false;
	}
})();
const canRun = process.platform === 'linux' && hasPython && hasBacula;
if (!canRun) console.warn('services name test skipped: needs Linux, python3 and bacula-fd 9102/tcp in /etc/services');

const script = `
import socket, sys
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    listener.bind(('127.0.0.1', 9102))
except OSError:
    print('busy', flush=True); sys.stdin.read()
listener.listen(8)
print('ok', flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a port named by /etc/services', () => {
	it('is said to be named so in /etc/services, not stated as what the process is', async ({skip}) => {
		const {pid, line} = await startPython(script);
		if (line === 'busy') skip('port 9102 is in use here');
		const services = createServiceTable({file: null});
		await services.load();
		const text = formatProcessText(await readProcessDetail(pid), {services, ephemeral: null});
		expect(text).toContain(
			'python3 listens for TCP connections on port 9102 (named bacula-fd in /etc/services: Bacula File Daemon) only on the loopback address 127.0.0.1',
		);
	});
});
