/**
 * A pre-fork server: one listening socket held by K worker processes, as
 * Apache prefork, php-fpm or gunicorn keep it. socktop lists such a socket
 * once per holder, as sockstat does; this measures what that costs: a
 * one-shot run next to `ss -tunap`, and the live view's CPU per refresh at
 * the default interval. The load is `bench/load.mjs --forked K` on top of
 * 1000 sockets over 20 processes, in the host namespace.
 */
import {execFileSync} from 'node:child_process';
import process from 'node:process';
import {startLoad} from './load.mjs';
import {measureLiveCpu} from './live.mjs';
import {alternate, cli, median, ms, ratio, table} from './lib/measure.mjs';

/** Rows socktop prints for the shared listener: one per holder (the workers and the generator's extras holder). */
const listenerRows = (port) => {
	const text = execFileSync(process.execPath, [cli, '--once', '--json', '-l', '-p', String(port)], {encoding: 'utf8', maxBuffer: 1 << 30});
	return JSON.parse(text).sockets.length;
};

export const benchForked = async ({workers = 3000, runs = 7, warmupMs = 6000, windowMs = 20_000} = {}) => {
	process.stderr.write(`forked: one listener held by ${workers} workers...\n`);
	const load = await startLoad({sockets: 1000, procs: 20, forked: workers});
	try {
		const rows = listenerRows(load.listeners[0].port);
		const times = await alternate(
			[
				{name: 'socktop', argv: [process.execPath, cli, '--once', '--json']},
				{name: 'ss', argv: ['ss', '-tunap']},
			],
			runs,
		);
		const live = await measureLiveCpu({warmupMs, windowMs});
		const [socktop, ss] = [median(times.socktop), median(times.ss)];
		console.log(`\n### A listener shared by ${workers} forked workers (1000 sockets / 20 procs besides; host namespace; median wall ms of ${runs} runs; live view at 120x40, default 2 s interval, CPU over ${windowMs / 1000} s after ${warmupMs / 1000} s warm-up)\n`);
		console.log(table(
			['holders of the listener', 'listener rows socktop printed', 'socktop --once --json', 'ss -tunap', 'socktop/ss', 'live view CPU ms per refresh', 'share of one core'],
			[[
				String(workers + 1),
				String(rows),
				ms(socktop),
				ms(ss),
				ratio(socktop, ss),
				ms(live.perRefresh),
				`${(live.share * 100).toFixed(1)}%`,
			]],
		));
		return {workers, rows, times, perRefresh: live.perRefresh};
	} finally {
		await load.stop();
	}
};
