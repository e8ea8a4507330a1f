import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {detailOf, inetSocket, scriptedCollector, sshdFds} from './pid-fixtures.js';
import {frameOf, loaded, view} from './pid-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/**
 * What a user test found unreadable on narrow terminals: a metrics exporter's listener with
 * connections waiting for accept(), a loopback connection with unacknowledged bytes, and a
 * unix listener with a long path, beside sshd's /dev/null, socket and pipe.
 */
function exporterFds(): FileDescriptor[] {
	const unix = inetSocket({proto: 'stream', localAddress: null, localPort: null, path: '/run/exporter/metrics.sock', state: 'LISTEN', fd: 6, inode: 20_700});
	const connection = inetSocket({localAddress: '127.0.0.1', localPort: 41_276, foreignAddress: '127.0.0.1', foreignPort: 9102, state: 'ESTABLISHED', fd: 5, inode: 20_600, txQueue: 1448});
	return [
		...sshdFds.slice(0, 3),
		{fd: 3, type: 'socket', target: 'socket:[20531]', socket: inetSocket({localPort: 9102, rxQueue: 3})},
		{fd: 5, type: 'socket', target: 'socket:[20600]', socket: connection},
		{fd: 6, type: 'socket', target: 'socket:[20700]', socket: unix},
	];
}

/** The view on a terminal of `width` x `rows`: the live view gives it rows - 1 lines (its frame never takes the last row). */
const at = async (width: number, rows: number) => {
	const instance = view({collector: scriptedCollector([detailOf(exporterFds())]), width, height: rows - 1, interval: 60});
	await loaded(instance);
	return frameOf(instance).split('\n');
};

/** The FD table's lines: from its top rule to its bottom one. */
const tableOf = (lines: readonly string[]) => lines.slice(lines.findIndex(line => line.startsWith('┌')), lines.findIndex(line => line.startsWith('└')) + 1);

describe('PidView on narrow terminals', () => {
	it('at 60x15 leaves RECV-Q and SEND-Q to the sentences before it cuts an address, and keeps STATE short, never cut', async () => {
		// TYPE is whole or dropped ('chr d…' and 'unix …' read as nothing): here it goes, so the addresses read whole.
		expect(tableOf(await at(60, 15))).toMatchInlineSnapshot(`
			[
			  "┌─────┬───────────────────────┬───────────────────┬────────┐",
			  "│ FD▲ │ TARGET                │ FOREIGN / PEER    │ STATE  │",
			  "├─────┼───────────────────────┼───────────────────┼────────┤",
			  "│   0 │ /dev/null             │                   │        │",
			  "│   1 │ socket:[1]            │                   │        │",
			  "│   2 │ pipe:[4471]           │ → logger[900] fd… │        │",
			  "│   3 │ *:9102                │ *:*               │ LISTEN │",
			  "│   5 │ 127.0.0.1:41276       │ 127.0.0.1:9102    │ ESTAB  │",
			  "│   6 │ …xporter/metrics.sock │                   │ LISTEN │",
			  "└─────┴───────────────────────┴───────────────────┴────────┘",
			]
		`);
	});

	it('at 50x15 drops TYPE rather than cut it, and heads a narrow FOREIGN / PEER PEER, not \'FOREIGN…\'', async () => {
		expect(tableOf(await at(50, 15))).toMatchInlineSnapshot(`
			[
			  "┌─────┬─────────────────┬───────────────┬────────┐",
			  "│ FD▲ │ TARGET          │ PEER          │ STATE  │",
			  "├─────┼─────────────────┼───────────────┼────────┤",
			  "│   0 │ /dev/null       │               │        │",
			  "│   1 │ socket:[1]      │               │        │",
			  "│   2 │ pipe:[4471]     │ → logger[900] │        │",
			  "│   3 │ *:9102          │ *:*           │ LISTEN │",
			  "│   5 │ 127.0.0.1:41276 │ 127.0.…1:9102 │ ESTAB  │",
			  "│   6 │ …r/metrics.sock │               │ LISTEN │",
			  "└─────┴─────────────────┴───────────────┴────────┘",
			]
		`);
	});

	it('at 40x10 drops TYPE rather than cut every column to three letters: FD, TARGET, PEER and STATE short', async () => {
		expect(tableOf(await at(40, 10))).toMatchInlineSnapshot(`
			[
			  "┌─────┬────────────┬──────────┬────────┐",
			  "│ FD▲ │ TARGET     │ PEER     │ STATE  │",
			  "├─────┼────────────┼──────────┼────────┤",
			  "│   0 │ /dev/null  │          │        │",
			  "│   1 │ socket:[1] │          │        │",
			  "│   2 │ …pe:[4471] │ → logge… │        │",
			  "└─────┴────────────┴──────────┴────────┘",
			]
		`);
	});

	it('at 80x24 keeps TYPE whole beside whole addresses, and heads FOREIGN / PEER PEER beside a long TARGET (it read \'FOREI…\')', async () => {
		expect(tableOf(await at(80, 24))).toMatchInlineSnapshot(`
			[
			  "┌─────┬─────────────┬────────────────────────────┬────────────────────┬────────┐",
			  "│ FD▲ │ TYPE        │ TARGET                     │ FOREIGN / PEER     │ STATE  │",
			  "├─────┼─────────────┼────────────────────────────┼────────────────────┼────────┤",
			  "│   0 │ chr dev     │ /dev/null                  │                    │        │",
			  "│   1 │ ?           │ socket:[1]                 │                    │        │",
			  "│   2 │ pipe        │ pipe:[4471]                │ → logger[900] fd 0 │        │",
			  "│   3 │ tcp4        │ *:9102                     │ *:*                │ LISTEN │",
			  "│   5 │ tcp4        │ 127.0.0.1:41276            │ 127.0.0.1:9102     │ ESTAB  │",
			  "│   6 │ unix stream │ /run/exporter/metrics.sock │                    │ LISTEN │",
			  "└─────┴─────────────┴────────────────────────────┴────────────────────┴────────┘",
			]
		`);
		// A UDP server logging to a long path: FOREIGN / PEER's cells are '*:*' and blank.
		const log = '/var/log/exporter/udp-metrics-collector/2026-11-28/received-datagrams.log';
		const udp = [sshdFds[0]!, {fd: 4, type: 'file' as const, target: log, socket: null}, {fd: 5, type: 'socket' as const, target: 'socket:[20800]', socket: inetSocket({proto: 'udp4', localPort: 514, state: 'UNCONN', fd: 5, inode: 20_800})}];
		const instance = view({collector: scriptedCollector([detailOf(udp)]), width: 80, height: 23, interval: 60});
		await loaded(instance);
		expect(tableOf(frameOf(instance).split('\n'))).toMatchInlineSnapshot(`
			[
			  "┌─────┬─────────┬────────────────────────────────────────────┬────────┬────────┐",
			  "│ FD▲ │ TYPE    │ TARGET                                     │ PEER   │ STATE  │",
			  "├─────┼─────────┼────────────────────────────────────────────┼────────┼────────┤",
			  "│   0 │ chr dev │ /dev/null                                  │        │        │",
			  "│   4 │ file    │ …llector/2026-11-28/received-datagrams.log │        │        │",
			  "│   5 │ udp4    │ *:514                                      │ *:*    │ UNCONN │",
			  "└─────┴─────────┴────────────────────────────────────────────┴────────┴────────┘",
			]
		`);
	});

	it('shows the queues where every other cell reads whole beside them', async () => {
		const lines = tableOf(await at(100, 30));
		expect(lines[1]).toBe('│ FD▲ │ TYPE        │ TARGET                     │ FOREIGN / PEER     │ STATE  │ RECV-Q │ SEND-Q │');
		expect(lines).toContain('│   5 │ tcp4        │ 127.0.0.1:41276            │ 127.0.0.1:9102     │ ESTAB  │      0 │   1448 │');
	});

	it('keeps what the process is at 60x15: the Cmdline, cut, under the PID line', async () => {
		expect((await at(60, 15)).slice(0, 3)).toEqual([
			' PID 812 sshd · Esc back · ? help · k kill · ↑↓ select',
			'PID 812  PPID 1  User root (uid 0)  State S (sleeping)',
			'Cmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 star…',
		]);
	});

	it('gives the Cmdline a line from 40x11, where the table still keeps three rows and the selected fd its sentence', async () => {
		const facts = (lines: readonly string[]) => lines.slice(1, lines.findIndex(line => line.startsWith('┌'))).map(line => line.split(' ')[0]);
		// 40x10: the title names the command; three rows and the selected fd's line come first.
		expect(facts(await at(40, 10))).toEqual([]);
		expect(facts(await at(40, 11))).toEqual(['Cmdline']);
		expect((await at(40, 11)).slice(1, 2)).toEqual(['Cmdline sshd: /usr/sbin/sshd -D [listen…']);
		expect(facts(await at(60, 19))).toEqual(['PID', 'Started', 'Cmdline']);
		// From 22 lines the Sockets fact has a line of its own where it does not fit beside Open FDs.
		expect(facts(await at(60, 23))).toEqual(['PID', 'Started', 'Sockets', 'Cmdline', 'Cwd']);
	});
});

describe('PidView\'s process facts on narrow terminals', () => {
	it('shows each fact whole or not at all: no \'State S (sleepin…\' or \'Open FDs 9 of 20…\'', async () => {
		const lines = await at(60, 15);
		const facts = lines.slice(1, lines.findIndex(line => line.startsWith('┌')));
		expect(facts.length).toBeGreaterThan(0);
		for (const line of facts.filter(each => !each.startsWith('Cmdline'))) expect(line).not.toContain('…');
		expect(facts[0]).toMatch(/^PID \d+ {2}PPID \d+ {2}User \S+/);
		// Wider, the same facts come back whole.
		const wide = await at(160, 15);
		expect(wide[1]!.length).toBeGreaterThan(facts[0]!.length);
	});
});
