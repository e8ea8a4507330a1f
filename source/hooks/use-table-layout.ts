import {useMemo} from 'react';
import {type ColumnContext, type ColumnId, columnById, columnsFor} from '../model/columns.js';
import type {Row} from '../model/diff.js';
import {type ColumnLayout, layoutColumns, shortFormsOf} from '../model/layout.js';
import type {CellWidths} from '../model/widths.js';
import type {Filters} from '../options.js';
import {useHeldShort} from './use-held-short.js';

type TableLayout = {
	/** What the rows need, the terminal's width, the sort column: laid out by layoutColumns. */
	readonly width: number;
	readonly needs: CellWidths;
	readonly namespaces: readonly string[];
	readonly sorted: ColumnId;
	/** The rows on screen: SERVICE gives way to the addresses where none of them has a service name. */
	readonly page: readonly Row[];
	readonly context: ColumnContext;
	/** The snapshot's time, by which forms are held (holdShort), and what starts the holds afresh. */
	readonly time: number;
	readonly filters: Filters;
};

const service = columnById('service');

/**
 * The live table's columns: layoutColumns with what changes from one refresh to the next held 10 s
 * (holdShort), as the widths are: a heading or STATE spelled short stays so, and SERVICE stays
 * beside cut addresses 10 s after the last row on screen with a service name leaves it.
 */
export function useTableLayout({width, needs, namespaces, sorted, page, context, time, filters}: TableLayout): readonly ColumnLayout[] {
	const namesService = useMemo(() => page.some(row => service.text(row.socket, context) !== ''), [page, context]);
	const isServiceIdle = !useHeldShort(namesService ? ['service'] : [], time, [width, filters]).has('service');
	const natural = useMemo(
		() => layoutColumns(width, needs.widest, columnsFor(namespaces), {abbreviated: needs.abbreviated, telling: needs.telling, inet: needs.inet, sorted, isServiceIdle}),
		[width, needs, namespaces, sorted, isServiceIdle],
	);
	const shortNow = useMemo(() => shortFormsOf(natural, needs.widest, sorted), [natural, needs, sorted]);
	const heldShort = useHeldShort(shortNow, time, [width, filters]);
	return useMemo(
		() =>
			[...heldShort].every(id => shortNow.has(id as ColumnId))
				? natural
				: layoutColumns(width, needs.widest, columnsFor(namespaces), {abbreviated: needs.abbreviated, telling: needs.telling, inet: needs.inet, sorted, isServiceIdle, shortForms: heldShort}),
		[natural, shortNow, heldShort, width, needs, namespaces, sorted, isServiceIdle],
	);
}
