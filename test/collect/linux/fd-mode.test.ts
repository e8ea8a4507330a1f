import fs from 'node:fs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessJson} from '../../../source/format/pid.js';
import {describeFd} from '../../../source/format/fd-sentence.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {fdModeOf, type FileDescriptor} from '../../../source/model/process.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {forkHolders, hasPython, startPython} from '../../helpers/tools.js';

/** The PID view shows how each fd was opened, as lsof does (`0r`, `1w`, `3u`), from fdinfo's flags. */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('fd-mode test skipped: needs Linux and python3 (to open the files)');

const script = `
import os, socket, sys
r = os.open('/dev/null', os.O_RDONLY); w = os.open('/dev/null', os.O_WRONLY | os.O_APPEND); u = os.open('/dev/null', os.O_RDWR)
pr, pw = os.pipe()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(r, w, u, pr, pw, s.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

afterEach(() => {
	vi.restoreAllMocks();
});

describe.skipIf(!canRun)('an fd\'s open mode', () => {
	it('is r, w or u after the fd number, in --json as mode, and tells a pipe\'s ends apart', async () => {
		const {pid, line} = await startPython(script);
		const [r, w, u, pr, pw, s] = line.split(' ').map(Number) as [number, number, number, number, number, number];
		const detail = await readProcessDetail(pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		expect([r, w, u, pr, pw, s].map(fd => fdRow(fdOf(fd), pid).fd)).toEqual([`${r}r`, `${w}w`, `${u}u`, `${pr}r`, `${pw}w`, `${s}u`]);
		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; mode: string | null}>};
		expect(json.fds.find(each => each.fd === w)?.mode).toBe('w');
		const pipe = fdOf(pw).target;
		expect(describeFd(fdOf(pw), ctx, undefined, pid)).toBe(`the write end of a pipe (${pipe}) read by fd ${pr} (same process)`);
		expect(describeFd(fdOf(pr), ctx, undefined, pid)).toBe(`the read end of a pipe (${pipe}) written by fd ${pw} (same process)`);
	});
});

describe.skipIf(!canRun)('a pipe\'s fdinfo', () => {
	it('is read once a PID view read: its mode is the one its other end is told apart by, in the walk and the match', async () => {
		// A forked child holds both ends too, so the walk finds holders in another process as well as this one.
		const {pid, line} = await startPython(`
import os, sys, time
r, w = os.pipe()
${forkHolders(1)}
print(r, w, *kids, flush=True)
sys.stdin.read()
`);
		const [r, w, kid] = line.split(' ').map(Number) as [number, number, number];
		const opened = vi.spyOn(fs, 'openSync');
		const detail = await readProcessDetail(pid);
		expect(describeFd(detail.fds.find(each => each.fd === r)!, ctx, undefined, pid)).toMatch(`written by python3[${kid}] fd ${w}, also held by fd ${w} (same process)`);
		const reads = opened.mock.calls.map(([path]) => String(path)).filter(path => path.startsWith(`/proc/${pid}/`) && path.includes('/fdinfo/'));
		expect(reads.filter(path => path.endsWith(`/fdinfo/${r}`))).toHaveLength(1);
		expect(reads.filter(path => path.endsWith(`/fdinfo/${w}`))).toHaveLength(1);
		expect(new Set(reads).size).toBe(reads.length);
	});
});

describe('an fd whose mode is not known', () => {
	const pipe: FileDescriptor = {fd: 1, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'bash', pid: 1128, fd: 250}};

	it('shows no mode and names no end: never a guess', () => {
		expect(fdModeOf(null)).toBeUndefined();
		expect(fdModeOf(3)).toBeUndefined();
		expect(fdRow(pipe).fd).toBe('1');
		expect(describeFd(pipe, ctx)).toBe('a pipe (pipe:[4471]); the other end is bash[1128] fd 250');
		expect(JSON.parse(formatProcessJson({time: 0, pid: 1, process: null, fds: [pipe], denied: null}, ctx)).fds[0].mode).toBeNull();
	});

	it('names the end where the mode tells it, with the other end\'s holders', () => {
		expect(fdRow({...pipe, mode: 'w'}).fd).toBe('1w');
		expect(describeFd({...pipe, mode: 'w', morePeers: [{command: 'cat', pid: 1200, fd: 0}]}, ctx)).toBe(
			'the write end of a pipe (pipe:[4471]) read by bash[1128] fd 250, also held by cat[1200] fd 0',
		);
		// Reopened read-write through /proc/PID/fd: no end to name.
		expect(describeFd({...pipe, mode: 'u'}, ctx)).toBe('a pipe (pipe:[4471]); the other end is bash[1128] fd 250');
	});
});
