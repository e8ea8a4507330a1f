import type {ListFilter} from '../model/list-filter.js';
import type {ShownProcess} from '../model/shown-process.js';
import type {Socket} from '../model/types.js';

/** What the live view shows on top of (or instead of) the table. */
export type LiveMode =
	| {readonly kind: 'table'}
	| {readonly kind: 'help'}
	| {readonly kind: 'filter'}
	/** p or P: the ports or protocols list being edited (`draft`), applied on Enter; `error` says why the last Enter was refused. */
	| {readonly kind: 'list'; readonly list: ListFilter; readonly draft: string; readonly error: string | null}
	/**
	 * fd: the row's, selected first in the PID view (absent for --pid N). isStart: socktop started on it (--pid N), so q quits.
	 * opening: which opening of a screen this is (useLiveKeys numbers them), its React key: each starts fresh.
	 * shown: the table's row it was opened from (Enter), so a process that took the PID since is not shown as the row's.
	 */
	| {readonly kind: 'pid'; readonly pid: number; readonly fd?: number | null; readonly socket?: Socket; readonly isStart?: boolean; readonly opening?: number; readonly shown?: ShownProcess}
	/**
	 * shownAt: when the snapshot the row came from was scanned, so a PID reused since is refused.
	 * shared: what the dialog says of a socket other processes hold too (sharedNote), else null.
	 */
	| {readonly kind: 'kill'; readonly pid: number; readonly command: string | null; readonly shownAt: number | null; readonly shared: string | null; readonly opening?: number};
