import {FD_TABLE_CHROME} from './pid-fd-table.js';

/**
 * How the PID view spends its lines, so the frame never grows past the
 * terminal: the title, the process block (shorter on small screens), notices,
 * the FD table and the port explanations for the rows on screen.
 */
export type PidLayout = {
	readonly factLines: 0 | 2 | 4;
	/** FD rows drawn (the table adds FD_TABLE_CHROME lines). */
	readonly tableRows: number;
	/** Explanation lines drawn under the table. */
	readonly explainLines: number;
};

type Input = {
	readonly height: number;
	readonly hasProcess: boolean;
	readonly noticeLines: number;
	readonly dialogLines: number;
	/** All FD rows. */
	readonly rows: number;
	/** Inet sockets among all rows: each has one explanation line. */
	readonly explanations: number;
};

/** Split `height` lines between the parts; pure, so it is tested on its own. */
export function layoutPidView({height, hasProcess, noticeLines, dialogLines, rows, explanations}: Input): PidLayout {
	const factLines = !hasProcess ? 0 : height >= 22 ? 4 : height >= 14 ? 2 : 0;
	const title = 1;
	const rest = Math.max(0, height - title - factLines - noticeLines - dialogLines);
	const forRows = Math.max(0, rest - (rows > 0 ? FD_TABLE_CHROME : 1));
	if (rows + explanations <= forRows) {
		return {factLines, tableRows: rows, explainLines: explanations};
	}

	// Explanations get up to a quarter of the space (at least one line when there are any); rows the rest.
	const explainLines = explanations === 0 ? 0 : Math.min(explanations, Math.max(1, Math.floor(forRows / 4)));
	return {factLines, tableRows: Math.max(1, forRows - explainLines), explainLines};
}
