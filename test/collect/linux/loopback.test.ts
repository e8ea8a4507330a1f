import {execFileSync, spawnSync} from 'node:child_process';
import {describe, expect, it, onTestFinished} from 'vitest';
import {parseLoopbackUp} from '../../../source/collect/linux/loopback.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {startPython} from '../../helpers/tools.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';

/**
 * A fresh network namespace has its loopback interface down: a server there on 127.0.0.1
 * listens, yet nothing can connect, not even from inside. /proc/PID/net/igmp tells it: an
 * interface that is up has joined 224.0.0.1.
 */

// Captured (kernel 6.x): `cat /proc/self/net/igmp` in a namespace with lo up, then with lo down.
const loUp = 'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n';
const loDown = 'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n';

describe('parseLoopbackUp', () => {
	it('tells lo up by its all-hosts group, on either byte order', () => {
		expect(parseLoopbackUp(loUp)).toBe(true);
		expect(parseLoopbackUp(loUp.replace('010000E0', 'E0000001'))).toBe(true);
		expect(parseLoopbackUp(loDown)).toBe(false);
	});

	it('does not take another interface that is up for lo', () => {
		const ethUp = `${loDown}2\teth0      :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n`;
		expect(parseLoopbackUp(ethUp)).toBe(false);
		expect(parseLoopbackUp(`${ethUp}1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n`)).toBe(true);
	});
});

const canUnshare = canMakeNamespaces && spawnSync('unshare', ['--net', 'true']).status === 0;
if (!canUnshare) console.warn('loopback test skipped: needs root, ip netns and unshare (util-linux)');

const server = `
import socket, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`;

/** The sentence of the listener of a python server run by `prefix`, and whether the PID view read lo as down. */
async function listenerOf(prefix: readonly string[]): Promise<{sentence: string | undefined; isLoopbackDown: boolean | undefined}> {
	const {pid, line} = await startPython(server, [], prefix);
	const detail = await readProcessDetail(pid);
	const fd = detail.fds.find(each => each.socket?.localPort === Number(line))!;
	const explained = explainFd(fd, {services: createStaticServiceTable([]), ephemeral: null, netns: detail.netns}, listeningOf(detail));
	return {sentence: explained?.sentence, isLoopbackDown: fd.isLoopbackDown};
}

describe.skipIf(!canUnshare)('a server on 127.0.0.1 in a namespace whose lo is down', () => {
	it('is said to be reachable from nowhere, not from inside that namespace', async () => {
		const {sentence, isLoopbackDown} = await listenerOf(['unshare', '--net']);
		expect(isLoopbackDown).toBe(true);
		expect(sentence).toMatch(/ in network namespace netns:\[\d+\] — that namespace's loopback interface \(lo\) is down: nothing can connect, not even from inside, until lo is set up; /);
		expect(sentence).toContain('on 0.0.0.0 (or a dual-stack ::) in that namespace ("Address already in use")');
		expect(sentence).not.toContain('reachable');
	});

	it('is reachable from inside once lo is up, and then said so', async () => {
		const namespace = makeNamespace('loup');
		onTestFinished(namespace.remove);
		const {sentence, isLoopbackDown} = await listenerOf(['ip', 'netns', 'exec', namespace.name!]);
		expect(isLoopbackDown).toBeUndefined();
		expect(sentence).toContain(` in network namespace ${namespace.name} — reachable only from inside that namespace; `);
		// Down again after it was up: connect() then hangs, and the sentence says lo is down.
		execFileSync('ip', ['-n', namespace.name!, 'link', 'set', 'lo', 'down']);
		expect((await listenerOf(['ip', 'netns', 'exec', namespace.name!])).isLoopbackDown).toBe(true);
	});
});
