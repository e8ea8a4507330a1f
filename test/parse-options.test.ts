import {describe, expect, it} from 'vitest';
import {findUnknownFlag, normalizeArgv, parseOptions, type RawFlags} from '../source/parse-options.js';
import {UserError} from '../source/collect/collector.js';

const flags = (overrides: Partial<RawFlags> = {}): RawFlags => ({
	ipv4: false,
	ipv6: false,
	unix: false,
	listening: false,
	connected: false,
	ports: [],
	protocols: [],
	once: false,
	json: false,
	color: true,
	...overrides,
});

describe('normalizeArgv', () => {
	it('turns sockstat digit flags and groups into long flags', () => {
		expect(normalizeArgv(['-4'])).toEqual(['--ipv4']);
		expect(normalizeArgv(['-46lu', '-c'])).toEqual(['--ipv4', '--ipv6', '--listening', '--unix', '--connected']);
	});

	it('leaves values and other flags alone', () => {
		expect(normalizeArgv(['-p', '22', '--user', 'bin', '-d2', '--', '-4'])).toEqual(['-p', '22', '--user', 'bin', '-d2', '--', '-4']);
	});

	it('joins a value that starts with a dash to its flag', () => {
		expect(normalizeArgv(['--import', '-', '-6'])).toEqual(['--import=-', '--ipv6']);
		expect(normalizeArgv(['-d', '-1', '--user', '-l'])).toEqual(['-d=-1', '--user=-l']);
	});
});

describe('findUnknownFlag', () => {
	it('finds the first flag socktop does not know', () => {
		expect(findUnknownFlag(['--ipv4', '--nope'])).toBe('--nope');
		expect(findUnknownFlag(['--nope=3'])).toBe('--nope');
		expect(findUnknownFlag(['-lx'])).toBe('-x');
		expect(findUnknownFlag(['-n'])).toBe('-n');
	});

	it('skips flag values and everything after --', () => {
		expect(findUnknownFlag(['-p', '22', '--user', '-x', '-d0.5', '-P', 'tcp', '--no-color'])).toBeNull();
		expect(findUnknownFlag(['--', '--nope'])).toBeNull();
		expect(findUnknownFlag(['--pid=3', '-lp', '22'])).toBeNull();
	});
});

describe('parseOptions', () => {
	it('has top-like defaults', () => {
		const options = parseOptions(flags(), {});
		expect(options).toMatchObject({interval: 2, once: false, json: false, backend: 'auto', pidView: null, color: true});
		expect(options.filters).toMatchObject({ports: [], protocols: [], pid: null, user: null, netns: '', text: ''});
	});

	it('validates and converts every value', () => {
		const options = parseOptions(
			flags({
				ipv4: true,
				ports: ['22,80', '8000-8100'],
				protocols: ['tcp,UDP', 'tcp'],
				pid: '42',
				user: 'root',
				interval: '0.5',
				backend: 'lsof',
				services: '/tmp/services',
				ephemeral: '1024-5000',
				netns: 'host',
			}),
			{},
		);
		expect(options.filters).toMatchObject({
			ipv4: true,
			ports: [
				[22, 22],
				[80, 80],
				[8000, 8100],
			],
			protocols: ['tcp', 'udp'],
			pid: 42,
			user: 'root',
			netns: 'host',
		});
		expect(options).toMatchObject({interval: 0.5, backend: 'lsof', servicesFile: '/tmp/services', ephemeral: [1024, 5000], pidView: 42});
	});

	it('opens the PID view only when not printing once', () => {
		expect(parseOptions(flags({pid: '7', once: true}), {}).pidView).toBeNull();
		expect(parseOptions(flags({pid: '7', json: true}), {}).filters.pid).toBe(7);
	});

	it('reads SOCKTOP_SERVICES and NO_COLOR from the environment', () => {
		expect(parseOptions(flags(), {SOCKTOP_SERVICES: '/srv/services'}).servicesFile).toBe('/srv/services');
		expect(parseOptions(flags({services: '/a'}), {SOCKTOP_SERVICES: '/b'}).servicesFile).toBe('/a');
		expect(parseOptions(flags(), {NO_COLOR: '1'}).color).toBe(false);
		expect(parseOptions(flags(), {NO_COLOR: ''}).color).toBe(true);
		expect(parseOptions(flags({color: false}), {}).color).toBe(false);
	});

	it('makes --import its own backend', () => {
		expect(parseOptions(flags({import: '-'}), {})).toMatchObject({importFile: '-', backend: 'import'});
	});

	it.each([
		[{interval: '0'}, '-d: interval 0 is out of range (0.1 to 3600 seconds)'],
		[{interval: '-1'}, '-d: interval -1 is out of range'],
		[{interval: '99999'}, '-d: interval 99999 is out of range'],
		[{interval: 'fast'}, "-d: 'fast' is not a number of seconds"],
		[{interval: ''}, '-d needs a number of seconds'],
		[{pid: 'x'}, "--pid: 'x' is not a process ID"],
		[{pid: '-3'}, "--pid: '-3' is not a process ID"],
		[{pid: '1.5'}, "--pid: '1.5' is not a process ID"],
		[{user: ''}, '--user needs a user name or UID'],
		[{backend: 'netstat'}, "--backend: unknown backend 'netstat' (use proc, lsof or sockstat)"],
		[{backend: 'import'}, "--backend: unknown backend 'import'"],
		[{import: 'x', backend: 'proc'}, '--import and --backend cannot be combined'],
		[{ephemeral: '5000-1024'}, '--ephemeral: range 5000-1024 is reversed'],
		[{ephemeral: 'high'}, "--ephemeral: 'high' is not a port number"],
		[{ports: ['abc']}, "-p: 'abc' is not a port number"],
		[{protocols: ['nosuch']}, "-P: unknown protocol 'nosuch'"],
	] as Array<[Partial<RawFlags>, string]>)('rejects %j', (bad, message) => {
		expect(() => parseOptions(flags(bad), {})).toThrow(UserError);
		expect(() => parseOptions(flags(bad), {})).toThrow(message);
	});
});
