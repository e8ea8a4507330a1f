/**
 * Timing and statistics shared by the benchmarks. Everything here measures
 * whole processes from the outside, as a user at a shell would.
 */
import {spawn, execFileSync} from 'node:child_process';
import {once} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI under test; a private copy once `snapshotBuild()` ran. */
export let cli = path.join(root, 'dist', 'cli.js');

/**
 * Copies dist/ and package.json (meow reads the version from it) to a temp
 * folder laid out like an installed package, and points `cli` there: other
 * work in the tree may rebuild (and first delete) dist/ while the bench runs.
 */
export const snapshotBuild = () => {
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'socktop-bench-build-'));
	fs.cpSync(path.join(root, 'dist'), path.join(copy, 'dist'), {recursive: true});
	fs.copyFileSync(path.join(root, 'package.json'), path.join(copy, 'package.json'));
	process.once('exit', () => fs.rmSync(copy, {recursive: true, force: true}));
	cli = path.join(copy, 'dist', 'cli.js');
	return cli;
};

/** Median of numbers (mean of the two middle ones for an even count). */
export const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Wall time of one whole process, stdout to /dev/null (so terminal speed is not
 * measured), stderr kept to explain a failure. Rejects on a non-zero exit.
 */
export const timeProcess = async (argv, {env = process.env, okCodes = [0]} = {}) => {
	const devNull = fs.openSync('/dev/null', 'w');
	try {
		const start = performance.now();
		const child = spawn(argv[0], argv.slice(1), {stdio: ['ignore', devNull, 'pipe'], env});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		const [code, signal] = await once(child, 'exit');
		const ms = performance.now() - start;
		if (!okCodes.includes(code)) throw new Error(`${argv.join(' ')} exited ${code ?? signal}: ${stderr.trim().split('\n')[0]}`);
		return ms;
	} finally {
		fs.closeSync(devNull);
	}
};

/**
 * Runs each command `runs` times, alternating (the order rotates every round so no
 * command always runs right after another), and returns the wall times per name.
 * `runsFor(name, timesSoFar)` may lower the count for a slow command.
 */
export const alternate = async (commands, runs, runsFor = () => runs) => {
	const times = Object.fromEntries(commands.map(({name}) => [name, []]));
	for (let round = 0; round < runs; round++) {
		for (let i = 0; i < commands.length; i++) {
			const {name, argv, okCodes} = commands[(round + i) % commands.length];
			if (times[name].length >= runsFor(name, times[name])) continue;
			times[name].push(await timeProcess(argv, {okCodes}));
		}
	}
	return times;
};

/**
 * CPU of a process in milliseconds from /proc/PID/stat: utime + stime, plus
 * cutime + cstime, the children it waited for (socktop's `ss -xH` runs), so
 * work handed to a child is counted too. null when the process is gone.
 */
export const cpuMs = (pid) => {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the last ')' (the command may contain spaces or parentheses).
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
		return (ticks * 1000) / clockTicks();
	} catch {
		return null;
	}
};

let ticksPerSecond = null;
const clockTicks = () => {
	ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	return ticksPerSecond;
};

/** A field of /proc/PID/status in kB (VmHWM, VmRSS), or null. */
export const statusKb = (pid, field) => {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : null;
	} catch {
		return null;
	}
};

/** Direct children of a process (needs CONFIG_PROC_CHILDREN, present on stock kernels). */
export const childrenOf = (pid) => {
	const children = [];
	try {
		for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
			const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
			if (text) children.push(...text.split(' ').map(Number));
		}
	} catch {
		// Gone.
	}
	return children;
};

/** The first descendant of `pid` for which `isMatch(childPid)` holds, searching breadth first. */
export const findDescendant = (pid, isMatch) => {
	const queue = [pid];
	while (queue.length > 0) {
		for (const child of childrenOf(queue.shift())) {
			if (isMatch(child)) return child;
			queue.push(child);
		}
	}
	return null;
};

/**
 * True when PID runs this Node binary. Checked through /proc/PID/exe, not the
 * command line: socktop sets process.title, which overwrites its argv.
 */
export const isNodeProcess = (pid) => {
	try {
		return fs.readlinkSync(`/proc/${pid}/exe`) === fs.realpathSync(process.execPath);
	} catch {
		return false;
	}
};

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Socket counts on the whole host right now, from ss: what else shares the machine. */
export const hostSockets = () => {
	const count = (args) => execFileSync('ss', [...args, '-H'], {encoding: 'utf8', maxBuffer: 1 << 30}).split('\n').filter(Boolean).length;
	return {tcp: count(['-tan']), udp: count(['-uan']), unix: count(['-xan'])};
};

/** Open file handles on the whole machine (/proc/sys/fs/file-nr): how big every /proc/PID/fd walk is. */
export const openFiles = () => Number(fs.readFileSync('/proc/sys/fs/file-nr', 'utf8').split(/\s+/)[0]);

export const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const ratio = (a, b) => (a / b).toFixed(2);

/** A markdown table from a header row and data rows. */
export const table = (header, rows) =>
	[`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
