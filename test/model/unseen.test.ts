import {describe, expect, it} from 'vitest';
import {asSentence, unknownOwnerNote, unreadNamespaceNote, unseenNote} from '../../source/model/unseen.js';
import {emptySkipped, type Snapshot} from '../../source/model/types.js';
import {defaultFilters} from '../../source/options.js';
import {makeSocket} from '../format/sockets.js';

describe('unreadNamespaceNote', () => {
	// As nobody: a root listener under `ip netns exec x`; the scan read only the host's tables.
	const hidden = {namespacesRead: ['host'], skipped: {...emptySkipped, deniedProcesses: 70, deniedNamespaces: 1}};

	it('says a namespace --netns names was not read, where other users\' namespaces were hidden', () => {
		expect(unreadNamespaceNote('x', hidden, false)).toBe("no process socktop may read is in network namespace 'x': it has none, or only other users' (1 namespace could not be read) — run as root to tell");
		expect(unreadNamespaceNote('x', {...hidden, skipped: {...hidden.skipped, deniedNamespaces: 3}}, false)).toContain("only other users' (3 namespaces could not be read)");
		// The name is the user's: shown inert.
		expect(unreadNamespaceNote('x\u001B[2J', hidden, false)).toContain("'x\\x1b[2J'");
	});

	it('says nothing where the namespace was read, nothing was hidden, or root asked', () => {
		// Read and empty: "no sockets" is then the truth.
		expect(unreadNamespaceNote('x', {...hidden, namespacesRead: ['host', 'x']}, false)).toBeNull();
		// No hidden namespace: no process is in it at all.
		expect(unreadNamespaceNote('x', {...hidden, skipped: {...emptySkipped, deniedProcesses: 70}}, false)).toBeNull();
		expect(unreadNamespaceNote('x', hidden, true)).toBeNull();
		for (const netns of ['', 'all', 'host']) expect(unreadNamespaceNote(netns, hidden, false)).toBeNull();
		// Backends without namespaces read none to name.
		expect(unreadNamespaceNote('x', {skipped: hidden.skipped}, false)).toBeNull();
	});

	it('reads as a sentence of its own', () => {
		expect(asSentence('network namespace x could not be read')).toBe('Network namespace x could not be read.');
	});
});

describe('unknownOwnerNote', () => {
	// As nobody: root's unix listener and connection, whose holders it cannot read (/proc/net/unix has no uid),
	// root's TCP listener (the table's uid tells it), and a TIME_WAIT socket, which has no owner even for root.
	const unseen = {user: '?', uid: null, command: null, pid: null, fd: null};
	const snapshot: Snapshot = {
		time: 0,
		hostname: 'box',
		backend: 'proc',
		sockets: [
			makeSocket({...unseen, proto: 'stream', localAddress: null, foreignAddress: null, path: '/run/app.sock', state: 'LISTEN', inode: 11}),
			makeSocket({...unseen, proto: 'stream', localAddress: null, foreignAddress: null, state: 'ESTABLISHED', inode: 12}),
			makeSocket({user: 'root', uid: 0, command: null, pid: null, fd: null, localPort: 18_080, state: 'LISTEN', inode: 13}),
			makeSocket({...unseen, localPort: 40_000, foreignPort: 22, state: 'TIME_WAIT', inode: 0}),
		],
		skipped: {...emptySkipped, deniedProcesses: 43},
	};
	const root = {...defaultFilters, user: 'root'};
	const nobody = {uid: 65_534, name: 'nobody'};

	it('counts the rows --user could match but for their unseen owner', () => {
		expect(unknownOwnerNote({...root, unix: true}, snapshot, false, nobody)).toBe('2 sockets whose owner socktop cannot see are not shown — run as root to see whose they are');
		expect(unknownOwnerNote({...root, listening: true}, snapshot, false, nobody)).toBe('1 socket whose owner socktop cannot see is not shown — run as root to see whose they are');
		// Inode 0 (TIME_WAIT, an accept queue): no process holds it, so root would not see an owner either.
		expect(unknownOwnerNote({...root, ipv4: true}, snapshot, false, nobody)).toBeNull();
	});

	it('says nothing without --user, as root, or where every process was read', () => {
		expect(unknownOwnerNote(defaultFilters, snapshot, false, nobody)).toBeNull();
		expect(unknownOwnerNote(root, snapshot, true, nobody)).toBeNull();
		expect(unknownOwnerNote(root, {...snapshot, skipped: emptySkipped}, false, nobody)).toBeNull();
	});

	it('says nothing where --user names the user socktop runs as, whose processes it all read', () => {
		const unix = {...defaultFilters, unix: true};
		for (const user of ['nobody', '65534']) expect(unknownOwnerNote({...unix, user}, snapshot, false, nobody)).toBeNull();
		// Another user, or one of its own processes denied even to it (not dumpable): said.
		expect(unknownOwnerNote({...unix, user: '65533'}, snapshot, false, nobody)).toMatch(/^2 sockets/);
		const agent = {pid: 900, command: 'ssh-agent', user: 'nobody', uid: 65_534};
		expect(unknownOwnerNote({...unix, user: 'nobody'}, {...snapshot, skipped: {...snapshot.skipped, deniedProcessList: [agent]}}, false, nobody)).toMatch(/^2 sockets/);
		// Without a passwd entry, by number only.
		expect(unknownOwnerNote({...unix, user: '65534'}, snapshot, false, {uid: 65_534, name: null})).toBeNull();
	});

	it('comes after an unread namespace in the empty table', () => {
		expect(unseenNote(root, snapshot, false, nobody)).toMatch(/^2 sockets whose owner/);
		const unread = {...snapshot, namespacesRead: ['host'], skipped: {...snapshot.skipped, deniedNamespaces: 1}};
		expect(unseenNote({...root, netns: 'x'}, unread, false, nobody)).toMatch(/^no process socktop may read is in network namespace 'x'/);
	});
});
