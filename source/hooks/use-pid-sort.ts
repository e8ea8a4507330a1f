import {useMemo, useRef, useState} from 'react';
import type {SortAction} from '../keymap.js';
import {hasQueuedRow} from '../model/fd-columns.js';
import {defaultFdSort, fdSortColumns, type FdSortOrder, sortFds} from '../model/fd-sort.js';
import type {FdRow} from '../model/pid-rows.js';
import type {FileDescriptor} from '../model/process.js';
import {stepIn} from '../model/sort.js';

type Options = {
	readonly pid: number;
	/** Every fd read (those the command line's filters pass), and their rows, in FD order. */
	readonly fds: readonly FileDescriptor[];
	readonly rows: readonly FdRow[];
	/** The order to start in: --sort's on the view socktop started on (--pid N), else by FD. */
	readonly initial?: FdSortOrder | null;
};

/** The PID view's sort: its order, the fds and rows in it, the columns it steps through, and what a Sort key does to it. */
export type PidSort = {
	readonly sort: FdSortOrder;
	readonly fds: readonly FileDescriptor[];
	readonly rows: readonly FdRow[];
	/** The table shows RECV-Q and SEND-Q (`<` and `>` step through them too): from the first read of this PID with something queued on, so the columns do not come and go with the traffic. */
	readonly hasQueues: boolean;
	/** `<` and `>` move the sort column left and right (the new one ascending), `r` reverses it, as in the table. */
	readonly onSort: (action: SortAction) => void;
};

/**
 * The PID view's fd rows in the order `<`, `>` and `r` choose, as the table's rows: kept across
 * the peers' views `Enter` opens and Esc comes back from. The selection follows its fd (usePidCursor).
 */
export function usePidSort({pid, fds, rows, initial}: Options): PidSort {
	const [sort, setSort] = useState<FdSortOrder>(initial ?? defaultFdSort);
	const queuedPid = useRef<number | null>(null);
	const isQueued = useMemo(() => hasQueuedRow(rows), [rows]);
	if (isQueued) queuedPid.current = pid;
	const hasQueues = queuedPid.current === pid;
	const sorted = useMemo(() => sortFds(fds, rows, sort), [fds, rows, sort]);
	const onSort = (action: SortAction) => {
		setSort(current => {
			if (action === 'reverse') return {...current, isDescending: !current.isDescending};
			return {column: stepIn(current.column, action === 'sortNext' ? 1 : -1, fdSortColumns(hasQueues, current.column)), isDescending: false};
		});
	};

	return {sort, ...sorted, hasQueues, onSort};
}
