import {useState} from 'react';
import {COMPACT_KILL_DIALOG_LINES, KILL_DIALOG_LINES} from '../components/kill-dialog-view.js';

export type KillDialogLines = {
	/** The lines the screen leaves the dialog: none while closed, three where compact, else what it said it takes (its menu's first). */
	readonly lines: number;
	/** The dialog's onLines: the y/N question takes fewer lines than the menu. */
	readonly onLines: (lines: number) => void;
	/** The dialog closed: the next one opens on its menu. */
	readonly onClose: () => void;
};

/**
 * The lines a kill dialog takes from the screen it is on (the table's rows, the PID view's selected fd and
 * its sentence): the boxed menu's KILL_DIALOG_LINES when it opens, then as few as the question needs, so
 * the lines the menu had go back to the screen instead of staying blank under a three-line box.
 */
export function useKillDialogLines(isOpen: boolean, isCompact: boolean): KillDialogLines {
	const [said, setSaid] = useState<number | null>(null);
	return {
		lines: !isOpen ? 0 : isCompact ? COMPACT_KILL_DIALOG_LINES : (said ?? KILL_DIALOG_LINES),
		onLines: setSaid,
		onClose() {
			setSaid(null);
		},
	};
}
