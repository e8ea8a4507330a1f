import {sanitize} from '../format/escape.js';
import {ALL_NAMESPACES, HOST_NAMESPACE} from './netns.js';
import type {Snapshot} from './types.js';

/**
 * What a filter asked for that socktop, not root, could not read, so that an empty table (or a
 * short one) does not read as "there is none": said by `--once` on stderr and by the live
 * view's empty table. Root is never told: it reads every namespace a process is in.
 */

/**
 * `--netns NAME` where the scan read no namespace so labelled while other users' processes hold
 * namespaces it could not read: NAME exists (checkNamespaceFilter refused a name none has), and
 * no process socktop may read is in it, so its tables were out of reach (a root listener under
 * `ip netns exec NAME`). Which of the hidden namespaces it is cannot be told without reading
 * their members' ns/net links, so none is guessed. Null when NAME was read (an empty table is
 * then the truth) or nothing was hidden (no process is in it at all).
 */
export function unreadNamespaceNote(netns: string, snapshot: Pick<Snapshot, 'namespacesRead' | 'skipped'>, isRoot: boolean): string | null {
	if (isRoot || netns === '' || netns === ALL_NAMESPACES || netns === HOST_NAMESPACE) return null;
	const read = snapshot.namespacesRead;
	if (read === undefined || read.includes(netns) || snapshot.skipped.deniedNamespaces === 0) return null;
	return `network namespace '${sanitize(netns)}' could not be read: no process socktop may read is in it — run as root to see its sockets`;
}

/** A note as the first words of a sentence of its own: the empty table's text. */
export const asSentence = (note: string): string => `${note.charAt(0).toUpperCase()}${note.slice(1)}.`;
