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

	it('runs a tool that failed otherwise (non-zero exit, timeout) again', async () => {
		const {run, started} = fakeRun(() => ({kind: 'failed', code: 'SIGNAL', message: 'ss was killed (SIGTERM)'}));
		const tools = createTools(run);
		await tools.stdoutOf('ss', ['-xH']);
		await tools.stdoutOf('ss', ['-xH']);
		expect(started).toEqual(['ss -xH', 'ss -xH']);
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
		const tools = createTools(async () => next);
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
	});
});
