import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it, onTestFinished} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * Quitting while lsof runs (a hung lsof: a dead NFS mount) ends socktop at once, with the
 * exit code of that way out, and ends lsof too: a child is not killed with its parent,
 * and socktop used to wait for it (the live view) or leave it running (--once). Run
 * against the built bundle in a real terminal, with a fake lsof first in PATH that
 * writes its pid down and sleeps; in some scenarios it also ignores SIGTERM and SIGINT.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`tool-exit: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);
}

/** Far longer than any wait below: a socktop that waits for it fails the test. */
const FAKE_LSOF_SECONDS = 60;
/** "At once", with room for a loaded machine running the whole suite; the bug took 60 s. */
const PROMPTLY_MS = 3000;

const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-fake-lsof-'));
const fakeLsof = path.join(directory, 'lsof');
writeFileSync(
	fakeLsof,
	[
		'#!/bin/sh',
		'echo $$ > "$FAKE_LSOF_PIDFILE"',
		'[ -n "$FAKE_LSOF_STUBBORN" ] && trap \'\' TERM INT HUP',
		`exec sleep ${FAKE_LSOF_SECONDS}`,
		'',
	].join('\n'),
);
chmodSync(fakeLsof, 0o755);

const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) pane.kill();
	rmSync(directory, {recursive: true, force: true});
});

type Scenario = {
	readonly name: string;
	readonly args: string;
	/** tmux keys, or a signal sent to socktop alone (as kill, timeout(1) or a supervisor sends it). */
	readonly keys?: string;
	readonly signal?: NodeJS.Signals;
	/** The fake lsof ignores SIGTERM, SIGINT and SIGHUP: socktop must not wait on it, nor leave it running. */
	readonly isStubborn: boolean;
	readonly code: number;
};

const scenarios: Scenario[] = [
	{name: 'q in the live view', args: '', keys: 'q', isStubborn: false, code: 0},
	{name: 'q in the live view, lsof ignoring SIGTERM', args: '', keys: 'q', isStubborn: true, code: 0},
	{name: 'Ctrl-C in the live view', args: '', keys: 'C-c', isStubborn: false, code: 130},
	{name: 'SIGTERM to the live view', args: '', signal: 'SIGTERM', isStubborn: false, code: 143},
	{name: 'SIGHUP to the live view, lsof ignoring SIGTERM', args: '', signal: 'SIGHUP', isStubborn: true, code: 129},
	// The terminal's SIGINT reaches lsof as well (same process group), but this one ignores it.
	{name: 'Ctrl-C during --once, lsof ignoring SIGINT and SIGTERM', args: '--once', keys: 'C-c', isStubborn: true, code: 130},
	{name: 'SIGTERM during --once', args: '--once', signal: 'SIGTERM', isStubborn: false, code: 143},
	{name: 'SIGTERM during --json, lsof ignoring SIGTERM', args: '--json', signal: 'SIGTERM', isStubborn: true, code: 143},
];

/** The only child of `pid`. */
function childOf(pid: number): number {
	const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
	expect(children).toHaveLength(1);
	return Number(children[0]);
}

/** Running: exists and is not a zombie (an ended process whose status nobody has read yet). */
function isRunning(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

async function waitForFile(file: string, timeoutMs: number, missing = 'socktop never ran the fake lsof'): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
		if (Date.now() > deadline) throw new Error(`${missing} (${file})`);
		await sleep(50);
	}

	return readFileSync(file, 'utf8').trim();
}

describe.skipIf(!canRun)('quitting while lsof runs', () => {
	it.concurrent.each(scenarios)('$name: socktop exits with $code at once, and lsof is ended', async scenario => {
		const pidFile = path.join(directory, `${scenarios.indexOf(scenario)}.pid`);
		const environment = `FAKE_LSOF_PIDFILE='${pidFile}' ${scenario.isStubborn ? 'FAKE_LSOF_STUBBORN=1 ' : ''}PATH='${directory}':"$PATH"`;
		const script = [
			// The shell keeps going when the terminal's Ctrl-C ends the one-shot run, to report it.
			"trap '' INT",
			`${environment} ${process.execPath} ${cliPath} --backend lsof ${scenario.args}`,
			'echo "EXIT""=$?"',
			'sleep 600',
		].join('; ');
		const pane = new TmuxPane(script, 100, 30);
		panes.push(pane);
		const lsof = Number(await waitForFile(pidFile, 15_000));
		const socktop = childOf(pane.panePid);
		expect(isRunning(lsof)).toBe(true);
		if (scenario.args === '') {
			// The live view reads keys: its header is drawn and the terminal is in raw mode.
			await pane.waitFor(screen => /\bPROTO\b/.test(screen) && pane.isRawMode);
		}

		await sleep(300);
		const started = Date.now();
		if (scenario.keys === undefined) {
			process.kill(socktop, scenario.signal);
		} else {
			pane.keys(scenario.keys);
		}

		const screen = await pane.waitFor(text => /EXIT=\d+/.test(text), PROMPTLY_MS);
		expect(Date.now() - started).toBeLessThan(PROMPTLY_MS);
		expect(screen).toContain(`EXIT=${scenario.code}`);
		expect(isRunning(socktop)).toBe(false);
		// Ended, not left running without socktop.
		expect(isRunning(lsof)).toBe(false);
		expect(screen).not.toMatch(/lsof (failed|was killed)/);
	});
});

describe.skipIf(!canRun)('the terminal hanging up while lsof runs', () => {
	it('ends lsof too, and socktop exits with 129 at once', async () => {
		const [pidFile, rcFile] = [path.join(directory, 'hangup.pid'), path.join(directory, 'hangup.rc')];
		const script = [
			// The shell ignores SIGHUP so it outlives the terminal and can record how socktop ended;
			// socktop learns of the hangup from EIO and end of input on the dead terminal.
			"trap '' HUP",
			`FAKE_LSOF_PIDFILE='${pidFile}' FAKE_LSOF_STUBBORN=1 PATH='${directory}':"$PATH" ${process.execPath} ${cliPath} --backend lsof 2>/dev/null`,
			`echo $? > '${rcFile}'`,
		].join('; ');
		const pane = new TmuxPane(script, 100, 30);
		panes.push(pane);
		const lsof = Number(await waitForFile(pidFile, 15_000));
		onTestFinished(() => {
			if (isRunning(lsof)) process.kill(lsof, 'SIGKILL');
		});
		await pane.waitFor(screen => /\bPROTO\b/.test(screen) && pane.isRawMode);
		await sleep(300);
		pane.kill();
		expect(await waitForFile(rcFile, PROMPTLY_MS, 'socktop did not end')).toBe('129');
		// An lsof that ignores the hangup is ended by socktop, or nothing ends it.
		expect(isRunning(lsof)).toBe(false);
	});
});
