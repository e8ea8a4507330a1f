/**
 * Issue 2: `socktop --once --json` against `ss -tunap` and `lsof -nP -i`, whole
 * processes, alternating, under the project's own loopback load.
 */
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import {startLoad} from './load.mjs';
import {alternate, cli, median, ms, openFiles, ratio, root, table} from './lib/measure.mjs';

/** The least a Node program must do to answer what ss -tunap answers (see floor.mjs). */
const floor = path.join(root, 'bench', 'floor.mjs');

/** lsof is given fewer runs once one run takes longer than this. */
const SLOW_LSOF_MS = 5000;
const SLOW_LSOF_RUNS = 3;

/** Targets from the issue: socktop / ss -tunap at most this, per size. */
const TARGETS = {10000: 1.3, 50000: 0.5};

/**
 * Node reads the CA bundle NODE_EXTRA_CA_CERTS names at every start, TLS or not (~40 ms for a
 * 220 KB bundle on the 2-core VM of bench/RESULTS.md, where `node -e 0` is ~65 ms with it and ~25
 * without). Where it is set, socktop and the floor are also timed without it (`env -u`), as on a
 * machine that does not set it; ss and lsof do not load it.
 */
const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';
const withoutExtraCa = (commands) =>
	process.env[EXTRA_CA] ? commands.map(({name, argv}) => ({name, argv: ['env', '-u', EXTRA_CA, ...argv]})) : [];

/** The lines saying what the runs without NODE_EXTRA_CA_CERTS gave, where there were such runs. */
const extraCaLines = (results) =>
	results
		.filter(({times}) => times['socktop-noca'] !== undefined)
		.map(({sockets, procs, times}) => {
			const [s, ss, floor1] = [median(times['socktop-noca']), median(times.ss), median(times['floor-noca'])];
			return `- ${sockets} / ${procs} without ${EXTRA_CA}: socktop ${ms(s)} ms (${ratio(s, ss)}x ss), Node floor (1 thread) ${ms(floor1)} ms (${ratio(floor1, ss)}x ss)`;
		});

/**
 * What one socktop run reports: all rows, and the rows of the load's holders
 * (proof it sees them, not just that it is fast).
 */
const coverage = (load) => {
	const text = execFileSync(process.execPath, [cli, '--once', '--json'], {encoding: 'utf8', maxBuffer: 1 << 30});
	const holders = new Set(load.holders);
	const sockets = JSON.parse(text).sockets;
	const ours = sockets.filter((socket) => holders.has(socket.pid));
	const expected = Object.entries(load.counts).filter(([key]) => key !== 'processes').reduce((sum, [, n]) => sum + n, 0);
	return {total: sockets.length, ours: ours.length, expected};
};

/** Rows `ss -tunapH` prints: what ss has to attribute. */
const ssRows = () => execFileSync('ss', ['-tunapH'], {encoding: 'utf8', maxBuffer: 1 << 30}).split('\n').filter(Boolean).length;

/**
 * Runs one size in the host namespace, as a user would. socktop reads every
 * namespace's tables (ss only its own), so it is measured doing its default job.
 */
const runSize = async ({sockets, procs}, runs) => {
	const load = await startLoad({sockets, procs});
	try {
		const seen = coverage(load);
		const context = {ssRows: ssRows(), files: openFiles()};
		const times = await alternate(
			[
				{name: 'socktop', argv: [process.execPath, cli, '--once', '--json']},
				{name: 'ss', argv: ['ss', '-tunap']},
				{name: 'floor', argv: [process.execPath, floor]},
				{name: 'floor2', argv: [process.execPath, floor, '--threads', '2']},
				// lsof exits 1 when anything it looked at raised an error (lsof(8), DIAGNOSTICS); its output still counts.
				{name: 'lsof', argv: ['lsof', '-nP', '-i'], okCodes: [0, 1]},
				...withoutExtraCa([
					{name: 'socktop-noca', argv: [process.execPath, cli, '--once', '--json']},
					{name: 'floor-noca', argv: [process.execPath, floor]},
				]),
			],
			runs,
			(name, sofar) => (name === 'lsof' && sofar.some((t) => t > SLOW_LSOF_MS) ? Math.min(runs, SLOW_LSOF_RUNS) : runs),
		);
		return {sockets, procs, setupMs: load.setupMs, context, seen, times};
	} finally {
		await load.stop();
	}
};

/** The benchmark: prints a markdown table; returns the raw numbers. */
export const benchOnce = async ({sizes, runs}) => {
	const results = [];
	for (const size of sizes) {
		process.stderr.write(`once: ${size.sockets} sockets / ${size.procs} processes...\n`);
		results.push(await runSize(size, runs));
	}
	const rows = results.map(({sockets, procs, context, seen, times}) => {
		const [s, ss, lsof, floor1, floor2] = [median(times.socktop), median(times.ss), median(times.lsof), median(times.floor), median(times.floor2)];
		const least = Math.min(floor1, floor2);
		const target = TARGETS[sockets];
		// When even the lower floor is over the target, no program started with `node` meets it here.
		const reach = target && ratio(least, ss) > target ? '; out of reach for Node (floor over it)' : '';
		const verdict = target ? `${ratio(s, ss) <= target ? 'met' : 'MISSED'} (<= ${target}x ss${reach})` : '-';
		return [
			`${sockets} / ${procs}`,
			`${seen.ours}/${seen.expected}`,
			`${seen.total} / ${context.ssRows} / ${context.files}`,
			`${ms(s)} (${times.socktop.length})`,
			`${ms(ss)} (${times.ss.length})`,
			`${ms(lsof)} (${times.lsof.length})`,
			`${ms(floor1)} / ${ms(floor2)} (${times.floor.length})`,
			ratio(s, ss),
			ratio(least, ss),
			ratio(s, lsof),
			verdict,
		];
	});
	console.log('\n### socktop --once --json vs ss -tunap vs lsof -nP -i (median wall ms, (runs); host namespace)\n');
	console.log('"Node floor" is bench/floor.mjs: Node\'s start, this namespace\'s /proc/net/{tcp,tcp6,udp,udp6} read and every fd link read, nothing parsed or printed: the least any program started with `node` must do to answer what ss -tunap answers; with one thread, then with a worker thread walking half the processes. "floor/ss" is the lower of the two; over a target, no Node program meets that target on this machine.\n');
	console.log('"Rows" is what each tool had to handle in that run: socktop JSON rows (every namespace, unix included) / ss -tunapH lines (this namespace, inet only) / open files on the machine (/proc/sys/fs/file-nr; every tool walks every /proc/PID/fd).\n');
	console.log(table(
		['load (sockets / procs)', 'load sockets socktop saw', 'rows: socktop / ss / open files', 'socktop', 'ss -tunap', 'lsof -nP -i', 'Node floor (1 / 2 threads)', 'socktop/ss', 'floor/ss', 'socktop/lsof', 'target'],
		rows,
	));
	const noCa = extraCaLines(results);
	if (noCa.length > 0) {
		console.log(`\nThis environment sets ${EXTRA_CA} (${process.env[EXTRA_CA]}), which Node loads at every start; the same runs without it, as on a machine that does not set it:\n`);
		console.log(noCa.join('\n'));
	}
	return results;
};
