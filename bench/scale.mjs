/**
 * Issue 7, scale: the live view with 50,000 sockets over 500 processes.
 * Peak RSS (VmHWM) of the live process, and how long a key takes to show on
 * screen when it is pressed while a refresh is running.
 */
import process from 'node:process';
import {startLoad} from './load.mjs';
import {cli, cpuMs, median, ms, sleep, statusKb, table} from './lib/measure.mjs';
import {isolate} from './lib/netns.mjs';
import {tmuxPane} from './lib/pty.mjs';

/** A line of the `?` screen (the keymap's description of ↑): present only while help is open. */
const HELP_TEXT = 'select the previous socket';

/**
 * Resolves when the process has been on-CPU for most of the last 50 ms: a
 * refresh (scan + diff + render) is running. Resolves false after `timeoutMs`.
 */
const untilBusy = async (pid, timeoutMs = 10_000) => {
	const start = performance.now();
	let before = cpuMs(pid);
	let at = performance.now();
	while (performance.now() - start < timeoutMs) {
		await sleep(50);
		const now = cpuMs(pid);
		const wall = performance.now() - at;
		if (now - before >= 0.6 * wall) return true;
		before = now;
		at = performance.now();
	}
	return false;
};

export const benchScale = async ({sockets = 50_000, procs = 500, samples = 6} = {}) => {
	process.stderr.write(`scale: live view at ${sockets} sockets...\n`);
	const place = isolate('scale');
	let load = null;
	let pane = null;
	try {
		load = await startLoad({sockets, procs, netns: place.netns});
		pane = tmuxPane({argv: [process.execPath, cli], cols: 120, rows: 40});
		const firstFrame = await pane.waitScreen((screen) => screen.includes('COMMAND'), 120_000);
		const opens = [];
		const closes = [];
		let busyHits = 0;
		for (let i = 0; i < samples; i++) {
			if (await untilBusy(pane.pid)) busyHits++;
			pane.sendKeys('?');
			opens.push(await pane.waitScreen((screen) => screen.includes(HELP_TEXT), 10_000));
			await sleep(200);
			if (await untilBusy(pane.pid)) busyHits++;
			pane.sendKeys('Escape');
			closes.push(await pane.waitScreen((screen) => !screen.includes(HELP_TEXT), 10_000));
		}
		// A few more refreshes so the peak includes steady state, not only the first scan.
		await sleep(6000);
		const hwm = statusKb(pane.pid, 'VmHWM');
		const rss = statusKb(pane.pid, 'VmRSS');
		const all = [...opens, ...closes];
		console.log(`\n### Scale: live view at ${sockets} sockets / ${procs} processes (tmux 120x40, default 2 s interval; load in a ${place.note})\n`);
		console.log(table(['measure', 'value', 'target'], [
			['first frame with the table after start', `${ms(firstFrame)} ms`, ''],
			['peak RSS (VmHWM)', `${(hwm / 1024).toFixed(0)} MiB`, 'bounded'],
			['RSS at the end', `${(rss / 1024).toFixed(0)} MiB`, ''],
			[`key to screen, '?' opens help (${opens.length} presses)`, `median ${ms(median(opens))} ms, max ${ms(Math.max(...opens))} ms`, ''],
			[`key to screen, Esc closes help (${closes.length} presses)`, `median ${ms(median(closes))} ms, max ${ms(Math.max(...closes))} ms`, ''],
			['every key-to-screen time, ms (open, close, ...)', opens.map((open, i) => `${ms(open)}, ${ms(closes[i])}`).join('; '), ''],
			['presses sent while a refresh was running (process on-CPU)', `${busyHits} of ${all.length}`, ''],
			['all key presses answered within 1 s', Math.max(...all) <= 1000 ? 'yes' : 'no', Math.max(...all) <= 1000 ? 'met' : 'MISSED'],
		]));
		return {firstFrame, hwm, rss, opens, closes, busyHits};
	} finally {
		pane?.kill();
		await load?.stop();
		place.remove();
	}
};
