import {describe, expect, it} from 'vitest';
import {findFlagMistake, findUnknownFlag, normalizeArgv} from '../source/argv.js';
import {parseOptions, type RawFlags} from '../source/parse-options.js';
import {UserError} from '../source/collect/collector.js';

const flags = (overrides: Partial<RawFlags> = {}): RawFlags => ({
	ipv4: false,
	ipv6: false,
	unix: false,
	listening: false,
	connected: false,
	loopback: true,
	ports: [],
	protocols: [],
	once: false,
	json: false,
	quiet: false,
	numericUsers: false,
	...overrides,
});

describe('--sort', () => {
	it('takes a column by its header\'s first word, in any case; a leading - sorts descending', () => {
		expect(parseOptions(flags({sort: 'pid'}), {}).sort).toEqual({column: 'pid', isDescending: false});
		expect(parseOptions(flags({sort: '-Local'}), {}).sort).toEqual({column: 'local', isDescending: true});
		expect(parseOptions(flags({sort: 'NETNS'}), {}).sort).toEqual({column: 'netns', isDescending: false});
	});

	it('joins a descending column to the flag, so it is not read as a flag of its own', () => {
		expect(normalizeArgv(['--sort', '-pid', '--once'])).toEqual(['--sort=-pid', '--once']);
		expect(findUnknownFlag(normalizeArgv(['--sort', '-pid']))).toBeNull();
	});

	it.each([
		['nope', "--sort: unknown column 'nope' (use user, command, pid, fd, netns, proto, local, foreign, state, service; -COLUMN for descending)"],
		['local address', "--sort: unknown column 'local address' (use"],
		['--pid', "--sort: unknown column '--pid' (use"],
	])('refuses %j with one UserError', (text, message) => {
		expect(() => parseOptions(flags({sort: text}), {})).toThrow(UserError);
		expect(() => parseOptions(flags({sort: text}), {})).toThrow(message);
	});

	it('with --pid, takes the PID view\'s columns (and sorts the table too where it has that column); refuses the others', () => {
		expect(parseOptions(flags({sort: '-state', pid: '1'}), {})).toMatchObject({pidSort: {column: 'state', isDescending: true}, sort: {column: 'state', isDescending: true}});
		expect(parseOptions(flags({sort: 'target', pid: '1'}), {})).toMatchObject({pidSort: {column: 'target', isDescending: false}, sort: null});
		expect(parseOptions(flags({sort: 'pid'}), {}).pidSort).toBeNull();
		expect(() => parseOptions(flags({sort: 'pid', pid: '1'}), {})).toThrow("--sort: the PID view (--pid) has no column 'pid' (use fd, type");
	});

	it('needs a column', () => {
		expect(findFlagMistake(normalizeArgv(['--sort']))).toBe('--sort needs a column (e.g. pid, or -pid for descending)');
		expect(() => parseOptions(flags({sort: ' '}), {})).toThrow('--sort needs a column');
	});
});

describe('parseOptions', () => {
	it('has top-like defaults', () => {
		const options = parseOptions(flags(), {});
		expect(options).toMatchObject({interval: 2, once: false, json: false, backend: 'auto', pid: null, color: 'auto', sort: null});
		expect(options.filters).toMatchObject({ports: [], protocols: [], user: null, netns: '', text: ''});
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
			user: 'root',
			netns: 'host',
		});
		expect(options).toMatchObject({interval: 0.5, backend: 'lsof', servicesFile: '/tmp/services', ephemeral: [1024, 5000], pid: 42});
	});

	it('takes any uid the kernel can give, up to 4294967294', () => {
		expect(parseOptions(flags({user: '0'}), {}).filters.user).toBe('0');
		expect(parseOptions(flags({user: '4294967294'}), {}).filters.user).toBe('4294967294');
	});

	it('takes --pid for the PID view, not as a filter of the table', () => {
		expect(parseOptions(flags({pid: '7', once: true}), {}).pid).toBe(7);
		expect(parseOptions(flags({pid: '7'}), {}).filters).not.toHaveProperty('pid');
	});

	it('reads SOCKTOP_SERVICES from the environment', () => {
		expect(parseOptions(flags(), {SOCKTOP_SERVICES: '/srv/services'}).servicesFile).toBe('/srv/services');
		expect(parseOptions(flags(), {SOCKTOP_SERVICES: '/srv/services'}).servicesFrom).toBe('SOCKTOP_SERVICES');
		expect(parseOptions(flags({services: '/a'}), {SOCKTOP_SERVICES: '/b'})).toMatchObject({servicesFile: '/a', servicesFrom: '--services'});
		// Set but empty is unset, as NO_COLOR= is.
		expect(parseOptions(flags(), {SOCKTOP_SERVICES: ''})).toMatchObject({servicesFile: null, servicesFrom: '--services'});
	});

	it('tells --color and --no-color from neither (the theme reads NO_COLOR only for neither)', () => {
		expect(parseOptions(flags(), {NO_COLOR: '1'}).color).toBe('auto');
		expect(parseOptions(flags({color: true}), {NO_COLOR: '1'}).color).toBe('always');
		expect(parseOptions(flags({color: false}), {}).color).toBe('never');
	});

	it('reads --no-loopback (loopback false) as the -L filter', () => {
		expect(parseOptions(flags(), {}).filters.noLoopback).toBe(false);
		expect(parseOptions(flags({loopback: false}), {}).filters.noLoopback).toBe(true);
	});

	it('takes -q and -n as output options, not filters', () => {
		expect(parseOptions(flags(), {}).quiet).toBe(false);
		expect(parseOptions(flags({quiet: true}), {}).quiet).toBe(true);
		expect(parseOptions(flags(), {}).numericUsers).toBe(false);
		expect(parseOptions(flags({numericUsers: true}), {}).numericUsers).toBe(true);
	});

	it('makes --import its own backend', () => {
		expect(parseOptions(flags({import: '-'}), {})).toMatchObject({importFile: '-', backend: 'import'});
	});

	it.each([
		[{interval: '0'}, '-d: interval 0 is out of range (0.1 to 3600 seconds)'],
		[{interval: '-1'}, '-d: interval -1 is out of range'],
		[{interval: '99999'}, '-d: interval 99999 is out of range'],
		[{interval: 'fast'}, "-d: 'fast' is not a plain number of seconds"],
		[{interval: '0x10'}, "-d: '0x10' is not a plain number of seconds (digits and a point, e.g. 2 or 0.5)"],
		[{interval: '1e1'}, "-d: '1e1' is not a plain number of seconds"],
		[{interval: ''}, '-d needs a number of seconds'],
		[{pid: 'x'}, "--pid: 'x' is not a process ID"],
		[{pid: '-3'}, "--pid: '-3' is not a process ID"],
		[{pid: '1.5'}, "--pid: '1.5' is not a process ID"],
		// Linux PIDs fit in 31 bits (pid_max is at most 2^22); past that it is no process ID.
		[{pid: '2147483648'}, "--pid: '2147483648' is not a process ID"],
		[{user: ''}, '--user needs a user name or UID'],
		// uid_t is 32 bits and (uid_t)-1 is no uid: the kernel never gives a socket either.
		[{user: '4294967295'}, "--user: '4294967295' is not a user ID (0 to 4294967294)"],
		[{user: '4294967296'}, "--user: '4294967296' is not a user ID (0 to 4294967294)"],
		[{user: '99999999999999999999'}, "--user: '99999999999999999999' is not a user ID"],
		[{backend: 'netstat'}, "--backend: unknown backend 'netstat' (use proc, lsof or sockstat)"],
		[{backend: 'import'}, "--backend: unknown backend 'import'"],
		[{import: 'x', backend: 'proc'}, '--import and --backend cannot be combined'],
		[{ephemeral: '5000-1024'}, '--ephemeral: range 5000-1024 is reversed'],
		[{ephemeral: 'high'}, "--ephemeral: 'high' is not a port range (LOW-HIGH, e.g. 32768-60999)"],
		[{ephemeral: '40000'}, "--ephemeral: '40000' is not a port range (LOW-HIGH, e.g. 32768-60999)"],
		[{user: '-1'}, "--user: '-1' is not a user ID (a uid is 0 or more)"],
		[{ports: ['abc']}, "-p: 'abc' is not a port number"],
		[{protocols: ['nosuch']}, "-P: unknown protocol 'nosuch'"],
	] as Array<[Partial<RawFlags>, string]>)('rejects %j', (bad, message) => {
		expect(() => parseOptions(flags(bad), {})).toThrow(UserError);
		expect(() => parseOptions(flags(bad), {})).toThrow(message);
	});

	it.each(['pid', 'user', 'backend', 'import', 'services', 'ephemeral', 'netns', 'sort'] as const)('refuses a blank --%s as the command line does', name => {
		expect(() => parseOptions(flags({[name]: ' '}), {})).toThrow(findFlagMistake([`--${name}=`])!);
	});
});

describe('--filter', () => {
	it('is the / filter\'s text, trimmed; none is none', () => {
		expect(parseOptions(flags({filter: ' state:listen lport:22 '}), {}).filters.text).toBe('state:listen lport:22');
		expect(parseOptions(flags(), {}).filters.text).toBe('');
		expect(parseOptions(flags({filter: '[::1]:22 "unix stream" !sshd'}), {}).filters.text).toBe('[::1]:22 "unix stream" !sshd');
	});

	it('refuses what the prompt warns of: a value a column does not take, a name close to a column\'s, blank text', () => {
		expect(() => parseOptions(flags({filter: 'lport:http'}), {})).toThrow(new UserError("--filter: lport: 'http' is not a port number (1-65535)"));
		expect(() => parseOptions(flags({filter: 'lpot:443'}), {})).toThrow(new UserError('--filter: lpot: is no column (lport:?); quote it to match it as text'));
		expect(parseOptions(flags({filter: '"lpot:443"'}), {}).filters.text).toBe('"lpot:443"');
		expect(() => parseOptions(flags({filter: '  '}), {})).toThrow(UserError);
	});

	it('takes the PID view\'s columns with --pid', () => {
		expect(parseOptions(flags({filter: 'type:pipe recv-q:0', pid: '1'}), {}).filters.text).toBe('type:pipe recv-q:0');
		expect(() => parseOptions(flags({filter: 'fd:x', pid: '1'}), {})).toThrow(new UserError("--filter: fd: 'x' is not a number"));
	});
});
