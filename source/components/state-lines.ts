import {displayWidth} from '../format/escape.js';
import {KEY_GROUPS} from '../keymap.js';
import {shortState} from '../model/state-names.js';
import {HELP_STATES, STATE_MEANINGS} from '../services/state-phrases.js';
import type {Theme} from '../theme.js';
import type {Segment} from './line.js';
import {wrapText} from './pid-layout.js';

/** The narrowest a meaning is wrapped to (as the keys' descriptions: help-layout.ts). */
const MIN_WRAP = 8;

/**
 * The `?` screen's States section, after the keys: what each state the table shows means and
 * who is waiting for whom, in the PID view's words (STATE_MEANINGS), each named as the STATE
 * column spells it where it is narrow (ESTAB, CLOSE-W), its meaning wrapped at `width`. A user
 * meeting CLOSE_WAIT in the table learns it here, without opening a PID view.
 */
export function stateHelpLines(theme: Theme, width: number): Segment[][] {
	// In the key list's columns: the group's, the keys', then the text.
	const groupWidth = Math.max(...KEY_GROUPS.map(group => group.length)) + 2;
	const names = HELP_STATES.map(state => shortState(state));
	const nameWidth = Math.max(...names.map(name => displayWidth(name))) + 2;
	// No wider than the longest meaning: the README's list is laid out at an unbounded width.
	const longest = Math.max(...HELP_STATES.map(state => displayWidth(STATE_MEANINGS[state] ?? '')));
	const textWidth = Math.max(MIN_WRAP, Math.min(longest, width - groupWidth - nameWidth));
	return [
		[{text: ' '}],
		...HELP_STATES.flatMap((state, index) => {
			const meaning = STATE_MEANINGS[state] ?? '';
			return wrapText(meaning, textWidth, Number.POSITIVE_INFINITY, 0).map((text, line) => [
				{text: (index === 0 && line === 0 ? 'States' : '').padEnd(groupWidth), style: theme.label},
				{text: (line === 0 ? names[index]! : '').padEnd(nameWidth), style: theme.key},
				{text},
			]);
		}),
	];
}
