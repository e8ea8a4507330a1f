#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark, printed as markdown tables (paste into
 * bench/RESULTS.md). Progress goes to stderr, results to stdout.
 *
 *   node bench/run.mjs [--only NAME[,NAME]] [--sizes 1000/20,10000/200] [--runs N] [--soak-minutes M]
 *
 * NAME: once, bytes, cpu, startup, netns, scale, forked, soak (soak is only run when named).
 */
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import process from 'node:process';
import {cli, snapshotBuild} from './lib/measure.mjs';

const ALL = ['once', 'startup', 'bytes', 'cpu', 'netns', 'scale', 'forked'];
const OPTIONAL = ['soak'];
const USAGE = 'usage: node bench/run.mjs [--only once,startup,bytes,cpu,netns,scale,forked,soak] [--sizes 1000/20,10000/200,50000/500] [--runs N] [--soak-minutes M]';

/** Tools each benchmark runs besides node and socktop. */
const NEEDS = {
	once: ['ss', 'lsof', 'tail'],
	startup: ['script', 'stty'],
	bytes: ['script', 'stty', 'tail'],
	cpu: ['script', 'stty', 'tail'],
	netns: ['ip', 'ss', 'tail'],
	scale: ['tmux', 'tail'],
	forked: ['ss', 'script', 'stty', 'tail'],
	soak: ['script', 'stty', 'tail'],
};

const isInstalled = (tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], {stdio: 'ignore'}).status === 0;

const fail = (message) => {
	process.stderr.write(`bench: ${message}\n${USAGE}\n`);
	process.exit(2);
};

const parseArgs = (argv) => {
	const args = {only: ALL, sizes: [{sockets: 1000, procs: 20}, {sockets: 10_000, procs: 200}, {sockets: 50_000, procs: 500}], runs: 7, soakMinutes: 10};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		if (!['--only', '--sizes', '--runs', '--soak-minutes'].includes(flag)) fail(`unknown flag ${flag}`);
		const value = inline ?? argv[++i];
		if (value === undefined) fail(`${flag} needs a value`);
		if (flag === '--only') {
			args.only = value.split(',');
			const unknown = args.only.find((name) => ![...ALL, ...OPTIONAL].includes(name));
			if (unknown) fail(`unknown benchmark ${unknown}`);
		} else if (flag === '--sizes') {
			args.sizes = value.split(',').map((size) => {
				const match = /^(\d+)\/(\d+)$/.exec(size);
				if (!match || Number(match[1]) % 2 !== 0 || Number(match[1]) < 2 * Number(match[2])) {
					fail(`bad size ${size}: SOCKETS/PROCESSES, sockets even and at least 2 per process`);
				}
				return {sockets: Number(match[1]), procs: Number(match[2])};
			});
		} else if (flag === '--runs' || flag === '--soak-minutes') {
			const number = Number(value);
			if (!(number > 0)) fail(`${flag} must be a positive number`);
			args[flag === '--runs' ? 'runs' : 'soakMinutes'] = number;
		}
	}
	return args;
};

const machine = () => {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const version = (argv) => {
		try {
			const result = spawnSync(argv[0], argv.slice(1), {encoding: 'utf8'});
			const lines = `${result.stdout}\n${result.stderr}`.split('\n');
			const line = lines.find((text) => /^\s*revision:/.test(text)) ?? lines.find((text) => /version|utility/i.test(text));
			return (line ?? 'unknown').trim();
		} catch {
			return 'unknown';
		}
	};
	const commit = (() => {
		try {
			return execFileSync('git', ['log', '-1', '--format=%h %s'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		} catch {
			return 'unknown';
		}
	})();
	return [
		`- date: ${new Date().toISOString()}`,
		`- machine: ${os.cpus().length} CPUs (nproc), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, kernel ${os.release()}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} at start`,
		`- node ${process.version}; ${version(['ss', '-V'])}; lsof ${version(['lsof', '-v']).replace(/^\s*revision:\s*/, '')}; socktop commit ${commit}`,
		`- command: node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trimEnd(),
		'',
	].join('\n');
};

const main = async () => {
	const args = parseArgs(process.argv.slice(2));
	if (!fs.existsSync(cli)) fail(`${cli} is missing: run npm run build (npm run bench does)`);
	snapshotBuild();
	// Ctrl-C: exit through process.exit so every load and namespace cleanup hook runs.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
	console.log(`## Run\n\n${machine()}`);
	const started = performance.now();
	const has = (name) => args.only.includes(name);
	const steps = {
		once: async () => (await import('./once.mjs')).benchOnce({sizes: args.sizes, runs: args.runs}),
		startup: async () => (await import('./startup.mjs')).benchStartup({runs: args.runs}),
		bytes: async () => (await import('./live.mjs')).benchBytes(),
		cpu: async () => {
			const sizes = args.sizes.filter(({sockets}) => sockets <= 10_000);
			return (await import('./live.mjs')).benchCpu(sizes.length > 0 ? {sizes} : {});
		},
		netns: async () => (await import('./netns.mjs')).benchNetns({runs: args.runs}),
		scale: async () => {
			const largest = args.sizes.at(-1);
			return (await import('./scale.mjs')).benchScale(largest.sockets >= 50_000 ? largest : {});
		},
		forked: async () => (await import('./forked.mjs')).benchForked({runs: args.runs}),
		soak: async () => (await import('./soak.mjs')).benchSoak({minutes: args.soakMinutes}),
	};
	for (const name of [...ALL, ...OPTIONAL]) {
		if (!has(name)) continue;
		const missing = NEEDS[name].filter((tool) => !isInstalled(tool));
		if (missing.length > 0) {
			console.log(`\n### ${name}: skipped: ${missing.join(', ')} not installed`);
			continue;
		}
		// A shared or busy machine shows here first: every number below is wall or CPU time.
		const before = os.loadavg()[0].toFixed(2);
		const stepStarted = performance.now();
		await steps[name]();
		console.log(`\n(${name}: ${((performance.now() - stepStarted) / 1000).toFixed(0)} s; 1-minute load average ${before} before, ${os.loadavg()[0].toFixed(2)} after)`);
	}
	console.log(`\nTotal bench time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
};

try {
	await main();
	process.exit(0);
} catch (error) {
	process.stderr.write(`bench: ${error.stack ?? error}\n`);
	process.exit(1);
}
