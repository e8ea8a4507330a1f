import net from 'node:net';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {afterAll, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import type {FileRun} from '../../../source/collect/run-to-files.js';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';

/** What every tool run answers: ss (here and through nsenter) times out or prints too much. */
const answer = vi.hoisted(() => ({run: undefined as FileRun | undefined, listeners: undefined as FileRun | undefined, runs: 0}));
vi.mock('../../../source/collect/run-to-files.js', async importOriginal => ({
	...(await importOriginal<typeof import('../../../source/collect/run-to-files.js')>()),
	// `listeners`, where set, is ss -xlHe's answer (asked at once beside -xaH).
	async runToFiles(_command: string, args: readonly string[]) {
		// The unix runs counted (ss -tulnHe runs only where a listener on :: is, which other tests open).
		if (args.includes('-xaH') || args.includes('-xlHe')) answer.runs++;
		return args.includes('-xlHe') && answer.listeners !== undefined ? answer.listeners : answer.run!;
	},
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
		vi.restoreAllMocks();
	});

	// Each snapshot a while after the last: a run that gave no answer is not started again for up to 160 s (tools.ts retryAfter).
	const realNow = performance.now.bind(performance);
	let shift = 0;
	const later = () => {
		shift += 200_000;
	};

	vi.spyOn(performance, 'now').mockImplementation(() => realNow() + shift);
	beforeEach(later);

	it.each([
		[timedOut, 'unix peers and queues: ss did not answer within 3 s'],
		[tooLong, 'unix peers and queues: ss printed more than 64 MiB (hundreds of thousands of unix sockets?)'],
	])('says why unix peers are unknown, in the snapshot and the PID view (%#)', async (run, line) => {
		answer.run = run;
		expect((await readLinuxSnapshot()).skipped.unreadableTables).toContain(line);
		expect((await readProcessDetail(process.pid)).missingTools).toEqual([line]);
	});

	it('does not wait for ss again on the next refreshes, and still says why, until later', async () => {
		answer.run = timedOut;
		const line = 'unix peers and queues: ss did not answer within 3 s';
		await readLinuxSnapshot();
		const runs = answer.runs;
		expect((await readLinuxSnapshot()).skipped.unreadableTables).toContain(line);
		expect(answer.runs).toBe(runs);
		later();
		await readLinuxSnapshot();
		expect(answer.runs).toBeGreaterThan(runs);
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
		later();
		expect((await readLinuxSnapshot()).skipped.unreadableTables.filter(line => line.startsWith('unix peers'))).toEqual([]);
	});
});
