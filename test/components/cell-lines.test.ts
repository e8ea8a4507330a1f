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
			'         @name             an abstract unix name, which no file holds',
			'         -                 a unix socket with no bound name',
			"         -> /run/app.sock  a unix socket's peer, by the peer's bound name",
			'         -> python3[5055]  a unix peer without a name, by the process holding it',
			'         -> ?              a connected unix socket whose peer is not known',
			'         (deleted)         a unix listener whose file is gone: no client can',
			'                           connect',
			"         ?                 not known: another user's process (run as root to",
			'                           see it), or no process holds it (TIME_WAIT)',
			'         Sockets N         counts sockets, where "showing X of Y" counts rows,',
			'                           one per holder: a socket forked workers share is',
			'                           one socket and several rows',
		]);
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
