import {displayWidth} from '../format/escape.js';
import {addressOf, FD_HEADINGS, fdColumns, isInetType, shortType} from '../model/fd-columns.js';
import type {FdColumn, FdRow} from '../model/pid-rows.js';
import {shortState} from '../model/state-names.js';

/**
 * Which columns the PID view's FD table shows and how wide, in the socket table's rules
 * (model/layout.ts): numbers whole or dropped, STATE short before anything is cut, the least
 * telling columns dropped rather than every one cut to a few letters, then room given in a
 * growth order.
 */

/** The least width of a column's cells, so its short heading fits; RECV-Q and SEND-Q are numbers, never cut. */
const MIN_WIDTHS: Readonly<Record<FdColumn, number>> = {fd: 3, type: 4, target: 6, foreign: 6, state: 5, recvQ: 6, sendQ: 6};
/** Padding 1 on each side of every column plus the vertical rules. */
const overheadOf = (keys: readonly FdColumn[]) => keys.length * 2 + keys.length + 1;
/** Width an address gets before TYPE is whole or the queues are shown: an IPv4 address and port whole, as the socket table's growth gives LOCAL and FOREIGN 21 early (model/layout.ts). */
const READABLE_ADDRESS = 21;

type Address = 'target' | 'foreign';

/**
 * Each column's widest cell (at least its MIN_WIDTHS), the widest STATE and TYPE spelled short ('ESTAB',
 * 'unix seqpac'), and the widest internet address of TARGET and FOREIGN / PEER (without its peer note;
 * 0 for none): all that tableColumns and layoutColumns read of the rows, measured in one pass
 * (measureFdRows), so that choosing the columns and laying them out, at any width, does not read a
 * proxy's 200,000 rows again.
 */
export type FdMeasures = {
	readonly widest: Readonly<Record<FdColumn, number>>;
	readonly shortState: number;
	readonly shortType: number;
	readonly inet: Readonly<Record<Address, number>>;
};

/** The FdMeasures of `rows`: a loop, not Math.max(...cells), as widestCell (a spread of 130k+ values overflows the stack). */
export function measureFdRows(rows: readonly FdRow[]): FdMeasures {
	const widest = {...MIN_WIDTHS};
	const short = {state: MIN_WIDTHS.state, type: MIN_WIDTHS.type};
	const inet = {target: 0, foreign: 0};
	const keys = Object.keys(widest) as FdColumn[];
	for (const row of rows) {
		// TYPE comes before the addresses (MIN_WIDTHS' order): each cell is read once.
		let isInet = false;
		for (const key of keys) {
			const cell = row[key];
			widest[key] = Math.max(widest[key], displayWidth(cell));
			if (key === 'state') short.state = Math.max(short.state, displayWidth(shortState(cell)));
			if (key === 'type') {
				short.type = Math.max(short.type, displayWidth(shortType(cell)));
				isInet = isInetType(cell);
			}

			if (isInet && (key === 'target' || key === 'foreign')) inet[key] = Math.max(inet[key], displayWidth(key === 'foreign' ? addressOf(cell) : cell));
		}
	}

	return {widest, shortState: short.state, shortType: short.type, inet};
}

/**
 * What a column needs to stay on screen, else it is dropped rather than cut to a few letters
 * ('uni…', 'LIST…', 'chr d…'): FD and the queues whole (a cut number is a wrong number, as the socket
 * table's PID and FD), TYPE whole too but for 'unix seqpac' (a short word: 'chr dev', 'unix stream';
 * the selected fd's sentence says it), STATE spelled short (ESTAB), the two addresses their minimum
 * (8 keeps a port and a bit of its host).
 */
function floorOf(measures: FdMeasures, key: FdColumn): number {
	if (key === 'state') return measures.shortState;
	if (key === 'type') return measures.shortType;
	const need = measures.widest[key];
	return key === 'target' || key === 'foreign' ? Math.min(need, FLOORS[key]) : need;
}

const FLOORS = {target: 8, foreign: 8} as const;

/** Width TARGET and FOREIGN / PEER keep beside TYPE, else TYPE goes: a path's end, or a port and most of its host (GROWTH's first step). */
const ADDRESS_BESIDE_TYPE = 15;

/**
 * What TARGET or FOREIGN / PEER is to read whole beside TYPE (readable in GROWTH): its internet
 * addresses up to READABLE_ADDRESS (an IPv4 address and port, as the socket table's NETNS, SERVICE and
 * FD give way to them), and at least ADDRESS_BESIDE_TYPE (a unix path is cut either way); never more than its widest cell.
 */
const readableOf = (measures: FdMeasures, key: Address) => Math.min(measures.widest[key], Math.max(ADDRESS_BESIDE_TYPE, Math.min(READABLE_ADDRESS, measures.inet[key])));

/** Columns dropped on narrow screens after TYPE, in order, as the socket table drops FD, SERVICE, ...: FD and TARGET always stay. */
const DROP_ORDER = ['state', 'foreign'] as const;

const total = (keys: readonly FdColumn[], width: (key: FdColumn) => number) => keys.reduce((sum, key) => sum + width(key), overheadOf(keys));

/** Each column at its floor, but TARGET and FOREIGN / PEER up to `address` columns (or all they need), or readableOf. */
const addressesUpTo = (measures: FdMeasures, address: number | 'readable') => (key: FdColumn) =>
	key === 'target' || key === 'foreign' ? (address === 'readable' ? readableOf(measures, key) : Math.min(measures.widest[key], address)) : floorOf(measures, key);

/**
 * The columns the table shows. RECV-Q and SEND-Q, when `hasQueues` (hasQueuedRow; the PID view
 * keeps them once shown, so they do not come and go with each refresh), only where every other
 * cell still reads whole beside them (STATE short, an address up to READABLE_ADDRESS): they go
 * before any other cell is cut, since each socket's sentence says its queues. Then TYPE, whole or
 * spelled short ('unix seqpac'), where TARGET or FOREIGN / PEER would be cut beside it below readableOf
 * (an internet address up to 21 columns, else 15), as the socket table's NETNS, SERVICE and FD give
 * way to the addresses (model/layout.ts): FD stays, the view's key. Then, as the
 * socket table drops its least telling columns rather than cut every one to a few letters, STATE
 * and FOREIGN / PEER in that order until the rest fit at their floor (floorOf): the selected
 * fd's sentence says its type, and a path, an address or 'pipe:[…]' in TARGET tells most fds apart.
 * The `sorted` column is never dropped (its heading carries the sort's arrow).
 */
export function tableColumns(measures: FdMeasures, width: number, hasQueues: boolean, sorted: FdColumn = 'fd'): readonly FdColumn[] {
	if (hasQueues) {
		const all = fdColumns(true);
		if (total(all, addressesUpTo(measures, READABLE_ADDRESS)) <= width) return all;
	}

	// The sort column stays, as in the socket table (a queue's, after the others): the others go first.
	let keys = [...fdColumns(false), ...(sorted === 'recvQ' || sorted === 'sendQ' ? [sorted] : [])];
	if (sorted !== 'type' && total(keys, addressesUpTo(measures, 'readable')) > width) keys = keys.filter(key => key !== 'type');
	for (const dropped of DROP_ORDER.filter(key => key !== sorted)) {
		if (total(keys, key => floorOf(measures, key)) <= width) break;
		keys = keys.filter(key => key !== dropped);
	}

	return keys;
}

/**
 * Column widths for `width` terminal columns, one per key of `keys` (tableColumns): numbers
 * whole; STATE spelled short (ESTAB) unless every cell fits whole, and never cut further; TYPE
 * whole, but 'unix seqpac' until the addresses have had their room; TARGET and FOREIGN from their floors in the GROWTH order.
 * Room left over widens a column to show its whole heading ("FOREIGN / PEER"
 * over a column with no peers; the `sorted` one's with its arrow), but a heading never takes room from a cell.
 */
export function layoutColumns(measures: FdMeasures, width: number, keys: readonly FdColumn[] = fdColumns(false), sorted?: FdColumn): readonly number[] {
	const widths = withinWidth(naturalWidths(measures, width, keys), width, keys);
	let spare = width - overheadOf(keys) - keys.reduce((sum, key) => sum + widths[key], 0);
	return keys.map(key => {
		const each = widths[key];
		// The sort column's heading with its arrow ('STATE▲').
		const wanted = Math.min(spare, displayWidth(FD_HEADINGS[key]) + (key === sorted ? 1 : 0) - each);
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

/**
 * Where room goes once TARGET and FOREIGN have their floors, as the socket table's growth
 * order does (model/layout.ts): the addresses to 15 (a port and most of its host, a path's end),
 * then to readableOf (an internet address and port whole: tableColumns keeps TYPE only where they
 * have that), FOREIGN / PEER first: a server's TARGET repeats on every connection the address its
 * LISTEN row shows whole, and the other end is what tells the rows apart (at 60 columns
 * '192.168.200.201:54322' whole beside '192.1…200:40000', not the other way round); then to 21 (a
 * path, cut either way, as much as before); what is left is shared, the narrowest cut column first,
 * up to WHOLE_TYPE_AFTER before TYPE is spelled whole.
 */
const GROWTH: ReadonlyArray<readonly [Address, number | 'readable']> = [
	['target', ADDRESS_BESIDE_TYPE],
	['foreign', ADDRESS_BESIDE_TYPE],
	['foreign', 'readable'],
	['target', 'readable'],
	['target', READABLE_ADDRESS],
	['foreign', READABLE_ADDRESS],
];

/** How wide TARGET and FOREIGN / PEER grow before 'unix seqpac' is spelled whole, as the socket table's 'seqpac' is last ('local', 28). */
const WHOLE_TYPE_AFTER = 28;

function naturalWidths(measures: FdMeasures, width: number, keys: readonly FdColumn[]): Widths {
	const natural = (key: FdColumn) => (keys.includes(key) ? measures.widest[key] : 0);
	const [fd, recvQ, sendQ, wholeState] = [natural('fd'), natural('recvQ'), natural('sendQ'), natural('state')];
	const need = {type: natural('type'), target: natural('target'), foreign: natural('foreign')};
	const room = width - overheadOf(keys) - fd - recvQ - sendQ;
	if (need.type + need.target + need.foreign + wholeState <= room) return {fd, ...need, state: wholeState, recvQ, sendQ};
	// STATE is whole where every cell fits whole, else spelled short (fitCell), as the socket
	// table's is on a narrow screen: between the two it would show no more. Never less ('LIST…'): tableColumns drops it first.
	// TYPE is spelled short too ('unix seqpac'), until the addresses have had their room (WHOLE_TYPE_AFTER).
	const state = keys.includes('state') ? measures.shortState : 0;
	const widths = {type: keys.includes('type') ? measures.shortType : 0, target: Math.min(need.target, FLOORS.target), foreign: Math.min(need.foreign, FLOORS.foreign)};
	let spare = room - state - widths.type - widths.target - widths.foreign;
	const grow = (key: keyof typeof widths, to: number) => {
		const grown = Math.max(widths[key], Math.min(to, need[key], widths[key] + Math.max(0, spare)));
		spare -= grown - widths[key];
		widths[key] = grown;
	};

	const share = (upTo: number) => {
		while (spare > 0) {
			const cut = (['target', 'foreign'] as const).filter(key => widths[key] < Math.min(need[key], upTo)).sort((x, y) => widths[x] - widths[y]);
			if (cut[0] === undefined) break;
			grow(cut[0], widths[cut[0]] + 1);
		}
	};

	for (const [key, to] of GROWTH) grow(key, to === 'readable' ? readableOf(measures, key) : to);
	share(WHOLE_TYPE_AFTER);
	grow('type', need.type);
	share(Infinity);
	return {fd, ...widths, state, recvQ, sendQ};
}
