import {describe, expect, it} from 'vitest';
import {columnsFor} from '../../source/model/columns.js';
import {layoutColumns, type ColumnNeeds} from '../../source/model/layout.js';

/**
 * The root test at 80x24: python3's web server on 127.0.0.1:8080 and its client, with an
 * `ip netns` namespace elsewhere on the machine, so NETNS read 'host' on every row and cut
 * the addresses: 'root  python3  3945   5 host   tcp4   127.0.…1:8080 127.…1:45854 ESTAB  http-alt'.
 */
const needs: ColumnNeeds = {user: 4, command: 7, pid: 4, fd: 1, netns: 4, proto: 4, local: 15, foreign: 15, state: 11, service: 8};
const abbreviated: ColumnNeeds = {state: 6, netns: 4};

/** The column header line the layout gives, each header padded to its width: what the table draws over its rows. */
function headerAt(width: number, cellNeeds = needs, namespaces = ['host', 'ncol']): string {
	return layoutColumns(width, cellNeeds, columnsFor(namespaces), {abbreviated})
		.map(({column, width: each}) => {
			const header = each >= column.header.length ? column.header : (column.shortHeader ?? column.header);
			return column.align === 'right' ? header.padStart(each) : header.padEnd(each);
		})
		.join(' ')
		.trimEnd();
}

describe('layoutColumns: NETNS', () => {
	it('gives way before LOCAL or FOREIGN is cut, and is kept where every cell fits beside it', () => {
		expect(headerAt(120)).toMatchInlineSnapshot(`"USER  COMMAND   PID  FD NETNS  PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE       SERVICE"`);
		// Every cell whole beside NETNS, STATE spelled short.
		expect(headerAt(85)).toMatchInlineSnapshot(`"USER  COMMAND   PID  FD NETNS  PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE  SERVICE"`);
		// One column less and the addresses would be cut beside NETNS ('127.…1:45854'): it goes, and they stay whole.
		expect(headerAt(84)).toMatchInlineSnapshot(`"USER  COMMAND   PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE       SERVICE"`);
		expect(headerAt(80)).toMatchInlineSnapshot(`"USER  COMMAND   PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE  SERVICE"`);
		// PROTO gives way too, after FD (layout-give-way.test.ts): it kept 'tcp4' beside FOREIGN cut to 12.
		expect(headerAt(60)).toMatchInlineSnapshot(`"USER  COMMAND   PID LOCAL ADDRESS   FOREIGN ADDRESS STATE"`);
		expect(headerAt(50)).toMatchInlineSnapshot(`"COMMAND   PID LOCAL ADDRESS   FOREIGN       STATE"`);
	});

	it('goes before FD, whole or not, with a long namespace name (it was cut to \'…l-man\' while FD went)', () => {
		const long = {...needs, netns: 13};
		for (let width = 40; width <= 120; width++) {
			const ids = layoutColumns(width, long, columnsFor(['host', 'ncol-long-man']), {abbreviated: {...abbreviated, netns: 13}}).map(each => each.column.id);
			if (ids.includes('netns')) expect(ids, `at ${width}`).toContain('fd');
		}
	});

	it('is kept beside addresses longer than an IPv4 address and port once they have 21 columns', () => {
		// A unix path of 40 is cut with NETNS or without it: NETNS stays while the path keeps 21.
		const unix = {...needs, local: 40, foreign: 20};
		expect(headerAt(120, unix)).toContain(' NETNS ');
		const placed = layoutColumns(100, unix, columnsFor(['host', 'ncol']), {abbreviated});
		expect(placed.map(each => each.column.id)).toContain('netns');
		expect(placed.find(each => each.column.id === 'local')!.width).toBeGreaterThanOrEqual(21);
		expect(headerAt(90, unix)).not.toContain('NETNS');
	});

	it('is hidden at any width where every row shown is the host\'s (telling 0), unless sorted by', () => {
		const telling = {...needs, netns: 0};
		const ids = (options: object) => layoutColumns(200, needs, columnsFor(['host', 'ncol']), {abbreviated, telling, ...options}).map(each => each.column.id);
		expect(ids({})).not.toContain('netns');
		expect(ids({sorted: 'netns'})).toContain('netns');
		expect(ids({telling: needs})).toContain('netns');
	});
});
