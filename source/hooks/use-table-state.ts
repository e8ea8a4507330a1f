import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {ColumnId} from '../model/columns.js';
import type {Move} from '../keymap.js';
import type {Row} from '../model/diff.js';
import {stepColumn, type SortOrder} from '../model/sort.js';

/**
 * The table's selection, scroll and sort. The selection is a socket identity
 * (Row.key), not a row number, so it stays on the same socket when a refresh
 * adds rows above it or a re-sort moves it. If that socket is gone for good, the
 * selection stays at the same screen position, and the socket drawn there is the
 * selection from then on, as htop's is; if new filters hide it, the first row's.
 */
export type TableState = {
	readonly selectedKey: string | null;
	readonly sort: SortOrder;
};

export type TableAction =
	| {readonly type: 'select'; readonly index: number; readonly keys: readonly string[]}
	/**
	 * A move from wherever the selection is when the action is applied, so several
	 * keys in one input chunk each move; `fallback` is the row the selection is
	 * shown on when its socket is gone.
	 */
	| {
			readonly type: 'move';
			readonly move: Move;
			readonly keys: readonly string[];
			readonly pageSize: number;
			readonly fallback: number;
	  }
	/**
	 * The row drawn as selected becomes the selection (see useTableView), unless a key has
	 * selected another since that row was drawn (a Move key typed before the effect ran).
	 */
	| {readonly type: 'adopt'; readonly key: string; readonly replacing: string | null}
	| {readonly type: 'sort'; readonly column: ColumnId}
	/** htop's < and >: the column to the left or right among `columns` (those on screen). */
	| {readonly type: 'stepSort'; readonly step: 1 | -1; readonly columns: readonly ColumnId[]}
	| {readonly type: 'reverse'};


const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** Pure state transitions, testable without rendering. */
export function tableReducer(state: TableState, action: TableAction): TableState {
	switch (action.type) {
		case 'select': {
			if (action.keys.length === 0) {
				return {...state, selectedKey: null};
			}

			const index = clamp(action.index, 0, action.keys.length - 1);
			return {...state, selectedKey: action.keys[index] ?? null};
		}

		case 'move': {
			const found = state.selectedKey === null ? -1 : action.keys.indexOf(state.selectedKey);
			const from = found === -1 ? action.fallback : found;
			return tableReducer(state, {type: 'select', index: moveTarget(action.move, from, action.keys.length, action.pageSize), keys: action.keys});
		}

		case 'adopt': {
			return state.selectedKey === action.replacing ? {...state, selectedKey: action.key} : state;
		}

		case 'sort': {
			// Choosing the current column again keeps its direction; `r` flips it.
			return state.sort.column === action.column ? state : {...state, sort: {column: action.column, isDescending: false}};
		}

		case 'stepSort': {
			return tableReducer(state, {type: 'sort', column: stepColumn(state.sort.column, action.step, action.columns)});
		}

		case 'reverse': {
			return {...state, sort: {...state.sort, isDescending: !state.sort.isDescending}};
		}
	}
}

/** Where a move from `index` lands in `count` rows, with `pageSize` rows on screen. */
export function moveTarget(move: Move, index: number, count: number, pageSize: number): number {
	const page = Math.max(1, pageSize - 1);
	const target = {
		up: index - 1,
		down: index + 1,
		pageUp: index - page,
		pageDown: index + page,
		top: 0,
		bottom: count - 1,
	}[move];
	return clamp(target, 0, Math.max(0, count - 1));
}

/**
 * The first row on screen: unchanged unless the selection would leave the
 * screen, then just enough to bring it back (no jumping), and never past
 * the last full page.
 */
export function scrollTop(previousTop: number, index: number, height: number, count: number): number {
	if (height <= 0 || count <= 0) {
		return 0;
	}

	let top = previousTop;
	if (index < top) {
		top = index;
	} else if (index >= top + height) {
		top = index - height + 1;
	}

	return clamp(top, 0, Math.max(0, count - height));
}

/** What the selection is kept by: a row's identity (Row.key), or a tally group's (TallyGroup.key). */
type Keyed = {readonly key: string};

export type TableView<R extends Keyed = Row> = {
	readonly sort: SortOrder;
	/** Row number of the selection in `rows`; 0 when there are none. */
	readonly index: number;
	readonly top: number;
	readonly selected: R | null;
	readonly move: (move: Move) => void;
	readonly sortBy: (column: ColumnId) => void;
	readonly stepSort: (step: 1 | -1, columns: readonly ColumnId[]) => void;
	readonly reverse: () => void;
};

export type TableStore = {
	readonly state: TableState;
	readonly dispatch: (action: TableAction) => void;
};

/** The table's state; its sort decides the rows, which then go to useTableView. */
export function useTableState(initialSort: SortOrder): TableStore {
	const [state, dispatch] = useReducer(tableReducer, {selectedKey: null, sort: initialSort});
	return {state, dispatch};
}

/** Selection and scroll resolved over the rows on screen (filtered and sorted by `state.sort`), or a tally's groups. */
export function useTableView<R extends Keyed = Row>({state, dispatch}: TableStore, rows: readonly R[], height: number, filters?: unknown): TableView<R> {
	const keys = useMemo(() => rows.map(row => row.key), [rows]);
	// One scan per new row list or selection: cheaper than a key -> position map of every row (50k rows: ~1 ms against ~10).
	const found = useMemo(() => {
		const position = state.selectedKey === null ? -1 : keys.indexOf(state.selectedKey);
		return position === -1 ? undefined : position;
	}, [keys, state.selectedKey]);
	const lastIndex = useRef(0);
	const lastTop = useRef(0);
	// New filters that hide the selected socket select the first row, as htop's filter does: the row
	// that happened to be drawn at its screen position is no choice of the user's (typing `/20928`
	// hides the selection at each letter, and it wandered down the list, to its end).
	const lastFilters = useRef(filters);
	if (lastFilters.current !== filters) {
		lastFilters.current = filters;
		if (found === undefined) {
			lastIndex.current = 0;
			lastTop.current = 0;
		}
	}

	const index = rows.length === 0 ? 0 : clamp(found ?? lastIndex.current, 0, rows.length - 1);
	const top = scrollTop(lastTop.current, index, height, rows.length);
	// Remembered for the next render: where to fall back to and scroll from.
	lastIndex.current = index;
	lastTop.current = top;

	const selected = rows[index] ?? null;
	// The selection is the row drawn as selected: where no socket is selected yet (before the first
	// Move key) or its socket is no row any more (gone, or hidden by the filters), that row's socket
	// becomes the selection, which then follows it across refreshes and re-sorts (as usePidCursor
	// does for a closed fd); else a refresh that adds a row above would move the selection under
	// the user's `k` or Enter. O(1) per key: a Move key selects a row of its own.
	useEffect(() => {
		if (selected !== null && selected.key !== state.selectedKey) dispatch({type: 'adopt', key: selected.key, replacing: state.selectedKey});
	}, [dispatch, selected, state.selectedKey]);

	const move = useCallback(
		(which: Move) => {
			dispatch({type: 'move', move: which, keys, pageSize: height, fallback: lastIndex.current});
		},
		[dispatch, keys, height],
	);
	const sortBy = useCallback(
		(column: ColumnId) => {
			dispatch({type: 'sort', column});
		},
		[dispatch],
	);
	const stepSort = useCallback(
		(step: 1 | -1, columns: readonly ColumnId[]) => {
			dispatch({type: 'stepSort', step, columns});
		},
		[dispatch],
	);
	const reverse = useCallback(() => {
		dispatch({type: 'reverse'});
	}, [dispatch]);

	return {sort: state.sort, index, top, selected, move, sortBy, stepSort, reverse};
}
