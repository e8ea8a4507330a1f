import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it, onTestFinished} from 'vitest';
import {createInterfaceNames, type InterfaceReader} from '../../../source/collect/linux/interfaces.js';
import {failureFromCode} from '../../../source/collect/linux/read.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/** /sys/class/net as a map of interface name -> index, which the test changes; counts the listings. */
function fakeSys(interfaces: Map<string, number>): {read: InterfaceReader; listings: () => number} {
	let listings = 0;
	const read: InterfaceReader = {
		readDirectory(directory) {
			expect(directory).toBe('/sys/class/net');
			listings++;
			return [...interfaces.keys()];
		},
		readText(file) {
			const name = /^\/sys\/class\/net\/([^/]+)\/ifindex$/.exec(file)?.[1];
			const index = name === undefined ? undefined : interfaces.get(name);
			return index === undefined ? failureFromCode('ENOENT') : `${index}\n`;
		},
	};
	return {read, listings: () => listings};
}

describe('createInterfaceNames', () => {
	it('lists /sys/class/net once, then checks only the names it kept', () => {
		const {read, listings} = fakeSys(new Map([['lo', 1], ['eth0', 2], ['docker0', 3]]));
		const namesOf = createInterfaceNames(read);
		expect(namesOf([2, 1])).toEqual(new Map([[2, 'eth0'], [1, 'lo']]));
		expect(namesOf([2, 1, 2])).toEqual(new Map([[2, 'eth0'], [1, 'lo']]));
		expect(listings()).toBe(1);
	});

	it('reads nothing when no packet socket is bound to an interface (index 0: any)', () => {
		const {read, listings} = fakeSys(new Map([['lo', 1]]));
		expect(createInterfaceNames(read)([0, 0])).toEqual(new Map());
		expect(listings()).toBe(0);
	});

	it('names a renamed interface by its new name (a rename keeps the index)', () => {
		const interfaces = new Map([['lo', 1], ['eth0', 2]]);
		const {read, listings} = fakeSys(interfaces);
		const namesOf = createInterfaceNames(read);
		expect(namesOf([2])).toEqual(new Map([[2, 'eth0']]));
		interfaces.delete('eth0');
		interfaces.set('wan0', 2);
		expect(namesOf([2])).toEqual(new Map([[2, 'wan0']]));
		expect(listings()).toBe(2);
	});

	it('names an index given to a new interface, or to another one, by the interface that has it now', () => {
		const interfaces = new Map([['lo', 1], ['veth1', 5], ['veth2', 6]]);
		const {read} = fakeSys(interfaces);
		const namesOf = createInterfaceNames(read);
		expect(namesOf([5, 6])).toEqual(new Map([[5, 'veth1'], [6, 'veth2']]));
		// veth1 goes; a new interface is made with its index (`ip link add … index 5`).
		interfaces.delete('veth1');
		interfaces.set('veth9', 5);
		expect(namesOf([5, 6])).toEqual(new Map([[5, 'veth9'], [6, 'veth2']]));
		// An interface gone, its index not reused: no name rather than the old one.
		interfaces.delete('veth2');
		expect(namesOf([6])).toEqual(new Map());
	});

	it('lists again for an index it has not seen (an interface added since)', () => {
		const interfaces = new Map([['lo', 1]]);
		const {read, listings} = fakeSys(interfaces);
		const namesOf = createInterfaceNames(read);
		expect(namesOf([1])).toEqual(new Map([[1, 'lo']]));
		interfaces.set('tap0', 7);
		expect(namesOf([1, 7])).toEqual(new Map([[1, 'lo'], [7, 'tap0']]));
		expect(listings()).toBe(2);
	});

	it('does not list again on every refresh for an index no interface has (bound to one deleted since)', () => {
		const interfaces = new Map([['lo', 1], ['eth0', 2]]);
		const {read, listings} = fakeSys(interfaces);
		const namesOf = createInterfaceNames(read);
		for (let refresh = 0; refresh < 5; refresh++) expect(namesOf([2, 7])).toEqual(new Map([[2, 'eth0']]));
		expect(listings()).toBe(1);
		// A new index not seen in the last listing still lists.
		interfaces.set('tap0', 8);
		expect(namesOf([2, 7, 8])).toEqual(new Map([[2, 'eth0'], [8, 'tap0']]));
		expect(listings()).toBe(2);
	});
});

const script = fileURLToPath(new URL('pid-view-twice.mts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const why =
	process.platform !== 'linux' || !hasPython
		? 'needs Linux and python3'
		: process.getuid?.() !== 0
			? 'needs root (a packet socket needs CAP_NET_RAW)'
			: spawnSync('strace', ['-V'], {stdio: 'ignore'}).status === 0
				? null
				: 'needs strace';
if (why !== null) console.warn(`interface names live test skipped: ${why}`);

describe.skipIf(why !== null)('interface names in the PID view, on the real OS', () => {
	it('lists /sys/class/net once over two refreshes of a process with a packet socket, and names its interface', async () => {
		const {pid, line} = await startPython(
			[
				'import socket, sys',
				'p = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0806)); p.bind(("lo", 0x0806))',
				'print(p.fileno(), flush=True)',
				'sys.stdin.read()',
			].join('\n'),
		);
		const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-ifnames-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const trace = path.join(directory, 'trace.txt');
		const output = execFileSync('strace', ['-f', '-qq', '-e', 'trace=openat', '-e', 'signal=none', '-o', trace, process.execPath, '--import', 'tsx', script, String(pid)], {
			cwd: projectRoot,
			encoding: 'utf8',
		});
		expect(JSON.parse(output)).toEqual([{fd: Number(line), other: {family: 'packet', type: 2, protocol: 0x08_06, ifindex: 1, ifname: 'lo'}}]);
		const listings = readFileSync(trace, 'utf8')
			.split('\n')
			.filter(each => each.includes('"/sys/class/net"'));
		expect(listings).toHaveLength(1);
	});
});
