import type {Key} from 'ink';
import type {Dispatch, SetStateAction} from 'react';
import {filterKey} from '../components/filter-prompt.js';
import {readListText} from '../model/list-filter.js';
import type {Filters} from '../options.js';
import {type ForwardKey, keyPresses, restOf} from './key-presses.js';
import type {LiveMode} from './live-mode.js';

/** The p and P prompt's screen. */
export type ListMode = Extract<LiveMode, {kind: 'list'}>;

/** What one key does there: the prompt as it is next (null: closed), and the change to the filters, if any. */
export type ListStep = {
	readonly next: ListMode | null;
	readonly apply?: (filters: Filters) => Filters;
};

/**
 * A key typed at the ports or protocols prompt. It edits as `/` does (filterKey),
 * but the list is applied only on Enter: `22,` is no list yet, and the rows should not
 * jump while it is typed. Enter on a list the flag would refuse keeps the prompt open and
 * the old filter, saying why; Esc closes it and keeps the old filter too (empty, then
 * Enter, clears it).
 */
export function listPromptKey(prompt: ListMode, input: string, key: Key): ListStep {
	const typed = filterKey(input, key);
	switch (typed.type) {
		case 'edit': {
			return {next: {...prompt, draft: typed.edit(prompt.draft), error: null}};
		}

		case 'cancel': {
			return {next: null};
		}

		case 'submit': {
			const read = readListText(prompt.list, prompt.draft);
			return read.type === 'error' ? {next: {...prompt, error: read.message}} : {next: null, apply: read.apply};
		}

		case 'ignore': {
			return {next: prompt};
		}
	}
}

/** What the prompt's keys act on (useLiveKeys's setters). */
export type ListPromptControls = {
	readonly setMode: (mode: LiveMode) => void;
	readonly setFilters: Dispatch<SetStateAction<Filters>>;
	/** Ask for the frame that shows the key (useFrameGate). */
	readonly askFrame: () => void;
	readonly onExit: (code: number) => void;
	/** The keys after the one that closed the prompt: typed at the table. */
	readonly onRest: ForwardKey;
};

/**
 * One read of keys at the ports or protocols prompt, each in turn: 'p22\rq' in one read puts
 * 22 in the prompt, Enter applies it, and q reaches the table. Ctrl-C quits.
 */
export function typeIntoListPrompt(prompt: ListMode, input: string, key: Key, controls: ListPromptControls): void {
	const presses = keyPresses(input, key);
	let current = prompt;
	for (const [index, press] of presses.entries()) {
		if (press.key.ctrl && press.input === 'c') {
			controls.onExit(130);
			return;
		}

		const step = listPromptKey(current, press.input, press.key);
		controls.askFrame();
		if (step.apply !== undefined) controls.setFilters(step.apply);
		if (step.next === null) {
			controls.setMode({kind: 'table'});
			const rest = restOf(presses, index);
			if (rest !== null) controls.onRest(rest.input, rest.key);
			return;
		}

		current = step.next;
		controls.setMode(current);
	}
}
