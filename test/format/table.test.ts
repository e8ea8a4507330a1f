import {describe, expect, it} from 'vitest';
import {formatTable} from '../../source/format/table.js';
import {displayWidth} from '../../source/format/escape.js';
import {makeSocket, sampleSockets} from './sockets.js';

describe('formatTable', () => {
	it('prints sockstat columns plus STATE (and NETNS, as the sample spans two), aligned, exactly', () => {
		expect(formatTable(sampleSockets)).toBe(
			[
				'USER     COMMAND  PID  FD NETNS PROTO     LOCAL ADDRESS       FOREIGN ADDRESS          STATE',
				'root     sshd     812  3  host  tcp4      *:22                *:*                      LISTEN',
				'root     sshd     812  4  host  tcp6      *:22                *:*                      LISTEN',
				'alice    curl     2001 5  host  tcp4      127.0.0.1:41234     127.0.0.1:8080           ESTABLISHED',
				'www-data nginx    900  12 host  tcp6      [::1]:8080          [::ffff:127.0.0.1]:50000 ESTABLISHED',
				'root     dhclient 125  6  host  udp4      *:68                *:*                      UNCONN',
				'root     resolved 300  9  host  udp6      [::1]:53            [::1]:5353               ESTABLISHED',
				'root     systemd  1    20 host  stream    /run/systemd/notify -                        LISTEN',
				'root     rsyslogd 400  3  host  dgram     /dev/log            (not connected)          UNCONN',
				'alice    app      2002 7  host  stream    -                   -> /run/systemd/notify   ESTABLISHED',
				'root     agent    500  4  host  seqpacket @abstract           -> socket:[555]          ESTABLISHED',
				'root     lonely   600  8  host  dgram     -                   (not connected)          UNCONN',
				'1001     ?        ?    ?  web   tcp4      127.0.0.1:8080      127.0.0.1:41000          TIME_WAIT',
				'root     ping     700  3  host  raw4      *:1                 *:*                      UNCONN',
				'',
			].join('\n'),
		);
	});

	it('prints only the header when nothing matches', () => {
		expect(formatTable([])).toBe('USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE\n');
	});

	it('drops exactly the header line for -q, the rows aligned as with it', () => {
		const full = formatTable(sampleSockets).split('\n');
		expect(formatTable(sampleSockets, {isQuiet: true}).split('\n')).toEqual(full.slice(1));
		// A header wider than every cell still sets the width, as sockstat -q's columns keep theirs.
		const one = [makeSocket({localPort: 22, state: 'LISTEN'})];
		expect(formatTable(one, {isQuiet: true})).toBe(formatTable(one).split('\n')[1] + '\n');
		expect(formatTable(one, {isQuiet: true})).toBe('root sshd    1   3  tcp4  *:22          *:*             LISTEN\n');
		expect(formatTable([], {isQuiet: true})).toBe('');
	});

	it('writes USER as the uid for -n, aligned to it', () => {
		const sockets = [makeSocket({user: 'www-data', uid: 33, localPort: 80, state: 'LISTEN'}), makeSocket({user: '?', uid: null, localPort: 81, state: 'LISTEN'})];
		expect(formatTable(sockets, {isNumericUser: true}).split('\n')).toEqual([
			'USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE',
			'33   sshd    1   3  tcp4  *:80          *:*             LISTEN',
			'?    sshd    1   3  tcp4  *:81          *:*             LISTEN',
			'',
		]);
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

	it('adds a NETNS column after FD when any row is outside the host namespace, and only then', () => {
		const sockets = [
			makeSocket({netns: 'host', pid: 10, localPort: 22, state: 'LISTEN'}),
			makeSocket({netns: 'ci-\u001b[31mred', pid: 11, localPort: 8080, state: 'LISTEN'}),
			makeSocket({netns: null, pid: 12, localPort: 53, proto: 'udp4', state: 'UNCONN'}),
		];
		expect(formatTable(sockets).split('\n')).toEqual([
			'USER COMMAND PID FD NETNS          PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE',
			'root sshd    10  3  host           tcp4  *:22          *:*             LISTEN',
			'root sshd    11  3  ci-\\x1b[31mred tcp4  *:8080        *:*             LISTEN',
			'root sshd    12  3  host           udp4  *:53          *:*             UNCONN',
			'',
		]);
		// Rows all in the host's namespace (or from a backend without namespaces) keep sockstat's columns.
		expect(formatTable([sockets[0]!, sockets[2]!]).split('\n')[0]).toBe('USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE');
		// Rows all in one other namespace keep the column: without it they read as the host's.
		expect(formatTable([sockets[1]!]).split('\n')).toEqual([
			'USER COMMAND PID FD NETNS          PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE',
			'root sshd    11  3  ci-\\x1b[31mred tcp4  *:8080        *:*             LISTEN',
			'',
		]);
	});

	it('never ends a line in spaces', () => {
		for (const line of formatTable(sampleSockets).split('\n')) {
			expect(line).toBe(line.trimEnd());
		}
	});
});
