import {Box} from 'ink';
import {keyNames} from '../glyphs.js';
import {keymapFor} from '../keymap.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';
import {wrapText} from './pid-layout.js';

/** Lines a message may wrap over at the bottom: the accept-queue reason, two sentences, takes four at 80 columns. */
export const MESSAGE_MAX_LINES = 4;

type Props = {
	readonly width: number;
	readonly theme: Theme;
	/** An outcome ('Sent SIGTERM to PID 1234.') shown instead of the keys, sanitized and wrapped (messageLines). */
	readonly message: readonly string[] | null;
	/** False for a capture (--import): nothing refreshes and no process is here to signal. */
	readonly isLive?: boolean;
};

/** The main keys, straight from the keymap (a capture's without the live-only ones), like htop's F-key bar. */
export function footerSegments(theme: Theme, isLive = true): Segment[] {
	return keymapFor(isLive).flatMap(binding =>
		binding.footer === undefined
			? []
			: [
					{text: keyNames(binding.footer[0], theme.isAscii), style: theme.key},
					{text: ` ${binding.footer[1]}  `},
				],
	);
}

/**
 * A (sanitized) message wrapped at spaces to `width` over at most `max` lines (at least
 * one), the last cut with '…' if it does not fit: the live view takes the lines past the
 * first from the table.
 */
export function messageLines(message: string, width: number, max = MESSAGE_MAX_LINES): string[] {
	const lines = wrapText(message, width, Math.max(1, max), 0);
	return lines.length === 0 ? [''] : lines;
}

/** The bottom line: key hints, or the last action's message over as many lines as it was given. */
export function Footer({width, theme, message, isLive = true}: Props) {
	if (message === null) {
		return <Line segments={footerSegments(theme, isLive)} width={width} />;
	}

	return (
		<Box flexDirection="column" flexShrink={0}>
			{message.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Line key={index} segments={[{text: line, style: theme.warning}]} width={width} />
			))}
		</Box>
	);
}
