/**
 * `--user NAME` on this machine: a name no account has is a typo, and an
 * empty table would hide it (pgrep -u, ps -u and lsof -u refuse one too).
 * `id -u -- NAME` asks the system's user database (NSS: /etc/passwd, but also
 * LDAP or SSSD accounts, which /etc/passwd does not list).
 */
import {UserError} from './collector.js';
import {runToFiles} from './run-to-files.js';

/** What `id` said: the name is an account, is none, or id could not tell (missing, failed otherwise). */
export type UserLookup = 'exists' | 'unknown-user' | 'cannot-tell';

/** Ask `id -u -- name` (through `run`: tests hand in a fake). Never throws. */
export async function lookUpUser(name: string, run: typeof runToFiles = runToFiles): Promise<UserLookup> {
	// Its message is matched below, so in the C locale: a French id says "utilisateur inexistant".
	const result = await run('id', ['-u', '--', name], {timeout: 5000, isCLocale: true});
	if (result.kind !== 'exited') return 'cannot-tell';
	if (result.code === 0) return 'exists';
	// GNU: "id: 'x': no such user"; BSD and macOS: "id: x: no such user"; BusyBox (Alpine, rescue systems): "id: unknown user x".
	return /no such user|unknown user/i.test(result.stderr) ? 'unknown-user' : 'cannot-tell';
}

/**
 * Throw a UserError when `--user` names no account of this machine. A UID is
 * taken as it is (a socket's owner needs no passwd entry), and so is a name
 * id cannot check.
 */
export async function checkUserFilter(user: string | null, lookUp: (name: string) => Promise<UserLookup> = lookUpUser): Promise<void> {
	if (user === null || /^\d+$/.test(user)) return;
	if ((await lookUp(user)) === 'unknown-user') {
		throw new UserError(`--user: no user named '${user}' on this machine`);
	}
}
