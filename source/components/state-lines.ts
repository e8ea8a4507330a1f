import {shortState} from '../model/state-names.js';
import {HELP_STATES, STATE_MEANINGS} from '../services/state-phrases.js';
import type {Theme} from '../theme.js';
import type {Segment} from './line.js';
import {meaningLines} from './meaning-lines.js';

/**
 * The `?` screen's States section, after the keys: what each state the table shows means and
 * who is waiting for whom, in the PID view's words (STATE_MEANINGS), each named as the STATE
 * column spells it where it is narrow (ESTAB, CLOSE-W), its meaning wrapped at `width`. A user
 * meeting CLOSE_WAIT in the table learns it here, without opening a PID view.
 */
export function stateHelpLines(theme: Theme, width: number): Segment[][] {
	return meaningLines('States', HELP_STATES.map(state => [shortState(state), STATE_MEANINGS[state] ?? ''] as const), theme, width);
}
