import {afterAll, expect, it} from 'vitest';
import {startLoad, type Load} from '../../bench/load.mjs';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {startChurn, type Churn} from '../helpers/churn.js';
import {hasPython} from '../helpers/hostile.js';
import {hasTmux, sleep, type TmuxPane} from '../helpers/tmux.js';
import {errorText, findNode, headerProblems, makeNamespace, parseHeader, startLiveView, statusKb} from './helpers.js';

/**
 * Soak: the live view at -d 0.1 for 10 minutes under a steady load (2,000
 * sockets over 50 processes, one listener opened and closed every 100 ms, and
 * 10 short-lived processes a second with their own sockets, users and ports:
 * new rows, gone rows, new PIDs for every cache to remember). RSS at the end
 * must be within 10% of RSS after the first minute (medians over a minute,
 * as garbage collection saws RSS up and down): no cache (users, services,
 * diffs, processes) grows without bound. socktop reads the whole machine, so
 * other work on it moves RSS too: the socket counts are printed beside it.
 */
const MINUTES = Number(process.env['SOCKTOP_SOAK_MINUTES'] ?? 10);
const canRun = process.platform === 'linux' && hasTmux && hasPython && isBuilt;
if (!canRun) {
	console.warn(`soak: skipped, needs Linux, tmux, python3 and a build at ${cliPath}`);
}

const namespace = makeNamespace('soak');
let load: Load | undefined;
let churn: Churn | undefined;
let pane: TmuxPane | undefined;
afterAll(async () => {
	pane?.kill();
	await churn?.stop();
	await load?.stop();
	namespace.remove();
});

it.skipIf(!canRun)(`keeps its memory flat for ${MINUTES} minutes at -d 0.1`, async () => {
	load = await startLoad({sockets: 2000, procs: 50, netns: namespace.name, churn: 100});
	churn = await startChurn(10, MINUTES * 60 + 30, namespace.name);
	pane = startLiveView('-d 0.1', 160, 40, null);
	await pane.waitFor(screen => parseHeader(screen) !== null && pane!.isRawMode, 60_000);
	const socktop = findNode(pane.panePid)!;

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
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const window = (from: number, to: number) => samples.filter(sample => sample.second >= from && sample.second < to);
	const total = samples.at(-1)!.second;
	const early = window(60, 120);
	const late = window(total - 60, total + 1);
	const earlyKb = median(early.map(sample => sample.rssKb));
	const lateKb = median(late.map(sample => sample.rssKb));
	const change = (lateKb - earlyKb) / earlyKb;
	console.log(
		`soak: ${MINUTES} min at -d 0.1; median RSS MB in minute 2 ${(earlyKb / 1024).toFixed(1)} (machine sockets ~${median(early.map(sample => sample.sockets))}), ` +
			`in the last minute ${(lateKb / 1024).toFixed(1)} (~${median(late.map(sample => sample.sockets))} sockets), ${(change * 100).toFixed(1)}%; ` +
			`peak ${((statusKb(socktop, 'VmHWM') ?? 0) / 1024).toFixed(1)} MB; RSS MB every 5 s: ${samples.map(sample => (sample.rssKb / 1024).toFixed(0)).join(' ')}`,
	);
	expect(problems).toEqual([]);
	expect(Math.abs(change)).toBeLessThan(0.1);

	pane.keys('q');
	expect(await pane.waitFor(text => text.includes('EXIT='), 30_000)).toContain('EXIT=0');
});
