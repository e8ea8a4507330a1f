import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {formatForeign, formatLocal} from '../../../source/format/address.js';
import {applyFilters} from '../../../source/model/filter.js';
import {defaultFilters} from '../../../source/options.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Packet sockets read live from /proc/net/packet, each found on its holder's row as other sockets
 * are (the fd walk). Opening one needs CAP_NET_RAW, so root; the second test opens one in a new
 * network namespace (unshare -n), whose interfaces socktop cannot name from its own /sys.
 */
const isRoot = process.getuid?.() === 0;
const canRun = process.platform === 'linux' && hasPython && isRoot;
if (!canRun) console.warn('packet socket live tests skipped: need Linux, root (CAP_NET_RAW, to open a packet socket) and python3');
const canUnshare = canRun && spawnSync('unshare', ['-n', 'true'], {stdio: 'ignore'}).status === 0;
if (canRun && !canUnshare) console.warn('packet socket in another network namespace skipped: unshare -n failed');

const script = `
import socket, sys
sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
arp = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0806))
arp.bind(('lo', 0x0806))
print(sniffer.fileno(), arp.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('packet sockets, live', () => {
	it('are rows with their holder\'s PID and FD, as ss -0 -p lists them', async () => {
		const {pid, line} = await startPython(script);
		const [sniffer, arp] = line.split(' ').map(Number) as [number, number];
		const snapshot = await readLinuxSnapshot();
		const rowOf = (fd: number) => snapshot.sockets.find(socket => socket.pid === pid && socket.fd === fd);
		expect(rowOf(sniffer)).toMatchObject({proto: 'p_raw', localAddress: '*', localPort: 3, foreignAddress: null, state: 'UNCONN', command: 'python3', user: 'root', netns: 'host'});
		expect(rowOf(arp)).toMatchObject({proto: 'p_dgr', localAddress: 'lo', localPort: 0x08_06, state: 'UNCONN', command: 'python3'});
		expect([formatLocal(rowOf(sniffer)!), formatLocal(rowOf(arp)!), formatForeign(rowOf(arp)!)]).toEqual(['*:all', 'lo:arp', '*']);
		const picked = (filters: Partial<typeof defaultFilters>) =>
			applyFilters(snapshot.sockets, {...defaultFilters, ...filters}).filter(socket => socket.pid === pid).map(socket => socket.fd);
		expect(picked({protocols: ['packet']})).toEqual([sniffer, arp]);
		// Its stdin and stdout are unix sockets (node's pipes to it): -u lists those, not these.
		expect(picked({ipv4: true, ipv6: true, unix: true})).not.toContain(sniffer);
		expect(picked({ipv4: true, ipv6: true, unix: true})).not.toContain(arp);
	});

	it.skipIf(!canUnshare)('in another network namespace too, its interface written as ss writes one it cannot name', async () => {
		const {pid, line} = await startPython(script, [], ['unshare', '-n']);
		const [, arp] = line.split(' ').map(Number) as [number, number];
		const snapshot = await readLinuxSnapshot();
		const row = snapshot.sockets.find(socket => socket.pid === pid && socket.fd === arp);
		expect(row).toMatchObject({proto: 'p_dgr', localAddress: 'if1', localPort: 0x08_06, command: 'python3'});
		expect(row?.netns).not.toBe('host');
	});
});
