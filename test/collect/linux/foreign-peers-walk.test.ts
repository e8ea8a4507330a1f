import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {canMakeNamespaces, makeNamespace} from '../../stress/helpers.js';

/** How many walks of every process's fds (findHolders with links to look for) were made. */
const walks = vi.hoisted(() => ({count: 0}));
vi.mock('../../../source/collect/linux/holders.js', async importOriginal => {
	const original = await importOriginal<typeof import('../../../source/collect/linux/holders.js')>();
	return {
		...original,
		async findHolders(...args: Parameters<typeof original.findHolders>) {
			if (args[0].size > 0) walks.count++;
			return original.findHolders(...args);
		},
	};
});

const canRun = canMakeNamespaces && hasPython && hasSs;
if (!canRun) console.warn('foreign unix peers walk test skipped: needs root, ip netns, python3 and ss');

// A socketpair made in the host's namespace, then setns() into another (0x40000000: CLONE_NEWNET), where it
// listens on a unix name: its pair is of another namespace than the process, its listener and stdio pipes of its own.
const script = `
import ctypes, os, socket, sys
a, b = socket.socketpair()
fd = os.open('/run/netns/' + sys.argv[1], os.O_RDONLY)
if ctypes.CDLL(None, use_errno=True).setns(fd, 0x40000000) != 0: raise OSError(ctypes.get_errno(), 'setns')
listener = socket.socket(socket.AF_UNIX); listener.bind('\\0socktop-fpw-' + sys.argv[1]); listener.listen()
print(a.fileno(), b.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('the PID view of a process with unix sockets of another namespace', () => {
	it('names their other ends in the one walk of every process\'s fds it makes for its own', async () => {
		const namespace = makeNamespace('fpwalk');
		onTestFinished(() => {
			namespace.remove();
		});
		const {pid, line} = await startPython(script, [namespace.name!]);
		const [a, b] = line.split(' ').map(Number) as [number, number];
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(each => each.fd === a)).toMatchObject({socket: {proto: 'stream', netns: 'host'}, peer: {command: 'python3', pid, fd: b}});
		expect(detail.fds.find(each => each.fd === b)).toMatchObject({peer: {command: 'python3', pid, fd: a}});
		// Its stdin, a pipe of its own namespace's fds: the other end is ours.
		expect(detail.fds.find(each => each.fd === 0)?.peer).toMatchObject({pid: process.pid});
		expect(walks.count).toBe(1);
	});
});
