import {afterAll, expect, it} from 'vitest';
import {isBuilt, cliPath} from '../helpers/cli.js';
import {startChurn} from '../helpers/churn.js';
import {hasPython} from '../helpers/hostile.js';
import {hasTmux, sleep, type TmuxPane} from '../helpers/tmux.js';
import {errorText, findNode, headerProblems, makeNamespace, parseHeader, startLiveView, statusKb} from './helpers.js';

/**
 * Churn: ~100 short-lived processes a second, each opening a TCP connection, a
 * UDP socket and a unix socket and closing them within 0.6 s, for 30 s, while
 * the live view refreshes every 0.2 s. The screen is read every 150 ms: it
 * must never show an error, and the header's counts must never be negative,
 * NaN or inconsistent. Then q must still quit cleanly. The churn runs in a
 * network namespace of its own, which socktop reads through the churning
 * processes themselves: they vanish mid-read all the time.
 */
const SECONDS = 30;
const RATE = 100;
const canRun = process.platform === 'linux' && hasTmux && hasPython && isBuilt;
if (!canRun) {
	console.warn(`churn: skipped, needs Linux, tmux, python3 and a build at ${cliPath}`);
}

const namespace = makeNamespace('churn');
let pane: TmuxPane | undefined;
afterAll(() => {
	pane?.kill();
	namespace.remove();
});

it.skipIf(!canRun)(`survives ${RATE} processes a second for ${SECONDS} s at -d 0.2`, async () => {
		// socktop in the host namespace reads the churn's namespace too (--netns all, the default).
	pane = startLiveView('-d 0.2', 200, 40, null);
	// The first snapshot is in (the header reads 'Sockets 0' while the first scan runs).
	await pane.waitFor(screen => (parseHeader(screen)?.total ?? 0) > 0 && pane!.isRawMode, 30_000);
	const socktop = findNode(pane.panePid)!;
	expect(socktop).toBeGreaterThan(0);

	const churn = await startChurn(RATE, SECONDS, namespace.name);
	const problems: string[] = [];
	const totals: number[] = [];
	const headers = new Set<string>();
	let captures = 0;
	const end = Date.now() + SECONDS * 1000;
	while (Date.now() < end) {
		const screen = pane.capture();
		captures++;
		const counts = parseHeader(screen);
		if (counts === null) {
			problems.push(`no header:\n${screen}`);
		} else {
			totals.push(counts.total);
			headers.add(screen.split('\n').slice(0, 2).join('\n'));
			problems.push(...headerProblems(counts).map(problem => `${problem}\n${screen.split('\n').slice(0, 3).join('\n')}`));
		}

		const error = errorText.exec(screen);
		if (error !== null) {
			problems.push(`error text ${JSON.stringify(error[0])} on screen:\n${screen}`);
		}

		if (problems.length > 5) {
			break;
		}

		await sleep(150);
	}

	const result = await churn.done;
	const rss = statusKb(socktop, 'VmHWM');
	console.log(
		`churn: ${result.spawned} processes in ${result.seconds.toFixed(1)} s (${result.failed} forks failed); ${captures} screens read, ` +
			`${headers.size} distinct headers, sockets ${Math.min(...totals)}-${Math.max(...totals)}, peak RSS ${rss} kB`,
	);
	expect(problems).toEqual([]);
	// The generator kept (nearly) up on 2 busy cores, and the view kept refreshing (the counts moved).
	expect(result.spawned).toBeGreaterThan(0.7 * RATE * SECONDS);
	expect(headers.size).toBeGreaterThan(SECONDS * 2);
	expect(Math.max(...totals)).toBeGreaterThan(Math.min(...totals));

	pane.keys('q');
	const screen = await pane.waitFor(text => text.includes('EXIT='), 15_000);
	expect(screen).toContain('EXIT=0');
});
