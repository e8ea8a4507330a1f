import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {hasPython} from '../helpers/hostile.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';
import {errorText, findNode, headerProblems, makeNamespace, parseHeader, statusKb} from './helpers.js';

/**
 * Soak: the live view at -d 0.1 for 10 minutes under a steady load: 2,000
 * sockets over 50 processes (bench/load.mjs) with one listener opened and
 * closed every 100 ms, plus 10 short-lived processes a second with their own
 * sockets (new rows, gone rows, new PIDs for every cache to remember). RSS at
 * the end must be within 10% of RSS after the first minute (medians over a
 * minute, as garbage collection saws RSS up and down): no cache of users,
 * services, diffs or processes grows without bound. RSS, as issue 7 says, not
 * its anonymous part alone: a leak grows both, and the heap here is ~10 MB of the
 * ~51, so 10% of RSS is the looser bound the issue meant. What RSS also counts is
 * Node's code, which the kernel drops under memory pressure: one soak failed when
 * another process filled the machine's memory until the OOM killer ran (VmRSS 51
 * -> 16 MB in the 8th minute). Rerun such a failure on a quiet machine.
 *
 * socktop reads the whole machine, so on a shared machine other work would move
 * its RSS far more than any leak. Everything therefore runs in private PID,
 * mount and network namespaces (unshare + ip netns, root): socktop sees exactly
 * this load and nothing else.
 */
const MINUTES = Number(process.env['SOCKTOP_SOAK_MINUTES'] ?? 10);
const isRoot = process.getuid?.() === 0;
const hasUnshare = spawnSync('unshare', ['--version']).status === 0;
const canRun = process.platform === 'linux' && isRoot && hasUnshare && hasTmux && hasPython && isBuilt;
if (!canRun) {
	console.warn(`soak: skipped, needs Linux, root (namespaces), unshare, tmux, python3 and a build at ${cliPath}`);
}

const load = fileURLToPath(new URL('../../bench/load.mjs', import.meta.url));
const churn = fileURLToPath(new URL('../helpers/churn.py', import.meta.url));
const namespace = makeNamespace('soak');
const directory = mkdtempSync(path.join(tmpdir(), 'socktop-soak-'));
let pane: TmuxPane | undefined;
afterAll(() => {
	// Killing the pane ends the namespace's first process, and with it every process inside.
	pane?.kill();
	namespace.remove();
	rmSync(directory, {recursive: true, force: true});
});

it.skipIf(!canRun)(`keeps its memory flat for ${MINUTES} minutes at -d 0.1`, async () => {
	const seconds = Math.ceil(MINUTES * 60 + 120);
	// The load keeps its sockets while its stdin stays open (the sleep), and tears down when the pane dies.
	const inner = [
		`sleep ${seconds} | ${process.execPath} ${load} --sockets 2000 --procs 50 --churn 100 >/dev/null &`,
		`python3 ${churn} 10 ${seconds} ${directory} >/dev/null &`,
		'sleep 10',
		`${process.execPath} ${cliPath} -d 0.1`,
		'echo EXIT=$?',
		`sleep ${seconds}`,
	].join('\n');
	pane = new TmuxPane(`unshare --pid --fork --mount-proc ip netns exec ${namespace.name} sh -c '${inner}'`, 160, 40);
	await pane.waitFor(screen => (parseHeader(screen)?.total ?? 0) >= 2000 && pane!.isRawMode, 90_000);
	const socktop = findNode(pane.panePid)!;
	expect(socktop).toBeGreaterThan(0);

	const samples: Array<{second: number; rssKb: number; sockets: number}> = [];
	const problems: string[] = [];
	const started = Date.now();
	while (Date.now() - started < MINUTES * 60_000) {
		await sleep(5000);
		const rssKb = statusKb(socktop, 'VmRSS');
		if (rssKb === null) {
			throw new Error(`the live view exited after ${Math.round((Date.now() - started) / 1000)} s:\n${pane.capture()}`);
		}

		const screen = pane.capture();
		const counts = parseHeader(screen);
		samples.push({second: Math.round((Date.now() - started) / 1000), rssKb, sockets: counts?.total ?? Number.NaN});
		if (counts === null) {
			problems.push(`no header at ${samples.at(-1)!.second} s`);
		} else {
			problems.push(...headerProblems(counts));
		}

		if (errorText.test(screen)) {
			problems.push(`error text on screen:\n${screen}`);
		}
	}

	// RSS saws up and down with each garbage collection: compare the median of the
	// second minute with the median of the last minute, not two single readings.
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const window = (from: number, to: number) => samples.filter(sample => sample.second >= from && sample.second < to);
	const total = samples.at(-1)!.second;
	const early = window(60, 120);
	const late = window(total - 60, total + 1);
	const earlyKb = median(early.map(sample => sample.rssKb));
	const lateKb = median(late.map(sample => sample.rssKb));
	const change = (lateKb - earlyKb) / earlyKb;
	console.log(
		`soak: ${MINUTES} min at -d 0.1; median RSS in minute 2 ${(earlyKb / 1024).toFixed(1)} MB (~${median(early.map(sample => sample.sockets))} sockets), ` +
			`in the last minute ${(lateKb / 1024).toFixed(1)} MB (~${median(late.map(sample => sample.sockets))} sockets): ${(change * 100).toFixed(1)}%; ` +
			`peak ${((statusKb(socktop, 'VmHWM') ?? 0) / 1024).toFixed(1)} MB; RSS MB every 5 s: ${samples.map(sample => (sample.rssKb / 1024).toFixed(0)).join(' ')}`,
	);
	expect(problems).toEqual([]);
	expect(Math.abs(change)).toBeLessThan(0.1);

	pane.keys('q');
	expect(await pane.waitFor(text => text.includes('EXIT='), 30_000)).toContain('EXIT=0');
});
