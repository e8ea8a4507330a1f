import type {Dispatch, SetStateAction} from 'react';
import {isMove, type Action} from '../keymap.js';
import type {ColumnId} from '../model/columns.js';
import {FD_NOT_COUNTED, groupFilter, isTallyColumn} from '../model/tally.js';
import type {Filters} from '../options.js';
import type {TallyView} from './use-tally.js';
import type {TableView} from './use-table-state.js';

/** What the tally's keys act on: the tally, the table's sort (whose column it counts by), and the filters a group narrows. */
export type TallyControls = {
	readonly tally: TallyView;
	readonly table: TableView;
	readonly sortColumns: readonly ColumnId[];
	readonly setFilters: Dispatch<SetStateAction<Filters>>;
	readonly setMessage: Dispatch<SetStateAction<string | null>>;
};

/** t on FD, which a tally cannot count by: why, and what to press. */
const FD_REFUSED = `t: ${FD_NOT_COUNTED} (< > choose another column)`;

/**
 * What `action` does on the tally: t shows or leaves it; shown, the Move keys move among its groups,
 * Enter leaves it for the table narrowed to the selected group, Esc leaves it, `<` `>` step
 * among the columns it can count by (not FD), r puts the fewest first (the one odd host) or the most
 * again, the table's sort left as it was, and k has no socket to signal. False for the keys it
 * leaves to the table (the filters, `/`, Space, `?`, q).
 */
export function runTallyAction(action: Action, {tally, table, sortColumns, setFilters, setMessage}: TallyControls): boolean {
	if (action === 'tally') {
		if (tally.isOn) tally.setIsOn(false);
		else if (isTallyColumn(table.sort.column)) tally.setIsOn(true);
		else setMessage(FD_REFUSED);
		return true;
	}

	if (!tally.isOn) return false;
	if (isMove(action)) {
		tally.view.move(action);
		return true;
	}

	switch (action) {
		case 'open': {
			const group = tally.view.selected;
			const column = table.sort.column;
			if (group === null || !isTallyColumn(column)) return true;
			setFilters(current => ({...current, group: groupFilter(column, group)}));
			tally.setIsOn(false);
			return true;
		}

		case 'clearFilter': {
			tally.setIsOn(false);
			return true;
		}

		case 'reverse': {
			tally.reverse();
			return true;
		}

		case 'sortPrevious':
		case 'sortNext': {
			table.stepSort(action === 'sortNext' ? 1 : -1, sortColumns.filter(column => isTallyColumn(column)));
			return true;
		}

		case 'kill': {
			setMessage('k: a group is no process (Enter shows its sockets, to signal one)');
			return true;
		}

		default: {
			return false;
		}
	}
}
