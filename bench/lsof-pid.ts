/**
 * The lsof backend's PID view, refreshed N times as the live view does, two ways in turn
 * (so both see the same load): as it is, and with +E on every refresh (as before it kept
 * +E reads, commit 33e103e), by a collector whose clock jumps past the +E read's lifetime
 * each time. Prints wall time per refresh and which lsof command lines ran. The refreshes run
 * back to back, but the collector's clock moves --interval seconds (the live view's default
 * 2) between them, so its +E reads come as often as they would live. The target is a python3
 * process holding a pipe and a unix socket whose other ends its forked child holds, or --pid N.
 *
 *   npx tsx bench/lsof-pid.ts [--runs 50] [--interval 2] [--pid N]
 *
 * Linux only (+E); needs lsof and python3.
 */
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {readdirSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {createLsofCollector, lsofMissing} from '../source/collect/lsof/index.js';
import {runTool} from '../source/collect/lsof/run-tool.js';

const {values} = parseArgs({options: {runs: {type: 'string', default: '50'}, interval: {type: 'string', default: '2'}, pid: {type: 'string'}}});
const runs = Number(values.runs);
const interval = Number(values.interval) * 1000;
const holder = [
	'import os, socket, sys',
	'a, b = socket.socketpair(); r, w = os.pipe()',
	'if os.fork() == 0:',
	'    a.close(); os.close(r); sys.stdin.read(); os._exit(0)',
	'b.close(); os.close(w); print(os.getpid(), flush=True); sys.stdin.read()',
].join('\n');
const child = values.pid === undefined ? spawn('python3', ['-c', holder], {stdio: ['pipe', 'pipe', 'ignore']}) : null;
const pid = child === null ? Number(values.pid) : Number(String((await once(child.stdout!, 'data'))[0]).trim());
const processCount = () => readdirSync('/proc').filter(name => /^\d+$/u.test(name)).length;

const real = runTool(lsofMissing);
const ways = [
	{name: '+E when needed', step: interval},
	{name: '+E every refresh', step: 3_600_000},
].map(({name, step}) => {
	const lines = new Map<string, number>();
	let clock = Date.now();
	let ranPlusE = false;
	let inLsof = 0;
	const collector = createLsofCollector({
		now: () => clock,
		async run(command, args) {
			const line = [command, ...args].join(' ');
			lines.set(line, (lines.get(line) ?? 0) + 1);
			ranPlusE ||= args.includes('+E');
			const start = performance.now();
			const output = await real(command, args);
			inLsof += performance.now() - start;
			return output;
		},
	});
	const times = {'with +E': [] as number[], 'without +E': [] as number[]};
	const lsofTimes = {'with +E': [] as number[], 'without +E': [] as number[]};
	const refresh = async () => {
		ranPlusE = false;
		inLsof = 0;
		const start = performance.now();
		const detail = await collector.process(pid);
		const kind = ranPlusE ? 'with +E' : 'without +E';
		times[kind].push(performance.now() - start);
		lsofTimes[kind].push(inLsof);
		clock += step;
		if (detail.process === null) throw new Error(`PID ${pid} is gone`);
	};

	return {name, lines, times, lsofTimes, refresh};
});

const before = processCount();
for (let index = 0; index < runs; index++) {
	for (const way of ways) await way.refresh();
}

child?.stdin!.end();
const ms = (value: number) => `${value.toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
console.log(`${runs} refreshes each of PID ${pid}, ${interval / 1000} s apart by the collector's clock; ${before} processes on the host before, ${processCount()} after`);
for (const {name, lines, times, lsofTimes} of ways) {
	const all = [...times['with +E'], ...times['without +E']];
	console.log(`${name}: mean ${ms(mean(all))} per refresh`);
	for (const kind of ['with +E', 'without +E'] as const) {
		const values = times[kind];
		if (values.length > 0) console.log(`  ${kind}: ${values.length} refreshes, median ${ms(median(values))}, mean ${ms(mean(values))} (waiting for lsof: median ${ms(median(lsofTimes[kind]))})`);
	}

	for (const [line, count] of lines) console.log(`  ${String(count).padStart(4)} x ${line}`);
}
