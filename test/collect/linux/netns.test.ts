import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, readlinkSync, rmSync, statSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {labelNamespace, namespaceInode} from '../../../source/collect/linux/netns.js';
import type {Snapshot, Socket} from '../../../source/model/types.js';

type Expected = {what: string; fd: number} & Partial<Socket>;
type Opened = {child: ChildProcess; pid: number; expected: Expected[]};

const script = fileURLToPath(new URL('open-sockets.mjs', import.meta.url));
const asUser = fileURLToPath(new URL('as-user.mts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const name = `socktop-test-${process.pid}`;
/** Why a tool cannot run here, or null. */
const missing = (command: string, argument: string) => {
	const result = spawnSync(command, [argument]);
	return result.status === 0 ? null : `\`${command}\` did not run (${result.error?.message ?? `exit ${result.status}`})`;
};

const why = process.getuid?.() === 0 ? (missing('ip', '-V') ?? missing('unshare', '--version')) : 'needs root to create network namespaces';
if (why !== null) console.warn(`netns tests skipped: ${why}`);
const whyNotNobody = why ?? missing('setpriv', '--version');
if (why === null && whyNotNobody !== null) console.warn(`netns test as nobody skipped: ${whyNotNobody}`);

const directories: string[] = [];
const children: ChildProcess[] = [];
let named: Opened;
let unnamed: Opened;
let hostTwin: net.Server;
let snapshot: Snapshot;

/** Run open-sockets.mjs under `prefix` (a command that enters a namespace) and wait for its report. */
async function openIn(prefix: string[]): Promise<Opened> {
	const directory = mkdtempSync(path.join(tmpdir(), 'socktop-netns-'));
	directories.push(directory);
	const child = spawn(prefix[0]!, [...prefix.slice(1), process.execPath, script, directory], {stdio: ['pipe', 'pipe', 'inherit']});
	children.push(child);
	const [line] = (await once(createInterface({input: child.stdout!}), 'line')) as [string];
	return {child, ...(JSON.parse(line) as {pid: number; expected: Expected[]})};
}

beforeAll(async () => {
	if (why !== null) return;
	execFileSync('ip', ['netns', 'add', name]);
	execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
	named = await openIn(['ip', 'netns', 'exec', name]);
	unnamed = await openIn(['unshare', '--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh']);
	// The same 127.0.0.1 port as the named namespace's listener, on the host: two distinct sockets.
	hostTwin = net.createServer();
	hostTwin.listen(named.expected[0]!.localPort!, '127.0.0.1');
	await once(hostTwin, 'listening');
	snapshot = await readLinuxSnapshot();
});

afterAll(() => {
	hostTwin?.close();
	for (const child of children) child.stdin?.end();
	for (const child of children) child.kill();
	if (why === null) spawnSync('ip', ['netns', 'del', name]);
	for (const directory of directories) rmSync(directory, {recursive: true, force: true});
});

const namespaceOf = (pid: number) => namespaceInode(readlinkSync(`/proc/${pid}/ns/net`))!;

function expectReported({pid, expected}: Opened, netns: string) {
	expect(expected).toHaveLength(12);
	for (const {what, fd, path: _path, ...facts} of expected) {
		const rows = snapshot.sockets.filter(socket => socket.pid === pid && socket.fd === fd);
		expect(rows, what).toEqual([expect.objectContaining({...facts, netns, command: 'node'})]);
	}
}

describe('network namespaces', () => {
	it.skipIf(why !== null)('reports the sockets of a process in an `ip netns` namespace, labelled with its name', () => {
		expectReported(named, name);
	});

	it.skipIf(why !== null)("labels an unnamed namespace 'netns:[inode]' as the kernel names it", () => {
		const link = readlinkSync(`/proc/${unnamed.pid}/ns/net`);
		expect(link).toMatch(/^net:\[\d+\]$/);
		expectReported(unnamed, link.replace(/^net:/, 'netns:'));
	});

	it.skipIf(why !== null)('keeps the same address and port in two namespaces apart', () => {
		const port = named.expected[0]!.localPort;
		const rows = snapshot.sockets.filter(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.state === 'LISTEN');
		expect(rows.map(row => [row.netns, row.pid]).sort()).toEqual(
			[
				['host', process.pid],
				[name, named.pid],
			].sort(),
		);
		expect(rows[0]!.inode).not.toBe(rows[1]!.inode);
	});

	it.skipIf(why !== null)('counts no denied namespace as root and labels our own sockets host', () => {
		expect(snapshot.skipped.deniedNamespaces).toBe(0);
		expect(snapshot.namespacesRead).toEqual(expect.arrayContaining(['host', name, `netns:[${namespaceOf(unnamed.pid)}]`]));
		expect(snapshot.sockets.some(socket => socket.netns === 'host' && socket.pid === process.pid)).toBe(true);
		expect(snapshot.sockets.every(socket => socket.netns !== null)).toBe(true);
	});

	it.skipIf(why !== null)("tells the host's namespace by its tables where pid 1's ns link is unreadable (not root, some sandboxes)", () => {
		// As readNamespaceContext finds it then: the inode of /proc/1/net/tcp, the same in every process of pid 1's namespace.
		const context = {selfInode: null, hostInode: null, hostTables: statSync('/proc/1/net/tcp').ino, names: new Map([[namespaceOf(named.pid), name]])};
		expect(labelNamespace(namespaceOf(process.pid), context, process.pid)).toBe('host');
		expect(labelNamespace(namespaceOf(named.pid), context, named.pid)).toBe(name);
		expect(labelNamespace(namespaceOf(unnamed.pid), context, unnamed.pid)).toBe(`netns:[${namespaceOf(unnamed.pid)}]`);
	});

	it.skipIf(why !== null)('labels the namespace it runs in by its name when run inside one (ip netns exec), as root', () => {
		const output = execFileSync('ip', ['netns', 'exec', name, process.execPath, '--import', 'tsx', asUser], {cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 << 20});
		const result = JSON.parse(output) as {pid: number; port: number; sockets: Socket[]};
		const own = result.sockets.filter(socket => socket.pid === result.pid && socket.localPort === result.port);
		expect(own).toEqual([expect.objectContaining({netns: name, state: 'LISTEN'})]);
		// The host's namespace is still the host's, seen from inside another.
		expect(result.sockets.filter(socket => socket.pid === process.pid).map(socket => socket.netns)).toContain('host');
		expect(result.sockets.filter(socket => socket.pid === process.pid).every(socket => socket.netns === 'host')).toBe(true);
	});

	it.skipIf(whyNotNobody !== null)('labels the namespace it runs in by its name when run inside one, as another user', () => {
		const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];
		const output = execFileSync('ip', ['netns', 'exec', name, 'setpriv', ...nobody, process.execPath, '--import', 'tsx', asUser], {
			cwd: projectRoot,
			encoding: 'utf8',
			maxBuffer: 256 << 20,
		});
		const result = JSON.parse(output) as {pid: number; port: number; sockets: Socket[]};
		const own = result.sockets.filter(socket => socket.pid === result.pid && socket.localPort === result.port);
		expect(own).toEqual([expect.objectContaining({netns: name, state: 'LISTEN', user: 'nobody'})]);
		// Root's listener in the same namespace, whose holder nobody cannot see: the same label, not the host's. (Its
		// twin on the host shows too, as the host's, when another test runs a process of nobody's there meanwhile.)
		const rootListener = snapshot.sockets.find(socket => socket.pid === named.pid && socket.fd === named.expected[0]!.fd)!;
		expect(result.sockets.filter(socket => socket.inode === rootListener.inode)).toEqual([expect.objectContaining({netns: name, pid: null})]);
	});

	it.skipIf(whyNotNobody !== null)(
		"as another user, counts the namespaces it cannot read and lists none of their sockets as the host's",
		() => {
			const output = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', asUser], {
				cwd: projectRoot,
				encoding: 'utf8',
				maxBuffer: 256 << 20,
			});
			const result = JSON.parse(output) as {skipped: Snapshot['skipped']; namespacesRead: string[]; sockets: Socket[]};
			// Both test namespaces (other tests may have made more meanwhile).
			expect(result.skipped.deniedNamespaces).toBeGreaterThanOrEqual(2);
			// Not read, so `--netns NAME` says so rather than "no sockets" (model/unseen.ts).
			expect(result.namespacesRead).toContain('host');
			expect(result.namespacesRead).not.toContain(name);
			const port = named.expected[0]!.localPort;
			const listeners = result.sockets.filter(socket => socket.proto === 'tcp4' && socket.localPort === port && socket.state === 'LISTEN');
			// Only the host's twin (root's, so no holder): the named namespace's listener is not passed off as the host's.
			const twin = snapshot.sockets.find(socket => socket.pid === process.pid && socket.localPort === port && socket.state === 'LISTEN');
			expect(listeners).toEqual([expect.objectContaining({netns: 'host', pid: null, inode: twin?.inode})]);
			// Other namespaces show only through nobody's own processes there (another test, e2e/netns,
			// may run one meanwhile); the unreadable ones add no rows.
			const seenThrough = new Set(result.sockets.filter(socket => socket.pid !== null).map(socket => socket.netns));
			expect(result.sockets.filter(socket => socket.netns !== 'host' && !seenThrough.has(socket.netns))).toEqual([]);
		},
	);
});

