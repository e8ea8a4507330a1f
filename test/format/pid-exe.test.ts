/** A process whose program file was replaced since it started (an upgrade), in the printed PID view. */
import {describe, expect, it} from 'vitest';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import {detailOf, nginxInfo, sshServices as services} from '../components/pid-fixtures.js';

process.env['TZ'] = 'UTC';

const ctx = {services, ephemeral: [32_768, 60_999] as const};
const upgraded = detailOf([], {process: {...nginxInfo, exe: '/usr/sbin/nginx (deleted)', exeGone: 'replaced'}});

describe('--pid N of a process running an old program', () => {
	it('--once: Exe as the kernel writes it, and a note under the process block that says to restart it', () => {
		const lines = formatProcessText(upgraded, ctx).split('\n');
		expect(lines).toContain('Exe       /usr/sbin/nginx (deleted)');
		const note = lines.indexOf('Note: /usr/sbin/nginx was replaced since nginx started (a package upgrade?): it still runs the old program; restart it to run the new one.');
		expect(note).toBeGreaterThan(lines.findIndex(line => line.startsWith('Open FDs')));
		expect(lines[note - 1]).toBe('');
		expect(formatProcessText(detailOf([], {process: nginxInfo}), ctx)).not.toContain('Note:');
	});

	it('--json: process.exeGone', () => {
		expect(JSON.parse(formatProcessJson(upgraded, ctx)).process).toMatchObject({exe: '/usr/sbin/nginx (deleted)', exeGone: 'replaced'});
	});
});
