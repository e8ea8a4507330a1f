import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {UserError} from '../../source/collect/collector.js';
import {checkUserFilter, lookUpUser, type UserLookup} from '../../source/collect/user-exists.js';
import {runCli} from '../helpers/run-cli.js';
import {fakeTool} from '../helpers/tools.js';

/** A lookUp that answers `answer` and records what it was asked. */
const asking = (answer: UserLookup) => {
	const asked: string[] = [];
	return {asked, lookUp: async (name: string) => (asked.push(name), answer)};
};

describe('lookUpUser (id -u)', () => {
	it('finds an account and tells a name no account has', async () => {
		expect(await lookUpUser('root')).toBe('exists');
		expect(await lookUpUser('socktop-no-such-user')).toBe('unknown-user');
	});

	it('tells a name no account has from BusyBox id too (Alpine, rescue systems), and only from what id says', async () => {
		const id = (stderr: string) => async () => ({kind: 'exited' as const, code: 1, stdout: '', stderr});
		// BusyBox's libbb xgetpwnam: was taken for a name id cannot check, so a typo showed an empty table.
		expect(await lookUpUser('nginxx', id('id: unknown user nginxx\n'))).toBe('unknown-user');
		expect(await lookUpUser('nginxx', id("id: 'nginxx': no such user\n"))).toBe('unknown-user');
		expect(await lookUpUser('ldapuser', id('id: cannot reach the directory\n'))).toBe('cannot-tell');
	});

	it('asks id in the C locale, whose message it reads: a French id says "utilisateur inexistant"', async () => {
		// A stand-in for coreutils' id with its French catalogue: translated unless LC_ALL is C.
		fakeTool('id', 'if [ "$LC_ALL" = C ]; then echo "id: \'$3\': no such user" >&2; else echo "id: \'$3\': utilisateur inexistant" >&2; fi\nexit 1');
		vi.stubEnv('LC_ALL', 'fr_FR.UTF-8');
		expect(await lookUpUser('nginxx')).toBe('unknown-user');
	});
});

describe('checkUserFilter', () => {
	it('rejects a name no account has, in one line', async () => {
		const {lookUp} = asking('unknown-user');
		await expect(checkUserFilter('nginxx', lookUp)).rejects.toThrow(new UserError("--user: no user named 'nginxx' on this machine"));
	});

	it('takes an account, a name id cannot check, a UID and no filter, asking only about names', async () => {
		await expect(checkUserFilter('www-data', asking('exists').lookUp)).resolves.toBeUndefined();
		await expect(checkUserFilter('ldapuser', asking('cannot-tell').lookUp)).resolves.toBeUndefined();
		const numbers = asking('unknown-user');
		await expect(checkUserFilter('99999', numbers.lookUp)).resolves.toBeUndefined();
		await expect(checkUserFilter(null, numbers.lookUp)).resolves.toBeUndefined();
		expect(numbers.asked).toEqual([]);
	});

	it('is not asked for a capture: its users are another machine\'s', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-iproute2-tunap.txt', import.meta.url), 'utf8');
		const result = await runCli(['--import', '-', '--user', 'socktop-no-such-user', '--once'], {input: capture});
		expect(result).toEqual({code: 0, stdout: 'USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE\n', stderr: ''});
	});
});
