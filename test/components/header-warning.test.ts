import {describe, expect, it} from 'vitest';
import {describeSlowScan} from '../../source/components/header.js';
import {hiddenWarning} from '../../source/components/hidden-warning.js';
import {describeFilters} from '../../source/model/filter-words.js';
import {defaultFilters} from '../../source/options.js';
import {emptySkipped} from '../../source/model/types.js';

describe('hiddenWarning', () => {
	it('says /proc hides other users\' processes, before any counts', () => {
		expect(hiddenWarning({...emptySkipped, procHidden: true})).toBe('/proc is mounted hidepid=2: other users\' processes are invisible — run as root');
		expect(hiddenWarning({...emptySkipped, procHidden: true, deniedNamespaces: 1})).toBe(
			'/proc is mounted hidepid=2: other users\' processes are invisible — run as root; 1 network namespace hidden — run as root to see their sockets',
		);
	});

	it('counts processes it could not read, or says nothing', () => {
		expect(hiddenWarning(emptySkipped)).toBeNull();
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 3})).toBe('3 processes hidden — run as root to see which sockets they hold');
	});

	it('does not tell root to run as root', () => {
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 1, deniedAsRoot: true})).toBe('1 process unreadable even as root');
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 2, deniedNamespaces: 1, deniedAsRoot: true})).toBe('2 processes and 1 network namespace unreadable even as root');
		expect(hiddenWarning({...emptySkipped, deniedAsRoot: true})).toBeNull();
	});
});

describe('hiddenWarning, naming processes', () => {
	const deniedProcessList = [
		{pid: 1, command: 'systemd', user: 'root', uid: 0},
		{pid: 812, command: null, user: '?', uid: null},
	];

	it('names as many as asked, next to the process count, and counts the rest', () => {
		const skipped = {...emptySkipped, deniedProcesses: 5, deniedNamespaces: 1, deniedProcessList};
		expect(hiddenWarning(skipped, 'sentence', 2)).toBe('5 processes (systemd[1], pid 812 and 3 more) and 1 network namespace hidden — run as root to see them');
		expect(hiddenWarning({...skipped, deniedNamespaces: 0}, 'sentence', 1)).toBe('5 processes hidden (systemd[1] and 4 more) — run as root to see which sockets they hold');
		expect(hiddenWarning({...skipped, deniedAsRoot: true}, 'sentence', 2)).toBe('5 processes and 1 network namespace unreadable even as root: systemd[1], pid 812 and 3 more');
	});

	it('names none unless asked, in the short form, or when the backend could not tell which', () => {
		const skipped = {...emptySkipped, deniedProcesses: 2, deniedProcessList};
		expect(hiddenWarning(skipped)).toBe('2 processes hidden — run as root to see which sockets they hold');
		expect(hiddenWarning(skipped, 'short', 2)).toBe('2 processes hidden (run as root)');
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 2}, 'sentence', 2)).toBe('2 processes hidden — run as root to see which sockets they hold');
	});
});

describe('describeSlowScan', () => {
	it('names the tool a slow scan waits for, with the seconds', () => {
		expect(describeSlowScan('lsof', 12)).toBe('waiting for lsof (12s)');
		expect(describeSlowScan('sockstat', 5)).toBe('waiting for sockstat (5s)');
		expect(describeSlowScan('proc', 7)).toBe('still reading /proc (7s)');
		expect(describeSlowScan('import', 6)).toBe('still reading (6s)');
	});
});

describe('hiddenWarning, short', () => {
	it('says the same in few words, for a first line without room for the sentence', () => {
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 147, deniedNamespaces: 1}, 'short')).toBe('147 processes, 1 netns hidden (run as root)');
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 1}, 'short')).toBe('1 process hidden (run as root)');
		expect(hiddenWarning({...emptySkipped, deniedNamespaces: 2}, 'short')).toBe('2 netns hidden (run as root)');
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 1, deniedAsRoot: true}, 'short')).toBe('1 process unreadable');
		expect(hiddenWarning({...emptySkipped, procHidden: true}, 'short')).toBe('hidepid: run as root');
		expect(hiddenWarning({...emptySkipped, procHidden: true, deniedProcesses: 2}, 'short')).toBe('hidepid; 2 processes hidden (run as root)');
		expect(hiddenWarning(emptySkipped, 'short')).toBeNull();
	});
});

describe('hiddenWarning, unreadable tables', () => {
	it('says what the backend could not read at all, after the counts', () => {
		const lsof = 'lsof lists only your own sockets — run as root';
		expect(hiddenWarning({...emptySkipped, unreadableTables: [lsof]})).toBe(lsof);
		expect(hiddenWarning({...emptySkipped, deniedProcesses: 2, unreadableTables: [lsof]}, 'short')).toBe(`2 processes hidden (run as root); ${lsof}`);
		expect(hiddenWarning({...emptySkipped, unreadableTables: ['/proc/net/raw: EACCES', '/proc/net/raw6: EACCES']})).toBe('/proc/net/raw: EACCES (and 1 more unreadable)');
	});
});

describe('describeFilters', () => {
	it('says -L as "no loopback", after the families', () => {
		expect(describeFilters({...defaultFilters, noLoopback: true})).toEqual(['no loopback']);
		expect(describeFilters({...defaultFilters, listening: true, ipv4: true, noLoopback: true, ports: [[22, 22]]})).toEqual(['listening', 'IPv4', 'no loopback', 'port 22']);
		expect(describeFilters(defaultFilters)).toEqual([]);
	});
});
