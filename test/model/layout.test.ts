import {describe, expect, it} from 'vitest';
import {COLUMNS, type ColumnId} from '../../source/model/columns.js';
import {displayWidth} from '../../source/format/escape.js';
import {ARROW_WIDTH, COLUMN_GAP, layoutColumns, shortHeader, type ColumnNeeds} from '../../source/model/layout.js';

const ids = (width: number, needs = {}) => layoutColumns(width, needs).map(placed => placed.column.id);
const total = (width: number, needs = {}) => {
	const placed = layoutColumns(width, needs);
	return placed.reduce((sum, each) => sum + each.width, 0) + COLUMN_GAP * (placed.length - 1);
};

const widthsOf = (placed: ReturnType<typeof layoutColumns>) => Object.fromEntries(placed.map(each => [each.column.id, each.width]));

/** What the 80x24 and 100x30 reports showed: nobody's python3 on 127.0.0.1:8080 (http-alt) and its clients. */
const reported: ColumnNeeds = {user: 6, command: 15, pid: 5, fd: 2, proto: 4, local: 15, foreign: 15, state: 11, service: 8};
const reportedShort: ColumnNeeds = {state: 6};

describe('layoutColumns', () => {
	it('never exceeds the width, from 20 to 300 columns', () => {
		for (let width = 20; width <= 300; width++) {
			expect(total(width, {pid: 7, fd: 4})).toBeLessThanOrEqual(width);
			expect(total(width, reported)).toBeLessThanOrEqual(width);
		}
	});

	it('keeps every column at 80 and drops FD, SERVICE, PROTO, USER and STATE, in that order, as it narrows', () => {
		// Addresses of 12 ('10.0.0.1:443'), whole at their floor: what the floors drop, not what gives
		// way to a cut address (layout-give-way.test.ts; addresses of unknown width count as 40, cut at 80).
		const needs = {pid: 5, fd: 2, local: 12, foreign: 12};
		expect(ids(80, needs)).toEqual(['user', 'command', 'pid', 'fd', 'proto', 'local', 'foreign', 'state', 'service']);
		// FD of one digit keeps the sort arrow's room, 3 wide ('FD▲'), and COMMAND its 8 ('COMMAND▲', never 'COMMAN▲').
		expect(ids(73, needs)).toEqual(['user', 'command', 'pid', 'fd', 'proto', 'local', 'foreign', 'state', 'service']);
		expect(ids(72, needs)).toEqual(['user', 'command', 'pid', 'proto', 'local', 'foreign', 'state', 'service']);
		expect(ids(67, needs)).toEqual(['user', 'command', 'pid', 'proto', 'local', 'foreign', 'state']);
		// USER outlasts PROTO (it went first): USER, COMMAND and PID say whose the socket is, and
		// STATE and the address tell TCP from UDP ('LISTEN', 'UNCONN') and IPv4 from IPv6.
		expect(ids(59, needs)).toEqual(['user', 'command', 'pid', 'local', 'foreign', 'state']);
		// STATE outlasts USER: nothing else tells a listener.
		expect(ids(53, needs)).toEqual(['user', 'command', 'pid', 'local', 'foreign', 'state']);
		expect(ids(52, needs)).toEqual(['command', 'pid', 'local', 'foreign', 'state']);
		expect(ids(40, needs)).toEqual(['command', 'pid', 'local', 'foreign']);
	});

	it('keeps the sort column, as htop does, dropping the others first (sorted by USER at 50 columns)', () => {
		const needs = {pid: 5, fd: 2};
		const at = (width: number, sorted: ColumnId) => layoutColumns(width, needs, COLUMNS, {sorted}).map(placed => placed.column.id);
		expect(at(50, 'user')).toEqual(['user', 'command', 'pid', 'local', 'foreign']);
		expect(at(59, 'fd')).toEqual(['user', 'command', 'pid', 'fd', 'local', 'foreign', 'state']);
		expect(at(40, 'service')).toEqual(['command', 'pid', 'local', 'service']);
		// The columns the sort is not on go as before.
		expect(at(59, 'command')).toEqual(ids(59, needs));
		for (let width = 20; width <= 120; width++) {
			for (const column of COLUMNS) {
				const placed = layoutColumns(width, needs, COLUMNS, {sorted: column.id});
				expect(placed.map(each => each.column.id)).toContain(column.id);
				expect(placed.reduce((sum, each) => sum + each.width, 0) + COLUMN_GAP * (placed.length - 1)).toBeLessThanOrEqual(width);
			}
		}
	});

	it('never gives a column less than its short header and the sort arrow\'s cell (\'COMMAN▲\' at 60 columns)', () => {
		for (let width = 40; width <= 120; width++) {
			for (const placed of layoutColumns(width, reported, COLUMNS, {abbreviated: reportedShort})) {
				expect(placed.width, `${placed.column.id} at ${width}`).toBeGreaterThanOrEqual(displayWidth(shortHeader(placed.column)) + ARROW_WIDTH);
			}
		}
	});

	it('keeps a short USER or SERVICE name whole or drops its column, never cut by a character or two (\'nobo…\')', () => {
		for (let width = 40; width <= 120; width++) {
			for (const pid of [3, 5, 6, 7]) {
				const placed = widthsOf(layoutColumns(width, {...reported, pid}, COLUMNS, {abbreviated: reportedShort}));
				if (placed['user'] !== undefined) expect(placed['user'], `user at ${width}, pid ${pid}`).toBe(6);
				if (placed['service'] !== undefined) expect(placed['service'], `service at ${width}, pid ${pid}`).toBe(8);
			}
		}

		// A name longer than a short one ('systemd-resolve') is still cut at the narrowest.
		expect(widthsOf(layoutColumns(60, {...reported, user: 15}, COLUMNS, {abbreviated: reportedShort}))['user']).toBe(5);
	});

	it('widens PID and FD to what the data needs, so numbers are never cut', () => {
		// Beside addresses whole at their floor: beside cut ones FD gives way (layout-give-way.test.ts).
		const placed = layoutColumns(80, {pid: 7, fd: 5, local: 12, foreign: 12});
		expect(placed.find(each => each.column.id === 'pid')?.width).toBe(7);
		expect(placed.find(each => each.column.id === 'fd')?.width).toBe(5);
	});

	it('gives spare width to the addresses before the long names', () => {
		const narrow = layoutColumns(80, {pid: 5, fd: 2});
		const wide = layoutColumns(160, {pid: 5, fd: 2});
		const width = (placed: typeof narrow, id: string) => placed.find(each => each.column.id === id)?.width;
		// An IPv4 address and port whole (21) before COMMAND grows past its floor (was 15, COMMAND 12 first):
		// which host is connected is what an on-call user looks for; FD and SERVICE give way to it.
		expect(width(narrow, 'local')).toBe(21);
		expect(width(narrow, 'foreign')).toBe(21);
		expect(width(narrow, 'command')).toBeLessThanOrEqual(10);
		expect(width(wide, 'local')).toBe(40);
		expect(width(wide, 'state')).toBe(11);
	});

	it('makes no column wider than its widest cell or its header and the sort arrow: USER of only "?" is 5 wide, addresses of 15 are 15', () => {
		const placed = widthsOf(layoutColumns(100, {...reported, user: 1}, COLUMNS, {abbreviated: reportedShort}));
		expect(placed).toEqual({user: 5, command: 15, pid: 5, fd: 3, proto: 6, local: 15, foreign: 15, state: 11, service: 8});
	});

	it('gives every short header the sort arrow\'s room, so a new sort column moves none; a whole header none', () => {
		// LOCAL ADDRESS over cells of 12 shows whole, 13 wide: sorted, it reads 'LOCAL▲' (table.tsx).
		const placed = widthsOf(layoutColumns(200, {user: 1, command: 1, pid: 1, fd: 1, proto: 1, local: 12, foreign: 1, state: 1, service: 1}));
		expect(placed).toEqual({user: 5, command: 8, pid: 4, fd: 3, proto: 6, local: 13, foreign: 15, state: 6, service: 8});
	});

	it('at 80 columns keeps nobody and http-alt whole, spelling the state short and giving the sort arrow its room', () => {
		const placed = widthsOf(layoutColumns(80, reported, COLUMNS, {abbreviated: reportedShort}));
		expect(placed['user']).toBe(6);
		expect(placed['service']).toBe(8);
		expect(placed['state']).toBe(6);
		expect(placed['local']).toBe(15);
		expect(placed['foreign']).toBe(15);
		expect(placed['command']).toBeGreaterThanOrEqual(8);
	});

	it('never cuts a column while another is wider than its cells', () => {
		// Deterministic pseudo-random needs over every width from 40 to 200.
		let seed = 7;
		const next = (limit: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return 1 + (seed % limit);
		};

		for (let round = 0; round < 300; round++) {
			const needs = Object.fromEntries(COLUMNS.map(column => [column.id, next(column.id === 'pid' ? 7 : column.id === 'fd' ? 4 : 40)])) as Record<ColumnId, number>;
			const width = 40 + (round % 161);
			const placed = layoutColumns(width, needs, COLUMNS, {abbreviated: {state: Math.min(needs.state, 7)}});
			const over = placed.filter(each => each.width > Math.max(needs[each.column.id], (each.column.shortHeader?.length ?? each.column.header.length) + ARROW_WIDTH));
			// STATE spelled short is not cut: between its two spellings a column shows no more.
			const cut = placed.filter(each => each.width < (each.column.id === 'state' ? Math.min(needs.state, 7) : needs[each.column.id]));
			expect(cut.length > 0 && over.length > 0, `${width}: ${JSON.stringify(widthsOf(placed))} for ${JSON.stringify(needs)}`).toBe(false);
		}
	});

	it('spells STATE short wherever another cell is cut, and whole once every other cell is', () => {
		// socktop -u at 80: paths of 34 and 37; SERVICE hidden (all empty) or not, the paths take the room.
		const unix: ColumnNeeds = {user: 5, command: 7, pid: 4, fd: 1, proto: 6, local: 34, foreign: 37, state: 11, service: 0};
		const short = {abbreviated: {state: 6}};
		for (const options of [short, {...short, telling: {...unix}}]) {
			const placed = widthsOf(layoutColumns(80, unix, COLUMNS, options));
			expect(placed['local']! + placed['foreign']!).toBeLessThan(34 + 37);
			expect(placed['state']).toBe(6);
		}

		// One column short of every cell whole: the paths take it, not STATE.
		const whole = {user: 5, command: 7, pid: 4, fd: 1, proto: 6, local: 20, foreign: 20, state: 11, service: 0};
		const exactly = 5 + 8 + 4 + 3 + 6 + 20 + 20 + 11 + 8 + 8 * COLUMN_GAP;
		expect(widthsOf(layoutColumns(exactly, whole, COLUMNS, short))['state']).toBe(11);
		expect(widthsOf(layoutColumns(exactly - 1, whole, COLUMNS, short))).toMatchObject({state: 6, local: 20, foreign: 20});
	});

	describe('columns whose every cell is blank', () => {
		// socktop -u: SERVICE is '' in every row; the paths want 34 and 37.
		const unix: ColumnNeeds = {user: 5, command: 7, pid: 4, fd: 1, proto: 6, local: 34, foreign: 37, state: 11, service: 0};
		const told = {...unix};

		it('gives an all-empty SERVICE its room where the cells do not all fit', () => {
			expect(ids(80, unix)).toContain('service');
			expect(layoutColumns(80, unix, COLUMNS, {telling: told}).map(each => each.column.id)).not.toContain('service');
		});

		it('keeps it where every column fits whole, and where the table is sorted by it', () => {
			const short = {...unix, local: 10, foreign: 10};
			expect(layoutColumns(80, short, COLUMNS, {telling: {...short}}).map(each => each.column.id)).toContain('service');
			expect(layoutColumns(80, unix, COLUMNS, {telling: told, sorted: 'service'}).map(each => each.column.id)).toContain('service');
		});

		it('keeps one owner column of only "?": the sorted one, else PID', () => {
			// As nobody: TIME_WAIT rows with no holder seen; every owner cell is '?'.
			const unseen: ColumnNeeds = {user: 1, command: 1, pid: 1, fd: 1, proto: 4, local: 15, foreign: 14, state: 9, service: 5};
			const telling = {...unseen, user: 0, command: 0, pid: 0, fd: 0};
			const owners = (options: object) => layoutColumns(60, unseen, COLUMNS, {telling, ...options}).map(each => each.column.id).filter(id => ['user', 'command', 'pid', 'fd'].includes(id));
			expect(owners({})).toEqual(['pid']);
			expect(owners({sorted: 'command'})).toEqual(['command']);
			expect(owners({sorted: 'local'})).toEqual(['pid']);
			// A known USER stays beside PID's '?': it tells whose the sockets are.
			expect(layoutColumns(60, unseen, COLUMNS, {telling: {...telling, user: 6}}).map(each => each.column.id).slice(0, 2)).toEqual(['user', 'pid']);
		});

		it('hides nothing before the rows are measured', () => {
			expect(layoutColumns(80, unix, COLUMNS, {telling: {}}).map(each => each.column.id)).toEqual(ids(80, unix));
		});
	});
});
