import {describe, expect, it} from 'vitest';
import {columnsFor, COLUMNS, type ColumnContext} from '../../source/model/columns.js';
import {applyFilters} from '../../source/model/filter.js';
import {stateSpellings} from '../../source/model/state-names.js';
import {textMatcher, type TextSearch} from '../../source/model/text-filter.js';
import {OTHER_STATES, TCP_STATES, type Socket} from '../../source/model/types.js';
import {defaultFilters} from '../../source/options.js';
import {makeSocket, sampleSockets} from '../format/sockets.js';

const states = [...TCP_STATES, ...OTHER_STATES];
/** One socket in each state, its inode telling which. */
const oneOfEach = states.map((state, index) => makeSocket({state, inode: 5000 + index, localPort: 10_000 + index}));
const plain: TextSearch = {columns: COLUMNS, context: {serviceName: () => ''}};

const found = (text: string, sockets: readonly Socket[] = oneOfEach, search: TextSearch = plain) =>
	applyFilters(sockets, {...defaultFilters, text}, search).map(socket => socket.state);

describe('the / filter finds a state by any spelling', () => {
	it.each([
		['CLOSE-W', ['CLOSE_WAIT']],
		['close-w', ['CLOSE_WAIT']],
		['CLOSE-WAIT', ['CLOSE_WAIT']],
		['CLOSE_WAIT', ['CLOSE_WAIT']],
		['Close_Wait', ['CLOSE_WAIT']],
		['TIME-W', ['TIME_WAIT']],
		['TIME-WAIT', ['TIME_WAIT']],
		['time_wait', ['TIME_WAIT']],
		['FIN-WAIT-1', ['FIN_WAIT1']],
		['FIN_WAIT_1', ['FIN_WAIT1']],
		['FIN-W2', ['FIN_WAIT2']],
		['SYN-SENT', ['SYN_SENT']],
		['SYN_RCVD', ['SYN_RECV']],
		// The short form is the two states' both.
		['SYN-R', ['SYN_RECV', 'NEW_SYN_RECV']],
		['LAST-ACK', ['LAST_ACK']],
		['ESTAB', ['ESTABLISHED']],
		['CLOSED', ['CLOSE']],
		['LISTENING', ['LISTEN']],
		['CLOSNG', ['CLOSING']],
	] as const)('/%s', (text, expected) => {
		expect(found(text)).toEqual(expected);
	});

	it('finds every state by each of its spellings, in any case', () => {
		for (const state of states) {
			for (const spelling of stateSpellings(state)) {
				expect(found(spelling), spelling).toContain(state);
				expect(found(spelling.toLowerCase()), spelling).toContain(state);
			}
		}
	});
});

/** The namespaced columns, with the SERVICE names of the fixtures' ports. */
const context: ColumnContext = {serviceName: socket => (socket.localPort === 22 ? 'ssh' : socket.foreignPort === 8080 ? 'http-alt' : '')};
const namespaced: TextSearch = {columns: columnsFor(['host', 'web']), context};

describe('the / filter finds what the table shows', () => {
	const inodes = (text: string, search: TextSearch = namespaced, sockets: readonly Socket[] = sampleSockets) =>
		applyFilters(sockets, {...defaultFilters, text}, search).map(socket => socket.inode);

	it('finds each cell, and the cell as each column abbreviates it, of every row', () => {
		for (const socket of sampleSockets) {
			for (const column of namespaced.columns) {
				const cell = column.text(socket, context);
				for (const text of [cell, column.abbreviate?.(cell) ?? cell]) {
					expect(inodes(text), `${column.id}: ${text}`).toContain(socket.inode);
				}
			}
		}
	});

	it('finds addresses as written: brackets, wildcards, arrows', () => {
		expect(inodes('[::1]:53')).toEqual([106]);
		expect(inodes('*:22')).toEqual([101, 102]);
		expect(inodes('*:*')).toEqual([101, 102, 105, 112]);
		expect(inodes('-> /run/systemd/notify')).toEqual([109]);
	});

	it('finds a cut cell copied from the screen, … standing for what was cut', () => {
		expect(inodes('…:50000')).toEqual([104]);
		expect(inodes('[::ffff:127…')).toEqual([104]);
		expect(inodes('rsys…d')).toEqual([108]);
		expect(inodes('/run/…/notify')).toEqual([107, 109]);
		// Within one cell: 'curl' (COMMAND) and '2001' (PID) are two.
		expect(inodes('curl…2001')).toEqual([]);
	});

	it('finds SERVICE and NETNS only when the columns are there', () => {
		expect(inodes('http-alt')).toEqual([103]);
		expect(inodes('web')).toEqual([0]);
		expect(inodes('http-alt', plain)).toEqual([]);
		expect(inodes('web', plain)).toEqual([]);
	});

	it('finds USER as shown: the uid under -n, the name still; a name with control characters as escaped', () => {
		const numeric: TextSearch = {columns: COLUMNS, context: {serviceName: () => '', isNumericUser: true}};
		expect(inodes('33', numeric)).toEqual([104]);
		expect(inodes('www-data', numeric)).toEqual([104]);
		expect(inodes('33', plain)).toEqual([]);
		const odd = makeSocket({user: 'ev\u202Eil', inode: 777});
		expect(inodes(String.raw`ev\u202eil`, plain, [odd])).toEqual([777]);
	});

	it('is null for blank text, so every row passes without a look', () => {
		expect(textMatcher('   ', plain)).toBeNull();
		expect(textMatcher('x', plain)).not.toBeNull();
	});
});
