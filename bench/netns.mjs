/**
 * Network namespaces: many small namespaces (containers on a host) against one
 * namespace with the same number of sockets and processes. Needs root
 * (`ip netns add`); prints why when it cannot run.
 */
import {execFileSync} from 'node:child_process';
import process from 'node:process';
import {startLoad} from './load.mjs';
import {alternate, cli, median, ms, ratio, table} from './lib/measure.mjs';
import {makeNamespaces, netnsSkipReason} from './lib/netns.mjs';

/** Socket rows socktop reports for the given holder pids, and how many distinct namespaces they are in. */
const coverage = (holders) => {
	const text = execFileSync(process.execPath, [cli, '--once', '--json'], {encoding: 'utf8', maxBuffer: 1 << 30});
	const ours = JSON.parse(text).sockets.filter((socket) => holders.has(socket.pid));
	return {rows: ours.length, namespaces: new Set(ours.map((socket) => socket.netns)).size};
};

const measure = async (loads, runs) => {
	const holders = new Set(loads.flatMap((load) => load.holders));
	const seen = coverage(holders);
	const times = await alternate([
		{name: 'socktop', argv: [process.execPath, cli, '--once', '--json']},
		{name: 'ss', argv: ['ss', '-tunap']},
	], runs);
	const expected = loads.reduce((sum, load) => sum + load.counts.tcpEstablished + load.counts.tcpListen + load.counts.udp + load.counts.unix, 0);
	return {seen, expected, times};
};

export const benchNetns = async ({namespaces = 50, socketsEach = 200, procsEach = 4, runs = 7} = {}) => {
	const reason = netnsSkipReason();
	if (reason) {
		console.log(`\n### Network namespaces: skipped: ${reason}\n`);
		return null;
	}
	process.stderr.write(`netns: ${namespaces} namespaces x ${socketsEach} sockets...\n`);
	const results = {};
	const spaces = makeNamespaces(namespaces, 'many');
	let loads = [];
	try {
		// A few at a time: each is a Node process starting on a 2-core machine.
		for (let i = 0; i < spaces.names.length; i += 5) {
			loads.push(...await Promise.all(spaces.names.slice(i, i + 5).map((netns) =>
				startLoad({sockets: socketsEach, procs: procsEach, netns}))));
		}
		results.many = await measure(loads, runs);
	} finally {
		await Promise.all(loads.map((load) => load.stop()));
		spaces.remove();
	}
	process.stderr.write(`netns: 1 namespace x ${namespaces * socketsEach} sockets...\n`);
	const single = await startLoad({sockets: namespaces * socketsEach, procs: namespaces * procsEach});
	loads = [single];
	try {
		results.single = await measure(loads, runs);
	} finally {
		await single.stop();
	}
	const row = (label, {seen, expected, times}) => [
		label,
		`${seen.rows}/${expected} in ${seen.namespaces} netns`,
		ms(median(times.socktop)),
		ms(median(times.ss)),
		ratio(median(times.socktop), median(times.ss)),
	];
	console.log(`\n### Network namespaces: socktop --once --json (median wall ms of ${runs} runs)\n`);
	console.log('ss -tunap only sees the namespace it runs in; it is listed for scale, not as a peer here.\n');
	console.log(table(['case', 'load rows socktop saw', 'socktop', 'ss -tunap (host netns only)', 'socktop/ss'], [
		row(`${namespaces} namespaces x ${socketsEach} sockets (${procsEach} procs each)`, results.many),
		row(`1 namespace x ${namespaces * socketsEach} sockets (${namespaces * procsEach} procs)`, results.single),
	]));
	return results;
};
