import {describe, expect, it} from 'vitest';
import {socketFilePhrase, socketModeText} from '../../source/services/unix-access.js';

const file = (mode: number, user = 'alice', group = 'staff', isSeenHere = true) => ({mode, uid: 1000, user, gid: 50, group, isSeenHere});

describe('socketModeText', () => {
	it('writes the mode as ls -l does for a socket', () => {
		expect(socketModeText(0o777)).toBe('srwxrwxrwx');
		expect(socketModeText(0o660)).toBe('srw-rw----');
		expect(socketModeText(0o1755)).toBe('srwxr-xr-x');
	});
});

describe('socketFilePhrase', () => {
	it('names who may write the file, root always', () => {
		expect(socketFilePhrase(file(0o666))).toBe('; its file is srw-rw-rw- (owner alice, group staff), writable by every user: any local user can connect, given search permission on its directories');
		expect(socketFilePhrase(file(0o660))).toBe('; its file is srw-rw---- (owner alice, group staff): only the user alice, the group staff\'s members and root can connect (that needs write permission on the file)');
		expect(socketFilePhrase(file(0o600))).toBe('; its file is srw------- (owner alice, group staff): only the user alice and root can connect (that needs write permission on the file)');
		expect(socketFilePhrase(file(0o640, 'root', 'root'), 'send to it')).toBe('; its file is srw-r----- (owner root, group root): only root can send to it (that needs write permission on the file)');
		// Linux reads the owner's bits for the owner and the group's for its members: 0402 bars both, though others may write.
		expect(socketFilePhrase(file(0o402, 'nobody', 'users'))).toBe(
			"; its file is sr------w- (owner nobody, group users), writable by other users: any local user but the user nobody and the group users's members can connect (the owner's and group's own bits apply to them), given search permission on its directories",
		);
		expect(socketFilePhrase(file(0o622))).toContain('writable by every user: any local user can connect');
		expect(socketFilePhrase(file(0o606))).toContain("any local user but the group staff's members can connect");
		expect(socketFilePhrase(file(0o666, 'alice', 'staff', false))).toContain(
			'writable by every user: any user of a process in its mount namespace can connect (socktop finds another file or none at that path: a private /tmp or a container), given',
		);
		// A user named nobody owns it: the name must not read as the word ("only nobody and root can connect").
		expect(socketFilePhrase(file(0o600, 'nobody', 'nogroup'))).toBe('; its file is srw------- (owner nobody, group nogroup): only the user nobody and root can connect (that needs write permission on the file)');
		expect(socketFilePhrase(file(0o444))).toBe('; its file is sr--r--r-- (owner alice, group staff): only root can connect (that needs write permission on the file)');
	});
});
