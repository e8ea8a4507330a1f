import type {Key} from 'ink';
import {helpKey, type HelpLayout} from '../components/help-layout.js';
import {actionFor} from '../keymap.js';
import {type ForwardKey, keyPresses, restOf} from './key-presses.js';

/** What the help screen's keys act on (useLiveKeys's state and setters). */
export type HelpKeyControls = {
	/** The help's first line, as of the last key handled. */
	readonly top: number;
	/** The help's rows on screen and in all, laid out when asked (helpLayout). */
	readonly size: () => Pick<HelpLayout, 'bodyHeight' | 'lineCount'>;
	readonly setTop: (top: number) => void;
	/** Close the help for the table. */
	readonly onClose: () => void;
	readonly onExit: (code: number) => void;
	/** The keys after the one that closed the help: typed at the table. */
	readonly onRest: ForwardKey;
};

/**
 * One read of keys at the table's help: 'jjj' in one read (j held down over SSH) scrolls three
 * lines; a key that is not a Move key closes it, and the keys after it in the read were typed at
 * the table ('xq': close, then quit); `/` (F3, F4) closes it and opens the filter. Ctrl-C quits.
 */
export function typeIntoHelp(input: string, key: Key, controls: HelpKeyControls): void {
	let {top} = controls;
	const presses = keyPresses(input, key);
	for (const [index, press] of presses.entries()) {
		if (press.key.ctrl && press.input === 'c') {
			controls.onExit(130);
			return;
		}

		const next = helpKey(press.input, press.key, top, controls.size());
		if (next === null) {
			controls.onClose();
			// '/' (F3, F4) closes the help and opens the filter, as less users expect: it is the table's key too.
			const isFilter = actionFor(press.input, press.key) === 'filter';
			const rest = isFilter && index === 0 ? {input, key} : restOf(presses, isFilter ? index - 1 : index);
			if (rest !== null) controls.onRest(rest.input, rest.key);
			return;
		}

		top = next;
	}

	controls.setTop(top);
}
