import {describe, expect, it} from 'vitest';
import {findFlagMistake, findRepeatedFlag, findUnknownFlag, normalizeArgv, withoutColorFlags} from '../source/argv.js';

describe('normalizeArgv', () => {
	it('turns sockstat digit flags and groups into long flags', () => {
		expect(normalizeArgv(['-4'])).toEqual(['--ipv4']);
		expect(normalizeArgv(['-46lu', '-c'])).toEqual(['--ipv4', '--ipv6', '--listening', '--unix', '--connected']);
	});

	it('turns -L into --no-loopback, alone or in a group', () => {
		expect(normalizeArgv(['-L'])).toEqual(['--no-loopback']);
		expect(normalizeArgv(['-4lL'])).toEqual(['--ipv4', '--listening', '--no-loopback']);
		expect(normalizeArgv(['-Lp', '22'])).toEqual(['--no-loopback', '-p=22']);
		expect(findUnknownFlag(normalizeArgv(['-Lp', '22', '--no-loopback']))).toBeNull();
	});

	it('turns -q into --quiet, and drops sockstat\'s -s and -w, alone or in a group', () => {
		expect(normalizeArgv(['-4lLq'])).toEqual(['--ipv4', '--listening', '--no-loopback', '--quiet']);
		expect(normalizeArgv(['-46ls'])).toEqual(['--ipv4', '--ipv6', '--listening']);
		expect(normalizeArgv(['-s', '-w', '-q'])).toEqual(['--quiet']);
		expect(normalizeArgv(['-4lnq'])).toEqual(['--ipv4', '--listening', '--numeric-users', '--quiet']);
		expect(normalizeArgv(['-wsp', '22', '-sP', 'tcp'])).toEqual(['-p=22', '-P=tcp']);
		for (const argv of [['-46ls'], ['-s', '-w'], ['-4lsw', '-q', '--quiet']]) {
			expect(findUnknownFlag(normalizeArgv(argv))).toBeNull();
			expect(findUnknownFlag(argv)).toBeNull();
		}
	});

	it('joins every value to its flag and leaves everything after -- alone', () => {
		expect(normalizeArgv(['-p', '22', '--user', 'bin', '-d2', '--', '-4'])).toEqual(['-p=22', '--user=bin', '-d=2', '--', '-4']);
		expect(normalizeArgv(['--pid=3', '-p=22'])).toEqual(['--pid=3', '-p=22']);
	});

	it('joins a value that starts with a dash to its flag', () => {
		expect(normalizeArgv(['--import', '-', '-6'])).toEqual(['--import=-', '--ipv6']);
		expect(normalizeArgv(['-d', '-1', '--user', '-l'])).toEqual(['-d=-1', '--user=-l']);
	});

	it('keeps a short value flag\'s value whole, after the switches before it', () => {
		// yargs alone reads -Ptcp as -P -t -c -p (connected sockets) and -p22,80 as no port at all.
		expect(normalizeArgv(['-Ptcp,udp'])).toEqual(['-P=tcp,udp']);
		expect(normalizeArgv(['-lp22,80'])).toEqual(['--listening', '-p=22,80']);
		expect(normalizeArgv(['-4lp', '443'])).toEqual(['--ipv4', '--listening', '-p=443']);
	});

	it('leaves a value flag bare when nothing, -- or a known long flag follows', () => {
		expect(normalizeArgv(['-p'])).toEqual(['-p']);
		expect(normalizeArgv(['-lp'])).toEqual(['--listening', '-p']);
		expect(normalizeArgv(['-p', '22', '-p', '--once'])).toEqual(['-p=22', '-p', '--once']);
		expect(normalizeArgv(['--user', '--', 'x'])).toEqual(['--user', '--', 'x']);
	});
});

describe('findUnknownFlag', () => {
	it('finds the first flag socktop does not know', () => {
		expect(findUnknownFlag(['--ipv4', '--nope'])).toBe('--nope');
		expect(findUnknownFlag(['--nope=3'])).toBe('--nope');
		expect(findUnknownFlag(['-lx'])).toBe('-x');
		expect(findUnknownFlag(['-z'])).toBe('-z');
		// Showing loopback is the default: only the negative is a flag.
		expect(findUnknownFlag(['--loopback'])).toBe('--loopback');
	});

	it('skips flag values and everything after --', () => {
		expect(findUnknownFlag(['-p', '22', '--user', '-x', '-d0.5', '-P', 'tcp', '--no-color'])).toBeNull();
		expect(findUnknownFlag(['--', '--nope'])).toBeNull();
		expect(findUnknownFlag(['--pid=3', '-lp', '22'])).toBeNull();
		// A short value flag's value that looks like a flag is still its value; one glued on takes none.
		expect(findUnknownFlag(['-d', '-1'])).toBeNull();
		expect(findUnknownFlag(['-lp', '-5'])).toBeNull();
		expect(findUnknownFlag(['-p22', '-x'])).toBe('-x');
	});
});

describe('findRepeatedFlag', () => {
	it.each([
		[['--user', 'a', '--user', 'b'], "--user given twice ('a', then 'b'): it takes one value"],
		[['--user=root', '--user', 'root'], "--user given twice ('root', then 'root'): it takes one value"],
		[['--pid', '1', '--pid=2'], "--pid given twice ('1', then '2'): it takes one value"],
		[['-d', '1', '-d2'], "-d given twice ('1', then '2'): it takes one value"],
		[['-d', '1', '--interval', '2'], "-d (--interval) given twice ('1', then '2'): it takes one value"],
		[['--backend', 'proc', '--backend', 'lsof'], "--backend given twice ('proc', then 'lsof'): it takes one value"],
		[['--import', '-', '--import', 'x'], "--import given twice ('-', then 'x'): it takes one value"],
		[['--services', 'a', '--services', 'b'], "--services given twice ('a', then 'b'): it takes one value"],
		[['--ephemeral', '1-2', '--ephemeral', '3-4'], "--ephemeral given twice ('1-2', then '3-4'): it takes one value"],
		[['--netns', 'host', '-l', '--netns', 'all'], "--netns given twice ('host', then 'all'): it takes one value"],
	])('%j: %s', (argv, message) => {
		expect(findRepeatedFlag(normalizeArgv(argv))).toBe(message);
	});

	it('lets switches repeat and -p and -P add up; stops at --', () => {
		expect(findRepeatedFlag(normalizeArgv(['-l', '-4l', '--once', '--once', '-p', '22', '-lp80', '-P', 'tcp', '--protocols', 'udp', '--user', 'a']))).toBeNull();
		expect(findRepeatedFlag(normalizeArgv(['--user', 'a', '--', '--user', 'b']))).toBeNull();
	});
});

describe('findFlagMistake', () => {
	it.each([
		[['-p'], '-p needs a port list (e.g. 22,80,8000-8100)'],
		[['-lp'], '-p needs a port list'],
		[['-p', '22', '-p'], '-p needs a port list'],
		[['-p', ''], '-p needs a port list'],
		[['--ports='], '--ports needs a port list'],
		[['-P'], '-P needs a protocol list (e.g. tcp,udp)'],
		[['--protocols', '--json'], '--protocols needs a protocol list'],
		[['--pid'], '--pid needs a process ID'],
		[['--user'], '--user needs a user name or UID'],
		[['-d', '--'], '-d needs a number of seconds'],
		[['--interval='], '--interval needs a number of seconds'],
		[['--backend'], '--backend needs proc, lsof or sockstat'],
		[['--import'], '--import needs a file name (or - for stdin)'],
		[['--services'], '--services needs a file name'],
		[['--ephemeral'], '--ephemeral needs a port range LOW-HIGH'],
		[['--netns'], '--netns needs all, host or a namespace name'],
		[['--once=yes'], "--once takes no value (got 'yes')"],
		[['--json=false'], "--json takes no value (got 'false')"],
		[['--no-color=1'], "--no-color takes no value (got '1')"],
		[['--listening='], "--listening takes no value (got '')"],
		[['--no-loopback=x'], "--no-loopback takes no value (got 'x')"],
		[['--quiet=yes'], "--quiet takes no value (got 'yes')"],
		[['--numeric-users=1'], "--numeric-users takes no value (got '1')"],
	])('%j: %s', (argv, message) => {
		expect(findFlagMistake(normalizeArgv(argv))).toContain(message);
	});

	it('passes flags with values, switches without, and anything after --', () => {
		expect(findFlagMistake(normalizeArgv(['-lp22', '-P', 'tcp', '--user', '-l', '--once', '--no-color', '-d', '-1']))).toBeNull();
		expect(findFlagMistake(normalizeArgv(['--', '-p']))).toBeNull();
	});
});

describe('withoutColorFlags', () => {
	it('hides --color and --no-color from chalk, up to --', () => {
		expect(withoutColorFlags(['node', 'cli.js', '--no-color', '-l', '--color', '--import=--no-color', '--', '--no-color'])).toEqual(
			['node', 'cli.js', '-l', '--import=--no-color', '--', '--no-color'],
		);
	});
});
