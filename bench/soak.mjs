/**
 * Issue 7, soak: the live view at a 0.1 s interval under a steady load for
 * `minutes` (10 by default; not part of the default run because of that):
 * RSS at the end must be within 10% of RSS after the first minute.
 */
import process from 'node:process';
import {startLoad} from './load.mjs';
import {cli, isNodeProcess, median, openFiles, sleep, statusKb, table} from './lib/measure.mjs';
import {isolate} from './lib/netns.mjs';
import {scriptPty} from './lib/pty.mjs';
import {TABLE_HEADER} from './startup.mjs';

export const benchSoak = async ({minutes = 10, sockets = 1000, procs = 20} = {}) => {
	process.stderr.write(`soak: ${minutes} min at -d 0.1 with ${sockets} sockets...\n`);
	const place = isolate('soak');
	let load = null;
	let pty = null;
	try {
		load = await startLoad({sockets, procs, netns: place.netns});
		pty = scriptPty({argv: [process.execPath, cli, '-d', '0.1'], cols: 120, rows: 40});
		await pty.waitFor(TABLE_HEADER, 60_000);
		const pid = await pty.appPid(isNodeProcess);
		const samples = [];
		// socktop's memory follows the machine's size (it reads every namespace and every
		// process), so the machine's open files are sampled too: a change there is not a leak.
		const files = [];
		const end = performance.now() + minutes * 60_000;
		while (performance.now() < end) {
			await sleep(10_000);
			const rss = statusKb(pid, 'VmRSS');
			if (rss === null) throw new Error(`the live view exited after ${samples.length * 10} s`);
			samples.push(rss);
			files.push(openFiles());
		}
		// RSS swings with every GC (tens of MiB at 0.1 s), so minutes are compared by their median
		// sample: the minute right after the first one against the last minute.
		const afterMinute = median(samples.slice(6, 12));
		const atEnd = median(samples.slice(-6));
		const growth = (atEnd - afterMinute) / afterMinute;
		const bytes = pty.chunks.reduce((sum, [, n]) => sum + n, 0);
		console.log(`\n### Soak: ${minutes} min, -d 0.1, ${sockets} sockets / ${procs} processes (script 120x40; load in a ${place.note})\n`);
		console.log(table(['measure', 'value', 'target'], [
			['RSS after 1 min (median of the samples at 70-120 s)', `${(afterMinute / 1024).toFixed(1)} MiB`, ''],
			['RSS at the end (median of the last minute)', `${(atEnd / 1024).toFixed(1)} MiB`, ''],
			['single samples at 60 s and at the end', `${(samples[5] / 1024).toFixed(1)} MiB, ${(samples.at(-1) / 1024).toFixed(1)} MiB`, ''],
			['growth', `${(growth * 100).toFixed(1)}%`, `${Math.abs(growth) <= 0.1 ? 'met' : 'MISSED'} (within 10%)`],
			['peak RSS (VmHWM)', `${((statusKb(pid, 'VmHWM') ?? 0) / 1024).toFixed(1)} MiB`, ''],
			['RSS every 10 s (MiB)', samples.map((kb) => (kb / 1024).toFixed(0)).join(' '), ''],
			['open files on the machine, min-max (file-nr)', `${Math.min(...files)}-${Math.max(...files)}`, ''],
			['bytes written to the terminal', String(bytes), ''],
		]));
		return {samples, growth};
	} finally {
		await pty?.close();
		await load?.stop();
		place.remove();
	}
};
