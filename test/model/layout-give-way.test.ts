/** What gives way to LOCAL and FOREIGN at 80 columns: the user test's table cut both addresses beside a blank SERVICE and a 9-wide PROTO. */
import {describe, expect, it} from 'vitest';
import {columnById, columnsFor} from '../../source/model/columns.js';
import {layoutColumns, type ColumnNeeds, type LayoutOptions} from '../../source/model/layout.js';

// A load generator on loopback: 'www-data loadgen-worker 31236 100 tcp4 127.0.0.1:48686 127.0.0.1:18080 ESTABLISHED'.
const needs: ColumnNeeds = {user: 8, command: 14, pid: 5, fd: 3, proto: 4, local: 15, foreign: 15, state: 11, service: 8};
const abbreviated: ColumnNeeds = {state: 6, proto: 4};

const widths = (cellNeeds: ColumnNeeds, options: LayoutOptions = {}) =>
	Object.fromEntries(layoutColumns(80, cellNeeds, columnsFor(['host']), {abbreviated, ...options}).map(each => [each.column.id, each.width]));

describe('layoutColumns: what gives way to the addresses', () => {
	it('drops SERVICE where it names nothing on screen and LOCAL or FOREIGN would be cut beside it', () => {
		expect(widths(needs)).toMatchObject({command: 8, local: 15, foreign: 13, service: 8});
		expect(widths(needs, {isServiceIdle: true})).toMatchObject({command: 14, local: 15, foreign: 15});
		expect(widths(needs, {isServiceIdle: true})).not.toHaveProperty('service');
		// Sorted by it, it stays, as NETNS does.
		expect(widths(needs, {isServiceIdle: true, sorted: 'service'})).toHaveProperty('service');
	});

	it('spells a seqpacket row sockstat\'s way (seqpac) before it cuts an address', () => {
		const seqpacket = {...needs, proto: 9};
		// Was PROTO 9 wide for one row off screen, the addresses cut.
		const placed = widths(seqpacket, {isServiceIdle: true, abbreviated: {...abbreviated, proto: 6}});
		expect(placed).toMatchObject({command: 14, local: 15, foreign: 15});
		expect(placed['proto']).toBeLessThan(9);
		expect(columnById('proto').abbreviate?.('seqpacket')).toBe('seqpac');
		expect(layoutColumns(200, seqpacket, columnsFor(['host']), {abbreviated: {...abbreviated, proto: 6}}).find(each => each.column.id === 'proto')!.width).toBe(9);
	});
});
