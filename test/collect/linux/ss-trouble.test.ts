import net from 'node:net';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {FileRun} from '../../../source/collect/run-to-files.js';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';

/** What every tool run answers: ss (here and through nsenter) times out or prints too much. */
const answer = vi.hoisted(() => ({run: undefined as FileRun | undefined, listeners: undefined as FileRun | undefined}));
vi.mock('../../../source/collect/run-to-files.js', async importOriginal => ({
	...(await importOriginal<typeof import('../../../source/collect/run-to-files.js')>()),
	// `listeners`, where set, is ss -xlHe's answer (asked at once beside -xaH).
	runToFiles: async (_command: string, args: readonly string[]) => (args.includes('-xlHe') && answer.listeners !== undefined ? answer.listeners : answer.run!),
}));

const timedOut: FileRun = {kind: 'failed', code: 'SIGNAL', message: 'ss was killed (SIGTERM)'};
const tooLong: FileRun = {kind: 'failed', code: 'EFBIG', message: 'ss printed more than 67108864 bytes'};
if (process.platform !== 'linux') console.warn('ss trouble tests skipped: the proc backend runs ss on Linux only');

describe.skipIf(process.platform !== 'linux')('an ss that answers nothing in time or in bounds', () => {
	// A connected unix socket of this process: there are unix peers to ask ss for.
	let server: net.Server;
	let client: net.Socket;
	beforeAll(async () => {
		server = net.createServer();
		await new Promise<void>(resolve => server.listen(`\0socktop-ss-trouble-${process.pid}`, resolve));
		client = net.connect(server.address() as string);
		await new Promise(resolve => client.once('connect', resolve));
	});
	afterAll(() => {
		client.destroy();
		server.close();
	});

	it.each([
		[timedOut, 'unix peers and queues: ss did not answer within 3 s'],
		[tooLong, 'unix peers and queues: ss printed more than 64 MiB (hundreds of thousands of unix sockets?)'],
	])('says why unix peers are unknown, in the snapshot and the PID view (%#)', async (run, line) => {
		answer.run = run;
		expect((await readLinuxSnapshot()).skipped.unreadableTables).toContain(line);
		expect((await readProcessDetail(process.pid)).missingTools).toEqual([line]);
	});

	it('says so when the listeners\' run, asked beside it, answers', async () => {
		answer.run = tooLong;
		answer.listeners = {kind: 'exited', stdout: '', stderr: '', code: 0};
		try {
			expect((await readLinuxSnapshot()).skipped.unreadableTables).toContain('unix peers and queues: ss printed more than 64 MiB (hundreds of thousands of unix sockets?)');
		} finally {
			answer.listeners = undefined;
		}
	});

	it('says nothing once ss answers again', async () => {
		answer.run = tooLong;
		await readLinuxSnapshot();
		answer.run = {kind: 'exited', stdout: '', stderr: '', code: 0};
		expect((await readLinuxSnapshot()).skipped.unreadableTables.filter(line => line.startsWith('unix peers'))).toEqual([]);
	});
});
