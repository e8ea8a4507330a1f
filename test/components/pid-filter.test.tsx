/** The PID view's `/` filter over its fd rows: a process with more fds than fit, found by what a cell shows. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {PASTE_MARK} from '../../source/paste.js';
import {detailOf, inetSocket, scriptedCollector, sshdInfo} from './pid-fixtures.js';
import {ESC, frameOf, inverseRows, loaded, press, view, waitFor} from './pid-frames.js';

vi.hoisted(() => {
	// The selection is drawn inverse; without a colour level Ink drops every attribute. Local times must not depend on the machine.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** node with three files and 57 TCP connections to a server on this machine: fds 0-59. */
const nodeFds: FileDescriptor[] = Array.from({length: 60}, (_, fd) =>
	fd < 3
		? {fd, type: 'file', target: `/srv/app/log-${fd}.txt`, socket: null}
		: {
				fd,
				type: 'socket',
				target: `socket:[${50_000 + fd}]`,
				socket: inetSocket({localAddress: '127.0.0.1', localPort: 40_000 + fd, foreignAddress: '127.0.0.1', foreignPort: 5432, state: 'ESTABLISHED', command: 'node', fd, inode: 50_000 + fd}),
				peer: {command: 'postgres', pid: 900 + fd, fd: 9},
			},
);

const nodeView = (onBack = () => undefined) => view({collector: scriptedCollector([detailOf(nodeFds, {process: {...sshdInfo, command: 'node'}})]), width: 80, height: 24, interval: 60, onBack});

describe('the PID view\'s / filter', () => {
	it('filters the fd rows as it is typed, the prompt on the bottom line and the title saying how many show', async () => {
		const instance = nodeView();
		await loaded(instance);
		instance.stdin.write('/');
		instance.stdin.write('38');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Filter: 38');
		});
		expect(frameOf(instance)).toBe(
			[
				' PID 812 node · Esc clear · ? help · k kill · Enter peer · "38": showing 1 of 60',
				'PID 812  PPID 1  User root (uid 0)  State S (sleeping)  Threads 1',
				'Started 2026-11-26 23:55:00 (3h 5m ago)  Open FDs 60 of 1024 (soft limit)',
				// Every fd's socket counted, not only those the filter shows: the process's, as Open FDs.
				'Sockets 57 ESTABLISHED (TCP)',
				'Cmdline sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
				'Cwd /  Exe /usr/sbin/sshd',
				// Columns as wide as for every row: typing moves none.
				'┌─────┬──────┬────────────────────┬────────────────────────────────────┬───────┐',
				'│ FD▲ │ TYPE │ TARGET             │ FOREIGN / PEER                     │ STATE │',
				'├─────┼──────┼────────────────────┼────────────────────────────────────┼───────┤',
				'│  38 │ tcp4 │ 127.0.0.1:40038    │ 127.0.0.1:5432 → postgres[938] fd… │ ESTAB │',
				'└─────┴──────┴────────────────────┴────────────────────────────────────┴───────┘',
				'fd 38: node is connected from ephemeral port 40038 to 127.0.0.1 port 5432',
				'  (registered range, unnamed); the other end is postgres[938] fd 9',
				// What "ephemeral" means, under the sentence that says it.
				'  40038: an ephemeral port, most likely picked by the kernel for this',
				'    connection from 32768-60999 (net.ipv4.ip_local_port_range), unless the',
				'    program bound it; no service is named for it',
				...Array.from({length: 7}, () => ''),
				'Filter: 38   Enter keep  Esc clear',
			].join('\n'),
		);
		expect(inverseRows(instance)).toEqual(['38 tcp4 127.0.0.1:40038 127.0.0.1:5432 → postgres[938] fd… ESTAB']);
	});

	it('keeps the filter on Enter, moves among the rows it shows, and Esc shows every row with the selection on the same fd', async () => {
		const onBack = vi.fn();
		const instance = nodeView(onBack);
		await loaded(instance);
		// Every socket's peer (fds 3-59), and no file.
		instance.stdin.write('/postgres[9\r');
		await waitFor(() => {
			expect(frameOf(instance).split('\n')[0]).toMatch(/^ PID 812 node · Esc clear · \? help · "postgres\[9": showing 57 of 60 · rows 1-9$/);
		});
		expect(frameOf(instance)).not.toContain('Filter:');
		expect(inverseRows(instance)[0]).toMatch(/^3 tcp4 /);
		await press(instance, 'G', 'fd 59: ');
		expect(frameOf(instance).split('\n')[0]).toMatch(/ · "postgres\[9": showing 57 of 60 · rows \d+-57$/);
		// Esc clears the kept filter; the view stays, on fd 59, among all 60 rows.
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(frameOf(instance).split('\n')[0]).toMatch(/ · Esc back · .* · rows 52-60 of 60$/);
		});
		expect(inverseRows(instance)[0]).toMatch(/^59 tcp4 /);
		expect(onBack).not.toHaveBeenCalled();
		// Then Esc goes back.
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(onBack).toHaveBeenCalledTimes(1);
		});
	});

	it('selects the first row shown while the filter hides the selected fd, and that fd again once the prompt\'s Esc clears it', async () => {
		const instance = nodeView();
		await loaded(instance);
		await press(instance, 'jjjjj', 'fd 5: ');
		instance.stdin.write('/postgres[95');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('showing 10 of 60');
		});
		expect(inverseRows(instance)[0]).toMatch(/^50 tcp4 /);
		await press(instance, ESC, 'fd 5: ');
		expect(frameOf(instance)).not.toContain('Filter:');
		expect(frameOf(instance).split('\n')[0]).toMatch(/ · rows 1-\d+ of 60$/);
	});

	it('says when no fd matches, and takes a paste as text', async () => {
		const instance = nodeView();
		await loaded(instance);
		instance.stdin.write('/');
		// A bracketed paste, as socktop's stdin filter hands it on (PASTE_MARK): text, never keys;
		// its first line only, so its Enter keeps nothing and its q does not leave.
		instance.stdin.write(`${PASTE_MARK}zzz\rq`);
		await waitFor(() => {
			expect(frameOf(instance)).toContain('No fd matches "zzz" (Esc clears the filter).');
		});
		expect(frameOf(instance)).toContain('Filter: zzz ');
		expect(frameOf(instance).split('\n')[0]).toMatch(/ · "zzz": showing 0 of 60$/);
	});

	it('combines words and takes the fd columns\' names, a mistyped name hinted on the prompt line', async () => {
		const instance = nodeView();
		await loaded(instance);
		// The foreign end's holder postgres[94x] (fds 40-49), but not fd 41; its TARGET's port ends the cell.
		instance.stdin.write('/foreign:postgres[94 !fd:41 target::40045');
		await waitFor(() => {
			// The title has no room for the text; the prompt shows it.
			expect(frameOf(instance).split('\n')[0]).toMatch(/ · showing 1 of 60$/);
		});
		expect(inverseRows(instance)[0]).toMatch(/^45 tcp4 127\.0\.0\.1:40045 /);
		expect(frameOf(instance).split('\n').at(-1)).toMatch(/^Filter: foreign:postgres\[94 !fd:41 target::40045\s+Enter keep  Esc clear$/);
		instance.stdin.write(ESC);
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain('Filter:');
		});
		instance.stdin.write('/targt:log');
		await waitFor(() => {
			expect(frameOf(instance).split('\n').at(-1)).toMatch(/^Filter: targt:log\s+targt: is no column \(target:\?\), read as text$/);
		});
		expect(frameOf(instance)).toContain('No fd matches "targt:log" (Esc clears the filter).');
	});
});
