import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes, randomUUID} from 'node:crypto';
import {once} from 'node:events';
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readlinkSync, rmdirSync, rmSync, unlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import type {Snapshot} from '../../../source/model/types.js';
import {cliPath, isBuilt, runCli} from '../../helpers/cli.js';

/**
 * Container labels against the real kernel, without a container runtime: for
 * each runtime's cgroup layout, a listener in a new network namespace
 * (`unshare -n`) is moved into a cgroup of that exact path (as the runtime
 * would have put it), and socktop must name its namespace as the README says.
 * What the kernel writes in /proc/PID/cgroup is checked too, so a layout this
 * test got wrong shows as such and not as a socktop bug.
 *
 * Cleanup cannot be skipped: each listener knows the cgroups made for it and,
 * when its stdin closes (afterAll, or this test process dying however it dies),
 * moves itself back to the cgroup it started in, removes them and exits.
 * Runs of this file on one machine (other worktrees) take turns through a lock
 * file, so a cgroup such as /docker is removed by the run that made it, never
 * while another run uses it, and never when it was there before (a real Docker).
 */

type Hierarchy = {
	/** Where it is mounted. */
	readonly mount: string;
	/** Its field in /proc/PID/cgroup: '' for cgroup2 (the `0::` line), else `name=systemd`. */
	readonly key: string;
};

/** The cgroup2 tree and the v1 name=systemd tree, those mounted here, from our mountinfo. */
function findHierarchies(): {v2?: Hierarchy; systemd?: Hierarchy} {
	const found: {v2?: Hierarchy; systemd?: Hierarchy} = {};
	for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
		const [before, after] = line.split(' - ');
		if (before === undefined || after === undefined) continue;
		const mount = before.split(' ')[4]!;
		const [type, , options = ''] = after.split(' ');
		if (type === 'cgroup2') found.v2 ??= {mount, key: ''};
		else if (type === 'cgroup' && options.split(',').includes('name=systemd')) found.systemd ??= {mount, key: 'name=systemd'};
	}

	return found;
}

const {v2, systemd} = process.platform === 'linux' ? findHierarchies() : {};
/** Where cgroup v1 layouts go (the first line of /proc/PID/cgroup on a hybrid host), and v2 layouts (the `0::` line, the last). */
const v1Tree = systemd ?? v2;
const v2Tree = v2 ?? systemd;

/** Whether a cgroup can be made (and removed) in `hierarchy`: root is not enough on a read-only /sys/fs/cgroup. */
function canWrite(hierarchy: Hierarchy): string | null {
	const probe = path.join(hierarchy.mount, `socktop-probe-${process.pid}`);
	try {
		mkdirSync(probe);
		rmdirSync(probe);
		return null;
	} catch (error) {
		return `cannot make a cgroup in ${hierarchy.mount} (${(error as NodeJS.ErrnoException).code})`;
	}
}

const works = (command: string, argument: string) => spawnSync(command, [argument]).status === 0;
const why =
	process.platform !== 'linux'
		? 'Linux only'
		: process.getuid?.() !== 0
			? 'needs root to make cgroups and network namespaces'
			: v1Tree === undefined || v2Tree === undefined
				? 'no cgroup2 or name=systemd hierarchy mounted'
				: [...new Set([v1Tree, v2Tree])].map(canWrite).find(reason => reason !== null) ??
					(works('unshare', '--version') ? null : 'needs unshare (util-linux)');
if (why !== null) console.warn(`cgroup label tests skipped: ${why}`);
const whyNoIp = why ?? (works('ip', '-V') ? null : 'needs ip (iproute2)');
if (why === null && whyNoIp !== null) console.warn(`cgroup label test of a pinned namespace skipped: ${whyNoIp}`);
const whyNoCli = why ?? (isBuilt ? null : `needs a build at ${cliPath} (npm run build)`);
if (why === null && whyNoCli !== null) console.warn(`cgroup label test of the built CLI skipped: ${whyNoCli}`);

const hex64 = () => randomBytes(32).toString('hex');

type Layout = {
	readonly what: string;
	/** The cgroup path, as the runtime makes it, and the trees it is made in. */
	readonly cgroup: string;
	readonly trees: readonly Hierarchy[];
	readonly label: string;
	/** A name to pin the namespace at in /run/netns, as rootful podman and containerd's CRI do. */
	readonly pin?: string;
};

function layouts(): Layout[] {
	if (why !== null) return [];
	const v1 = v1Tree!;
	const v2only = v2Tree!;
	const both = v2Tree === v1Tree ? [v2only] : [v2only, v1];
	const [dockerFs, dockerSystemd, podman, podmanPinned, kubepods, containerd, crio, containerdPinned] = [hex64(), hex64(), hex64(), hex64(), hex64(), hex64(), hex64(), hex64()];
	const [pod, crioPod] = [randomUUID(), randomUUID()];
	const systemdPod = randomUUID().replaceAll('-', '_');
	const lxc = `socktop-test-${process.pid}`;
	const pinned: Layout[] =
		whyNoIp === null
			? [
					{
						what: 'a podman container whose namespace someone named with `ip netns` (the name wins)',
						cgroup: `/machine.slice/libpod-${podmanPinned}.scope/container`,
						trees: [v2only],
						pin: `netns-socktop-${process.pid}`,
						label: `netns-socktop-${process.pid}`,
					},
					{
						// containerd's CNI pins a pod's namespace as /run/netns/cni-UUID: a made-up name, so the container's label says more.
						what: 'kubernetes with containerd, its namespace pinned at /run/netns/cni-UUID (the container label wins)',
						cgroup: `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${randomUUID().replaceAll('-', '_')}.slice/cri-containerd-${containerdPinned}.scope`,
						trees: [v2only],
						pin: `cni-${randomUUID()}`,
						label: `containerd:${containerdPinned.slice(0, 12)}`,
					},
				]
			: [];
	return [
		{what: 'docker, cgroupfs driver (cgroup v1)', cgroup: `/docker/${dockerFs}`, trees: [v1], label: `docker:${dockerFs.slice(0, 12)}`},
		{
			what: 'docker, systemd driver (the v2 line, and name=systemd on a hybrid host)',
			cgroup: `/system.slice/docker-${dockerSystemd}.scope`,
			trees: both,
			label: `docker:${dockerSystemd.slice(0, 12)}`,
		},
		{
			what: 'rootful podman (cgroup v2, crun moves the payload into container/)',
			cgroup: `/machine.slice/libpod-${podman}.scope/container`,
			trees: [v2only],
			label: `podman:${podman.slice(0, 12)}`,
		},
		{
			what: 'kubernetes, cgroupfs driver (cgroup v1)',
			cgroup: `/kubepods/besteffort/pod${pod}/${kubepods}`,
			trees: [v1],
			label: `k8s:${kubepods.slice(0, 12)}`,
		},
		{
			what: 'kubernetes with containerd, systemd driver (cgroup v2)',
			cgroup: `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${systemdPod}.slice/cri-containerd-${containerd}.scope`,
			trees: [v2only],
			label: `containerd:${containerd.slice(0, 12)}`,
		},
		{
			// CRI-O names a container crio-ID under either driver, with .scope only under systemd (internal/config/cgmgr).
			what: 'kubernetes with CRI-O, cgroupfs driver (cgroup v1)',
			cgroup: `/kubepods/burstable/pod${crioPod}/crio-${crio}`,
			trees: [v1],
			label: `crio:${crio.slice(0, 12)}`,
		},
		{what: 'LXC 4+ (cgroup v2)', cgroup: `/lxc.payload.${lxc}`, trees: [v2only], label: `lxc:${lxc}`},
		...pinned,
	];
}

/**
 * The listener: a TCP socket on 127.0.0.1 in the new namespace, its pid and port on stdout. When stdin
 * closes (or on SIGTERM) it goes back to the cgroups it started in, removes `dirs` (deepest first) and
 * the pin, and exits: a cgroup cannot be removed while a process is in it.
 */
const listener = `
const fs = require('node:fs');
const plan = JSON.parse(process.argv[1]);
const lines = fs.readFileSync('/proc/self/cgroup', 'utf8').split('\\n');
const homes = plan.trees.map(({mount, key}) => {
	const line = lines.find(line => line.split(':')[1] === key && (key !== '' || line.startsWith('0::')));
	return mount + line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
});
const server = require('node:net').createServer();
let done = false;
const leave = () => {
	if (done) return;
	done = true;
	server.close();
	for (const home of homes) try { fs.writeFileSync(home + '/cgroup.procs', String(process.pid)); } catch {}
	for (const dir of plan.dirs) try { fs.rmdirSync(dir); } catch {}
	if (plan.pin) require('node:child_process').spawnSync('ip', ['netns', 'delete', plan.pin]);
	process.exit(0);
};
process.on('SIGTERM', leave);
process.stdin.on('end', leave).on('error', leave).resume();
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({pid: process.pid, port: server.address().port})));
`;

type Started = Layout & {child: ChildProcess; pid: number; port: number; dirs: string[]};

const lockPath = '/run/socktop-cgroup-test.lock';
let hasLock = false;
const started: Started[] = [];
let snapshot: Snapshot;
let cliSnapshot: Snapshot | undefined;

const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
};

/** Take the lock other runs of this file hold while they use the shared cgroups; a dead run's lock is taken over. */
async function lock(): Promise<void> {
	for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeFileSync(fd, String(process.pid));
			closeSync(fd);
			hasLock = true;
			return;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}

		let holder = Number.NaN;
		try {
			holder = Number(readFileSync(lockPath, 'utf8').trim() || 'NaN');
		} catch {}

		// A lock still empty is being written; a dead holder's listeners cleaned up when their stdin closed.
		if (Number.isInteger(holder) && !isAlive(holder)) rmSync(lockPath, {force: true});
		else await sleep(50);
	}

	throw new Error(`${lockPath} held by another run for 20 s`);
}

/** The cgroup directories of `cgroup` in `tree` that do not exist yet, deepest first: the ones this run makes and removes. */
function missingDirs(tree: Hierarchy, cgroup: string): string[] {
	const missing: string[] = [];
	for (let dir = path.join(tree.mount, cgroup); dir !== tree.mount && !existsSync(dir); dir = path.dirname(dir)) missing.push(dir);
	return missing;
}

async function start(layout: Layout): Promise<Started> {
	const dirs = layout.trees.flatMap(tree => missingDirs(tree, layout.cgroup));
	const plan = JSON.stringify({trees: layout.trees, dirs, pin: layout.pin});
	// The listener is told what to remove before anything is made, so it can clean up after a test process killed at any point.
	const child = spawn('unshare', ['--net', process.execPath, '-e', listener, plan], {stdio: ['pipe', 'pipe', 'inherit']});
	const entry: Started = {...layout, child, pid: 0, port: 0, dirs};
	started.push(entry);
	const [line] = (await Promise.race([
		once(createInterface({input: child.stdout!}), 'line'),
		once(child, 'exit').then(([code]) => {
			throw new Error(`${layout.what}: the listener exited (${String(code)}) before it listened`);
		}),
	])) as [string];
	({pid: entry.pid, port: entry.port} = JSON.parse(line) as {pid: number; port: number});
	for (const tree of layout.trees) {
		const leaf = path.join(tree.mount, layout.cgroup);
		mkdirSync(leaf, {recursive: true});
		writeFileSync(path.join(leaf, 'cgroup.procs'), String(entry.pid));
	}

	if (layout.pin !== undefined) execFileSync('ip', ['netns', 'attach', layout.pin, String(entry.pid)]);
	return entry;
}

async function stop(entry: Started): Promise<void> {
	const {child} = entry;
	if (child.exitCode === null && child.signalCode === null) {
		const exited = once(child, 'exit');
		child.stdin?.end();
		const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
		await exited;
		clearTimeout(timer);
	}

	if (entry.pin !== undefined && existsSync(`/run/netns/${entry.pin}`)) spawnSync('ip', ['netns', 'delete', entry.pin], {stdio: 'ignore'});
}

/** Remove what the listeners did not (one killed before it could): they have all exited, so the cgroups are empty. */
function removeDirs(dirs: string[]): void {
	const depth = (dir: string) => dir.split('/').length;
	for (const dir of [...new Set(dirs)].sort((a, b) => depth(b) - depth(a))) {
		try {
			rmdirSync(dir);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
}

beforeAll(async () => {
	if (why !== null) return;
	await lock();
	await Promise.all(layouts().map(start));
	[snapshot, cliSnapshot] = await Promise.all([
		readLinuxSnapshot(),
		whyNoCli === null
			? runCli(['--once', '--json']).then(result => {
					expect(result.stderr).toBe('');
					expect(result.code).toBe(0);
					return JSON.parse(result.stdout.toString('utf8')) as Snapshot;
				})
			: undefined,
	]);
});

afterAll(async () => {
	try {
		await Promise.allSettled(started.map(stop));
		removeDirs(started.flatMap(entry => entry.dirs));
		const left = started.flatMap(entry => entry.dirs).filter(dir => existsSync(dir));
		const running = started.filter(entry => entry.pid !== 0 && isAlive(entry.pid)).map(entry => entry.pid);
		if (left.length > 0 || running.length > 0) throw new Error(`left behind: cgroups ${left.join(', ')}; processes ${running.join(', ')}`);
	} finally {
		if (hasLock) unlinkSync(lockPath);
	}
});

const rowsOf = (sockets: Snapshot['sockets'], {pid, port}: Started) =>
	sockets.filter(socket => socket.pid === pid && socket.localPort === port && socket.state === 'LISTEN');

describe('container labels from real cgroups', () => {
	it.skipIf(why !== null)('the kernel shows each listener in its cgroup and its own network namespace', () => {
		const host = readlinkSync('/proc/self/ns/net');
		expect(started.length).toBeGreaterThanOrEqual(6);
		for (const entry of started) {
			// hierarchy-ID:controllers:path; cgroup2's line is 0::path.
			const paths = readFileSync(`/proc/${entry.pid}/cgroup`, 'utf8')
				.split('\n')
				.map(line => line.split(':'))
				.map(([id, key, ...rest]) => ({id, key, path: rest.join(':')}));
			for (const tree of entry.trees) {
				expect(paths, entry.what).toContainEqual({id: tree.key === '' ? '0' : expect.stringMatching(/^[1-9]\d*$/), key: tree.key, path: entry.cgroup});
			}

			expect(readlinkSync(`/proc/${entry.pid}/ns/net`)).not.toBe(host);
		}
	});

	it.skipIf(why !== null)('readLinuxSnapshot labels each namespace by its runtime and short container id', () => {
		for (const entry of started) {
			expect(rowsOf(snapshot.sockets, entry), entry.what).toEqual([
				expect.objectContaining({netns: entry.label, localAddress: '127.0.0.1', proto: 'tcp4', command: 'node'}),
			]);
		}
	});

	it.skipIf(whyNoCli !== null)('the built socktop --once --json labels them the same', () => {
		for (const entry of started) {
			expect(rowsOf(cliSnapshot!.sockets, entry), entry.what).toEqual([expect.objectContaining({netns: entry.label})]);
		}
	});
});
