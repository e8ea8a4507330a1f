import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import type {SsMemory} from '../../../source/collect/linux/ss-answers.js';
import {labelNamespace, type NamespaceKey} from '../../../source/collect/linux/netns.js';
import type {RawNames} from '../../../source/collect/linux/path-gone.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';

/**
 * `ip netns add host` names a namespace like the host's. Labelled `host`, it was merged with the
 * host's (no NETNS column, both under --netns host), and the caches kept by label let its ss
 * answer stand for the host's: the host's deleted listener lost its "(deleted)".
 */
describe('labelNamespace', () => {
	it('never calls a namespace other than the host\'s host, even one ip netns named so', () => {
		const context = {selfInode: 10, hostInode: 10, names: new Map([[20, 'host'], [30, 'blue']])};
		expect(labelNamespace(10, context)).toBe('host');
		expect(labelNamespace(20, context)).toBe('netns:[20]');
		expect(labelNamespace(30, context)).toBe('blue');
	});
});

const whyNot =
	process.platform !== 'linux' || process.getuid?.() !== 0
		? 'needs root on Linux to create a network namespace'
		: !hasPython || !hasSs || spawnSync('ip', ['-V'], {stdio: 'ignore'}).status !== 0
			? 'needs python3, ss and ip'
			: existsSync('/run/netns/host')
				? 'an ip netns named host exists already, and is not this test\'s to delete'
				: null;
if (whyNot !== null) console.warn(`ip netns named host test skipped: ${whyNot}`);

const directory = mkdtempSync(path.join(tmpdir(), 'socktop-named-host-'));
beforeAll(() => {
	if (whyNot === null) execFileSync('ip', ['netns', 'add', 'host']);
});
afterAll(() => {
	if (whyNot === null) spawnSync('ip', ['netns', 'del', 'host']);
	rmSync(directory, {recursive: true, force: true});
});

// A unix listener whose file is deleted, in argv[2]'s namespace ('' for ours), with a connection (so ss runs there too).
const script = `
import ctypes, os, socket, sys
if sys.argv[2]:
    if ctypes.CDLL(None).setns(os.open(sys.argv[2], os.O_RDONLY), 0x40000000) != 0: sys.exit('setns failed')
listener = socket.socket(socket.AF_UNIX); listener.bind(sys.argv[1]); listener.listen(1)
client = socket.socket(socket.AF_UNIX); client.connect(sys.argv[1]); server, _ = listener.accept()
os.unlink(sys.argv[1])
print(listener.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(whyNot !== null)('a network namespace ip netns named host (as root)', () => {
	it('is labelled apart from the host\'s, and its ss answer does not stand for the host\'s', async () => {
		const host = await startPython(script, [path.join(directory, 'host.sock'), '']);
		const other = await startPython(script, [path.join(directory, 'other.sock'), '/run/netns/host']);
		const inode = statSync('/run/netns/host').ino;
		const ssElsewhere = new Map<NamespaceKey, SsMemory>();
		const rawNames: RawNames = new Map();
		const {sockets} = await readLinuxSnapshot({ssElsewhere, rawNames});
		const listenerOf = (pid: number, fd: string) => sockets.find(socket => socket.pid === pid && socket.fd === Number(fd));
		expect(listenerOf(host.pid, host.line)).toMatchObject({netns: 'host', state: 'LISTEN', isPathGone: true});
		expect(listenerOf(other.pid, other.line)).toMatchObject({netns: `netns:[${inode}]`, state: 'LISTEN', isPathGone: true});
		// (Other namespaces with unix sockets, a container's or another test's, are kept too.)
		expect([...ssElsewhere.keys()]).toContain(inode);

		// Its last process gone, the namespace has no sockets to read: what was kept for it goes too.
		process.kill(other.pid);
		while (existsSync(`/proc/${other.pid}`)) await new Promise(resolve => setTimeout(resolve, 20));
		await readLinuxSnapshot({ssElsewhere, rawNames});
		expect([...ssElsewhere.keys()]).not.toContain(inode);
	});
});
