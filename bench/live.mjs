/**
 * Issue 3: what the live view costs in steady state.
 * - Bytes written to the terminal per refresh at 120x40 (-d 0.5) while one
 *   socket appears or disappears every refresh.
 * - CPU time per refresh at the default interval (2 s) with 1k and 10k sockets.
 */
import {execFileSync} from 'node:child_process';
import process from 'node:process';
import {startLoad} from './load.mjs';
import {cli, cpuMs, isNodeProcess, median, ms, sleep, table} from './lib/measure.mjs';
import {inNetns, isolate} from './lib/netns.mjs';
import {scriptPty} from './lib/pty.mjs';
import {TABLE_HEADER} from './startup.mjs';


/** Groups writes separated by more than `gapMs` of silence: one group per redraw. */
const bursts = (chunks, gapMs) => {
	const groups = [];
	let last = -Infinity;
	for (const [at, bytes] of chunks) {
		if (at - last > gapMs) groups.push(0);
		groups[groups.length - 1] += bytes;
		last = at;
	}
	return groups;
};

/** Rows a one-shot socktop run sees in that namespace: what the live view has to draw from. */
export const rowsSeen = (netns) => {
	const argv = inNetns(netns, [process.execPath, cli, '--once', '--json']);
	return JSON.parse(execFileSync(argv[0], argv.slice(1), {encoding: 'utf8', maxBuffer: 1 << 30})).sockets.length;
};

export const benchBytes = async ({sockets = 1000, procs = 20, warmupMs = 5000, windowMs = 10_000} = {}) => {
	process.stderr.write('live bytes per refresh...\n');
	const interval = 0.5;
	const place = isolate('bytes');
	let load = null;
	let pty = null;
	try {
		load = await startLoad({sockets, procs, netns: place.netns, churn: interval * 1000});
		const rows = rowsSeen(place.netns);
		pty = scriptPty({argv: [process.execPath, cli, '-d', String(interval)], cols: 120, rows: 40, netns: place.netns});
		const from = (await pty.waitFor(TABLE_HEADER)) + warmupMs;
		await sleep(warmupMs + windowMs);
		const inWindow = pty.chunks.filter(([at]) => at >= from && at < from + windowMs);
		const total = inWindow.reduce((sum, [, bytes]) => sum + bytes, 0);
		const refreshes = windowMs / (interval * 1000);
		const groups = bursts(inWindow, 100);
		const perRefresh = total / refreshes;
		console.log(`\n### Live view: bytes to the terminal per refresh (120x40, -d ${interval}, one listener opening/closing every ${interval} s; ${place.note})\n`);
		console.log(table(['load (sockets / procs)', 'rows socktop sees', 'window', 'bytes in window', 'bytes/refresh = bytes / (window/interval)', 'write bursts (median bytes)', 'target'], [[
			`${sockets} / ${procs}`,
			String(rows),
			`${windowMs / 1000} s after ${warmupMs / 1000} s warm-up`,
			String(total),
			perRefresh.toFixed(0),
			`${groups.length} (${median(groups)})`,
			`${perRefresh <= 300 ? 'met' : 'MISSED'} (<= 300 B)`,
		]]));
		return {total, perRefresh, bursts: groups};
	} finally {
		await pty?.close();
		await load?.stop();
		place.remove();
	}
};

/** CPU of the live process over `windowMs` at the default 2 s interval, after a warm-up. */
const cpuAt = async ({sockets, procs}, {warmupMs, windowMs}) => {
	const place = isolate('cpu');
	let load = null;
	let pty = null;
	try {
		load = await startLoad({sockets, procs, netns: place.netns});
		const rows = rowsSeen(place.netns);
		pty = scriptPty({argv: [process.execPath, cli], cols: 120, rows: 40, netns: place.netns});
		await pty.waitFor(TABLE_HEADER, 60_000);
		const pid = await pty.appPid(isNodeProcess);
		await sleep(warmupMs);
		const cpu0 = cpuMs(pid);
		const t0 = performance.now();
		await sleep(windowMs);
		const cpu1 = cpuMs(pid);
		const elapsed = performance.now() - t0;
		if (cpu0 === null || cpu1 === null) throw new Error('the live view exited during the measurement');
		const refreshes = elapsed / 2000;
		return {sockets, procs, rows, note: place.note, cpu: cpu1 - cpu0, elapsed, perRefresh: (cpu1 - cpu0) / refreshes, share: (cpu1 - cpu0) / elapsed};
	} finally {
		await pty?.close();
		await load?.stop();
		place.remove();
	}
};

export const benchCpu = async ({sizes = [{sockets: 1000, procs: 20}, {sockets: 10_000, procs: 200}], warmupMs = 6000, windowMs = 20_000} = {}) => {
	const results = [];
	for (const size of sizes) {
		process.stderr.write(`live CPU at ${size.sockets} sockets...\n`);
		results.push(await cpuAt(size, {warmupMs, windowMs}));
	}
	console.log(`\n### Live view: CPU per refresh at the default interval (2 s), utime+stime from /proc/PID/stat (${results[0].note})\n`);
	console.log(table(['load (sockets / procs)', 'rows socktop sees', 'window', 'CPU ms in window', 'CPU ms per refresh', 'share of one core', 'target (10k: < 10%)'], results.map((r) => [
		`${r.sockets} / ${r.procs}`,
		String(r.rows),
		`${(r.elapsed / 1000).toFixed(1)} s after ${warmupMs / 1000} s warm-up`,
		ms(r.cpu),
		ms(r.perRefresh),
		`${(r.share * 100).toFixed(1)}%`,
		r.sockets === 10_000 ? (r.share < 0.1 ? 'met' : 'MISSED') : '-',
	])));
	return results;
};
