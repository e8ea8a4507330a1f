import {userInfo} from 'node:os';
import type {OwnUser} from '../model/unseen.js';

/**
 * The user socktop runs as (effective uid), for --user's note (model/unseen.ts); null where there
 * are no uids (Windows), or where the note cannot be given (no --user, or root, who sees every
 * owner), so no start pays for a passwd lookup (getpwuid, maybe LDAP) it does not use.
 */
export function ownUser(userFilter: string | null = null): OwnUser | null {
	const uid = process.geteuid?.();
	if (uid === undefined || userFilter === null || uid === 0) return null;
	try {
		return {uid, name: userInfo().username};
	} catch {
		// A uid the passwd has no entry for: matched by number only.
		return {uid, name: null};
	}
}
