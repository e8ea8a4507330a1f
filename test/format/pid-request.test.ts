/** What `--pid` asked besides a PID, said by the printed PID view: the thread it named. */
import {describe, expect, it} from 'vitest';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import type {ThreadOwner} from '../../source/model/thread.js';
import {detailOf, sshServices as services} from '../components/pid-fixtures.js';

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
