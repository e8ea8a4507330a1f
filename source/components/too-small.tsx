import {Box, Text} from 'ink';
import {displayWidth, fit} from '../format/escape.js';

/** Below this the table cannot show a useful row, so socktop says so instead. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

type Props = {
	readonly columns: number;
	readonly rows: number;
};

/**
 * `text` broken at spaces into lines of at most `width` columns, at most `max` of
 * them; a word too long for a line is cut, and text left over ends the last line in '…'.
 */
export function wrapWords(text: string, width: number, max: number): string[] {
	// fit() pads to the width; these lines end where their text does.
	const cut = (line: string) => (displayWidth(line) <= width ? line : fit(line, width).trimEnd());
	const lines: string[] = [];
	let line = '';
	const words = text.split(' ');
	for (const [index, word] of words.entries()) {
		const joined = line === '' ? word : `${line} ${word}`;
		if (displayWidth(joined) <= width) {
			line = joined;
			continue;
		}

		if (line !== '') lines.push(line);
		line = cut(word);
		if (lines.length === max) {
			// No room for this word: the last line says there was more.
			lines[max - 1] = cut(`${lines[max - 1]!} ${words.slice(index).join(' ')}`);
			return lines;
		}
	}

	if (line !== '') lines.push(line);
	return lines.length <= max ? lines : [...lines.slice(0, max - 1), cut(lines.slice(max - 1).join(' '))];
}

/** A few short lines instead of a garbled frame: the size needed and how to quit, even at 20x5. */
export function TooSmall({columns, rows}: Props) {
	const message = `Terminal too small (${columns}x${rows}); socktop needs ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`;
	const lines = wrapWords(message, Math.max(1, columns), Math.max(1, rows - 1));
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
