import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync, readlinkSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt, runCli} from '../helpers/cli.js';

/**
 * A pipeline whose read end three processes share, as a shell's children share its pipes:
 * the subshell running `{ …; wait; }` and both cats hold it as fd 0, so sleep's stdout names
 * one of them and counts two more; `--pid N --once` must name all three, and `--json` list them.
 * The cats take it from fd 3: a background command's stdin is /dev/null before its own
 * redirections (POSIX, without job control), so `cat <&0 &` would read /dev/null and exit.
 */
const pipeline = 'sleep 30 | { exec 3<&0; cat <&3 3<&- & cat <&3 3<&- & exec 3<&-; wait; }';
const canRun = process.platform === 'linux' && isBuilt;
if (!canRun) console.warn(`shared pipe: skipped, needs Linux and a build at ${cliPath} (npm run build)`);

const children = (pid: number): number[] => {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
};

const descendants = (pid: number): number[] => children(pid).flatMap(child => [child, ...descendants(child)]);
const commandOf = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
const linkOf = (pid: number, fd: number) => {
	try {
		return readlinkSync(`/proc/${pid}/fd/${fd}`);
	} catch {
		return null;
	}
};

let shell: ChildProcess | undefined;

afterAll(() => {
	// Its own process group: the pipeline goes with it.
	if (shell?.pid !== undefined) process.kill(-shell.pid, 'SIGKILL');
});

type JsonFd = {fd: number; peer: {pid: number; fd: number} | null; morePeers: Array<{command: string; pid: number; fd: number}>};

describe.skipIf(!canRun)('a pipe whose other end several processes hold', () => {
	it('--pid N --once names every holder, and --json lists them', async () => {
		shell = spawn('sh', ['-c', pipeline], {detached: true, stdio: 'ignore'});
		const root = shell.pid!;
		// Ready once both cats hold the pipe sleep writes to.
		let sleep: number | undefined;
		let readers: number[] = [];
		await expect
			.poll(() => {
				const all = descendants(root);
				sleep = all.find(pid => commandOf(pid) === 'sleep');
				const pipe = sleep === undefined ? null : linkOf(sleep, 1);
				readers = pipe === null ? [] : all.filter(pid => pid !== sleep && linkOf(pid, 0) === pipe);
				return readers.map(pid => commandOf(pid)).sort();
			}, {timeout: 10_000})
			.toEqual(['cat', 'cat', 'sh']);

		const [text, json] = await Promise.all([runCli(['--pid', String(sleep), '--once']), runCli(['--pid', String(sleep), '--json'])]);
		expect(text.code).toBe(0);
		const lines = text.stdout.toString('utf8').split('\n');
		const row = lines.find(line => /^ *1w +pipe /.test(line));
		expect(row).toMatch(/→ (sh|cat)\[\d+\] fd 0 \(\+2 more\)$/);
		const heading = lines.indexOf('Shared ends explained:');
		expect(heading).toBeGreaterThan(lines.indexOf(row!));
		// A line per pipe row that counts more holders (this one; the test runner's fds may add others), none beyond.
		const explained = lines.slice(heading + 1).filter(line => line.startsWith('  fd '));
		expect(explained).toHaveLength(lines.filter(line => /^ *\d+[rwu]? +pipe .* \(\+\d+ more\)$/.test(line)).length);
		const line = explained.find(each => each.startsWith('  fd 1: '));
		expect(line).toMatch(/^ {2}fd 1: the write end of a pipe \(pipe:\[\d+\]\) read by \w+\[\d+\] fd 0, also held by \w+\[\d+\] fd 0 and \w+\[\d+\] fd 0$/);
		const named = [...line!.matchAll(/(\w+)\[(\d+)\] fd 0/g)].map(match => `${match[1]}[${match[2]}]`);
		expect(named.toSorted()).toEqual(readers.map(pid => `${commandOf(pid)}[${pid}]`).toSorted());

		const detail = JSON.parse(json.stdout.toString('utf8')) as {fds: JsonFd[]};
		const fd1 = detail.fds.find(fd => fd.fd === 1)!;
		const holders = [fd1.peer!, ...fd1.morePeers];
		// Other processes by PID, each at fd 0, as the PID view ranks them.
		expect(holders.map(holder => holder.pid)).toEqual(readers.toSorted((a, b) => a - b));
		expect(holders.every(holder => holder.fd === 0)).toBe(true);
		expect(fd1.morePeers.map(holder => holder.command)).toEqual(fd1.morePeers.map(holder => commandOf(holder.pid)));
	});
});
