import {describe, expect, it} from 'vitest';
import {layoutColumns as layoutMeasured, measureFdRows, tableColumns as tableMeasured} from '../../source/components/pid-fd-layout.js';
import {fitCell} from '../../source/components/pid-fd-table.js';
import type {FdRow} from '../../source/model/pid-rows.js';

/** Padding and rules around 5 columns: what layoutColumns leaves out of `width`. */
const OVERHEAD = 5 * 2 + 5 + 1;
const row = (fields: Partial<FdRow> = {}): FdRow => ({fd: '3', type: 'chr dev', target: '/dev/null', foreign: '', state: '', recvQ: '', sendQ: '', ...fields});
const total = (widths: readonly number[]) => widths.reduce((sum, each) => sum + each, 0) + OVERHEAD;
const layoutColumns = (rows: readonly FdRow[], width: number, keys?: Parameters<typeof layoutMeasured>[2]) => layoutMeasured(measureFdRows(rows), width, keys);
const tableColumns = (rows: readonly FdRow[], width: number, hasQueues: boolean) => tableMeasured(measureFdRows(rows), width, hasQueues);

describe('layoutColumns (PID view FD table)', () => {
	it('shows a whole heading over an empty column when the screen has room', () => {
		// python -m http.server: no fd has a peer, so no FOREIGN / PEER cell is wider than 6.
		const rows = [row(), row({fd: '3', type: 'tcp4', target: '127.0.0.1:8000', foreign: '*:*', state: 'LISTEN'})];
		const widths = layoutColumns(rows, 100);
		expect(widths[3]).toBe('FOREIGN / PEER'.length);
		expect(total(widths)).toBeLessThanOrEqual(100);
	});

	it('never gives a heading room a cell needs', () => {
		const path = '/var/lib/postgresql/15/main/base/16384/2619_fsm';
		const rows = [row({target: path})];
		const roomy = layoutColumns(rows, 120);
		expect(roomy[2]).toBe(path.length);
		// 60 columns: the path is cut to what is left after the other columns' cells, and the empty
		// FOREIGN / PEER column stays at its minimum rather than growing to its heading.
		const narrow = layoutColumns(rows, 60);
		expect(total(narrow)).toBeLessThanOrEqual(60);
		expect(narrow[3]).toBe(6);
		expect(narrow[2]).toBe(60 - OVERHEAD - narrow[0]! - narrow[1]! - narrow[3]! - narrow[4]!);
	});

	it('fits 40 columns with fd numbers of four and five digits, the widest fd shown whole', () => {
		for (const fd of ['4999', '19999']) {
			const rows = [row(), row({fd, type: 'unix stream', target: '/run/systemd/journal/stdout', foreign: '→ systemd-journal[300] fd 44', state: 'ESTABLISHED'})];
			for (const width of [40, 41, 44]) {
				const widths = layoutColumns(rows, width);
				expect(total(widths), `${fd} at ${width}`).toBeLessThanOrEqual(width);
				expect(widths[0]).toBe(fd.length);
				expect(Math.min(...widths)).toBeGreaterThanOrEqual(3);
			}
		}
	});

	it('measures 200,000 rows (a proxy holding that many connections) without running out of stack', () => {
		const rows = Array.from({length: 200_000}, (_, index) => row({fd: String(index), type: 'tcp4', target: `10.0.0.1:${index % 65_536}`}));
		expect(layoutColumns(rows, 120)[0]).toBe(6);
	});

	it('reads each cell once, however many widths the columns are then chosen and laid out at', () => {
		let reads = 0;
		const counted = (fields: FdRow): FdRow =>
			Object.defineProperties({} as FdRow, Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, {enumerable: true, get: () => (reads++, value)}])));
		const rows = [row(), row({fd: '5', type: 'tcp4', target: '127.0.0.1:41276', foreign: '127.0.0.1:9102', state: 'ESTABLISHED', recvQ: '0', sendQ: '1448'})].map(counted);
		const measures = measureFdRows(rows);
		const measured = reads;
		for (const width of [40, 60, 80, 120]) layoutMeasured(measures, width, tableMeasured(measures, width, true));
		expect(measured).toBe(rows.length * 7);
		expect(reads).toBe(measured);
	});
});

describe('tableColumns', () => {
	const listener = row({fd: '3', type: 'tcp4', target: '*:9102', foreign: '*:*', state: 'LISTEN', recvQ: '3', sendQ: ''});
	const connection = row({fd: '5', type: 'tcp4', target: '127.0.0.1:41276', foreign: '127.0.0.1:9102', state: 'ESTABLISHED', recvQ: '0', sendQ: '1448'});
	const rows = [row(), listener, connection];

	it('keeps RECV-Q and SEND-Q only where every other cell beside them is whole, STATE spelled short', () => {
		// fd 3, TYPE 7, addresses 15 and 14, ESTAB 6 (its heading's width), queues 6 and 6; 7 columns take 22 more.
		expect(tableColumns(rows, 79, true)).toEqual(['fd', 'type', 'target', 'foreign', 'state', 'recvQ', 'sendQ']);
		expect(tableColumns(rows, 78, true)).toEqual(['fd', 'type', 'target', 'foreign', 'state']);
		expect(tableColumns(rows, 120, false)).toEqual(['fd', 'type', 'target', 'foreign', 'state']);
	});

	it('drops TYPE where the addresses would have less than 15 beside it whole, then STATE, then FOREIGN / PEER where the rest would not fit at their floors, never FD or TARGET', () => {
		// fd 3, 'chr dev' 7, addresses 15 and 14, LISTEN 6, and the rules: 61. TYPE was cut to 'chr d…' down to 47.
		expect(tableColumns(rows, 61, false)).toEqual(['fd', 'type', 'target', 'foreign', 'state']);
		expect(tableColumns(rows, 60, false)).toEqual(['fd', 'target', 'foreign', 'state']);
		expect(tableColumns(rows, 33, false)).toEqual(['fd', 'target', 'foreign']);
		expect(tableColumns(rows, 20, false)).toEqual(['fd', 'target']);
	});

	it('never cuts TYPE: it is whole or dropped, from 40 to 120 columns', () => {
		const unix = row({fd: '6', type: 'unix stream', target: '/run/exporter/metrics.sock', state: 'LISTEN'});
		for (let width = 40; width <= 120; width++) {
			const keys = tableColumns([...rows, unix], width, false);
			if (keys.includes('type')) expect(layoutColumns([...rows, unix], width, keys)[1], `at ${width}`).toBe('unix stream'.length);
		}
	});

	it('never cuts STATE below its short spelling: it is dropped first', () => {
		for (let width = 30; width <= 80; width++) {
			const keys = tableColumns(rows, width, true);
			const widths = layoutColumns(rows, width, keys);
			const state = keys.indexOf('state');
			if (state >= 0) expect(widths[state], `at ${width}`).toBeGreaterThanOrEqual('ESTAB'.length);
			expect(widths.reduce((sum, each) => sum + each, 0) + keys.length * 3 + 1, `at ${width}`).toBeLessThanOrEqual(width);
		}
	});

	it('gives STATE its short width where the cells do not all fit whole, and its whole width where they do', () => {
		const connection = row({fd: '8', type: 'tcp6', target: '[2001:db8::5]:80', foreign: '[2001:db8:85a3::8a2e:370:7334]:51000', state: 'ESTABLISHED'});
		// 80 columns: the client's address would be cut, so STATE is ESTAB (5, its heading's width) and the address gets the rest.
		const narrow = layoutColumns([row(), connection], 80);
		expect(narrow[4]).toBe(5);
		expect(total(narrow)).toBe(80);
		// 120: everything whole, ESTABLISHED too.
		expect(layoutColumns([row(), connection], 120)[4]).toBe('ESTABLISHED'.length);
	});
});

describe('the PID view\'s addresses at 80 columns', () => {
	// A server with over a thousand fds ('1110u'), a unix seqpacket socket and IPv4 connections of 15-character hosts both ways.
	const seqpacket = row({fd: '1107u', type: 'unix seqpacket', target: '/run/app/a-rather-long-directory-name/service.sock', state: 'LISTEN'});
	const pair = row({fd: '1105u', type: 'unix seqpacket', target: '(unnamed)', foreign: '→ fd 1106 (same process)', state: 'ESTABLISHED'});
	const outgoing = row({fd: '1111u', type: 'tcp4', target: '192.168.200.201:54321', foreign: '192.168.200.200:40000 → fd 1112 (same process)', state: 'ESTABLISHED'});
	const incoming = row({fd: '1112u', type: 'tcp4', target: '192.168.200.200:40000', foreign: '192.168.200.201:54321 → fd 1111 (same process)', state: 'ESTABLISHED'});
	const rows = [row({fd: '1104r'}), pair, seqpacket, outgoing, incoming];
	const laid = (cells: readonly FdRow[], width: number) => {
		const measures = measureFdRows(cells);
		const keys = tableMeasured(measures, width, false);
		const widths = layoutMeasured(measures, width, keys);
		return Object.fromEntries(keys.map((key, index) => [key, widths[index]]));
	};

	it('spells unix seqpacket \'unix seqpac\', as the table\'s PROTO, so both IPv4 addresses and ports read whole', () => {
		// Was TYPE 14 beside FOREIGN / PEER 18: '192.168.…200:40000'.
		expect(laid(rows, 80)).toEqual({fd: 5, type: 11, target: 21, foreign: 21, state: 6});
		expect(fitCell('type', 'unix seqpacket', 11)).toBe('unix seqpac');
		expect(fitCell('foreign', outgoing.foreign, 21)).toBe('192.168.200.200:40000');
		// The path keeps its end.
		expect(fitCell('target', seqpacket.target, 21)).toBe('…ry-name/service.sock');
		// Where there is room, whole: 100 columns.
		expect(laid(rows, 100)).toEqual({fd: 5, type: 14, target: 30, foreign: 29, state: 6});
	});

	it('drops TYPE where even spelled short it would cut an address: a CLOSE_WAIT (CLOSE-W) or fds of five digits', () => {
		const closing = row({...outgoing, fd: '1113u', state: 'CLOSE_WAIT'});
		// TYPE's 11 columns go to the addresses, whole, and what is left to the peer notes and the path.
		expect(laid([...rows, closing], 80)).toEqual({fd: 5, target: 28, foreign: 27, state: 7});
		const fiveDigits = laid([...rows, row({fd: '12345u'})], 80);
		expect(Object.keys(fiveDigits)).toEqual(['fd', 'target', 'foreign', 'state']);
		expect(fiveDigits['foreign']).toBeGreaterThanOrEqual(21);
		// Sorted by TYPE, it stays, and the addresses are cut instead.
		const measures = measureFdRows([...rows, closing]);
		expect(tableMeasured(measures, 80, false, 'type')).toContain('type');
	});

	it('keeps TYPE beside unix paths alone, which are cut either way, and gives FOREIGN / PEER its address before TARGET at 60 columns', () => {
		const paths = [row({fd: '1110u'}), seqpacket, pair];
		expect(laid(paths, 80)).toMatchObject({type: 11});
		// TARGET repeats the listener's address on each accepted connection; the other end tells them apart.
		expect(laid(rows, 60)).toEqual({fd: 5, target: 15, foreign: 21, state: 6});
		expect(fitCell('target', incoming.target, 15)).toBe('192.1…200:40000');
	});
});
