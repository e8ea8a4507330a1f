import type {Key} from 'ink';
import {filterKey} from '../components/filter-prompt.js';
import {keyPresses, restOf} from './key-presses.js';
import type {ListPromptControls} from './list-prompt.js';

/**
 * One read of keys at the table's `/` prompt, each in turn: '/ssh\rq' in one read puts ssh in
 * the filter, Enter closes the prompt, and q reaches the table; Esc clears the text and closes
 * it. Ctrl-C quits. It acts on what the p and P prompt's keys do (ListPromptControls).
 */
export function typeIntoFilterPrompt(input: string, key: Key, controls: ListPromptControls): void {
	const presses = keyPresses(input, key);
	for (const [index, press] of presses.entries()) {
		const typed = filterKey(press.input, press.key);
		controls.askFrame();
		if (typed.type === 'edit') {
			controls.setFilters(current => ({...current, text: typed.edit(current.text)}));
			continue;
		}

		if (typed.type === 'cancel' || typed.type === 'submit') {
			if (typed.type === 'cancel') {
				controls.setFilters(current => ({...current, text: ''}));
			}

			controls.setMode({kind: 'table'});
			const rest = restOf(presses, index);
			if (rest !== null) controls.onRest(rest.input, rest.key);
			return;
		}

		if (press.key.ctrl && press.input === 'c') {
			controls.onExit(130);
			return;
		}
	}
}
