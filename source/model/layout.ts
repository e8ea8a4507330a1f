import {COLUMNS, type Column, type ColumnId} from './columns.js';

/** One column placed on screen. */
export type ColumnLayout = {
	readonly column: Column;
	readonly width: number;
};

/** Columns are separated by one space, as in top and sockstat. */
export const COLUMN_GAP = 1;

/**
 * Where the spare width goes, in order: first the columns whose full text
 * matters most (a state spelled out, a readable command, the addresses), then
 * everything up to its maximum.
 */
const growth: ReadonlyArray<readonly [ColumnId, number]> = [
	['local', 15],
	['foreign', 15],
	['command', 10],
	['state', 11],
	['netns', 12],
	['command', 12],
	['local', 21],
	['foreign', 21],
	['user', 8],
	['service', 10],
	['netns', 19],
	['local', 28],
	['foreign', 28],
	['command', 16],
	['service', 14],
	['proto', 8],
	['user', 10],
	['local', 40],
	['foreign', 40],
];

const totalWidth = (widths: ReadonlyMap<ColumnId, number>) =>
	[...widths.values()].reduce((sum, width) => sum + width, 0) + COLUMN_GAP * Math.max(0, widths.size - 1);

/** Widths the data needs, e.g. the digits of the largest PID: numbers are never cut. */
export type ColumnNeeds = Partial<Record<ColumnId, number>>;

/**
 * Fit the columns into `width` terminal columns: drop the least useful ones
 * until the rest fit at their minimum (or what `needs` says the data takes),
 * then grow them in the `growth` order. The result never exceeds `width`, so
 * no row wraps.
 */
export function layoutColumns(width: number, needs: ColumnNeeds = {}, columns: readonly Column[] = COLUMNS): readonly ColumnLayout[] {
	const widths = new Map<ColumnId, number>(columns.map(column => [column.id, Math.max(column.minWidth, needs[column.id] ?? 0)]));
	const dropping = [...columns].sort((a, b) => b.dropOrder - a.dropOrder || columns.indexOf(b) - columns.indexOf(a));
	for (const column of dropping) {
		if (totalWidth(widths) <= width || widths.size === 1) {
			break;
		}

		widths.delete(column.id);
	}

	let spare = width - totalWidth(widths);
	for (const [id, target] of growth) {
		const current = widths.get(id);
		const column = columns.find(candidate => candidate.id === id);
		if (current === undefined || column === undefined || spare <= 0) {
			continue;
		}

		const grown = Math.min(target, Math.max(column.maxWidth, current), current + spare);
		if (grown > current) {
			spare -= grown - current;
			widths.set(id, grown);
		}
	}

	return columns.flatMap(column => {
		const columnWidth = widths.get(column.id);
		return columnWidth === undefined ? [] : [{column, width: Math.min(columnWidth, width)}];
	});
}
