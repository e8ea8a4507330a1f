import {Text} from 'ink';
import {fit} from '../format/escape.js';

/** Below this the table cannot show a useful row, so socktop says so instead. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

type Props = {
	readonly columns: number;
	readonly rows: number;
};

/** One line instead of a garbled frame; it fits even a 1-column terminal. */
export function TooSmall({columns, rows}: Props) {
	const message = `Terminal too small (${columns}x${rows}); socktop needs ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`;
	return <Text wrap="truncate">{fit(message, Math.max(1, columns))}</Text>;
}
