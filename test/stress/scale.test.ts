import {afterAll, expect, it} from 'vitest';
import {startLoad, type Load} from '../../bench/load.mjs';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {hasTmux, sleep, type TmuxPane} from '../helpers/tmux.js';
import {cpuMs, findNode, headerProblems, makeNamespace, parseHeader, startLiveView, statusKb} from './helpers.js';

/**
 * Scale: 50,000 sockets held by 500 processes (bench/load.mjs, in a network
 * namespace of its own). The live view at its default interval must answer a
 * key pressed while a refresh is running within a second, and its memory must
 * stay bounded (peak RSS printed for bench/RESULTS.md).
 */
const SOCKETS = Number(process.env['SOCKTOP_STRESS_SOCKETS'] ?? 50_000);
const PROCESSES = Number(process.env['SOCKTOP_STRESS_PROCS'] ?? 500);
const PRESSES = 6;
/** Peak RSS allowed, in MB: about 10 kB per socket, plus Node and Ink. */
const PEAK_RSS_MB = 800;
const HELP_TEXT = 'select the previous socket';

const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`scale: skipped, needs Linux, tmux and a build at ${cliPath}`);
}

const namespace = makeNamespace('scale');
let load: Load | undefined;
let pane: TmuxPane | undefined;
afterAll(async () => {
	pane?.kill();
	await load?.stop();
	namespace.remove();
});

/** Wait until socktop has been on-CPU for most of the last 50 ms: a refresh is running. */
async function untilBusy(pid: number, timeoutMs = 15_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	let before = cpuMs(pid);
	let at = performance.now();
	while (Date.now() < deadline) {
		await sleep(50);
		const now = cpuMs(pid);
		const wall = performance.now() - at;
		if (now - before >= 0.6 * wall) {
			return true;
		}

		before = now;
		at = performance.now();
	}

	return false;
}

it.skipIf(!canRun)(`answers keys within a second with ${SOCKETS} sockets over ${PROCESSES} processes`, async () => {
	load = await startLoad({sockets: SOCKETS, procs: PROCESSES, netns: namespace.name});
	pane = startLiveView('', 160, 40, null);
	const first = await pane.waitFor(screen => (parseHeader(screen)?.total ?? 0) >= SOCKETS && pane!.isRawMode, 180_000);
	expect(headerProblems(parseHeader(first)!)).toEqual([]);
	const socktop = findNode(pane.panePid)!;

	const latencies: number[] = [];
	for (let press = 0; press < PRESSES; press++) {
		expect(await untilBusy(socktop), 'a refresh never started').toBe(true);
		const pressed = performance.now();
		pane.keys('?');
		await pane.waitFor(screen => screen.includes(HELP_TEXT), 10_000);
		latencies.push(performance.now() - pressed);
		pane.keys('Escape');
		await pane.waitFor(screen => !screen.includes(HELP_TEXT) && parseHeader(screen) !== null, 10_000);
	}

	const screen = pane.capture();
	const counts = parseHeader(screen)!;
	expect(headerProblems(counts)).toEqual([]);
	const peakKb = statusKb(socktop, 'VmHWM')!;
	const rssKb = statusKb(socktop, 'VmRSS')!;
	console.log(
		`scale: ${counts.total} sockets (${load.counts.processes} holders, setup ${(load.setupMs / 1000).toFixed(1)} s); ` +
			`key latency during a refresh ms: ${latencies.map(value => value.toFixed(0)).join(', ')} (max ${Math.max(...latencies).toFixed(0)}); ` +
			`peak RSS ${(peakKb / 1024).toFixed(0)} MB, RSS now ${(rssKb / 1024).toFixed(0)} MB`,
	);
	expect(Math.max(...latencies)).toBeLessThan(1000);
	expect(peakKb / 1024).toBeLessThan(PEAK_RSS_MB);

	pane.keys('q');
	expect(await pane.waitFor(text => text.includes('EXIT='), 30_000)).toContain('EXIT=0');
});
