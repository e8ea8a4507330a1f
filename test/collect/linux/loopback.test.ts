import {execFileSync, spawnSync} from 'node:child_process';
import {describe, expect, it, onTestFinished} from 'vitest';
import {parseLoopbackUp, parseUpInterfaces} from '../../../source/collect/linux/loopback.js';
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

describe('parseUpInterfaces', () => {
	it('lists the index of every interface that has joined the all-hosts group', () => {
		const ethUp = `${loUp}3\tveth0     :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n`;
		expect([...parseUpInterfaces(ethUp)]).toEqual(['1', '3']);
		expect([...parseUpInterfaces(loUp)]).toEqual(['1']);
		expect([...parseUpInterfaces(loDown)]).toEqual([]);
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

/** The sentence of the listener of a python server run by `prefix`, and whether the PID view read lo as down (on `address`: only lo or nothing up). */
async function listenerOf(prefix: readonly string[], address = '127.0.0.1'): Promise<{sentence: string | undefined; isLoopbackDown: boolean | undefined; interfacesUp: string | undefined}> {
	const {pid, line} = await startPython(server.replace('127.0.0.1', address), [], prefix);
	const detail = await readProcessDetail(pid);
	const fd = detail.fds.find(each => each.socket?.localPort === Number(line))!;
	const explained = explainFd(fd, {services: createStaticServiceTable([]), ephemeral: null, netns: detail.netns}, listeningOf(detail));
	return {sentence: explained?.sentence, isLoopbackDown: fd.isLoopbackDown, interfacesUp: fd.interfacesUp};
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

describe.skipIf(!canUnshare)('a server on every address in a namespace with no interface up but lo, or none', () => {
	it('is said to be reachable from inside alone, or from nowhere; another interface up, nothing is said', async () => {
		const none = await listenerOf(['unshare', '--net'], '0.0.0.0');
		expect(none.interfacesUp).toBe('none');
		expect(none.sentence).toMatch(/ on every IPv4 address in network namespace netns:\[\d+\] — no interface is up in that namespace, not even lo: nothing can connect, not even from inside, until one is set up/);
		const namespace = makeNamespace('loonly');
		onTestFinished(namespace.remove);
		const lo = await listenerOf(['ip', 'netns', 'exec', namespace.name!], '0.0.0.0');
		expect(lo.interfacesUp).toBe('lo');
		expect(lo.sentence).toContain(` on every IPv4 address in network namespace ${namespace.name} — that namespace has no interface up but lo: reachable only from inside it`);
		// A veth end up (no carrier, no address) is an interface up: what reaches it is not known, so nothing is said.
		execFileSync('ip', ['-n', namespace.name!, 'link', 'add', `lo${process.pid % 100_000}a`, 'type', 'veth', 'peer', 'name', `lo${process.pid % 100_000}b`]);
		execFileSync('ip', ['-n', namespace.name!, 'link', 'set', `lo${process.pid % 100_000}a`, 'up']);
		const other = await listenerOf(['ip', 'netns', 'exec', namespace.name!], '0.0.0.0');
		expect(other.interfacesUp).toBeUndefined();
		expect(other.sentence).toMatch(new RegExp(` on every IPv4 address in network namespace ${namespace.name}$`, 'u'));
	});
});
