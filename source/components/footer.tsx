import {KEYMAP} from '../keymap.js';
import type {Theme} from '../theme.js';
import {Line, type Segment} from './line.js';

type Props = {
	readonly width: number;
	readonly theme: Theme;
	/** A one-line outcome ('Sent SIGTERM to PID 1234.') shown instead of the keys; sanitized. */
	readonly message: string | null;
	/** False for a capture (--import): nothing refreshes and no process is here to signal. */
	readonly isLive?: boolean;
};

/** Keys that do nothing for a capture, left out of its footer. */
const liveOnly: ReadonlySet<string> = new Set(['pause', 'kill']);

/** The main keys, straight from the keymap, like htop's F-key bar. */
export function footerSegments(theme: Theme, isLive = true): Segment[] {
	return KEYMAP.flatMap(binding =>
		binding.footer === undefined || (!isLive && liveOnly.has(binding.action))
			? []
			: [
					{text: binding.footer[0], style: theme.key},
					{text: ` ${binding.footer[1]}  `},
				],
	);
}

/** The bottom line: key hints, or the last action's message. */
export function Footer({width, theme, message, isLive = true}: Props) {
	const segments: Segment[] = message === null ? footerSegments(theme, isLive) : [{text: message, style: theme.warning}];
	return <Line segments={segments} width={width} />;
}
