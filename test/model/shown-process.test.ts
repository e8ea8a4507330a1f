/** Is the process at a PID now the one a table row showed (the kill check's and the PID view's judgment)? */
import {describe, expect, it} from 'vitest';
import {compareWithShown, unsureText} from '../../source/model/shown-process.js';

const scannedAt = Date.UTC(2026, 10, 28, 12, 0, 0);
/** Asked a minute after the scan (the table paused, say). */
const askedAt = scannedAt + 60_000;
const nginx = {command: 'nginx', shownAt: scannedAt};

describe('compareWithShown', () => {
	it('a process older than the scan is the row\'s, whatever it calls itself now', () => {
		expect(compareWithShown({startToken: '1', command: 'nginx', ageMs: 3_600_000}, nginx, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown({startToken: '1', command: 'nginx: worker', ageMs: 3_600_000}, nginx, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown({startToken: '1', command: 'php-fpm', ageMs: 3_600_000}, nginx, askedAt)).toEqual({kind: 'same', renamedTo: 'php-fpm'});
	});

	it('a process started after the scan took the PID; one started about then, by its command', () => {
		expect(compareWithShown({startToken: '2', command: 'nginx', ageMs: 1000}, nginx, askedAt)).toEqual({kind: 'younger'});
		// Linux reads an age up to ~20 ms young: started just before the scan, it is the row's unless it runs another command.
		expect(compareWithShown({startToken: '2', command: 'nginx', ageMs: 60_000 - 15}, nginx, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown({startToken: '2', command: 'cc1', ageMs: 60_000 - 15}, nginx, askedAt)).toEqual({kind: 'renamed', isAgeKnown: true});
	});

	it('where the age is not known (ps off Linux), by the command alone: a table may cut it short', () => {
		expect(compareWithShown({startToken: 'Sat Nov 28 11:00:00 2026', command: 'systemd-resolved'}, {command: 'systemd-r', shownAt: scannedAt}, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown({startToken: 'Sat Nov 28 11:00:00 2026', command: 'cc1', ageMs: null}, nginx, askedAt)).toEqual({kind: 'renamed', isAgeKnown: false});
		expect(compareWithShown({startToken: 'Sat Nov 28 11:00:00 2026', command: 'nginx'}, {command: 'nginx', shownAt: null}, askedAt)).toEqual({kind: 'same', renamedTo: null});
		// A shorter name is not a cut one: sh is not the row's sshd, nor ld its ldconfig (and the other way round).
		const unknownAge = (command: string) => ({startToken: 'Sat Nov 28 11:00:00 2026', command});
		expect(compareWithShown(unknownAge('sh'), {command: 'sshd', shownAt: scannedAt}, askedAt)).toEqual({kind: 'renamed', isAgeKnown: false});
		expect(compareWithShown(unknownAge('ldconfig'), {command: 'ld', shownAt: scannedAt}, askedAt)).toEqual({kind: 'renamed', isAgeKnown: false});
		expect(compareWithShown(unknownAge('nginx: worker process'), nginx, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown(unknownAge('systemd-resolved'), {command: 'systemd-resolv', shownAt: scannedAt}, askedAt)).toEqual({kind: 'renamed', isAgeKnown: false});
	});

	it('takes macOS ps\'s comm, the path the program was started by, for its file name (lsof\'s COMMAND)', () => {
		expect(compareWithShown({startToken: 'Sat Nov 28 11:00:00 2026', command: '/usr/sbin/sshd'}, {command: 'sshd', shownAt: scannedAt}, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown({startToken: 'Sat Nov 28 11:00:00 2026', command: '/usr/local/sbin/nginx'}, nginx, askedAt)).toEqual({kind: 'same', renamedTo: null});
		expect(compareWithShown({startToken: 'Sat Nov 28 11:00:00 2026', command: '/usr/bin/cc1'}, nginx, askedAt)).toEqual({kind: 'renamed', isAgeKnown: false});
	});

	it('words a \'renamed\' verdict as what it is: another process, or the row\'s after exec, which socktop cannot tell', () => {
		expect(unsureText(1204, 'python3', 'run.sh', {kind: 'renamed', isAgeKnown: false})).toBe('socktop cannot tell whether PID 1204, which now runs python3, is the row\'s run.sh after exec or another process (no start time here)');
		expect(unsureText(1204, 'cc1', 'nginx', {kind: 'renamed', isAgeKnown: true})).toBe('socktop cannot tell whether PID 1204, which now runs cc1, is the row\'s nginx after exec or another process (it started as the table was read)');
	});
});
