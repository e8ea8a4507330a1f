import {Box, Text} from 'ink';
import {displayWidth, fit} from '../format/escape.js';
import type {ColumnContext} from '../model/columns.js';
import type {Row} from '../model/diff.js';
import {COLUMN_GAP, type ColumnLayout, shortHeader} from '../model/layout.js';
import {sortArrow, type SortOrder} from '../model/sort.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';
import {wrapText} from './pid-layout.js';

type Props = {
	/** Every row, filtered and sorted; only rows top..top+height are drawn. */
	readonly rows: readonly Row[];
	readonly layout: readonly ColumnLayout[];
	readonly top: number;
	/** Body rows available (the column header line is extra). */
	readonly height: number;
	readonly selectedIndex: number;
	readonly sort: SortOrder;
	readonly width: number;
	readonly theme: Theme;
	readonly context: ColumnContext;
	/** What to say when there are no rows, wrapped over the body's lines. */
	readonly emptyText: string;
};

const gap = ' '.repeat(COLUMN_GAP);

/** The header cell of the sort column carries the direction, as htop's does. */
function headerSegments(layout: readonly ColumnLayout[], sort: SortOrder, theme: Theme): Segment[] {
	return layout.flatMap(({column, width}, position) => {
		const isSorted = column.id === sort.column;
		const arrow = isSorted ? 1 : 0;
		// 'LOCAL' where 'LOCAL ADDRESS' would be cut; the arrow stays visible even when the header has to be.
		const header = displayWidth(column.header) + arrow <= width ? column.header : shortHeader(column);
		const cell = isSorted
			? fit(`${header.slice(0, Math.max(0, width - 1))}${sortArrow(sort)}`, width, column.align)
			: fit(header, width, column.align);
		const segment: Segment = {text: cell, style: isSorted ? theme.sortHeader : theme.tableHeader};
		return position === 0 ? [segment] : [{text: gap}, segment];
	});
}

/**
 * A closed socket's STATE cell where the terminal may have no dim (TERM=vt100, NO_COLOR, --no-color), which
 * would leave its row like a live one: as the header's "+ 1 just closed" words it, lower case as no state is.
 * Where a narrow terminal leaves STATE out (40 columns), the row's last cell says it instead (FOREIGN there).
 */
export const CLOSED_STATE = 'closed';

/** The column whose cell says `closed` on a closed row without colours: STATE, or the last one where STATE is not on screen. */
const closedColumn = (layout: readonly ColumnLayout[]) => (layout.some(({column}) => column.id === 'state') ? 'state' : layout.at(-1)?.column.id);

/** One socket's cells; only the STATE cell has its own colour, or, without colours, a closed row's own word. */
export function rowSegments(row: Row, layout: readonly ColumnLayout[], theme: Theme, context: ColumnContext): Segment[] {
	const saysClosed = row.mark === 'gone' && !theme.isColor ? closedColumn(layout) : undefined;
	return layout.flatMap(({column, width}, position) => {
		let text = column.id === saysClosed ? CLOSED_STATE : column.text(row.socket, context);
		if (column.abbreviate !== undefined && displayWidth(text) > width) {
			text = column.abbreviate(text);
		}

		const cell = column.fitCell === undefined ? fit(text, width, column.align, column.keepEnd) : column.fitCell(text, width);
		const style = column.id === 'state' && row.mark === null ? theme.state(row.socket.state) : undefined;
		const segment: Segment = style === undefined ? {text: cell} : {text: cell, style};
		return position === 0 ? [segment] : [{text: gap}, segment];
	});
}

/**
 * The socket table. Virtual: only the rows that fit are built, so 50k
 * sockets cost the same to draw as 50.
 */
export function SocketTable({rows, layout, top, height, selectedIndex, sort, width, theme, context, emptyText}: Props) {
	const visible = rows.slice(top, top + height);
	return (
		// Lines are cut to the width already: clip rows only (see live-view.tsx).
		<Box flexDirection="column" height={height + 1} overflowY="hidden">
			<Line segments={headerSegments(layout, sort, theme)} width={width} isPadded />
			{rows.length === 0 ? (
				wrapText(emptyText, width, Math.max(1, height), 0).map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} dimColor>
						{line}
					</Text>
				))
			) : (
				visible.map((row, offset) => (
					<Line
						key={row.key}
						segments={rowSegments(row, layout, theme, context)}
						width={width}
						style={theme.row(row.mark, top + offset === selectedIndex)}
						isPadded
					/>
				))
			)}
		</Box>
	);
}
