/** `--pid N --once --sort COLUMN`: the printed FD table in the PID view's order; --json keeps FD order; a column the view lacks is refused. */
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/run-cli.js';

// A FreeBSD capture: syslogd (PID 572) holds two unix dgram sockets (fds 4, 5) and two UDP ones (6, 7).
const capture = ['--import', 'test/fixtures/sockstat/freebsd-smoke-s.txt', '--pid', '572'];
/** The FD table's rows as their FD and TYPE cells. */
const fdRows = (stdout: string) => {
	const lines = stdout.split('\n');
	const heading = lines.findIndex(line => /^FD +TYPE/u.test(line));
	const end = lines.indexOf('', heading);
	return lines.slice(heading + 1, end).map(line => line.trim().split(/ {2,}/u).slice(0, 2).join(' '));
};

describe('socktop --pid N --once --sort', () => {
	it('prints the FD table sorted by the PID view\'s column, -COLUMN descending; without --sort by FD', async () => {
		const [plain, byType, descending] = await Promise.all([runCli([...capture, '--once']), runCli([...capture, '--once', '--sort', 'Type']), runCli([...capture, '--once', '--sort', '-fd'])]);
		expect(fdRows(plain.stdout)).toEqual(['4 unix dgram', '5 unix dgram', '6 udp6', '7 udp4']);
		expect(byType).toMatchObject({code: 0, stderr: ''});
		expect(fdRows(byType.stdout)).toEqual(['7 udp4', '6 udp6', '4 unix dgram', '5 unix dgram']);
		expect(fdRows(descending.stdout)).toEqual(['7 udp4', '6 udp6', '5 unix dgram', '4 unix dgram']);
		// The sentences under the table follow its order.
		expect(descending.stdout.indexOf('  fd 7:')).toBeLessThan(descending.stdout.indexOf('  fd 4:'));
	});

	it('--json keeps FD order', async () => {
		const result = await runCli([...capture, '--json', '--sort', '-fd']);
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as {fds: Array<{fd: number}>}).fds.map(fd => fd.fd)).toEqual([4, 5, 6, 7]);
	});

	it('refuses a column the PID view does not have in one line, exit 2, naming the ones it has', async () => {
		expect(await runCli([...capture, '--once', '--sort', 'pid'])).toEqual({
			code: 2,
			stdout: '',
			stderr: "socktop: --sort: the PID view (--pid) has no column 'pid' (use fd, type, target, foreign, state, recv-q, send-q; -COLUMN for descending)\n",
		});
	});
});
