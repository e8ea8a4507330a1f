import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {sshServices as services} from '../../components/pid-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');

/**
 * A TCP client whose connection waits in a local listener's accept queue, in the lsof backend's
 * PID view (test/fixtures/lsof/SOURCES.md: the child 24593's fds 16-18 wait in its own *:19303's
 * queue, fd 36 in 127.0.0.1:19306's, which its parent holds too). Its other end is a socket no
 * process holds, which lsof does not list; but an end lsof did not list is also one held by a
 * process it could not read, one accepted between its two runs, or a request socket of a full
 * queue. Inferring "not accepted yet" from what is missing was wrong in each of those cases (a
 * review, 2026-11-28), so socktop claims no peer and no queue there, as lsof itself shows none.
 */
describe('a TCP client waiting in a local listener accept queue (lsof backend, +E)', () => {
	it('is given no peer and no accept-queue words: lsof cannot tell it from an end it did not read', async () => {
		const collector = createLsofCollector({
			platform: 'linux',
			readStartToken: async () => null,
			run: async (_command, args) => ({stdout: fixture(args.includes('+E') ? 'linux-4.95-accept-queue-pid-E-F0.txt' : 'linux-4.95-accept-queue-i-F0.txt'), stderr: '', code: 0}),
		});
		const detail = await collector.process(24_593);
		const byFd = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		for (const fd of [16, 17, 18, 36]) {
			expect(byFd(fd)).toMatchObject({peer: null, socket: {proto: 'tcp4', state: 'ESTABLISHED'}});
			expect(byFd(fd).isAwaitingAccept).toBeUndefined();
			expect(explainFd(byFd(fd), {services, ephemeral: [32_768, 60_999]})?.sentence).not.toContain('accept');
		}

		// An accepted connection keeps the end +E named.
		expect(byFd(7)).toMatchObject({peer: {pid: 24_551, fd: 8}});
	});
});
