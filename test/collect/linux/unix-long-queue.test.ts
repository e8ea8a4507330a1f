import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A listener with 1,000 clients waiting, more than the kernel's first page of an `ss -xlHe` answer
 * holds (ss-cut.ts): its clients must still read as waiting on it. Its abstract name puts it after
 * every other unix socket in the kernel's walk, so the run with every state reaches it wherever this runs.
 */
const canRun = process.platform === 'linux' && hasPython && hasSs;
if (!canRun) console.warn('unix long accept-queue test skipped: needs Linux, python3 (to open the sockets) and ss (iproute2)');

const directory = tempDirectory('ulq');

const script = readFileSync(new URL('../../fixtures/ss/unix-long-queue.py', import.meta.url), 'utf8');

describe.skipIf(!canRun)('a unix listener with 1,000 clients waiting', () => {
	it('has every client read as waiting on it, and nothing said to be unknown', async () => {
		const name = `socktop-long-queue-${process.pid}`;
		const {pid} = await startPython(script, [directory, name]);
		const {sockets, skipped} = await readLinuxSnapshot();
		// Its other connected sockets are the stdio socketpairs startPython gave it.
		const clients = sockets.filter(socket => socket.pid === pid && socket.state === 'ESTABLISHED');
		expect(clients.filter(client => client.peerPath === `@${name}`)).toHaveLength(1000);
		expect(sockets.find(socket => socket.path === `@${name}` && socket.state === 'LISTEN')?.rxQueue).toBe(1000);
		expect(skipped.unreadableTables.filter(line => line.startsWith('unix listeners'))).toEqual([]);
	}, 20_000);
});
