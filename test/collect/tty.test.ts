import {closeSync, openSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {isForegroundIn, isPseudoTerminal} from '../../source/collect/tty.js';

describe('isForegroundIn', () => {
	// pid (comm) state ppid pgrp session tty_nr tpgid ...
	it('is true when the process group is the terminal\'s foreground one, false in the background', () => {
		expect(isForegroundIn('4242 (socktop) S 4000 4242 4000 34817 4242 4194304 120 0')).toBe(true);
		expect(isForegroundIn('4242 (socktop) T 4000 4242 4000 34817 4000 4194304 120 0')).toBe(false);
	});

	it('reads the fields after the last parenthesis: a name may hold ") ("', () => {
		expect(isForegroundIn('4242 (a) (b c) R 4000 4242 4000 34817 4000 0')).toBe(false);
	});

	it('cannot tell without a controlling terminal (tpgid -1)', () => {
		expect(isForegroundIn('4242 (socktop) S 1 4242 4242 0 -1 4194560 120 0')).toBeNull();
	});
});

describe('isPseudoTerminal', () => {
	// The slave side (true) is e2e/stalled-link's: only there does socktop write without blocking.
	it('is false for a file, /dev/null, a pty\'s master side, a closed fd and none', () => {
		for (const path of [process.execPath, '/dev/null', '/dev/ptmx']) {
			const fd = openSync(path, 'r');
			try {
				expect(isPseudoTerminal(fd), path).toBe(false);
			} finally {
				closeSync(fd);
			}
		}

		expect(isPseudoTerminal(987_654)).toBe(false);
		expect(isPseudoTerminal(undefined)).toBe(false);
	});
});
