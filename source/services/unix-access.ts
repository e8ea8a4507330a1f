import type {SocketFile} from '../model/process.js';

/** `ls -l`'s first column of a socket file: 's' and the rwx triplets (set-id and sticky bits mean nothing on a socket). */
export function socketModeText(mode: number): string {
	const triplet = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
	return `s${triplet(mode >> 6)}${triplet(mode >> 3)}${triplet(mode)}`;
}

/**
 * Who may reach a unix listener (or a dgram receiver, `verb` 'send to it') through its file: connect()
 * and sendto() need write permission on the socket file, so one every user may write is open to
 * any local user (who can search its directories: they may close it again); otherwise only its
 * owner and group, as its mode lets them, whatever its directories allow, and root, which always may.
 * The owner is "the user nobody", as the group is "the group staff's members": a name such as nobody
 * or root must not read as a word ("only nobody and root can connect").
 */
export function socketFilePhrase(file: SocketFile, verb = 'connect'): string {
	const text = `its file is ${socketModeText(file.mode)} (owner ${file.user}, group ${file.group})`;
	if ((file.mode & 0o002) !== 0) {
		// The kernel looks at the owner's bits for the owner and the group's for its members, never at the others' for them.
		const barred = [...((file.mode & 0o200) === 0 && file.user !== 'root' ? [`the user ${file.user}`] : []), ...((file.mode & 0o020) === 0 ? [`the group ${file.group}'s members`] : [])];
		// In a mount namespace of its own (PrivateTmp, a container) the path reaches it only from inside.
		const who = file.isSeenHere ? 'any local user' : 'any user of a process in its mount namespace';
		const where = file.isSeenHere ? '' : ' (socktop finds another file or none at that path: a private /tmp or a container)';
		return barred.length === 0
			? `; ${text}, writable by every user: ${who} can ${verb}${where}, given search permission on its directories`
			: `; ${text}, writable by other users: ${who} but ${barred.join(' and ')} can ${verb} (the owner's and group's own bits apply to them)${where}, given search permission on its directories`;
	}

	const writers = [...((file.mode & 0o200) !== 0 && file.user !== 'root' ? [`the user ${file.user}`] : []), ...((file.mode & 0o020) !== 0 ? [`the group ${file.group}'s members`] : []), 'root'];
	return `; ${text}: only ${writers.join(writers.length > 2 ? ', ' : ' and ').replace(/, root$/u, ' and root')} can ${verb} (that needs write permission on the file)`;
}

/** An abstract name: no file, so no permission decides who may connect; any process of the namespace can. */
export const abstractAccessPhrase = (verb = 'connect'): string => `; an abstract name has no file permissions: any process in its network namespace can ${verb}`;
