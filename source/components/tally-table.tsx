import {Box, Text} from 'ink';
import {fit} from '../format/escape.js';
import {columnById} from '../model/columns.js';
import {tallyHeading, type Tally, type TallyGroup} from '../model/tally.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';
import {wrapText} from './pid-layout.js';

type Props = {
	readonly tally: Tally;
	readonly top: number;
	/** Body rows available (the heading line is extra), as the table's. */
	readonly height: number;
	readonly selectedIndex: number;
	readonly width: number;
	readonly theme: Theme;
	/** What to say when no row passes the filters (the table's own words). */
	readonly emptyText: string;
};

const GAP = '  ';

/** COUNT's width: its heading, or the largest count (the last group's where the fewest come first). */
const countWidth = (tally: Tally) => Math.max('COUNT'.length, String((tally.isLeastFirst ? tally.groups.at(-1) : tally.groups[0])?.count ?? 0).length);

/** The heading: what is counted, and how many groups of how many sockets ('COUNT  FOREIGN HOST   37 groups, 1204 sockets'), and r's order. */
function headingSegments(tally: Tally, theme: Theme): Segment[] {
	const groups = tally.groups.length;
	return [
		{text: 'COUNT'.padStart(countWidth(tally)), style: theme.sortHeader},
		{text: GAP},
		{text: tallyHeading(tally.column), style: theme.tableHeader},
		{text: `   ${groups} group${groups === 1 ? '' : 's'}, ${tally.total} socket${tally.total === 1 ? '' : 's'}${tally.isLeastFirst ? ', fewest first' : ''}`},
	];
}

/** One group's line: its count under COUNT, its text fitted to the rest as the column's cells are (an address keeps its port). */
function groupSegments(group: TallyGroup, tally: Tally, width: number): Segment[] {
	const counts = countWidth(tally);
	const room = Math.max(1, width - counts - GAP.length);
	const column = columnById(tally.column);
	const label = column.fitCell === undefined ? fit(group.label, room) : column.fitCell(group.label, room);
	return [{text: String(group.count).padStart(counts)}, {text: GAP}, {text: label}];
}

/** The tally (t) in the table's place: a heading, then one line per group, most first; virtual as the table is. */
export function TallyTable({tally, top, height, selectedIndex, width, theme, emptyText}: Props) {
	const visible = tally.groups.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height + 1} overflowY="hidden">
			<Line segments={headingSegments(tally, theme)} width={width} isPadded />
			{tally.groups.length === 0
				? wrapText(emptyText, width, Math.max(1, height), 0).map((line, index) => (
						// eslint-disable-next-line react/no-array-index-key
						<Text key={index} dimColor>
							{line}
						</Text>
					))
				: visible.map((group, offset) => (
						<Line key={group.key} segments={groupSegments(group, tally, width)} width={width} style={theme.row(null, top + offset === selectedIndex)} isPadded />
					))}
		</Box>
	);
}
