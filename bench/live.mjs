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
import {isolate} from './lib/netns.mjs';
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

/**
 * Rows a one-shot socktop run reports in all, and those labelled with the
 * load's namespace: what the live view reads, and what `--netns` shows.
 * socktop runs in the host namespace, as a user would; it reads the load's
 * namespace through the load's processes and labels it with its ip-netns name.
 */
export const rowsSeen = (netns) => {
	const text = execFileSync(process.execPath, [cli, '--once', '--json'], {encoding: 'utf8', maxBuffer: 1 << 30});
	const {sockets} = JSON.parse(text);
	return {total: sockets.length, shown: netns ? sockets.filter((socket) => socket.netns === netns).length : sockets.length};
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
		// Only the namespace's rows are shown, so the one changing socket is the only change in the table.
		const show = place.netns ? ['--netns', place.netns] : [];
		pty = scriptPty({argv: [process.execPath, cli, '-d', String(interval), ...show], cols: 120, rows: 40});
		const from = (await pty.waitFor(TABLE_HEADER)) + warmupMs;
		await sleep(warmupMs + windowMs);
		const inWindow = pty.chunks.filter(([at]) => at >= from && at < from + windowMs);
		const total = inWindow.reduce((sum, [, bytes]) => sum + bytes, 0);
		// One burst of writes per redraw; a refresh that changed nothing on screen writes nothing
		// and is not counted, so bytes per redraw is the conservative figure.
		const groups = bursts(inWindow, 100);
		const perRefresh = groups.length > 0 ? total / groups.length : 0;
		const flags = ['-d', String(interval), ...show].join(' ');
		console.log(`\n### Live view: bytes to the terminal per refresh (socktop ${flags} at 120x40, one listener opening/closing every ${interval} s; load in a ${place.note})\n`);
		console.log(table(['load (sockets / procs)', 'rows: shown / read', 'window', 'bytes in window', 'redraws (write bursts)', 'bytes per redraw: mean / median / max', 'bytes per interval', 'target'], [[
			`${sockets} / ${procs}`,
			`${rows.shown} / ${rows.total}`,
			`${windowMs / 1000} s after ${warmupMs / 1000} s warm-up`,
			String(total),
			String(groups.length),
			groups.length > 0 ? `${perRefresh.toFixed(0)} / ${median(groups)} / ${Math.max(...groups)}` : 'no redraw',
			(total / (windowMs / (interval * 1000))).toFixed(0),
			`${perRefresh <= 300 ? 'met' : 'MISSED'} (<= 300 B)`,
		]]));
		return {total, perRefresh, bursts: groups};
	} finally {
		await pty?.close();
		await load?.stop();
		place.remove();
	}
};

/**
 * The live view, started in a 120x40 pty at the default 2 s interval: its CPU
 * over `windowMs` after a `warmupMs` warm-up (ss children included), per
 * refresh and as a share of one core, and the redraws the terminal saw
 * meanwhile (a check that refreshes really ran every 2 s).
 */
export const measureLiveCpu = async ({warmupMs, windowMs}) => {
	const pty = scriptPty({argv: [process.execPath, cli], cols: 120, rows: 40});
	try {
		await pty.waitFor(TABLE_HEADER, 60_000);
		const pid = await pty.appPid(isNodeProcess);
		await sleep(warmupMs);
		const cpu0 = cpuMs(pid);
		const t0 = performance.now();
		const from = pty.chunks.length;
		await sleep(windowMs);
		const cpu1 = cpuMs(pid);
		const elapsed = performance.now() - t0;
		if (cpu0 === null || cpu1 === null) throw new Error('the live view exited during the measurement');
		const cpu = cpu1 - cpu0;
		return {cpu, elapsed, perRefresh: cpu / (elapsed / 2000), share: cpu / elapsed, redraws: bursts(pty.chunks.slice(from), 100).length};
	} finally {
		await pty.close();
	}
};

/** CPU of the live process at a load size, in a namespace of its own. */
const cpuAt = async ({sockets, procs}, {warmupMs, windowMs}) => {
	const place = isolate('cpu');
	let load = null;
	try {
		load = await startLoad({sockets, procs, netns: place.netns});
		const rows = rowsSeen(place.netns);
		return {sockets, procs, rows, note: place.note, ...(await measureLiveCpu({warmupMs, windowMs}))};
	} finally {
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
	console.log(`\n### Live view: CPU per refresh at the default interval (2 s), utime+stime+cutime+cstime from /proc/PID/stat, so the ss -xH children count (load in a ${results[0].note})\n`);
	console.log(table(['load (sockets / procs)', 'rows socktop sees', 'window', 'redraws seen', 'CPU ms in window', 'CPU ms per refresh (window / 2 s)', 'share of one core', 'target (10k: < 10%)'], results.map((r) => [
		`${r.sockets} / ${r.procs}`,
		String(r.rows.total),
		`${(r.elapsed / 1000).toFixed(1)} s after ${warmupMs / 1000} s warm-up`,
		String(r.redraws),
		ms(r.cpu),
		ms(r.perRefresh),
		`${(r.share * 100).toFixed(1)}%`,
		r.sockets === 10_000 ? (r.share < 0.1 ? 'met' : 'MISSED') : '-',
	])));
	return results;
};
