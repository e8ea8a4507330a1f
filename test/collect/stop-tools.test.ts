import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {sleep} from '../helpers/tmux.js';

/**
 * stopRunningTools ends socktop's tools when socktop ends. It latches (no run resolves
 * afterwards), so each test loads a fresh copy of the module.
 */
type RunToFiles = typeof import('../../source/collect/run-to-files.js');
let tools: RunToFiles;
let directory: string;

beforeEach(async () => {
	vi.resetModules();
	tools = await import('../../source/collect/run-to-files.js');
	directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-stop-'));
});

afterEach(() => {
	rmSync(directory, {recursive: true, force: true});
});

/**
 * A shell tool that runs `setup`, then writes its pid to `name`.pid (whole, by a rename:
 * a reader never sees an empty file), then runs `body` (exec keeps the pid). What must
 * hold before the test acts (a trap) goes in `setup`: the pid file is the test's go.
 */
const script = (name: string, body: string, setup = '') =>
	`${setup} echo $$ > '${directory}/${name}.tmp' && mv '${directory}/${name}.tmp' '${directory}/${name}.pid'; ${body}`;

async function pidOf(name: string): Promise<number> {
	const file = path.join(directory, `${name}.pid`);
	for (let tries = 0; tries < 200 && !existsSync(file); tries++) await sleep(10);
	return Number(readFileSync(file, 'utf8'));
}

/** Running: exists and is not a zombie (a zombie has ended; only its parent has not read its status yet). */
function isRunning(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

/** Whether `promise` has settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	return Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);
}

if (process.platform !== 'linux') console.warn('stopRunningTools tests skipped: Linux only');

describe.skipIf(process.platform !== 'linux')('stopRunningTools', () => {
	it('ends a running tool with SIGTERM and resolves once it has exited; the run itself never resolves', async () => {
		const run = tools.runToFiles('sh', ['-c', script('tool', 'exec sleep 30')]);
		const pid = await pidOf('tool');
		expect(isRunning(pid)).toBe(true);
		const started = Date.now();
		await tools.stopRunningTools();
		// SIGTERM ends sleep at once: no waiting out the grace period.
		expect(Date.now() - started).toBeLessThan(tools.STOP_GRACE_MS);
		expect(isRunning(pid)).toBe(false);
		// Nothing downstream goes on: no error for a tool killed on purpose.
		expect(await settlesWithin(run, 300)).toBe(false);
	});

	it('sends SIGKILL to a tool that ignores SIGTERM once the grace period is over, and does not wait for more', async () => {
		// Ignored dispositions survive exec: this sleep ignores SIGTERM.
		void tools.runToFiles('sh', ['-c', script('stubborn', 'exec sleep 30', "trap '' TERM INT;")]);
		const pid = await pidOf('stubborn');
		const started = Date.now();
		await tools.stopRunningTools(100);
		const took = Date.now() - started;
		expect(took).toBeGreaterThanOrEqual(90);
		expect(took).toBeLessThan(1000);
		// SIGKILL is sent, not awaited; it lands at once here.
		for (let tries = 0; tries < 100 && isRunning(pid); tries++) await sleep(10);
		expect(isRunning(pid)).toBe(false);
	});

	it('ends every tool running, and starts none afterwards', async () => {
		void tools.runToFiles('sh', ['-c', script('first', 'exec sleep 30')]);
		void tools.runToFiles('sh', ['-c', script('second', 'exec sleep 30')]);
		const pids = [await pidOf('first'), await pidOf('second')];
		await tools.stopRunningTools();
		expect(pids.filter(pid => isRunning(pid))).toEqual([]);
		const late = tools.runToFiles('sh', ['-c', script('late', 'exit 0')]);
		expect(await settlesWithin(late, 300)).toBe(false);
		expect(existsSync(path.join(directory, 'late.pid'))).toBe(false);
	});

	it('resolves at once when no tool is running', async () => {
		expect(await tools.runToFiles('true', [])).toMatchObject({kind: 'exited', code: 0});
		expect(await settlesWithin(tools.stopRunningTools(), 50)).toBe(true);
	});
});
