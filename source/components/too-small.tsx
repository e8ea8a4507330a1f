import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {wrapText} from './pid-layout.js';

/** Below this the table cannot show a useful row, so socktop says so instead. */
const MIN_COLUMNS = 40;
const MIN_ROWS = 10;

/** Whether a terminal of this size gets the too-small message instead of a screen. */
export function isTooSmallFor(columns: number, rows: number): boolean {
	return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

type Props = {
	readonly columns: number;
	readonly rows: number;
};

/**
 * A few short lines instead of a garbled frame: the size needed and how to quit, even at 20x5.
 * At most rows - 1 of them, as every frame. A 1-row terminal (a tmux pane squeezed flat) gets
 * one, as htop draws its F-key bar there, but never in its last column: the cursor then stops
 * short of the bottom-right corner, where a character would scroll some terminals.
 */
function TooSmall({columns, rows}: Props) {
	const message = `Terminal too small (${columns}x${rows}); socktop needs ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`;
	const [width, max] = rows > 1 ? [columns, rows - 1] : [columns - 1, columns > 1 ? 1 : 0];
	const lines = wrapText(message, Math.max(1, width), max, 0);
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

/**
 * `children`, or while the terminal is too small the message instead, with `children` kept
 * mounted but hidden (display none: no lines in the frame), so the screen keeps its state
 * (scroll, selection, reads, a half-answered dialog) for when the terminal grows again.
 * Its keys are the caller's to turn off.
 */
export function UnlessTooSmall({columns, rows, children}: Props & {readonly children: ReactNode}) {
	const isTooSmall = isTooSmallFor(columns, rows);
	return (
		<>
			{isTooSmall && <TooSmall columns={columns} rows={rows} />}
			<Box display={isTooSmall ? 'none' : 'flex'} flexDirection="column">
				{children}
			</Box>
		</>
	);
}
