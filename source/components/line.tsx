import {Text} from 'ink';
import {displayWidth, fit} from '../format/escape.js';
import type {TextStyle} from '../theme.js';

/** A run of text in one style. Text must already be sanitized. */
export type Segment = {
	readonly text: string;
	readonly style?: TextStyle;
};

/**
 * Cut segments to `width` columns in total (the last one visible ends in '…')
 * and, when `isPadded`, pad to exactly `width`: a line never wraps, so the
 * frame's height is always what the layout planned.
 */
function cutSegments(segments: readonly Segment[], width: number, isPadded = false): Segment[] {
	const out: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		const room = width - used;
		if (room <= 0) {
			break;
		}

		const size = displayWidth(segment.text);
		if (size <= room) {
			out.push(segment);
			used += size;
		} else {
			out.push({...segment, text: fit(segment.text, room)});
			used = width;
		}
	}

	if (isPadded && used < width) {
		out.push({text: ' '.repeat(width - used)});
	}

	return out;
}

type Props = {
	readonly segments: readonly Segment[];
	readonly width: number;
	readonly style?: TextStyle;
	readonly isPadded?: boolean;
};

/** One terminal line of styled segments, never wider than `width`. */
export function Line({segments, width, style, isPadded = false}: Props) {
	const cut = cutSegments(segments, width, isPadded);
	return (
		<Text wrap="truncate" {...style}>
			{cut.map((segment, position) =>
				segment.style === undefined ? (
					segment.text
				) : (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={position} {...segment.style}>
						{segment.text}
					</Text>
				),
			)}
		</Text>
	);
}
