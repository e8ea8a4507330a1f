import {readFileSync} from 'node:fs';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {afterAll, describe, expect, it, onTestFinished, vi} from 'vitest';
import type {FileRun} from '../../../source/collect/run-to-files.js';
import {createLinuxCollector} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatProcessText} from '../../../source/format/pid.js';
import {columnById} from '../../../source/model/columns.js';
import type {Socket} from '../../../source/model/types.js';
import {printSnapshot} from '../../../source/once.js';
import {defaultFilters} from '../../../source/options.js';
import {createServiceTable} from '../../../source/services/table.js';
import {capture} from '../../helpers/once-io.js';
import {testOptions} from '../../helpers/options.js';

/**
 * An ss -tulnHe that does not answer (killed after 3 s on a loaded host): its IPv6-only flags are
 * unknown, so a dual-stack listener reads tcp6; the snapshot, --once, --json and the PID view say
 * why, the last answer stands, and it is not asked again on every refresh (tools.ts retryAfter).
 * What ss -tulnHe answers is `answer.inet`; every other run answers nothing, and fast.
 */
const answer = vi.hoisted(() => ({inet: undefined as FileRun | undefined, asks: 0}));
vi.mock('../../../source/collect/run-to-files.js', async importOriginal => ({
	...(await importOriginal<typeof import('../../../source/collect/run-to-files.js')>()),
	async runToFiles(command: string, args: readonly string[]): Promise<FileRun> {
		if (command !== 'ss' || args[0] !== '-tulnHe') return {kind: 'exited', stdout: '', stderr: '', code: 0};
		answer.asks++;
		return answer.inet!;
	},
}));

const timedOut: FileRun = {kind: 'failed', code: 'SIGNAL', message: 'ss was killed (SIGTERM)'};
const LINE = 'IPv6-only flags (tcp46 or tcp6): ss did not answer within 3 s';

// The clock the tools' back-off reads, moved on by `later` (performance.now: tools.ts's default).
const realNow = performance.now.bind(performance);
let shift = 0;
const later = (ms: number) => {
	shift += ms;
};

vi.spyOn(performance, 'now').mockImplementation(() => realNow() + shift);
afterAll(() => {
	vi.restoreAllMocks();
});

/** A dual-stack TCP listener of this process on every IPv6 address (Node's default), its port and inode. */
async function listenOnAny(): Promise<{port: number; inode: number}> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '::', resolve));
	onTestFinished(() => {
		server.close();
	});
	const {port} = server.address() as net.AddressInfo;
	const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
	// /proc/net/tcp6: sl local_address rem_address st ... inode (the 10th field); 0A is LISTEN.
	const line = readFileSync('/proc/net/tcp6', 'utf8')
		.split('\n')
		.map(each => each.trim().split(/\s+/))
		.find(fields => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A');
	return {port, inode: Number(line![9])};
}

/** ss -tulnHe's line of a dual-stack listener (listener-facts.ts quotes real ones). */
const ssLine = ({port, inode}: {port: number; inode: number}) => `tcp LISTEN 0 511 *:${port} *:* ino:${inode} sk:1 cgroup:/ v6only:0 <->\n`;
const answered = (...listeners: Array<{port: number; inode: number}>): FileRun => ({kind: 'exited', stdout: listeners.map(each => ssLine(each)).join(''), stderr: '', code: 0});
const proto = (sockets: readonly Socket[], port: number) =>
	sockets.filter(socket => socket.pid === process.pid && socket.localPort === port && socket.state === 'LISTEN').map(socket => columnById('proto').text(socket, {serviceName: () => ''}));

describe.skipIf(process.platform !== 'linux')('an ss -tulnHe that does not answer in time', () => {
	it('keeps the last answer, says why a new listener on :: reads tcp6, and is not asked again until later, then again', async () => {
		later(1_000_000);
		const first = await listenOnAny();
		answer.inet = answered(first);
		const collector = createLinuxCollector();
		const before = await collector.snapshot();
		expect(proto(before.sockets, first.port)).toEqual(['tcp46']);
		expect(before.skipped.unreadableTables).not.toContain(LINE);
		const second = await listenOnAny();
		answer.inet = timedOut;
		const asks = answer.asks;
		const slow = await collector.snapshot();
		expect(answer.asks).toBe(asks + 1);
		expect([proto(slow.sockets, first.port), proto(slow.sockets, second.port)]).toEqual([['tcp46'], ['tcp6']]);
		expect(slow.skipped.unreadableTables).toContain(LINE);
		// In few words for a narrow live header, as the unix ones.
		expect(slow.skipped.tableShortForms?.[LINE]).toBe('ss too slow: tcp46 unknown');
		// The next refreshes (2 s apart) do not wait 3 s for ss again: it is not run for 10 s, and what is known stands.
		for (const _ of [1, 2, 3, 4]) {
			later(2000);
			const refreshed = await collector.snapshot();
			expect([proto(refreshed.sockets, first.port), proto(refreshed.sockets, second.port)]).toEqual([['tcp46'], ['tcp6']]);
			expect(refreshed.skipped.unreadableTables).toContain(LINE);
		}

		expect(answer.asks).toBe(asks + 1);
		later(2000);
		answer.inet = answered(first, second);
		const again = await collector.snapshot();
		expect(answer.asks).toBe(asks + 2);
		expect([proto(again.sockets, first.port), proto(again.sockets, second.port)]).toEqual([['tcp46'], ['tcp46']]);
		expect(again.skipped.unreadableTables).not.toContain(LINE);
	});

	it('waits longer after each failure in a row: 10 s, then 20 s', async () => {
		later(1_000_000);
		await listenOnAny();
		answer.inet = timedOut;
		const collector = createLinuxCollector();
		const asks = answer.asks;
		const askedAt = async (ms: number) => {
			later(ms);
			const before = answer.asks;
			await collector.snapshot();
			return answer.asks - before;
		};

		expect([await askedAt(0), await askedAt(9000), await askedAt(1000), await askedAt(19_000), await askedAt(1000)]).toEqual([1, 0, 1, 0, 1]);
		expect(answer.asks).toBe(asks + 3);
	});

	it('--once says why on stderr (to a terminal), and --json in skipped.unreadableTables', async () => {
		later(1_000_000);
		const {port} = await listenOnAny();
		answer.inet = timedOut;
		const filters = {...defaultFilters, netns: 'host', ports: [[port, port] as const]};
		const once = capture(true);
		await printSnapshot(testOptions({filters}), createLinuxCollector(), once);
		expect(once.out()).toMatch(new RegExp(`tcp6 +\\*:${port} `));
		expect(once.err()).toContain(LINE);
		later(1_000_000);
		const json = capture(false);
		await printSnapshot(testOptions({filters, json: true}), createLinuxCollector(), json);
		const printed = JSON.parse(json.out()) as {skipped: {unreadableTables: string[]}; sockets: Array<{localPort: number; proto: string; isV6Only: boolean | null}>};
		expect(printed.skipped.unreadableTables).toContain(LINE);
		expect(printed.sockets.filter(socket => socket.localPort === port)).toMatchObject([{proto: 'tcp6', isV6Only: null}]);
	});

	it('the PID view (and --pid N --once, in a Note) says why', async () => {
		later(1_000_000);
		await listenOnAny();
		answer.inet = timedOut;
		const detail = await readProcessDetail(process.pid);
		expect(detail.missingTools).toContain(LINE);
		const services = createServiceTable({file: '/dev/null'});
		await services.load();
		expect(formatProcessText(detail, {services, ephemeral: null})).toContain(`Note: ${LINE}`);
	});
});
