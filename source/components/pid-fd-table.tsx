import {Table, type CellProps} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import {createContext, useContext, useMemo, type PropsWithChildren} from 'react';
import {fitAddress} from '../format/address.js';
import {displayWidth, fit} from '../format/escape.js';
import {headingIn, shortType} from '../model/fd-columns.js';
import {defaultFdSort, type FdSortOrder} from '../model/fd-sort.js';
import {sortArrow} from '../model/sort.js';
import {layoutColumns, measureFdRows, tableColumns} from './pid-fd-layout.js';
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

type Cells = Record<string, string>;

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
 * ('127.0.0.1:8799 → fd 7 (same process)'), and the note's count of more holders (fitNote); STATE and TYPE
 * spelled short ('ESTAB', 'unix seqpac'). FD, RECV-Q and SEND-Q are right-aligned.
 */
export function fitCell(key: FdColumn, text: string, width: number, moreHolders = 0): string {
	if (key === 'fd' || key === 'recvQ' || key === 'sendQ') return fit(text, width, 'right');
	// A state too wide for its column takes its short spelling (ESTAB), as in the socket table.
	if (key === 'state') return fit(displayWidth(text) > width ? shortState(text) : text, width);
	// And a TYPE too wide for it its short one ('unix seqpac'), as the socket table's PROTO.
	if (key === 'type') return fit(displayWidth(text) > width ? shortType(text) : text, width);
	if (displayWidth(text) <= width) return fit(text, width);
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
	/** The rows' order, whose column's heading carries its arrow, as the socket table's does ('FD▲'). */
	readonly sort?: FdSortOrder;
};

/** A column's heading in `width` columns; the sort column's ends in the sort's arrow, which stays where the heading is cut ('TARGE▲'). */
function headingCell(key: FdColumn, width: number, sort: FdSortOrder): string {
	const align = key === 'fd' ? 'right' : 'left';
	if (key !== sort.column) return fit(headingIn(key, width), width, align);
	return fit(`${headingIn(key, width - 1).slice(0, Math.max(0, width - 1))}${sortArrow(sort)}`, width, align);
}

/** Only the visible slice is handed to ink-table; widths come from all rows so they do not jump while scrolling. */
export function PidFdTable({rows, widthRows = rows, offset, count, selected = -1, width, isDim, hasQueues = false, sort = defaultFdSort}: Props) {
	// The rows are measured once, for both: a resize or the queues' coming lays them out again without reading them.
	const measures = useMemo(() => measureFdRows(widthRows), [widthRows]);
	const keys = useMemo(() => tableColumns(measures, width, hasQueues, sort.column), [measures, width, hasQueues, sort.column]);
	const widths = useMemo(() => layoutColumns(measures, width, keys, sort.column), [measures, width, keys, sort.column]);
	// Headings fitted to the widths (FD right-aligned over its numbers) double as ink-table's column keys.
	const columns = useMemo(() => keys.map((key, index) => headingCell(key, widths[index] ?? 0, sort)), [keys, widths, sort]);
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
