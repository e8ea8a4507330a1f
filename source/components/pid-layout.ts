import {displayWidth, fit} from '../format/escape.js';
import type {LazyList} from '../model/lazy-list.js';
import {FD_TABLE_CHROME} from './pid-fd-table.js';

/** Lines the selected fd's explanation may take at most: the longest sentences at 80 columns. */
export const SELECTED_MAX_LINES = 5;
/** Lines a long command line may wrap to, when lines are spare. */
export const CMDLINE_MAX_LINES = 3;
/** FD rows the table keeps (when it has them) before the selected fd's explanation takes more lines. */
export const KEPT_TABLE_ROWS = 3;

/**
 * How the PID view spends its lines, so the frame never grows past the
 * terminal: the title, the process block (shorter on small screens), notices,
 * the FD table, the selected fd's explanation in full, then the explanations
 * of the other sockets on screen.
 */
export type PidLayout = {
	/** Lines of facts (groups of PidHeader), not counting the Cmdline's lines past its first: 1 is the Cmdline alone; 5 with a Sockets line. */
	readonly factLines: 0 | 1 | 2 | 3 | 4 | 5;
	/** Lines the Cmdline fact takes: 1, up to CMDLINE_MAX_LINES when lines are spare; 0 when factLines is 0. */
	readonly cmdlineLines: number;
	/** FD rows drawn (the table adds FD_TABLE_CHROME lines). */
	readonly tableRows: number;
	/** Lines of the selected fd's explanation, under the table. */
	readonly selectedLines: number;
	/** Lines of the other explanations, under the selected one's. */
	readonly explainLines: number;
};

type Input = {
	readonly height: number;
	readonly hasProcess: boolean;
	readonly noticeLines: number;
	readonly dialogLines: number;
	/** All FD rows. */
	readonly rows: number;
	/** Lines the selected fd's explanation wraps to (at most SELECTED_MAX_LINES); 0 when nothing is selected. */
	readonly selected: number;
	/** Lines the other sockets' explanations take, wrapped to two lines each (explanationLineCount); any count past `height` lays out alike. */
	readonly explanations: number;
	/** Lines the selected fd's explanation takes whole, past SELECTED_MAX_LINES; `selected` when absent. */
	readonly selectedWhole?: number;
	/** Lines the other explanations take whole, past two each; `explanations` when absent. */
	readonly explanationsWhole?: number;
	/** Lines the Cmdline fact wraps to, at most CMDLINE_MAX_LINES; 1 when absent. */
	readonly cmdline?: number;
	/** The Sockets fact needs a line of its own (hasSocketsLine): a fifth line of facts where 80x24 has room for four. */
	readonly socketsLine?: boolean;
};

/**
 * Split `height` lines between the parts; pure, so it is tested on its own. When not
 * everything fits, the selected fd's explanation gets its lines first, once the table
 * has KEPT_TABLE_ROWS rows (one on the smallest screens); the other explanations get
 * what is left of a quarter of the space, and the table the rest. When everything fits
 * with lines to spare, they go to what was cut: the selected fd's explanation whole
 * (`selectedWhole`), then a long command line (`cmdline`), then the other explanations
 * (`explanationsWhole`), rather than blank rows; never a row of the table.
 */
export function layoutPidView({height, hasProcess, noticeLines, dialogLines, rows, selected, explanations, selectedWhole = selected, explanationsWhole = explanations, cmdline = 1, socketsLine = false}: Input): PidLayout {
	const title = 1;
	const minimum = rows > 0 ? FD_TABLE_CHROME + 1 : 1;
	// The process block shrinks (4 to 1 lines) before the table goes below one row; its last
	// line, the Cmdline (what the process is), only where the table keeps its KEPT_TABLE_ROWS
	// and the selected fd its line too (not on a 40x10 terminal, whose title names the command).
	const fits = (lines: number, least = minimum) => height - title - lines - noticeLines - dialogLines >= least;
	const wanted = !hasProcess ? 0 : height >= 22 ? (socketsLine ? 5 : 4) : height >= 18 ? 3 : height >= 14 ? 2 : 1;
	const keeps = rows > 0 ? FD_TABLE_CHROME + Math.min(rows, KEPT_TABLE_ROWS) + (selected > 0 ? 1 : 0) : minimum;
	const factLines = ([5, 4, 3, 2] as const).find(lines => lines <= wanted && fits(lines)) ?? (wanted > 0 && fits(1, keeps) ? 1 : 0);
	const rest = Math.max(0, height - title - factLines - noticeLines - dialogLines);
	const forRows = Math.max(0, rest - (rows > 0 ? FD_TABLE_CHROME : 1));
	const selectedWanted = rows > 0 ? selected : 0;
	if (rows + selectedWanted + explanations <= forRows) {
		let spare = forRows - rows - selectedWanted - explanations;
		const take = (wanted: number) => {
			const taken = Math.max(0, Math.min(spare, wanted));
			spare -= taken;
			return taken;
		};

		const selectedLines = selectedWanted + (rows > 0 ? take(selectedWhole - selectedWanted) : 0);
		const cmdlineLines = factLines > 0 ? 1 + take(Math.min(cmdline, CMDLINE_MAX_LINES) - 1) : 0;
		return {factLines, cmdlineLines, tableRows: rows, selectedLines, explainLines: explanations + take(explanationsWhole - explanations)};
	}

	const kept = Math.min(rows, KEPT_TABLE_ROWS, Math.max(1, forRows - 1));
	const selectedLines = Math.max(0, Math.min(selectedWanted, forRows - kept));
	const room = forRows - selectedLines;
	const share = Math.max(0, Math.floor(forRows / 4) - selectedLines);
	const tableRows = rows === 0 ? 0 : Math.max(1, Math.min(rows, room - Math.min(explanations, share)));
	return {factLines, cmdlineLines: factLines > 0 ? 1 : 0, tableRows, selectedLines, explainLines: Math.max(0, Math.min(explanations, room - tableRows))};
}

/**
 * Break `text` at spaces (else after a '/', so a long path breaks between its parts)
 * into at most `max` lines of `width` columns, later lines indented by `indentBy`
 * (two); the last one is cut with '…' if text remains.
 */
export function wrapText(text: string, width: number, max: number, indentBy = 2): string[] {
	const lines: string[] = [];
	let rest = text;
	while (rest.length > 0 && lines.length < max) {
		const room = lines.length === 0 ? width : width - indentBy;
		const indent = lines.length === 0 ? '' : ' '.repeat(indentBy);
		if (displayWidth(rest) <= room || lines.length === max - 1) {
			lines.push(indent + fit(rest, room).trimEnd());
			break;
		}

		// What fits before fit's '…', without the blank it pads a wide character's half column with.
		const head = fit(rest, room).trimEnd().slice(0, -1);
		const space = head.lastIndexOf(' ');
		const slash = head.lastIndexOf('/') + 1;
		const cut = space > room / 2 ? space : slash > room / 2 ? slash : head.length;
		lines.push(indent + rest.slice(0, cut));
		rest = rest.slice(cut).trimStart();
	}

	return lines;
}

const wrapTwo = (text: string, width: number) => wrapText(text, width, 2);

/**
 * Lines the `fd N: sentence`s would take, wrapped to at most `max` each (two, as explanationLines
 * draws them when short of lines); nulls (fds with nothing to say) and the `skip`th take none.
 * Counted only until past `enough`: the layout asks no more than the screen's height, and a
 * process with 20,000 fds would have every sentence wrapped on each key press.
 */
export function explanationLineCount(sentences: LazyList<string | null>, width: number, max = 2, {skip = -1, enough = Number.POSITIVE_INFINITY} = {}): number {
	let sum = 0;
	for (let index = 0; index < sentences.length && sum <= enough; index++) {
		const sentence = index === skip ? null : sentences.at(index);
		if (sentence !== null && sentence !== undefined) sum += wrapText(sentence, width, max).length;
	}

	return sum;
}

/**
 * The explanation lines for `budget` lines: each sentence wrapped to two lines
 * when all of them fit so, and the first ones longer than that whole while lines
 * are spare (cut with '…' where they run out); else one line each, the first ones
 * taking a second line while lines are spare (a cut line loses the end of a
 * sentence); else one cut line each and a last line counting those left out.
 */
export function explanationLines(sentences: readonly string[], budget: number, width: number): string[] {
	const each = sentences.map(sentence => wrapTwo(sentence, width));
	const wrapped = each.flat();
	if (wrapped.length <= budget) {
		let spare = budget - wrapped.length;
		return sentences.flatMap((sentence, index) => {
			const two = each[index]!;
			if (spare === 0 || two.length < 2) return two;
			const longer = wrapText(sentence, width, two.length + spare);
			spare -= longer.length - two.length;
			return longer;
		});
	}

	if (sentences.length <= budget) {
		let spare = budget - sentences.length;
		return sentences.flatMap((sentence, index) => {
			const two = each[index]!;
			if (two.length === 2 && spare > 0) {
				spare--;
				return two;
			}

			return [fit(sentence, width).trimEnd()];
		});
	}

	const shown = sentences.slice(0, Math.max(0, budget - 1)).map(sentence => fit(sentence, width).trimEnd());
	return budget <= 0 ? [] : [...shown, fit(`… ${sentences.length - shown.length} more explanations for the rows above`, width).trimEnd()];
}
