/** What `--pid` asked besides a PID, said by the printed PID view: the thread it named, the socket filters in force. */
import {describe, expect, it} from 'vitest';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import type {ThreadOwner} from '../../source/model/thread.js';
import {defaultFilters} from '../../source/options.js';
import {detailOf, nginxFds, nginxInfo, sshServices as services} from '../components/pid-fixtures.js';

process.env['TZ'] = 'UTC';

const ctx = {services, ephemeral: [32_768, 60_999] as const};
const thread: ThreadOwner = {tid: 815, name: 'sshd-worker', pid: 812, command: 'sshd'};

describe('a thread asked for as a PID', () => {
	it('--once: a note under the process block says whose thread it is', () => {
		const lines = formatProcessText(detailOf(), ctx, {thread}).split('\n');
		const note = lines.indexOf('Note: PID 815 is a thread of 812 (sshd); showing the process');
		expect(note).toBeGreaterThan(lines.findIndex(line => line.startsWith('Open FDs')));
		expect(lines[note - 1]).toBe('');
		expect(formatProcessText(detailOf(), ctx)).not.toContain('Note:');
	});

	it('--once: a command that could not be read is left out, and a hostile one is escaped', () => {
		expect(formatProcessText(detailOf(), ctx, {thread: {...thread, command: null}})).toContain('Note: PID 815 is a thread of 812; showing the process\n');
		expect(formatProcessText(detailOf(), ctx, {thread: {...thread, command: 'x\u001B[2J'}})).toContain('(x\\x1b[2J)');
	});

	it('--json: `thread` names it (its ID and own name); null for a process\'s own PID', () => {
		expect(JSON.parse(formatProcessJson(detailOf(), ctx, 0, {thread}))).toMatchObject({pid: 812, thread: {tid: 815, name: 'sshd-worker'}});
		expect(JSON.parse(formatProcessJson(detailOf(), ctx, 0, {thread: null}))).toMatchObject({pid: 812, thread: null});
	});
});

describe('socket filters given with --pid', () => {
	const nginx = detailOf(nginxFds(), {process: nginxInfo});
	const listening = {filters: {...defaultFilters, listening: true}};

	it('--once: lists and explains only the socket fds that pass, and a note says which filters hide how many', () => {
		const text = formatProcessText(nginx, ctx, listening);
		expect(text).toContain('\nNote: Filters in force: listening; they hide 16 of the 18 fds read\n');
		const table = text.slice(text.indexOf('FD  TYPE'), text.indexOf('\n\nSockets explained:')).split('\n');
		expect(table.slice(1).map(line => line.trim().split(/\s+/)[0])).toEqual(['5', '6']);
		expect(text.split('Sockets explained:\n')[1]!.trimEnd().split('\n').map(line => line.trim().split(':')[0])).toEqual(['fd 5', 'fd 6']);
		// Files and pipes are no sockets the table lists: hidden.
		expect(text).not.toContain('pipe:[7781]');
		expect(formatProcessText(nginx, ctx)).toContain('pipe:[7781]');
	});

	it('--once: the thread\'s note first, then the filters\'; no table when no fd passes', () => {
		const text = formatProcessText(nginx, ctx, {thread, filters: {...defaultFilters, unix: true, listening: true}});
		expect(text).toContain('\nNote: PID 815 is a thread of 812 (sshd); showing the process\n\nNote: Filters in force: listening, unix; they hide 18 of the 18 fds read\n');
		expect(text).not.toContain('FD  TYPE');
	});

	it('--json: `fds` holds the ones that pass and `filters` says which are in force and how many fds they hide', () => {
		const value = JSON.parse(formatProcessJson(nginx, ctx, 0, {filters: {...defaultFilters, ipv6: true, ports: [[51_000, 51_001]]}})) as {filters: unknown; fds: Array<{fd: number}>; fdCount: unknown};
		expect(value.filters).toEqual({active: ['IPv6', 'port 51000-51001'], text: null, hiddenFds: 16});
		expect(value.fds.map(fd => fd.fd)).toEqual([8, 9]);
		expect(JSON.parse(formatProcessJson(nginx, ctx, 0, {filters: defaultFilters}))).toMatchObject({filters: null});
	});

	it('--json with --filter: `filters` carries the text as typed and counts the fds it hides too', () => {
		const value = JSON.parse(formatProcessJson(nginx, ctx, 0, {filters: {...defaultFilters, text: 'fd:8'}})) as {filters: unknown; fds: Array<{fd: number}>};
		expect(value.fds.map(fd => fd.fd)).toEqual([8]);
		expect(value.filters).toEqual({active: [], text: 'fd:8', hiddenFds: 17});
		const both = JSON.parse(formatProcessJson(nginx, ctx, 0, {filters: {...defaultFilters, ipv6: true, ports: [[51_000, 51_001]], text: 'fd:9'}})) as {filters: unknown};
		expect(both.filters).toEqual({active: ['IPv6', 'port 51000-51001'], text: 'fd:9', hiddenFds: 17});
	});
});
