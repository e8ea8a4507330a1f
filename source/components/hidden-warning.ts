import {deniedNames} from '../format/denied.js';
import type {Skipped} from '../model/types.js';

const plural = (count: number, word: string, ending = 'es') => `${count} ${word}${count === 1 ? '' : ending}`;

/** What the warnings read of a snapshot's Skipped. */
type Unseen = Pick<Skipped, 'deniedProcesses' | 'deniedNamespaces'> & Partial<Pick<Skipped, 'procHidden' | 'deniedAsRoot' | 'unreadableTables' | 'deniedProcessList' | 'tableShortForms'>>;

/**
 * How many words a warning takes: the sentence; the short form, for a first line without room for
 * it (80 columns, a long host name); the tiny one, 'processes' said 'procs', for 40 columns.
 */
export type WarningForm = 'sentence' | 'short' | 'tiny';

/**
 * What the scan could not see, in one warning, or null: processes whose
 * owners it could not read, and network namespaces whose tables it could not
 * read (their sockets are missing, not shown as the host's), and a /proc
 * mounted to hide other users' processes. `named` denied processes are named
 * (`sshd[812]`), where the backend could tell which; the short forms name none.
 */
export function hiddenWarning(skipped: Unseen, form: WarningForm = 'sentence', named = 0): string | null {
	const warning = form === 'sentence' ? longWarning(skipped, named) : shortWarning(skipped, form === 'tiny');
	// What the backend could not read at all (a socket table; lsof without root), after the counts.
	const tables = skipped.unreadableTables ?? [];
	const first = tables.length === 0 ? null : form === 'sentence' ? tables[0]! : (skipped.tableShortForms?.[tables[0]!] ?? tables[0]!);
	const more = tables.length - 1;
	const unread = first === null ? null : more === 0 ? first : form === 'sentence' ? `${first} (and ${more} more unreadable)` : `${first} +${more} more`;
	return warning === null ? unread : unread === null ? warning : `${warning}; ${unread}`;
}

function longWarning(skipped: Unseen, named: number): string | null {
	const counted = countedWarning(skipped, named);
	if (skipped.procHidden === true) {
		// Nothing is counted for processes that do not appear at all, so this comes first.
		const invisible = '/proc is mounted hidepid=2: other users\' processes are invisible — run as root';
		return counted === null ? invisible : `${invisible}; ${counted}`;
	}

	return counted;
}

/** The warning in few words, for a first line that has no room for the sentence; fewer letters where `isTiny`. */
function shortWarning(skipped: Unseen, isTiny: boolean): string | null {
	const counts = [
		skipped.deniedProcesses > 0 ? (isTiny ? plural(skipped.deniedProcesses, 'proc', 's') : plural(skipped.deniedProcesses, 'process')) : null,
		skipped.deniedNamespaces > 0 ? `${skipped.deniedNamespaces} netns` : null,
	].filter(each => each !== null);
	const counted = counts.length === 0 ? null : skipped.deniedAsRoot === true ? `${counts.join(', ')} unreadable` : `${counts.join(', ')} hidden (run as root)`;
	if (skipped.procHidden === true) return counted === null ? 'hidepid: run as root' : `hidepid; ${counted}`;
	return counted;
}

function countedWarning(skipped: Unseen, named: number): string | null {
	const processes = skipped.deniedProcesses > 0 ? plural(skipped.deniedProcesses, 'process') : null;
	const namespaces = skipped.deniedNamespaces > 0 ? plural(skipped.deniedNamespaces, 'network namespace', 's') : null;
	const names = deniedNames(skipped, named);
	if (skipped.deniedAsRoot === true) {
		// Root was refused too: "run as root" would be wrong advice. The names end the sentence.
		const counts = [processes, namespaces].filter(each => each !== null);
		return counts.length === 0 ? null : `${counts.join(' and ')} unreadable even as root${names === null ? '' : `: ${names}`}`;
	}

	// Next to the count they belong to, so the advice still ends the sentence.
	const inBrackets = names === null ? '' : ` (${names})`;
	if (processes !== null && namespaces !== null) {
		return `${processes}${inBrackets} and ${namespaces} hidden — run as root to see them`;
	}

	if (processes !== null) {
		return `${processes} hidden${inBrackets} — run as root to see which sockets they hold`;
	}

	return namespaces === null ? null : `${namespaces} hidden — run as root to see their sockets`;
}
