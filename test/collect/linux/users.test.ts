import {describe, expect, it} from 'vitest';
import {parseStatusOwner} from '../../../source/collect/linux/owner.js';
import {loadUserNames, parsePasswd} from '../../../source/collect/linux/users.js';
import {fixture} from './fixtures.js';

describe('parsePasswd', () => {
	it("maps this machine's uids to names", () => {
		const names = parsePasswd(fixture('passwd.txt'));
		expect(names.get(0)).toBe('root');
		expect(names.get(65_534)).toBe('nobody');
		expect(names.size).toBe(fixture('passwd.txt').trim().split('\n').length);
	});

	it('keeps the first name of a shared uid and skips comments, NIS markers and broken lines', () => {
		const names = parsePasswd('# comment\n+::::::\nalpha:x:1000:1000::/:/bin/sh\nbeta:x:1000:1000::/:/bin/sh\nbroken\ngamma:x:notanumber:1::/:\n:x:5:5::/:\n');
		expect([...names]).toEqual([[1000, 'alpha']]);
	});
});

describe('loadUserNames', () => {
	it('names known uids and prints unknown ones as numbers', async () => {
		const userName = await loadUserNames();
		expect(userName(0)).toBe('root');
		expect(userName(4_000_000_000)).toBe('4000000000');
	});
});

describe('parseStatusOwner', () => {
	it('reads Name and the effective uid from a real status file', () => {
		expect(parseStatusOwner(fixture('status-pid1.txt'))).toEqual({command: 'process_api', uid: 0});
	});

	it('takes the effective uid (second column) and undoes the kernel escapes in Name', () => {
		const status = 'Name:\tevil\\nname\\\\x\nUmask:\t0022\nUid:\t1000\t65534\t1000\t1000\nGid:\t0\t0\t0\t0\n';
		expect(parseStatusOwner(status)).toEqual({command: 'evil\nname\\x', uid: 65_534});
	});

	it('rejects a uid that does not fit uid_t', () => {
		expect(parseStatusOwner('Name:\tx\nUid:\t0\t9999999999999999999999999\t0\t0\n').uid).toBeNull();
		expect(parseStatusOwner('Name:\tx\nUid:\t0\t4294967296\t0\t0\n').uid).toBeNull();
		expect(parseStatusOwner('Name:\tx\nUid:\t0\t4294967295\t0\t0\n').uid).toBe(4_294_967_295);
	});

	it('gives nulls for a cut-short status', () => {
		expect(parseStatusOwner('Umask:\t0022\n')).toEqual({command: null, uid: null});
		expect(parseStatusOwner('Name:\tx\nUid:\t1')).toEqual({command: 'x', uid: null});
	});
});
