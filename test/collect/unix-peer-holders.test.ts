import {describe, expect, it} from 'vitest';
import {createCollector} from '../../source/collect/index.js';
import {formatTable} from '../../source/format/table.js';
import {loadIpProtocolTable} from '../../source/services/ip-protocol-table.js';
import {createServiceTable} from '../../source/services/table.js';
import {testOptions} from '../helpers/options.js';
import {hasPython, hasSs, startPython} from '../helpers/tools.js';

/**
 * A socketpair split across a fork, as a supervisor and its worker hold one: neither end has
 * a name, so the table could only write the other end's inode. It names the process instead.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix peer holder test skipped: needs Linux, python3 and ss (the only source of unix peers)');

const script = `
import os, socket, sys, time
mine, theirs = socket.socketpair()
child = os.fork()
if child == 0:
    mine.close()
    sys.stdin.read()
    os._exit(0)
theirs.close()
print(mine.fileno(), child, flush=True)
sys.stdin.read()
`;

const names = {services: createServiceTable({file: null}), ipProtocols: loadIpProtocolTable};

describe.skipIf(!canRun)('a unix peer without a name, in the table', () => {
	it('is written as the process holding it, from either end', async () => {
		const {pid, line} = await startPython(script);
		const [fd, child] = line.split(' ').map(Number) as [number, number];
		const collector = await createCollector(testOptions(), names);
		const {sockets} = await collector.snapshot();
		const mine = sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
		const theirs = sockets.filter(socket => socket.pid === child && socket.inode === mine.peerInode);
		expect(mine).toMatchObject({proto: 'stream', path: null, peerPath: null, peerHolder: {command: 'python3', pid: child}});
		expect(theirs).toHaveLength(1);
		expect(theirs[0]?.peerHolder).toEqual({command: 'python3', pid});
		const lines = formatTable([mine, theirs[0]!]).split('\n');
		expect(lines[1]).toMatch(new RegExp(String.raw`^\S+ +python3 ${pid} +${fd} +stream - +-> python3\[${child}\] ESTABLISHED$`));
		expect(lines[2]).toMatch(new RegExp(String.raw`-> python3\[${pid}\] +ESTABLISHED$`));
	});
});
