/**
 * User names for uids, from /etc/passwd. Sample line:
 *
 *   nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
 *
 * Users that only NSS knows (LDAP, sssd, systemd-homed) are not in the file
 * and show as their number, as they would in `ls -n`.
 */
import {isFailure, readText} from './read.js';

/** uid -> first name listed for it. Malformed lines and comments are skipped. */
export function parsePasswd(text: string): Map<number, string> {
	const names = new Map<number, string>();
	for (const line of text.split('\n')) {
		const fields = line.split(':');
		if (fields.length < 3 || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
		const [name, , uidText] = fields;
		if (!name || !uidText || !/^\d+$/.test(uidText) || !Number.isSafeInteger(Number(uidText))) continue;
		const uid = Number(uidText);
		if (!names.has(uid)) names.set(uid, name);
	}

	return names;
}

/** Name lookup for this machine; unknown uids (and an unreadable /etc/passwd) give the number as text. */
export async function loadUserNames(file = '/etc/passwd'): Promise<(uid: number) => string> {
	const text = readText(file);
	const names = isFailure(text) ? new Map<number, string>() : parsePasswd(text);
	return uid => names.get(uid) ?? String(uid);
}

/** Group names for gids, from /etc/group, whose lines start as /etc/passwd's do (`docker:x:999:alice`). */
export const loadGroupNames = async (): Promise<(gid: number) => string> => loadUserNames('/etc/group');
