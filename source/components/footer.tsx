import {Box} from 'ink';
import {displayWidth} from '../format/escape.js';
import {keyNames} from '../glyphs.js';
import {type Action, type Binding, keymapFor} from '../keymap.js';
import {positionForms, type ScrollPosition} from '../model/scroll-position.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';
import {wrapText} from './pid-layout.js';

type Props = {
	readonly width: number;
	readonly theme: Theme;
	/** An outcome ('Sent SIGTERM to PID 1234.') shown instead of the keys, sanitized and wrapped (messageLines). */
	readonly message: readonly string[] | null;
	/** False for a capture (--import): nothing refreshes and no process is here to signal. */
	readonly isLive?: boolean;
	/** Where the table's rows on screen are, when not all fit (scrollPosition). */
	readonly position?: ScrollPosition | null;
	/** Refreshing is paused: Space's hint says what it does now, `Space resume`. */
	readonly isPaused?: boolean;
	/** The tally (t) is shown: Enter's hint says what it does there, `Enter sockets`, and k (no process there) has none. */
	readonly isTally?: boolean;
};

/**
 * The key hints given up, first to last, where the position needs their room; ? and q always stay.
 * `/` and Enter go last: they are the way to who holds a port (filter on it, open the process).
 * `k kill` outlasts `↑↓ move`, as htop's bar always shows F9 Kill and never the arrows, which every user tries unprompted.
 */
const DROPPED_FOR_POSITION: readonly Action[] = ['sortPrevious', 'pause', 'up', 'kill', 'open', 'filter'];

/** Paused, `Space resume` is how the screen comes back to life: it stays after the arrows and kill. */
const DROPPED_WHILE_PAUSED: readonly Action[] = ['sortPrevious', 'up', 'kill', 'pause', 'open', 'filter'];

const GAP = '  ';

/** Space's word while paused: what it does then. */
const RESUME = 'resume';

/** Enter's word in the tally, where it shows the group's sockets (the table narrowed to it), not a PID view. */
const GROUP_SOCKETS = 'sockets';

/** A binding's word in the footer (`word`, the keymap's): Space's while paused, Enter's in the tally. */
function hintWord(action: Action, word: string, isPaused: boolean, isTally: boolean): string {
	if (isPaused && action === 'pause') return RESUME;
	if (isTally && action === 'open') return GROUP_SOCKETS;
	return word;
}

const hintSegments = (bindings: readonly Binding[], theme: Theme, isPaused: boolean, isTally: boolean): Segment[] =>
	bindings.flatMap(binding =>
		binding.footer === undefined
			? []
			: [
					{text: keyNames(binding.footer[0], theme.isAscii), style: theme.key},
					{text: ` ${hintWord(binding.action, binding.footer[1], isPaused, isTally)}${GAP}`},
				],
	);

const withoutTrailingGap = (segments: Segment[]): Segment[] =>
	segments.length === 0 ? segments : [...segments.slice(0, -1), {...segments.at(-1)!, text: segments.at(-1)!.text.slice(0, -GAP.length)}];

/**
 * The main keys, straight from the keymap (a capture's without the live-only ones), like htop's
 * F-key bar, as many as fit the `width` (DROPPED_FOR_POSITION gives way first, DROPPED_WHILE_PAUSED paused, so `? help  q quit`
 * stays; the tally's, isTally, with Enter's word for it and no k); with a `position`, where the table is, at the right end: in as many words as fit beside
 * every hint, else beside fewer hints, so the line is never cut in the middle of either.
 */
export function footerSegments(theme: Theme, isLive = true, width = Number.POSITIVE_INFINITY, position: ScrollPosition | null = null, isPaused = false, isTally = false): Segment[] {
	const bindings = keymapFor(isLive).filter(binding => binding.footer !== undefined && !(isTally && binding.action === 'kill'));
	const forms = position === null ? [] : positionForms(position);
	// Chosen by the widest the numbers get (first and last as long as total), so scrolling never changes the words.
	const widest = position === null ? [] : positionForms({first: position.total, last: position.total, total: position.total}).map(each => displayWidth(each));
	const order = isPaused ? DROPPED_WHILE_PAUSED : DROPPED_FOR_POSITION;
	let kept: Segment[] = [];
	for (let dropped = 0; dropped <= order.length; dropped++) {
		const gone = new Set(order.slice(0, dropped));
		kept = hintSegments(bindings.filter(binding => !gone.has(binding.action)), theme, isPaused, isTally);
		// The hints' own trailing gap separates them from the position; alone, it may go.
		const used = displayWidth(kept.map(segment => segment.text).join(''));
		if (position === null) {
			if (used - GAP.length <= width) return withoutTrailingGap(kept);
			continue;
		}

		const index = widest.findIndex(each => used + each <= width);
		if (index !== -1) return [...kept, {text: ' '.repeat(width - used - displayWidth(forms[index]!))}, {text: forms[index]!}];
	}

	// Not even '? help  q quit' (beside the shortest form): those cut, or the position alone.
	return position === null ? withoutTrailingGap(kept) : [{text: forms.at(-1)!}];
}

/**
 * A (sanitized) message wrapped at spaces to `width` over at most `max` lines (at least
 * one), the last cut with '…' if it does not fit: the live view takes the lines past the
 * first from the table, as many as the message needs while the table keeps a row.
 */
export function messageLines(message: string, width: number, max: number): string[] {
	const lines = wrapText(message, width, Math.max(1, max), 0);
	return lines.length === 0 ? [''] : lines;
}

/** The bottom line: key hints, or the last action's message over as many lines as it was given. */
export function Footer({width, theme, message, isLive = true, position = null, isPaused = false, isTally = false}: Props) {
	if (message === null) {
		return <Line segments={footerSegments(theme, isLive, width, position, isPaused, isTally)} width={width} />;
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
