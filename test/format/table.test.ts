import {describe, expect, it} from 'vitest';
import {formatTable} from '../../source/format/table.js';
import {displayWidth} from '../../source/format/escape.js';
import {makeSocket, sampleSockets} from './sockets.js';

describe('formatTable', () => {
	it('prints sockstat columns plus STATE, aligned, exactly', () => {
		expect(formatTable(sampleSockets)).toBe(
			[
				'USER     COMMAND  PID  FD PROTO     LOCAL ADDRESS       FOREIGN ADDRESS          STATE',
				'root     sshd     812  3  tcp4      *:22                *:*                      LISTEN',
				'root     sshd     812  4  tcp6      *:22                *:*                      LISTEN',
				'alice    curl     2001 5  tcp4      127.0.0.1:41234     127.0.0.1:8080           ESTABLISHED',
				'www-data nginx    900  12 tcp6      [::1]:8080          [::ffff:127.0.0.1]:50000 ESTABLISHED',
				'root     dhclient 125  6  udp4      *:68                *:*                      UNCONN',
				'root     resolved 300  9  udp6      [::1]:53            [::1]:5353               ESTABLISHED',
				'root     systemd  1    20 stream    /run/systemd/notify -                        LISTEN',
				'root     rsyslogd 400  3  dgram     /dev/log            (not connected)          UNCONN',
				'alice    app      2002 7  stream    -                   -> /run/systemd/notify   ESTABLISHED',
				'root     agent    500  4  seqpacket @abstract           -> socket:[555]          ESTABLISHED',
				'root     lonely   600  8  dgram     -                   (not connected)          UNCONN',
				'1001     ?        ?    ?  tcp4      127.0.0.1:8080      127.0.0.1:41000          TIME_WAIT',
				'root     ping     700  3  raw4      *:1                 *:*                      UNCONN',
				'',
			].join('\n'),
		);
	});

	it('prints only the header when nothing matches', () => {
		expect(formatTable([])).toBe('USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE\n');
	});

	it('shows an unknown state as ?', () => {
		const lines = formatTable([makeSocket({state: null, localPort: 25})]).split('\n');
		expect(lines[1]).toBe('root sshd    1   3  tcp4  *:25          *:*             ?');
	});

	it('keeps columns aligned around wide, zero-width and control characters', () => {
		const sockets = [
			makeSocket({command: '日本語', user: 'bob', pid: 10}),
			makeSocket({command: 'a\u200bb\u001b[31m', pid: 11}),
			makeSocket({command: 'plain', pid: 12}),
		];
		const lines = formatTable(sockets).trimEnd().split('\n');
		// The PID column starts at the same terminal column on every line.
		const pidColumn = (line: string) => {
			const at = line.search(/ (PID|1[0-2]) /);
			return displayWidth(line.slice(0, at));
		};

		expect(new Set(lines.map(line => pidColumn(line))).size).toBe(1);
		expect(lines[2]).toContain('a\\u200bb\\x1b[31m');
		expect(lines.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u200b]/u);
	});

	it('never ends a line in spaces', () => {
		for (const line of formatTable(sampleSockets).split('\n')) {
			expect(line).toBe(line.trimEnd());
		}
	});
});
