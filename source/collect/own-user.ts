import {userInfo} from 'node:os';
import type {OwnUser} from '../model/unseen.js';

/** The user socktop runs as (effective uid); null where there are no uids (Windows). */
export function ownUser(): OwnUser | null {
	const uid = process.geteuid?.();
	if (uid === undefined) return null;
	try {
		return {uid, name: userInfo().username};
	} catch {
		// A uid the passwd has no entry for: matched by number only.
		return {uid, name: null};
	}
}
