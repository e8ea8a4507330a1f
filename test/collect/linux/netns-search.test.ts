import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readlinkSync, statSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {searchNamespaces} from '../../../source/collect/linux/netns-search.js';

/**
 * searchNamespaces against real namespaces: one made by `ip netns add` that no
 * process is in (so it holds no socket), and an unnamed one of `unshare --net`.
 */
const name = `socktop-search-${process.pid}`;
const ran = (command: string, argument: string) => spawnSync(command, [argument]).status === 0;
const why =
	process.platform !== 'linux' || process.getuid?.() !== 0
		? 'needs root on Linux to create network namespaces'
		: !ran('ip', '-V')
			? 'needs ip (iproute2)'
			: !ran('unshare', '--version')
				? 'needs unshare (util-linux)'
				: null;
if (why !== null) console.warn(`netns search tests skipped: ${why}`);

let unnamed: ChildProcess | undefined;
let unnamedLabel = '';

beforeAll(async () => {
	if (why !== null) return;
	execFileSync('ip', ['netns', 'add', name]);
	unnamed = spawn('unshare', ['--net', 'sh', '-c', 'echo ready; exec cat'], {stdio: ['pipe', 'pipe', 'inherit']});
	await once(unnamed.stdout!, 'data');
	unnamedLabel = readlinkSync(`/proc/${unnamed.pid}/ns/net`).replace(/^net:/, 'netns:');
});

afterAll(() => {
	unnamed?.stdin?.end();
	unnamed?.kill();
	if (why === null) spawnSync('ip', ['netns', 'del', name]);
});

describe('searchNamespaces (as root)', () => {
	it.skipIf(why !== null)('finds an `ip netns` namespace that holds no socket, by its name and by its inode', () => {
		expect(searchNamespaces(name)).toEqual({isFound: true, labels: expect.arrayContaining(['host', name])});
		expect(searchNamespaces(`netns:[${statSync(`/run/netns/${name}`).ino}]`).isFound).toBe(true);
	});

	it.skipIf(why !== null)('finds an unnamed namespace a process is in, by the label the table gives it', () => {
		expect(searchNamespaces(unnamedLabel)).toEqual({isFound: true, labels: expect.arrayContaining([unnamedLabel])});
	});

	it.skipIf(why !== null)('takes an inode as readlink, lsns and the narrow NETNS column print it, and gives the label the table uses', () => {
		const inode = /\d+/.exec(unnamedLabel)![0];
		for (const spelled of [`net:[${inode}]`, inode, `[${inode}]`]) expect(searchNamespaces(spelled)).toMatchObject({isFound: true, label: unnamedLabel});
		// A namespace with a name is filtered by its name, however its inode is spelled.
		const named = statSync(`/run/netns/${name}`).ino;
		for (const spelled of [`netns:[${named}]`, `net:[${named}]`, String(named), `[${named}]`]) expect(searchNamespaces(spelled)).toMatchObject({isFound: true, label: name});
		expect(searchNamespaces('[1]').isFound).toBe(false);
		expect(searchNamespaces('net:[x]').isFound).toBe(false);
	});

	it.skipIf(why !== null)('finds no namespace for a typo or an inode no namespace has, and lists the ones there are', () => {
		const search = searchNamespaces(`${name}-typo`);
		// PID 1 of a sandbox may hide its link even from root; it is in a namespace already known.
		expect(search.isFound).toBe(false);
		expect(search.labels[0]).toBe('host');
		expect(search.labels).toContain(name);
		expect(searchNamespaces('netns:[1]').isFound).toBe(false);
	});
});
