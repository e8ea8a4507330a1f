import {displayWidth} from '../format/escape.js';
import {COLUMNS, type Column, type ColumnId} from './columns.js';

/** One column placed on screen. */
export type ColumnLayout = {
	readonly column: Column;
	readonly width: number;
};

/** Columns are separated by one space, as in top and sockstat. */
export const COLUMN_GAP = 1;

/** Widths the data needs: each column's widest cell among the rows shown. */
export type ColumnNeeds = Partial<Record<ColumnId, number>>;

/** What the layout knows besides the widest cells. */
export type LayoutOptions = {
	/** The widest cell of a column with a short spelling, spelled short ('ESTAB'). */
	readonly abbreviated?: ColumnNeeds;
	/** The widest cell that says something ('' and '?' do not): 0 for a column whose every cell is blank. */
	readonly telling?: ColumnNeeds;
	/** The sort column, never hidden, for being blank or for want of room: the arrow on it is where the user looks. */
	readonly sorted?: ColumnId;
	/**
	 * LOCAL's and FOREIGN's widest cell of an internet socket: what is to read whole (up to
	 * READABLE_ADDRESS) before the growth order goes on and before NETNS, SERVICE or FD give way
	 * (GIVING_WAY_TO_ADDRESSES); a unix path is cut either way. Without it, the widest cell.
	 */
	readonly inet?: ColumnNeeds;
	/** SERVICE names no port on the rows on screen: it gives way where LOCAL or FOREIGN would be cut beside it, as NETNS does. */
	readonly isServiceIdle?: boolean;
	/** Columns held in their short form (shortFormsOf, held by holdShort): the short header, STATE spelled short. */
	readonly shortForms?: ReadonlySet<string>;
};

/**
 * Room after every column's short header for the sort arrow ('FD▲'), sorted or not: were
 * it only the sort column's, choosing another column with < or > would shift the columns
 * to its right. A whole header gets no such room ('FOREIGN ADDRESS' over cells of 15):
 * sorted, it gives way to its short form and the arrow ('FOREIGN▲'), and nothing moves.
 */
export const ARROW_WIDTH = 1;

/** A width; 'short': the widest abbreviated cell; 'need': the widest cell; 'readable': an internet address whole (readableWidth). */
type Target = number | 'short' | 'need' | 'readable';

/**
 * Where room goes when not every cell fits whole, in order; no column ever grows
 * past its widest cell. First what costs little and reads much (a state spelled
 * ss's way, an IPv4 address and port whole; short names are whole from the start:
 * isWholeOrDropped), then
 * longer names and addresses; what is still short is shared last, the widest
 * columns cut first. STATE is spelled out only once every other cell is whole (see
 * layoutColumns): 'ESTAB' reads as well, and the README promises ss's spelling wherever
 * a cell is cut.
 */
const growth: ReadonlyArray<readonly [ColumnId, Target]> = [
	['state', 'short'],
	['proto', 'short'],
	['local', 15],
	['foreign', 15],
	// An IPv4 address and port whole before COMMAND grows: which host is connected is what an
	// on-call user looks for first, and 'postgres' or 'python3' read whole at COMMAND's floor (8).
	// NETNS, SERVICE and FD are kept only where the addresses have it (GIVING_WAY_TO_ADDRESSES).
	['local', 'readable'],
	['foreign', 'readable'],
	['command', 10],
	['command', 12],
	// A unix path, cut either way, as much as before.
	['local', 21],
	['foreign', 21],
	['netns', 'short'],
	['user', 10],
	['service', 10],
	['netns', 'need'],
	['command', 16],
	['local', 28],
	['foreign', 28],
	['service', 14],
	// 'seqpacket' whole last: 'seqpac' (FreeBSD sockstat's) reads as well.
	['proto', 'need'],
];

/** PID and FD: a cut number is a wrong number, so they are dropped, never cut. */
const isNumber = (column: Column) => column.id === 'pid' || column.id === 'fd';

/** The widest a short name is ('nobody', 'http-alt'); 'systemd-resolve' is no short name and is cut like any. */
const SHORT_NAME: ReadonlyMap<ColumnId, number> = new Map([['user', 8], ['service', 8]]);

/**
 * A column of short names (USER's 'nobody', SERVICE's 'http-alt') is whole or dropped, as a
 * number is: at its minimum it was cut by a character or two ('nobo…') wherever the columns
 * kept fitted only at their minimums, the long ones cut too.
 */
const isWholeOrDropped = (column: Column, wanted: number) => isNumber(column) || wanted <= (SHORT_NAME.get(column.id) ?? 0);

/** The header as shown in a narrow column: 'LOCAL' for 'LOCAL ADDRESS'. */
export const shortHeader = (column: Column) => column.shortHeader ?? column.header;

/** Every column whole: its widest cell, or its short header and the sort arrow's room. */
const wholeWidth = (column: Column, needs: ColumnNeeds) => Math.max(needs[column.id] ?? column.maxWidth, displayWidth(shortHeader(column)) + ARROW_WIDTH);

const sum = (widths: ReadonlyMap<ColumnId, number>) => {
	let total = COLUMN_GAP * Math.max(0, widths.size - 1);
	for (const width of widths.values()) total += width;
	return total;
};

/**
 * Fit the columns into `width` terminal columns from what the data needs.
 * Every column is as wide as its widest cell (or its short header and the
 * sort arrow's room, if wider) when they all fit, and never wider: the spare room stays at the right.
 * When they do not, the least useful columns are dropped until the rest fit
 * at their narrowest (what `needs` says, or the column's minimum if less;
 * PID, FD and short names whole: isWholeOrDropped; the sort column never), then room goes back in the `growth` order. A column
 * without a need (no data yet) counts as needing its maximum. The result never
 * exceeds `width`, so no row wraps. Before any of that, where not every column fits whole, the
 * columns whose every cell is blank (an empty SERVICE under -u, '?' owners as nobody) give
 * their room to the others, unless sorted by (see withoutBlank). After it, NETNS gives way where
 * LOCAL or FOREIGN would be cut beside it, then SERVICE where idle or cut, then FD, then PROTO (GIVING_WAY_TO_ADDRESSES), unless sorted by.
 */
export function layoutColumns(width: number, needs: ColumnNeeds = {}, allColumns: readonly Column[] = COLUMNS, options: LayoutOptions = {}): readonly ColumnLayout[] {
	let columns = withoutBlank(width, needs, allColumns, options);
	let placed = fitColumns(width, needs, columns, options);
	for (const id of GIVING_WAY_TO_ADDRESSES) {
		if (!cutsAddress(placed, needs, options)) break;
		// One the floors dropped gives way too, so it does not come back where a later one gave its room.
		if (options.sorted === id || !columns.some(column => column.id === id) || (id === 'service' && options.isServiceIdle !== true && isWhole(id, placed, needs))) continue;
		columns = columns.filter(column => column.id !== id);
		placed = fitColumns(width, needs, columns, options);
	}

	return placed;
}

/**
 * Columns that give way, in this order, where LOCAL or FOREIGN would be cut beside them: NETNS
 * ('host' on every row tells less than the address), then SERVICE where it names nothing on the
 * rows on screen (LayoutOptions.isServiceIdle) or would be cut itself ('postgre…'): empty on nearly
 * every row of a busy machine (a client's port has no name), it cut both addresses at 80 columns;
 * `/` still finds a row by its service, and the PID view explains each port. Then FD, a number
 * the PID view (Enter) lists with what each fd is; then PROTO, as STATE and the address tell TCP
 * from UDP ('LISTEN', 'UNCONN') and IPv4 from IPv6 (at 60 columns it kept 'tcp4' beside both
 * addresses cut to 12, '…0.201:54321'). A whole SERVICE ('ssh', 'http-alt') stays, as do USER,
 * COMMAND and PID, which say whose the socket is; COMMAND has only its floor until the addresses have their 21 (growth).
 */
const GIVING_WAY_TO_ADDRESSES: readonly ColumnId[] = ['netns', 'service', 'fd', 'proto'];

/** Column `id` is on screen as wide as its widest cell. */
const isWhole = (id: ColumnId, placed: readonly ColumnLayout[], needs: ColumnNeeds) =>
	placed.some(({column, width}) => column.id === id && width >= wholeWidth(column, needs));

/**
 * An address counted up to this many columns (an IPv4 address and port, as the PID view's
 * READABLE_ADDRESS) reads whole beside NETNS, SERVICE and FD, or they give way: the address is what
 * the user came for. A longer one (IPv6) is cut in the middle either way, its port kept.
 */
const READABLE_ADDRESS = 21;

/** How wide LOCAL or FOREIGN is to be for its internet addresses to read whole (LayoutOptions.inet), up to READABLE_ADDRESS. */
const readableWidth = (id: ColumnId, options: LayoutOptions) => Math.min(READABLE_ADDRESS, options.inet?.[id] ?? Infinity);

/** LOCAL or FOREIGN is cut below its need (up to readableWidth). */
function cutsAddress(placed: readonly ColumnLayout[], needs: ColumnNeeds, options: LayoutOptions): boolean {
	return placed.some(({column, width}) => (column.id === 'local' || column.id === 'foreign') && width < Math.min(wholeWidth(column, needs), readableWidth(column.id, options)));
}

/** layoutColumns for the columns chosen: drop to the floors, then grow. */
function fitColumns(width: number, needs: ColumnNeeds, columns: readonly Column[], options: LayoutOptions): readonly ColumnLayout[] {
	const need = new Map<ColumnId, number>();
	const floor = new Map<ColumnId, number>();
	for (const column of columns) {
		// A header has room for the sort arrow: 'FD▲', never 'F▲', where there is room for the cells.
		const wanted = wholeWidth(column, needs);
		need.set(column.id, wanted);
		// Never narrower than the short header and the arrow's cell: at COMMAND's minimum (7) the arrow
		// took its last letter ('COMMAN▲').
		floor.set(column.id, isWholeOrDropped(column, wanted) ? wanted : Math.min(wanted, Math.max(column.minWidth, displayWidth(shortHeader(column)) + ARROW_WIDTH)));
	}

	const widths = new Map(floor);
	// The sort column is never dropped (as htop keeps its): the others go first, and its arrow stays where the user looks.
	const dropping = [...columns].filter(column => column.id !== options.sorted).sort((a, b) => b.dropOrder - a.dropOrder || columns.indexOf(b) - columns.indexOf(a));
	for (const column of dropping) {
		if (sum(widths) <= width || widths.size === 1) break;
		widths.delete(column.id);
	}

	let spare = width - sum(widths);
	const grow = (id: ColumnId, target: number) => {
		const current = widths.get(id);
		if (current === undefined || spare <= 0) return;
		const grown = Math.min(target, need.get(id)!, current + spare);
		if (grown > current) {
			spare -= grown - current;
			widths.set(id, grown);
		}
	};

	for (const [id, target] of growth) {
		grow(id, target === 'need' ? Infinity : target === 'short' ? (options.abbreviated?.[id] ?? 0) : target === 'readable' ? readableWidth(id, options) : target);
	}

	// A column with a short spelling is short or whole: between the two it shows no more.
	shareRest(widths, need, spare, new Set(columns.filter(column => column.abbreviate !== undefined).map(column => column.id)));
	spare = width - sum(widths);
	// STATE whole ('ESTABLISHED') only with the room no cut cell could take; between ESTAB and it, it shows no more.
	const state = widths.get('state');
	const held = options.shortForms ?? new Set();
	if (state !== undefined && !held.has('state') && need.get('state')! - state <= spare && isWholeBesides(widths, need, 'state')) {
		spare -= need.get('state')! - state;
		widths.set('state', need.get('state')!);
	}

	// Room still left shows whole headers ('LOCAL ADDRESS' over cells of 12).
	for (const column of columns) {
		const current = widths.get(column.id);
		const full = displayWidth(column.header);
		if (current === undefined || current >= full || shortHeader(column) === column.header || held.has(column.id) || full - current > spare) continue;
		spare -= full - current;
		widths.set(column.id, full);
	}

	return columns.flatMap(column => {
		const columnWidth = widths.get(column.id);
		return columnWidth === undefined ? [] : [{column, width: Math.min(columnWidth, width)}];
	});
}

/**
 * The columns a layout shows in their short form, as the table draws them: a short header ('LOCAL',
 * where 'LOCAL ADDRESS' and the sorted column's arrow do not fit), STATE's cells spelled short
 * ('ESTAB': narrower than its widest cell). The live view holds them (holdShort), so a heading does not flip at each refresh.
 */
export function shortFormsOf(layout: readonly ColumnLayout[], needs: ColumnNeeds, sorted?: ColumnId): Set<ColumnId> {
	const short = new Set<ColumnId>();
	for (const {column, width} of layout) {
		const isHeaderShort = shortHeader(column) !== column.header && displayWidth(column.header) + (column.id === sorted ? ARROW_WIDTH : 0) > width;
		if (isHeaderShort || (column.id === 'state' && width < (needs.state ?? 0))) short.add(column.id);
	}

	return short;
}

/** Every column but `id` as wide as its widest cell: no cell of theirs is cut. */
function isWholeBesides(widths: ReadonlyMap<ColumnId, number>, need: ReadonlyMap<ColumnId, number>, id: ColumnId): boolean {
	for (const [other, current] of widths) if (other !== id && current < need.get(other)!) return false;
	return true;
}

/** The columns that name a socket's holder: '?' in all of them says no one could be seen. */
const OWNER_COLUMNS: ReadonlySet<ColumnId> = new Set(['user', 'command', 'pid', 'fd']);

/**
 * The columns to lay out: without a column whose cells all say what its absence says (Column.blankCell:
 * NETNS of the host's rows), at any width; all the others where they fit whole; else without those that say nothing
 * in any row shown (Column.isHiddenWhenBlank, options.telling 0): a column of '?' tells less
 * than the address it would have cut. One '?' owner column stays, as '?' does tell something (no process could
 * be seen): the sort column if it is one, else PID, the narrowest. The sort column always stays.
 * The caller holds `telling` as it holds widths (holdWidths), so a column that goes blank for
 * one refresh does not jump.
 */
function withoutBlank(width: number, needs: ColumnNeeds, allColumns: readonly Column[], {telling, sorted}: LayoutOptions): readonly Column[] {
	if (telling === undefined) return allColumns;
	const columns = columnsAtAnyWidth(allColumns, {telling, sorted});
	const whole = columns.reduce((total, column) => total + wholeWidth(column, needs), COLUMN_GAP * Math.max(0, columns.length - 1));
	if (whole <= width) return columns;
	const isBlank = (column: Column) => column.isHiddenWhenBlank === true && telling[column.id] === 0;
	const blankOwners = columns.filter(column => OWNER_COLUMNS.has(column.id) && isBlank(column)).map(column => column.id);
	const ownerKept = blankOwners.find(id => id === sorted) ?? blankOwners.find(id => id === 'pid');
	const kept = columns.filter(column => !isBlank(column) || column.id === sorted || column.id === ownerKept);
	return kept.length === 0 ? columns : kept;
}

/**
 * The columns a screen of any width shows, in order (what `<` and `>` step through): all but those
 * with a blankCell (NETNS of the host's rows alone) that tell nothing now; the sort column always.
 */
export function columnsAtAnyWidth(allColumns: readonly Column[], {telling, sorted}: Pick<LayoutOptions, 'telling' | 'sorted'>): readonly Column[] {
	// Not measured yet (no telling for it): not blank.
	return telling === undefined ? allColumns : allColumns.filter(column => column.blankCell === undefined || telling[column.id] !== 0 || column.id === sorted);
}

/**
 * What is left after the growth order goes to the columns still cut, evenly:
 * the widest are cut most (a long path loses a few characters, a short name none).
 */
function shareRest(widths: Map<ColumnId, number>, need: ReadonlyMap<ColumnId, number>, spare: number, skipped: ReadonlySet<ColumnId>): void {
	let left = spare;
	while (left > 0) {
		const cut = [...widths].filter(([id, current]) => !skipped.has(id) && current < need.get(id)!);
		if (cut.length === 0) return;
		// One column at a time to the narrowest cut column, so they grow level.
		cut.sort((a, b) => a[1] - b[1]);
		const [id, current] = cut[0]!;
		widths.set(id, current + 1);
		left--;
	}
}
