/** The selected fd's explanation on a short terminal: cut once, at its end, never two fragments joined. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {ianaSource} from '../../source/services/iana.js';
import {detailOf, inetSocket, scriptedCollector, sshdFds} from './pid-fixtures.js';
import {frameOf, loaded, view} from './pid-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** What the user test had selected: a client of WinRM whose server has closed its side, from an ephemeral port. */
const closeWait = inetSocket({localAddress: '127.0.0.1', localPort: 41_276, foreignAddress: '127.0.0.1', foreignPort: 5985, state: 'CLOSE_WAIT', fd: 5, inode: 20_600});
const fds: FileDescriptor[] = [...sshdFds.slice(0, 3), {fd: 5, type: 'socket', target: 'socket:[20600]', socket: closeWait, peer: {command: 'winrm-gateway', pid: 938, fd: 9}}];
const iana = createStaticServiceTable([{name: 'winrm', port: 5985, protocol: 'tcp', aliases: [], comment: 'WBEM WS-Management HTTP', source: ianaSource}]);

/** The lines under the FD table on a terminal of `width` x `rows` (the live view gives the PID view rows - 1 lines). */
async function underTable(width: number, rows: number): Promise<string[]> {
	const instance = view({collector: scriptedCollector([detailOf(fds)]), width, height: rows - 1, interval: 60, table: iana, initialFd: 5});
	await loaded(instance);
	const lines = frameOf(instance).split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith('└')) + 1).filter(line => line !== '');
}

describe('the selected fd\'s explanation on a short terminal', () => {
	it('at 60x15 is cut once, where its room runs out, not in its middle', async () => {
		const lines = await underTable(60, 15);
		expect(lines.every(line => line.length <= 60)).toBe(true);
		// The sentence, then the ephemeral port's note in the last line.
		const note = lines.at(-1)!;
		expect(note).toMatch(/^ {2}41276: an ephemeral port, most likely picked by the/);
		const shown = lines.slice(0, -1).join(' ').replaceAll(/\s+/g, ' ');
		// One ellipsis, at the end: what is shown is the sentence's beginning, word for word.
		expect(shown.match(/…/g)).toHaveLength(1);
		expect(shown.endsWith('…')).toBe(true);
		const sentence = "fd 5: sshd is connected from ephemeral port 41276 to 127.0.0.1 port 5985 (named winrm in IANA's registry: WBEM WS-Management HTTP) (CLOSE_WAIT: the other side has closed; the program has not closed its end); the other end is winrm-gateway[938] fd 9";
		expect(sentence.startsWith(shown.slice(0, -1))).toBe(true);
	});
});
