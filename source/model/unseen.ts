import {sanitize} from '../format/escape.js';
import type {Filters} from '../options.js';
import {applyFilters, matchesUser} from './filter.js';
import {ALL_NAMESPACES, HOST_NAMESPACE} from './netns.js';
import type {Skipped, Snapshot, Socket} from './types.js';

/**
 * What a filter asked for that socktop, not root, could not read, so that an empty table (or a
 * short one) does not read as "there is none": said by `--once` on stderr and by the live
 * view's empty table. Root is never told: it reads every namespace a process is in.
 */

/**
 * `--netns NAME` where the scan read no namespace so labelled while other users' processes hold
 * namespaces it could not read: NAME exists (checkNamespaceFilter refused a name none has), and
 * no process socktop may read is in it. Either no process is in it at all (`ip netns add NAME`
 * alone) or only other users' are (a root listener under `ip netns exec NAME`): which cannot be
 * told without reading their ns/net links, so the note says what is known and guesses neither.
 * Null when NAME was read (an empty table is then the truth) or nothing was hidden (no process
 * is in it at all).
 */
export function unreadNamespaceNote(netns: string, snapshot: Pick<Snapshot, 'namespacesRead' | 'skipped'>, isRoot: boolean): string | null {
	if (isRoot || netns === '' || netns === ALL_NAMESPACES || netns === HOST_NAMESPACE) return null;
	const read = snapshot.namespacesRead;
	if (read === undefined || read.includes(netns) || snapshot.skipped.deniedNamespaces === 0) return null;
	const hidden = snapshot.skipped.deniedNamespaces;
	const unread = `${hidden} namespace${hidden === 1 ? '' : 's'} could not be read`;
	return `no process socktop may read is in network namespace '${sanitize(netns)}': it has none, or only other users' (${unread}) — run as root to tell`;
}

/**
 * A socket whose owner root would see: no holder was read and the table has no uid for it
 * (/proc/net/unix has none), though it has a socket file (inode > 0), which a process holds.
 * TIME_WAIT and an accept queue's connection (inode 0) have no owner even for root.
 */
const isOwnerUnseen = (socket: Socket): boolean => socket.uid === null && socket.pid === null && socket.inode !== null && socket.inode > 0;

/** The user socktop runs as: its uid, and its name where the passwd has one (collect/own-user.ts reads it). */
export type OwnUser = {readonly uid: number; readonly name: string | null};

/**
 * `--user` names the user socktop runs as, whose every process it reads, unless one is denied
 * even to its owner (not dumpable: ssh-agent, a setuid program that dropped root), as the
 * denied list says. matchesUser's rule: the name, or the uid as digits.
 */
const isOwnUsersRead = (user: string, own: OwnUser, skipped: Skipped): boolean =>
	matchesUser({user: own.name ?? String(own.uid), uid: own.uid}, user) && !(skipped.deniedProcessList ?? []).some(denied => denied.uid === own.uid);

/**
 * `--user` where rows the other filters pass have an owner socktop could not see (USER `?`: a
 * unix socket of another user's process), which `--user` can then match neither way: how many,
 * so `--user root -u` does not read as "root holds no unix socket". Null as root, without
 * --user, where there are none, or where --user names socktop's own user (whose processes it
 * reads, so the unseen owners are others).
 */
export function unknownOwnerNote(filters: Filters, snapshot: Pick<Snapshot, 'sockets' | 'skipped'>, isRoot: boolean, own: OwnUser | null): string | null {
	const {skipped} = snapshot;
	if (isRoot || filters.user === null || (skipped.deniedProcesses === 0 && !skipped.procHidden)) return null;
	if (own !== null && isOwnUsersRead(filters.user, own, skipped)) return null;
	const count = applyFilters(snapshot.sockets, {...filters, user: null}).filter(socket => isOwnerUnseen(socket)).length;
	if (count === 0) return null;
	return `${count === 1 ? '1 socket whose owner socktop cannot see is' : `${count} sockets whose owner socktop cannot see are`} not shown — run as root to see whose they are`;
}

/** What the live view's empty table says first: the namespace not read, else the owners not seen. */
export const unseenNote = (filters: Filters, snapshot: Snapshot, isRoot: boolean, own: OwnUser | null): string | null =>
	unreadNamespaceNote(filters.netns, snapshot, isRoot) ?? unknownOwnerNote(filters, snapshot, isRoot, own);

/** A note as the first words of a sentence of its own: the empty table's text. */
export const asSentence = (note: string): string => `${note.charAt(0).toUpperCase()}${note.slice(1)}.`;
