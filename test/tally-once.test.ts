import {describe, expect, it} from 'vitest';
import {printSnapshot} from '../source/once.js';
import {repoRoot, runCli} from './helpers/run-cli.js';
import {testOptions} from './helpers/options.js';
import {capture, fakeCollector} from './helpers/once-io.js';

// A FreeBSD capture: four sshd connections from 10.0.2.2, on 10.0.2.15:22.
const smoke = ['--import', 'test/fixtures/sockstat/freebsd-smoke-s.txt'];

describe('socktop --tally COLUMN --once', () => {
	it('prints COUNT VALUE lines, most first, aligned under a header; -q leaves it out', async () => {
		const result = await runCli([...smoke, '--tally', 'foreign', '-4', '--once'], {env: {NO_COLOR: '1'}});
		expect(result).toEqual({code: 0, stderr: '', stdout: 'COUNT FOREIGN HOST\n    4 10.0.2.2\n    2 *\n'});
		expect((await runCli([...smoke, '--tally', 'LOCAL', '-4', '-q'])).stdout).toBe('    4 10.0.2.15:22\n    1 *:22\n    1 *:514\n');
	});

	it('prints --json\'s document with a tally of every group', async () => {
		const result = await runCli([...smoke, '--tally', 'state', '--json']);
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as Record<string, unknown>;
		expect(Object.keys(document)).toEqual(['formatVersion', 'time', 'hostname', 'backend', 'tally', 'skipped']);
		expect(document['tally']).toEqual({
			column: 'state',
			sockets: 24,
			groups: [
				{count: 11, value: 'ESTABLISHED'},
				{count: 9, value: '?'},
				{count: 2, value: 'LISTEN'},
				{count: 2, value: 'UNCONN'},
			],
		});
	});

	it.each([
		[['--tally', 'fd', '--once'], 'socktop: --tally: FD is not counted: every socket has its own (use user, command, pid, netns, proto, local, foreign, state, service)'],
		[['--tally', 'host', '--once'], "socktop: --tally: unknown column 'host' (use user, command, pid, netns, proto, local, foreign, state, service)"],
		[['--tally'], 'socktop: --tally needs a column to count by (e.g. foreign)'],
		[['--tally', 'pid', '--sort', 'pid'], 'socktop: --tally and --sort cannot be combined: a tally is ordered by count, most first'],
		[['--tally', 'pid', '--pid', '1'], "socktop: --tally and --pid cannot be combined: a tally counts the table's rows"],
	])('%j: one line on stderr, exit 2', async (args, message) => {
		expect(await runCli([...smoke, ...args], {cwd: repoRoot})).toEqual({code: 2, stdout: '', stderr: `${message}\n`});
	});
});

describe('printSnapshot with a tally', () => {
	it('counts the rows the filters pass, by PID with its command', async () => {
		const io = capture(false);
		expect(await printSnapshot(testOptions({tally: 'pid', filters: {...testOptions().filters, listening: true}}), fakeCollector, io)).toBe(0);
		expect(io.out()).toMatchInlineSnapshot(`
			"COUNT PID COMMAND
			    2 812 sshd
			    1 1 systemd
			    1 125 dhclient
			    1 400 rsyslogd
			"
		`);
	});
});
