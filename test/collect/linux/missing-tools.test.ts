import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {describe, expect, it, onTestFinished} from 'vitest';
import {MISSING_NSENTER, MISSING_SS} from '../../../source/collect/linux/tools.js';
import {whyToolCannotBeHidden} from '../../helpers/tools.js';

/**
 * The real OS: missing-tools.mts runs under `strace -f -e trace=execve` with a PATH that lacks
 * a tool (not in /usr/sbin or /sbin either, where socktop looks too); every attempt to start it
 * is an execve of PATH/tool that fails with ENOENT.
 */
const script = fileURLToPath(new URL('missing-tools.mts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const works = (command: string, ...args: string[]) => spawnSync(command, args, {stdio: 'ignore'}).status === 0;
const why = process.platform !== 'linux' ? 'needs Linux' : !works('strace', '-V') ? 'needs strace' : whyToolCannotBeHidden('ss') ?? whyToolCannotBeHidden('nsenter');
if (why !== null) console.warn(`missing-tools test skipped: ${why}`);
const isRoot = process.getuid?.() === 0;
const whyNotElsewhere = why ?? (!isRoot ? 'needs root (unshare --net, nsenter)' : !works('unshare', '--version') ? 'needs unshare (util-linux)' : !works('ss', '-V') ? 'needs ss (iproute2)' : null);
if (why === null && whyNotElsewhere !== null) console.warn(`missing-tools test of nsenter skipped: ${whyNotElsewhere}`);

/** Where `tool` is on the PATH of the test. */
const which = (tool: string) => execFileSync('sh', ['-c', `command -v ${tool}`], {encoding: 'utf8'}).trim();

/** A temporary directory to be PATH, holding links to `tools` (found on the PATH of the test) only. */
function pathWith(tools: readonly string[]): string {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'socktop-path-'));
	onTestFinished(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	for (const tool of tools) symlinkSync(which(tool), path.join(directory, tool));
	return directory;
}

/**
 * Run missing-tools.mts with `bin` as PATH: what it printed, and the commands it tried to start
 * (by base name) that were not found, during its first snapshot and after it.
 */
type Printed = {unreadableTables: string[]; tableShortForms: Record<string, string>; ownMissing: string[]; otherMissing: string[] | null};

function runWithPath(bin: string, args: readonly string[] = []): Printed & {notFound: string[]; notFoundLater: string[]} {
	const trace = path.join(bin, 'trace.txt');
	// strace by its full path: the PATH given is the child's, and lacks it.
	const output = execFileSync(
		which('strace'),
		['-f', '-qq', '-e', 'trace=execve', '-e', 'signal=none', '-o', trace, process.execPath, '--import', 'tsx', script, ...args],
		{cwd: projectRoot, encoding: 'utf8', env: {...process.env, PATH: bin}},
	);
	const lines = readFileSync(trace, 'utf8').split('\n');
	const mark = lines.findIndex(line => line.includes('first snapshot done'));
	expect(mark, 'the mark after the first snapshot').toBeGreaterThan(0);
	// One attempt a start: the one in `bin` (socktop then looks in /usr/sbin and /sbin too, tool-path.ts).
	const notFoundIn = (part: readonly string[]) =>
		part.filter(line => line.includes('= -1 ENOENT') && line.includes(`execve("${bin}/`)).map(line => path.basename(/execve\("([^"]+)"/.exec(line)?.[1] ?? ''));
	return {...(JSON.parse(output) as Printed), notFound: notFoundIn(lines.slice(0, mark)), notFoundLater: notFoundIn(lines.slice(mark))};
}

describe.skipIf(why !== null)('a tool that is not installed', () => {
	it('is tried in the first snapshot only: the next snapshot and two PID views start no ss, and the snapshot and PID view say ss is missing', () => {
		const {unreadableTables, tableShortForms, ownMissing, notFound, notFoundLater} = runWithPath(pathWith([]));
		// ss -xaH and ss -xlHe, asked together (tools.ts: runs asked before the first answer all start).
		expect(notFound.filter(name => name === 'ss')).toEqual(['ss', 'ss']);
		expect(notFoundLater).toEqual([]);
		expect(unreadableTables).toContain(MISSING_SS);
		expect(ownMissing).toEqual([MISSING_SS]);
		// In few words for a narrow live header, which otherwise left it out (and the warning beside it).
		expect(tableShortForms[MISSING_SS]).toBe('no ss: unix peers unknown');
	});

	it.skipIf(whyNotElsewhere !== null)('names nsenter, not ss, when ss is there and nsenter is not, and tries it in the first snapshot only', async () => {
		// A process in a namespace of its own, holding a connected unix socket: root asks ss there for its peer.
		const holder = [
			'const net = require("node:net");',
			'const server = net.createServer().listen("\\0socktop-missing-tools-" + process.pid, () => {',
			'  net.connect(server.address(), () => console.log(process.pid));',
			'});',
			'process.stdin.on("end", () => process.exit(0));',
		].join('\n');
		const child = spawn('unshare', ['--net', process.execPath, '-e', holder], {stdio: ['pipe', 'pipe', 'inherit']});
		onTestFinished(() => {
			child.kill();
		});
		const [pid] = (await once(createInterface({input: child.stdout}), 'line')) as [string];
		const {unreadableTables, ownMissing, otherMissing, notFound, notFoundLater} = runWithPath(pathWith(['ss']), [pid]);
		expect(unreadableTables).toContain(MISSING_NSENTER);
		expect(unreadableTables).not.toContain(MISSING_SS);
		// ss names the peers of socktop's own namespace; that process's PID view says nsenter is missing.
		expect(ownMissing).toEqual([]);
		expect(otherMissing).toEqual([MISSING_NSENTER]);
		// The first snapshot asks every other namespace at once (other tests may have made some):
		// an attempt each, then none in the next snapshot or the two PID views of that process.
		expect(notFound).toContain('nsenter');
		expect(notFound.every(name => name === 'nsenter')).toBe(true);
		expect(notFoundLater).toEqual([]);
	});
});
