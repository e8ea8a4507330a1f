import {describe, expect, it} from 'vitest';
import type {FileRun} from '../../../source/collect/run-to-files.js';
import {createTools, MAX_OUTPUT_BYTES, type Run, ssTroubleLine} from '../../../source/collect/linux/tools.js';

/** A runner that answers from `answer` and records every command it was asked to start. */
function fakeRun(answer: (command: string, args: readonly string[]) => FileRun): {run: Run; started: string[]} {
	const started: string[] = [];
	const run: Run = async (command, args) => {
		started.push([command, ...args].join(' '));
		return answer(command, args);
	};

	return {run, started};
}

const enoent = (command: string): FileRun => ({kind: 'failed', code: 'ENOENT', message: `spawn ${command} ENOENT`});
const printed = (stdout: string, code = 0): FileRun => ({kind: 'exited', stdout, stderr: '', code});
// What util-linux's nsenter does when the command it is to run is not found (measured: 2.38.1).
const nsenterNotFound = (command: string): FileRun => ({kind: 'exited', stdout: '', stderr: `nsenter: failed to execute ${command}: No such file or directory\n`, code: 127});

describe('createTools', () => {
	it('does not start a tool again once it was found missing', async () => {
		const {run, started} = fakeRun(command => enoent(command));
		const tools = createTools(run);
		expect(await tools.stdoutOf('ss', ['-xH'])).toBeNull();
		expect(await tools.stdoutOf('ss', ['-xlHe'])).toBeNull();
		expect(started).toEqual(['ss -xH']);
		expect([...tools.missing()]).toEqual(['ss']);
	});

	it('blames a missing nsenter on nsenter, not on ss, and still runs ss here', async () => {
		const {run, started} = fakeRun(command => (command === 'nsenter' ? enoent(command) : printed('u_str ESTAB 0 0 * 1 * 2\n')));
		const tools = createTools(run);
		expect(await tools.stdoutIn(42, 'ss', ['-xH'])).toBeNull();
		expect(await tools.stdoutIn(43, 'ss', ['-xH'])).toBeNull();
		expect(await tools.stdoutIn(42, 'cat', ['/proc/sys/net/ipv4/ip_local_port_range'])).toBeNull();
		expect(await tools.stdoutOf('ss', ['-xH'])).toBe('u_str ESTAB 0 0 * 1 * 2\n');
		expect(started).toEqual(['nsenter --net=/proc/42/ns/net -- ss -xH', 'ss -xH']);
		expect([...tools.missing()]).toEqual(['nsenter']);
	});

	it('takes nsenter\'s 127 as the command it was to run being missing, for that command only', async () => {
		const {run, started} = fakeRun((_command, args) => (args.includes('ss') ? nsenterNotFound('ss') : printed('32768\t60999\n')));
		const tools = createTools(run);
		expect(await tools.stdoutIn(42, 'ss', ['-xH'])).toBeNull();
		expect(await tools.stdoutIn(42, 'ss', ['-xH'])).toBeNull();
		expect(await tools.stdoutOf('ss', ['-xH'])).toBeNull();
		expect(await tools.stdoutIn(42, 'cat', ['/proc/sys/net/ipv4/ip_local_port_range'])).toBe('32768\t60999\n');
		expect(started).toEqual(['nsenter --net=/proc/42/ns/net -- ss -xH', 'nsenter --net=/proc/42/ns/net -- cat /proc/sys/net/ipv4/ip_local_port_range']);
		expect([...tools.missing()]).toEqual(['ss']);
	});

	it('does not enter a namespace to run a tool already found missing here', async () => {
		const {run, started} = fakeRun(command => (command === 'ss' ? enoent(command) : printed('')));
		const tools = createTools(run);
		await tools.stdoutOf('ss', ['-xH']);
		expect(await tools.stdoutIn(42, 'ss', ['-xH'])).toBeNull();
		expect(started).toEqual(['ss -xH']);
	});

	it('does not run a tool that failed otherwise (timeout, non-zero exit) again at once, but 10 s later, then 20, 40, up to 160 s, until it answers', async () => {
		let next: FileRun = {kind: 'failed', code: 'SIGNAL', message: 'ss was killed (SIGTERM)'};
		const {run, started} = fakeRun(() => next);
		let clock = 0;
		const tools = createTools(run, () => clock);
		const runsAt = async (at: number) => {
			clock = at;
			const before = started.length;
			await tools.stdoutOf('ss', ['-tulnHe']);
			return started.length - before;
		};

		expect(await runsAt(0)).toBe(1);
		expect(await runsAt(2000)).toBe(0);
		expect(tools.trouble('ss', null, '-tulnHe')).toBe('timeout');
		expect(await runsAt(9999)).toBe(0);
		expect(await runsAt(10_000)).toBe(1);
		expect(await runsAt(29_999)).toBe(0);
		expect(await runsAt(30_000)).toBe(1);
		expect([await runsAt(69_999), await runsAt(70_000)]).toEqual([0, 1]);
		expect([await runsAt(149_999), await runsAt(150_000)]).toEqual([0, 1]);
		expect([await runsAt(309_999), await runsAt(310_000)]).toEqual([0, 1]);
		expect([await runsAt(469_999), await runsAt(470_000)]).toEqual([0, 1]);
		// Another first argument, and the same one in a namespace, are runs of their own.
		await tools.stdoutOf('ss', ['-xaH']);
		await tools.stdoutIn(42, 'ss', ['-tulnHe']);
		expect(started.slice(-2)).toEqual(['ss -xaH', 'nsenter --net=/proc/42/ns/net -- ss -tulnHe']);
		next = printed('', 1);
		expect([await runsAt(630_000), await runsAt(631_000)]).toEqual([1, 0]);
		expect(tools.trouble('ss', null, '-tulnHe')).toBeUndefined();
		next = printed('tcp LISTEN 0 5 *:80 *:* ino:1 v6only:0\n');
		expect(await runsAt(790_000)).toBe(1);
		// Once it answered, a failure waits 10 s again.
		next = {kind: 'failed', code: 'SIGNAL', message: 'ss was killed (SIGTERM)'};
		expect([await runsAt(790_001), await runsAt(800_000), await runsAt(800_001)]).toEqual([1, 0, 1]);
		expect(tools.missing().size).toBe(0);
	});

	it('caps what a tool may print, here and through nsenter: an answer over the cap is none, and the tool is not missing', async () => {
		const asked: unknown[] = [];
		const run: Run = async (_command, _args, options) => {
			asked.push(options);
			return {kind: 'failed', code: 'EFBIG', message: `ss printed more than ${MAX_OUTPUT_BYTES} bytes`};
		};

		const tools = createTools(run);
		expect(await tools.stdoutOf('ss', ['-xaH'])).toBeNull();
		expect(await tools.stdoutIn(42, 'ss', ['-xaH'])).toBeNull();
		expect(asked).toStrictEqual([{timeout: 3000, maxBytes: MAX_OUTPUT_BYTES}, {timeout: 3000, maxBytes: MAX_OUTPUT_BYTES}]);
		expect(tools.missing().size).toBe(0);
	});

	it('remembers why the last run here or in a namespace gave no answer (timeout, too long) until the next one there', async () => {
		let next: FileRun = {kind: 'failed', code: 'SIGNAL', message: 'nsenter was killed (SIGTERM)'};
		// Each run a minute after the last: none waits for one that failed (retryAfter).
		let clock = 0;
		const tools = createTools(async () => next, () => (clock += 60_000));
		await tools.stdoutIn(42, 'ss', ['-xaH']);
		expect(tools.trouble('ss', 42, '-xaH')).toBe('timeout');
		expect(tools.trouble('ss', 43, '-xaH')).toBeUndefined();
		expect(tools.trouble('ss', null, '-xaH')).toBeUndefined();
		next = {kind: 'failed', code: 'EFBIG', message: `ss printed more than ${MAX_OUTPUT_BYTES} bytes`};
		await tools.stdoutOf('ss', ['-xaH']);
		expect(tools.trouble('ss', null, '-xaH')).toBe('too long');
		next = printed('');
		await tools.stdoutIn(42, 'ss', ['-xaH']);
		expect(tools.trouble('ss', 42, '-xaH')).toBeUndefined();
		expect(tools.trouble('ss', null, '-xaH')).toBe('too long');
		// ss -xlHe, asked at once beside -xaH, answering does not clear -xaH's trouble.
		await tools.stdoutOf('ss', ['-xlHe']);
		expect(tools.trouble('ss', null, '-xaH')).toBe('too long');
		expect(tools.trouble('ss', null, '-xlHe')).toBeUndefined();
	});

	it('words the lines of a timeout and of too long an answer in another namespace', () => {
		expect(ssTroubleLine('timeout', true)).toBe('unix peers and queues in another network namespace: ss did not answer within 3 s');
		expect(ssTroubleLine('too long', true)).toBe('unix peers and queues in another network namespace: ss printed more than 64 MiB (hundreds of thousands of unix sockets?)');
		expect(ssTroubleLine('timeout', false, 'v6only')).toBe('IPv6-only flags (tcp46 or tcp6): ss did not answer within 3 s');
		expect(ssTroubleLine('timeout', true, 'v6only')).toBe('IPv6-only flags (tcp46 or tcp6) in another network namespace: ss did not answer within 3 s');
	});
});
