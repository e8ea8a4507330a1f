import {describe, expect, it} from 'vitest';
import {cellHelpLines} from '../../source/components/cell-lines.js';
import {displayWidth} from '../../source/format/escape.js';
import {createTheme} from '../../source/theme.js';

const text = (width: number) => cellHelpLines(createTheme(false), width).map(segments => segments.map(segment => segment.text).join('').trimEnd());

describe('cellHelpLines', () => {
	it('says how each cell is written at 80 columns, after a blank line, as the States are laid out', () => {
		expect(text(80)).toEqual([
			'',
			'Cells    *:22              port 22 on every local address (0.0.0.0 or ::)',
			'         *:*               no foreign end: a listener, an unconnected UDP socket',
			'         [::1]:8080        an IPv6 address, bracketed as ss and URLs write it',
			'         [::ffff:1.2.3.4]  an IPv4 address on an IPv6 socket (a dual-stack',
			"                           listener's or client's)",
			'         *:id=43294        a ping socket (icmp4, icmp6): its echo identifier,',
			'                           not a port',
			'         @name             an abstract unix name, which no file holds',
			'         -                 a unix socket with no bound name',
			"         -> /run/app.sock  a unix socket's peer, by the peer's bound name",
			'         -> python3[5055]  a unix peer without a name, by the process holding it',
			'         -> socket:[9876]  an unnamed unix peer held by no process socktop can',
			"                           read (another user's; one in flight), by its inode",
			'         -> ?              a connected unix socket whose peer is not known',
			"         (not connected)   a unix socket with no peer, in sockstat's words",
			'         (deleted)         a unix listener or dgram receiver whose path no',
			'                           longer reaches it',
			'         ?                 not known: no process holds it (TIME_WAIT, a',
			'                           connection not accepted yet, an orphaned close, a',
			'                           kernel socket), or socktop may not read the one',
			"                           that does (another user's, when not root); Enter on",
			'                           it says which',
			'         Sockets N         counts sockets, where "showing X of Y" counts rows,',
			'                           one per holder: a socket forked workers share is',
			'                           one socket and several rows',
		]);
	});

	it("says what '?' means whoever runs socktop, root or not: rows no process holds, not only another user's", () => {
		const unknown = text(Number.POSITIVE_INFINITY).find(line => /^\s+\?\s/.test(line))!;
		// Root sees every process and still has '?' rows: the accept queue, orphaned closes, kernel sockets.
		for (const case_ of ['TIME_WAIT', 'a connection not accepted yet', 'an orphaned close', 'a kernel socket', "another user's, when not root"]) expect(unknown).toContain(case_);
		expect(unknown).not.toContain('run as root to see it');
	});

	it('lists the cells the table writes beyond addresses and names: mapped IPv4, ping identifiers, unnamed peers by inode, no peer', () => {
		const notations = text(Number.POSITIVE_INFINITY).map(line => line.slice(9).split(/\s{2,}/)[0]);
		for (const cell of ['[::ffff:1.2.3.4]', '*:id=43294', '-> socket:[9876]', '(not connected)']) expect(notations).toContain(cell);
	});

	it('wraps a meaning under itself where the terminal is narrow, never past its width', () => {
		const lines = text(40);
		expect(lines.every(line => displayWidth(line) <= 40)).toBe(true);
		// Beside a notation 18 columns wide a meaning would get 13: it goes under it instead.
		expect(lines.slice(0, 6)).toEqual([
			'',
			'Cells    *:22',
			'           port 22 on every local',
			'           address (0.0.0.0 or ::)',
			'         *:*',
			'           no foreign end: a listener,',
		]);
	});
});
