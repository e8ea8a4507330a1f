import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createSockstatCollector} from '../../../source/collect/sockstat/index.js';
import type {RunTool, ToolOutput} from '../../../source/collect/lsof/run-tool.js';
import {toJsonDocument} from '../../../source/format/json.js';
import {isListening} from '../../../source/model/filter.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sockstat/${name}`, import.meta.url), 'utf8');
const ok = (stdout: string): ToolOutput => ({stdout, stderr: '', code: 0});

/** A FreeBSD that answers from captures, recording what was asked. */
function fakeFreeBsd(answers: Record<string, ToolOutput>): {run: RunTool; calls: string[]} {
	const calls: string[] = [];
	const run: RunTool = async (command, args) => {
		const line = [command, ...args].join(' ');
		calls.push(line);
		return answers[line] ?? {stdout: '', stderr: `${command}: illegal option -- -\nusage: ...`, code: 1};
	};

	return {run, calls};
}

describe('createSockstatCollector (captured outputs; sockstat cannot run on Linux)', () => {
	it('uses --libxo json when sockstat understands it', async () => {
		const {run, calls} = fakeFreeBsd({'sockstat --libxo json -s': ok(fixture('freebsd15-libxo-constructed.json'))});
		const snapshot = await createSockstatCollector({run}).snapshot();
		expect(calls).toEqual(['sockstat --libxo json -s']);
		expect(snapshot.backend).toBe('sockstat');
		expect(snapshot.sockets).toHaveLength(8);
		expect(snapshot.skipped.malformedLines).toBe(1);
		// sockstat lists no process it could not read: --json says null, not 0.
		expect(toJsonDocument(snapshot).skipped).toMatchObject({deniedProcesses: null, deniedAsRoot: null});
	});

	it('falls back to the text table on an older sockstat and remembers the form that worked', async () => {
		const {run, calls} = fakeFreeBsd({'sockstat -s -w': ok(fixture('freebsd-smoke-s.txt'))});
		const collector = createSockstatCollector({run});
		const first = await collector.snapshot();
		const second = await collector.snapshot();
		expect(first.sockets).toHaveLength(24);
		expect(second.sockets).toEqual(first.sockets);
		expect(calls).toEqual(['sockstat --libxo json -s', 'sockstat -s -w', 'sockstat -s -w']);
	});

	it('runs sockstat without options when even -s is unknown (FreeBSD before 10)', async () => {
		const {run, calls} = fakeFreeBsd({sockstat: ok(fixture('blog-ns1-u.txt'))});
		const snapshot = await createSockstatCollector({run}).snapshot();
		expect(calls).toEqual(['sockstat --libxo json -s', 'sockstat -s -w', 'sockstat -s', 'sockstat']);
		expect(snapshot.sockets).toHaveLength(21);
	});

	it('reports the last failure as an unreadable table instead of throwing', async () => {
		const {run} = fakeFreeBsd({});
		const snapshot = await createSockstatCollector({run}).snapshot();
		expect(snapshot.sockets).toEqual([]);
		expect(snapshot.skipped.unreadableTables).toEqual(['sockstat: illegal option -- -']);
	});

	it('builds the PID view from procstat -f and ps', async () => {
		const {run} = fakeFreeBsd({
			'procstat -f 3561': ok(fixture('stem-procstat-f.txt')),
			'ps -o user= -o uid= -o ppid= -o comm= -p 3561': ok('_tor       256     1 tor\n'),
		});
		const detail = await createSockstatCollector({run, readStartToken: async () => 'Fri Nov 27 03:29:03 2026'}).process(3561);
		expect(detail.denied).toBeNull();
		expect(detail.process).toMatchObject({pid: 3561, ppid: 1, user: '_tor', uid: 256, command: 'tor', cmdlineUnreportedBy: 'sockstat', startToken: 'Fri Nov 27 03:29:03 2026'});
		expect(detail.fds).toHaveLength(8);
		expect(detail.fds[0]!.socket).toMatchObject({user: '_tor', pid: 3561, fd: 4, localPort: 9050});
	});

	it('takes a unix socket\'s ends from sockstat: procstat names an unbound client by its peer\'s path', async () => {
		// procstat-f-devd-constructed.txt: devd's sockets of the smoke capture, in procstat_files.c's format (SOURCES.md).
		const {run, calls} = fakeFreeBsd({
			'procstat -f 405': ok(fixture('procstat-f-devd-constructed.txt')),
			'ps -o user= -o uid= -o ppid= -o comm= -p 405': ok('root 0 1 devd\n'),
			'sockstat -s -w': ok(fixture('freebsd-smoke-s.txt')),
		});
		const detail = await createSockstatCollector({run, readStartToken: async () => null}).process(405);
		expect(calls).toContain('sockstat -s -w');
		const unix = detail.fds.filter(fd => fd.socket !== null).map(fd => [fd.fd, fd.socket!.proto, fd.socket!.path, fd.socket!.peerPath, fd.socket!.state]);
		expect(unix).toEqual([
			[4, 'stream', '/var/run/devd.pipe', null, null],
			// Connected to syslogd's /var/run/logpriv, not bound there (sockstat: 'dgram -> /var/run/logpriv').
			[7, 'dgram', null, '/var/run/logpriv', 'ESTABLISHED'],
		]);
		expect(isListening(detail.fds.find(fd => fd.fd === 7)!.socket!)).toBe(false);
	});

	describe('the PID view takes unix ends from the table\'s sockstat answer of the same refresh interval', () => {
		const devd = {
			'procstat -f 405': ok(fixture('procstat-f-devd-constructed.txt')),
			'ps -o user= -o uid= -o ppid= -o comm= -p 405': ok('root 0 1 devd\n'),
			'sockstat -s -w': ok(fixture('freebsd-smoke-s.txt')),
		};
		const sockstatRuns = (calls: readonly string[]) => calls.filter(call => call.startsWith('sockstat ')).length;
		const peerOf7 = (detail: Awaited<ReturnType<ReturnType<typeof createSockstatCollector>['process']>>) => detail.fds.find(fd => fd.fd === 7)?.socket?.peerPath;

		it('reuses an answer younger than the interval, and runs sockstat again once it is older', async () => {
			const {run, calls} = fakeFreeBsd(devd);
			let clock = 10_000;
			const collector = createSockstatCollector({run, readStartToken: async () => null, tableMaxAgeMs: 2000, now: () => clock});
			await collector.snapshot();
			// The first snapshot tried --libxo json, then settled on -s -w.
			expect(sockstatRuns(calls)).toBe(2);
			clock = 11_999;
			expect(peerOf7(await collector.process(405))).toBe('/var/run/logpriv');
			expect(sockstatRuns(calls)).toBe(2);
			clock = 12_000;
			expect(peerOf7(await collector.process(405))).toBe('/var/run/logpriv');
			expect(sockstatRuns(calls)).toBe(3);
			// The table always runs its own.
			await collector.snapshot();
			expect(sockstatRuns(calls)).toBe(4);
		});

		it('waits for the table\'s run in progress rather than start another', async () => {
			const {run: answer, calls} = fakeFreeBsd(devd);
			let release = () => {};
			const held = new Promise<void>(resolve => {
				release = resolve;
			});
			const run: RunTool = async (command, args) => {
				const output = await answer(command, args);
				if (command === 'sockstat') await held;
				return output;
			};

			const collector = createSockstatCollector({run, readStartToken: async () => null, tableMaxAgeMs: 2000, now: () => 0});
			const snapshot = collector.snapshot();
			const detail = collector.process(405);
			release();
			await snapshot;
			expect(peerOf7(await detail)).toBe('/var/run/logpriv');
			expect(calls.filter(call => call === 'sockstat -s -w')).toHaveLength(1);
		});

		it('runs sockstat itself with no table beside it (--pid N --once)', async () => {
			const {run, calls} = fakeFreeBsd(devd);
			expect(peerOf7(await createSockstatCollector({run, readStartToken: async () => null, tableMaxAgeMs: 2000}).process(405))).toBe('/var/run/logpriv');
			expect(calls).toContain('sockstat -s -w');
		});
	});

	it('says why when procstat may not read another user\'s process, and null for a gone one', async () => {
		const {run} = fakeFreeBsd({
			'procstat -f 1': {stdout: '  PID COMM                FD T V FLAGS    REF  OFFSET PRO NAME\n', stderr: 'procstat: kinfo_getfile(): Operation not permitted\n', code: 0},
			'ps -o user= -o uid= -o ppid= -o comm= -p 1': ok('root 0 0 init\n'),
		});
		const collector = createSockstatCollector({run, readStartToken: async () => null});
		const denied = await collector.process(1);
		expect(denied.denied).toBe('procstat could not read the open files of PID 1: kinfo_getfile(): Operation not permitted');
		expect(denied.process?.command).toBe('init');
		const gone = await collector.process(99_999);
		expect(gone).toMatchObject({process: null, fds: []});
	});
});
