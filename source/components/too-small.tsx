import {Box, Text} from 'ink';
import {wrapText} from './pid-layout.js';

/** Below this the table cannot show a useful row, so socktop says so instead. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

type Props = {
	readonly columns: number;
	readonly rows: number;
};

/** A few short lines instead of a garbled frame: the size needed and how to quit, even at 20x5. */
export function TooSmall({columns, rows}: Props) {
	const message = `Terminal too small (${columns}x${rows}); socktop needs ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`;
	const lines = wrapText(message, Math.max(1, columns), Math.max(1, rows - 1), 0);
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} wrap="truncate">
					{line}
				</Text>
			))}
		</Box>
	);
}
