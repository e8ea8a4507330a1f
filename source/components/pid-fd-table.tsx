import {Table, type CellProps} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import {createContext, useContext, useMemo, type PropsWithChildren} from 'react';
import {fitAddress} from '../format/address.js';
import {displayWidth, fit} from '../format/escape.js';
import {FD_HEADINGS, fdColumns, widestCell} from '../model/fd-columns.js';
import {moreHoldersText, type FdColumn, type FdRow} from '../model/pid-rows.js';
import {shortState} from '../model/state-names.js';

/**
 * The PID view's FD table, drawn by @alcalzone/ink-table.
 *
 * ink-table measures cells with String.length and puts a separator line between
 * every row. Both are wrong for us: a wide (CJK, emoji) or combining file name
 * would shift the columns after it, and a separator per row halves what fits on
 * a small terminal. So ink-table is handed only row numbers as cell values and
 * headings padded to our widths, which makes its column widths exactly ours; the
 * cell component then draws the real text, fitted by display width. The per-row
 * separators are dropped, keeping one rule under the heading.
 */

/** What a column may shrink to: a short heading, still readable. RECV-Q and SEND-Q are numbers, never cut. */
const MIN_WIDTHS: Readonly<Record<FdColumn, number>> = {fd: 3, type: 4, target: 6, foreign: 6, state: 5, recvQ: 6, sendQ: 6};
type Cells = Record<string, string>;

/** Padding 1 on each side of every column plus the vertical rules. */
const overheadOf = (keys: readonly FdColumn[]) => keys.length * 2 + keys.length + 1;
/** Lines the table draws besides its rows: top rule, heading, rule under it, bottom rule. */
export const FD_TABLE_CHROME = 4;

type Layout = {
	/** The visible rows' cells, already fitted: cells[row][column]. */
	readonly cells: ReadonlyArray<readonly string[]>;
	/** The selected row among the visible ones (drawn inverse), or -1. */
	readonly selected: number;
	readonly isDim: boolean;
};
const LayoutContext = createContext<Layout>({cells: [], selected: -1, isDim: false});

function FittedCell({column, children}: CellProps) {
	const {cells, selected, isDim} = useContext(LayoutContext);
	// The value ink-table padded is the row's index in the visible slice.
	const row = Number(String(children ?? '').trim());
	// The selection in inverse video, as the socket table's: an attribute, so it shows without colours too.
	return (
		<Text dimColor={isDim} inverse={row === selected}>
			{` ${cells[row]?.[column] ?? ''} `}
		</Text>
	);
}

function HeadingCell({children}: PropsWithChildren) {
	return <Text bold>{children}</Text>;
}

function Rule({children}: PropsWithChildren) {
	return <Text dimColor>{children}</Text>;
}

class CompactTable extends Table<Cells> {
	constructor(props: ConstructorParameters<typeof Table<Cells>>[0]) {
		super(props);
		const heading = this.heading;
		const separator = this.separator;
		this.heading = row => (
			<Box key={row.key} flexDirection="column">
				{heading(row)}
				{separator({...row, key: 'heading-rule', data: {}})}
			</Box>
		);
		this.separator = row => <Box key={row.key} />;
	}
}

/** Columns that share what is left after the numbers: shrunk on narrow screens, cut when they must. */
const TEXT_COLUMNS = ['type', 'target', 'foreign', 'state'] as const;

/**
 * The columns the table shows: RECV-Q and SEND-Q when `hasQueues` (hasQueuedRow; the PID view
 * keeps them once shown, so they do not come and go with each refresh), unless they would
 * leave the other columns less than their minimum (a 40-column screen): each socket's
 * sentence says its queues then.
 */
export function tableColumns(rows: readonly FdRow[], width: number, hasQueues: boolean): readonly FdColumn[] {
	if (!hasQueues) return fdColumns(false);
	const all = fdColumns(true);
	const numbers = (['fd', 'recvQ', 'sendQ'] as const).reduce((sum, key) => sum + widestCell(rows, key, MIN_WIDTHS[key]), 0);
	const least = TEXT_COLUMNS.reduce((sum, key) => sum + MIN_WIDTHS[key], 0);
	return width - overheadOf(all) - numbers >= least ? all : fdColumns(false);
}

/**
 * Column widths for `width` terminal columns, one per key of `keys` (tableColumns): numbers
 * and short columns at their natural width, TARGET and FOREIGN share the rest; STATE is
 * spelled short (ESTAB) unless every cell fits whole, and on narrow screens STATE and
 * TYPE give up columns (down to their minimum) before TARGET and FOREIGN do.
 * Room left over widens a column to show its whole heading ("FOREIGN / PEER"
 * over a column with no peers), but a heading never takes room from a cell.
 */
export function layoutColumns(rows: readonly FdRow[], width: number, keys: readonly FdColumn[] = fdColumns(false)): readonly number[] {
	const widths = withinWidth(naturalWidths(rows, width, keys), width, keys);
	let spare = width - overheadOf(keys) - keys.reduce((sum, key) => sum + widths[key], 0);
	return keys.map(key => {
		const each = widths[key];
		const wanted = Math.min(spare, displayWidth(FD_HEADINGS[key]) - each);
		if (wanted <= 0) return each;
		spare -= wanted;
		return each + wanted;
	});
}

type Widths = Record<FdColumn, number>;

/**
 * The last resort on the narrowest terminals (40 columns and fd numbers of four digits or
 * more): FOREIGN, TARGET, TYPE, then STATE give up columns below their minimum, to 3 each
 * (headings stay told apart, 'TY…' and 'TA…', as they key ink-table's columns).
 */
function withinWidth(widths: Widths, width: number, keys: readonly FdColumn[]): Widths {
	let over = keys.reduce((sum, key) => sum + widths[key], 0) + overheadOf(keys) - width;
	for (const key of ['foreign', 'target', 'type', 'state'] as const) {
		if (over <= 0) break;
		const cut = Math.max(0, Math.min(over, widths[key] - 3));
		widths[key] -= cut;
		over -= cut;
	}

	return widths;
}

/** The widest STATE cell spelled short (ESTAB for ESTABLISHED, as the socket table's STATE), at least `least`. */
function widestShortState(rows: readonly FdRow[], least: number): number {
	let widest = least;
	for (const row of rows) widest = Math.max(widest, displayWidth(shortState(row.state)));
	return widest;
}

function naturalWidths(rows: readonly FdRow[], width: number, keys: readonly FdColumn[]): Widths {
	const natural = (key: FdColumn) => (keys.includes(key) ? widestCell(rows, key, MIN_WIDTHS[key]) : 0);
	const [fd, recvQ, sendQ] = [natural('fd'), natural('recvQ'), natural('sendQ')];
	const [natType, target, foreign, wholeState] = TEXT_COLUMNS.map(natural) as [number, number, number, number];
	const room = width - overheadOf(keys) - fd - recvQ - sendQ;
	// STATE is whole where every cell fits whole, else spelled short (fitCell), as the socket
	// table's is on a narrow screen: between the two it would show no more.
	const natState = natType + target + foreign + wholeState <= room ? wholeState : widestShortState(rows, MIN_WIDTHS.state);
	let excess = natType + natState + MIN_WIDTHS.target + MIN_WIDTHS.foreign - room;
	const state = natState - Math.max(0, Math.min(excess, natState - MIN_WIDTHS.state));
	excess -= natState - state;
	const type = natType - Math.max(0, Math.min(excess, natType - MIN_WIDTHS.type));
	const available = Math.max(MIN_WIDTHS.target + MIN_WIDTHS.foreign, room - type - state);
	if (target + foreign <= available) {
		return {fd, type, target, foreign, state, recvQ, sendQ};
	}

	// The narrower of the two keeps its natural width if it needs at most half; the other takes the rest.
	const half = Math.floor(available / 2);
	const targetWidth =
		target <= half ? target : foreign <= half ? available - foreign : Math.max(MIN_WIDTHS.target, available - half);
	return {fd, type, target: targetWidth, foreign: Math.max(MIN_WIDTHS.foreign, available - targetWidth), state, recvQ, sendQ};
}

/**
 * A peer note cut to `width`. A count of more holders (FdRow.moreHolders, written by
 * moreHoldersText) is kept, as ' +3', so a cut note still says that others hold that end; so is
 * the holder's PID, which tells it apart, as the socket table keeps it: the fd goes first, then
 * the name is cut ('→ pyt…[28032] +3', '127.0.0.1:80 → ng…[100] +12'), while 2 of its columns fit.
 */
function fitNote(note: string, width: number, moreHolders: number): string {
	if (displayWidth(note) <= width) return fit(note, width);
	const head = moreHolders === 0 ? note : note.slice(0, note.length - moreHoldersText(moreHolders).length);
	const count = moreHolders === 0 ? '' : ` +${moreHolders}`;
	if (displayWidth(head) + count.length <= width) return fit(head + count, width);
	const holder = peerHolderNote.exec(head);
	if (holder !== null) {
		const [, arrow = '', name = '', pid = ''] = holder;
		const room = width - displayWidth(arrow) - pid.length - count.length;
		// Where the name and PID fit with a column to spare, the cut below keeps them and the fd's start.
		if (room >= 2 && displayWidth(name) >= room) return fit(`${arrow}${displayWidth(name) === room ? name : fit(name, room)}${pid}${count}`, width);
	}

	return count === '' || width - count.length < 6 ? fit(note, width) : fit(head, width - count.length) + count;
}

/** A note naming a process (formatPeer): '→ python3[28032] fd 4', after an address ' → nginx[100] fd 5'. */
const peerHolderNote = /^( ?→ )(.+)(\[\d+\])(?: fd \d+)?$/u;

/**
 * One cell cut to `width`, keeping what matters when it does not fit: an address's
 * port and both ends of its host, a path's file name (fitAddress, as the socket table cuts), and in
 * FOREIGN / PEER the foreign address's port before the peer note after it
 * ('127.0.0.1:8799 → fd 7 (same process)'), and the note's count of more holders (fitNote). FD, RECV-Q and SEND-Q are right-aligned.
 */
export function fitCell(key: FdColumn, text: string, width: number, moreHolders = 0): string {
	if (key === 'fd' || key === 'recvQ' || key === 'sendQ') return fit(text, width, 'right');
	// A state too wide for its column takes its short spelling (ESTAB), as in the socket table.
	if (key === 'state') return fit(displayWidth(text) > width ? shortState(text) : text, width);
	if (key === 'type' || displayWidth(text) <= width) return fit(text, width);
	if (key === 'target') return fitAddress(text, width);
	const arrow = text.indexOf(' → ');
	// A pipe's or unnamed peer's cell is all note ('→ bash[6084] fd 250'): its start says most.
	if (arrow <= 0) return text.startsWith('→') ? fitNote(text, width, moreHolders) : fitAddress(text, width);
	const address = text.slice(0, arrow);
	const addressWidth = displayWidth(address);
	if (addressWidth + 2 >= width) return fitAddress(address, width);
	return address + fitNote(text.slice(arrow), width - addressWidth, moreHolders);
}

type Props = {
	readonly rows: readonly FdRow[];
	/** The rows the column widths are measured on (`rows` when absent): every fd, while a filter shows some, so typing moves no column. */
	readonly widthRows?: readonly FdRow[];
	/** First row shown. */
	readonly offset: number;
	/** Rows shown at most (the table draws FD_TABLE_CHROME more lines). */
	readonly count: number;
	/** The selected row, counted among all rows; -1 for none. */
	readonly selected?: number;
	readonly width: number;
	readonly isDim: boolean;
	/** Show RECV-Q and SEND-Q (where they fit: tableColumns). */
	readonly hasQueues?: boolean;
};

/** Only the visible slice is handed to ink-table; widths come from all rows so they do not jump while scrolling. */
export function PidFdTable({rows, widthRows = rows, offset, count, selected = -1, width, isDim, hasQueues = false}: Props) {
	const keys = useMemo(() => tableColumns(widthRows, width, hasQueues), [widthRows, width, hasQueues]);
	const widths = useMemo(() => layoutColumns(widthRows, width, keys), [widthRows, width, keys]);
	// Headings fitted to the widths (FD right-aligned over its numbers) double as ink-table's column keys.
	const columns = useMemo(
		() => keys.map((key, index) => fit(FD_HEADINGS[key], widths[index] ?? 0, key === 'fd' ? 'right' : 'left')),
		[keys, widths],
	);
	const visible = useMemo(() => rows.slice(offset, offset + count), [rows, offset, count]);
	const layout = useMemo(
		() => ({
			cells: visible.map(row => keys.map((key, index) => fitCell(key, row[key], widths[index] ?? 0, key === 'foreign' ? (row.moreHolders ?? 0) : 0))),
			selected: selected - offset,
			isDim,
		}),
		[visible, keys, widths, selected, offset, isDim],
	);
	const data = useMemo(
		() => visible.map((_, index) => Object.fromEntries(columns.map(column => [column, String(index)])) as Cells),
		[visible, columns],
	);
	return (
		<LayoutContext.Provider value={layout}>
			<CompactTable data={data} columns={columns} cell={FittedCell} header={HeadingCell} skeleton={Rule} />
		</LayoutContext.Provider>
	);
}
