import {useCallback, useMemo, useState, type Dispatch, type SetStateAction} from 'react';
import type {ColumnContext, ColumnId} from '../model/columns.js';
import type {Row} from '../model/diff.js';
import {isTallyColumn, tallySockets, type Tally, type TallyGroup} from '../model/tally.js';
import {type TableView, useTableState, useTableView} from './use-table-state.js';
import {defaultSort} from '../model/sort.js';
import {currentSockets} from './use-rows.js';

/** The live view's tally (t): whether it is shown, the groups of the rows on screen, and the selected group. */
export type TallyView = {
	readonly isOn: boolean;
	readonly setIsOn: Dispatch<SetStateAction<boolean>>;
	/** r: the fewest first, or the most first again. */
	readonly reverse: () => void;
	/** The rows counted by the sort column; null while the tally is off (or the column is FD, which it refuses). */
	readonly tally: Tally | null;
	/** The selection among the groups: it follows its group across refreshes, as the table's follows its socket. */
	readonly view: TableView<TallyGroup>;
};

const noGroups: readonly TallyGroup[] = [];

/**
 * The tally of the rows the filters pass by `column`, closed ones not counted (the sort column: < and > choose it), counted
 * again with each refresh; `height` is the body's rows, for its page moves. A new column starts at
 * its first group.
 */
export function useTally(isInitiallyOn: boolean, rows: readonly Row[], column: ColumnId, context: ColumnContext, height: number): TallyView {
	const [isOn, setIsOn] = useState(isInitiallyOn);
	const [isLeastFirst, setIsLeastFirst] = useState(false);
	const tally = useMemo(() => (isOn && isTallyColumn(column) ? tallySockets(currentSockets(rows), column, context, isLeastFirst) : null), [isOn, rows, column, context, isLeastFirst]);
	const store = useTableState(defaultSort);
	const view = useTableView(store, tally?.groups ?? noGroups, height, column);
	const reverse = useCallback(() => {
		setIsLeastFirst(current => !current);
	}, []);
	return {isOn, setIsOn, reverse, tally, view};
}
