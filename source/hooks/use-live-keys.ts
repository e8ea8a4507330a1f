import {type Key, useInput} from 'ink';
import {useCallback, useRef, type Dispatch, type SetStateAction} from 'react';
import {appendFilterText} from '../components/filter-prompt.js';
import type {HelpLayout} from '../components/help-layout.js';
import {formatInterval} from '../components/header.js';
import {unboundKeyHint} from '../key-hints.js';
import {type Action, actionFor} from '../keymap.js';
import {isPaste, pastedLine} from '../paste.js';
import {typeIntoFilterPrompt} from './filter-keys.js';
import {typeIntoHelp} from './help-keys.js';
import {type ForwardKey, keyPresses, restOf, type TypedKey} from './key-presses.js';
import {typeIntoListPrompt} from './list-prompt.js';
import type {LiveMode} from './live-mode.js';
import {runTableAction, type TableControls} from './table-actions.js';
import {useFrameGate} from './use-frame-gate.js';
import {useKeyHandoff} from './use-key-handoff.js';
import {runScreenKey, useQuitKeys} from './use-quit-keys.js';
import type {Filters} from '../options.js';

/** What useLiveKeys gives the screens it opens. */
export type LiveKeys = {
	/** Hand a key back to the table (from a PID view or kill dialog that has closed). */
	readonly forwardKey: ForwardKey;
	/** The keys typed between Enter or k and the first frame of the PID view or kill dialog it opened, once; that screen replays them. */
	readonly takeHandedKeys: () => ReadonlyArray<TypedKey>;
	/** Close the PID view or kill dialog for the table: the keys after it are the table's from now on, not at the next frame. */
	readonly back: () => void;
};

/**
 * Actions that act on the selected row as drawn, or t on the sort column as drawn (`<t` onto FD):
 * they wait for the frame that shows the keys before them.
 */
const readsTheFrame: ReadonlySet<Action> = new Set(['open', 'kill', 'tally']);

/** What the too-small message takes, over every screen: its q, Ctrl-C, Ctrl-Z and Ctrl-L. */
const tooSmallActions: ReadonlySet<Action> = new Set(['quit', 'interrupt', 'suspend', 'redraw']);

/** Actions after which the rest of a chunk of keys no longer belongs to the table (the help and the filter prompt take theirs: see handle). */
const leavesTable: ReadonlySet<Action> = new Set(['open', 'kill', 'quit', 'interrupt']);

/** The live view's state and setters, as drawn: what its keys read and change. */
export type LiveControls = TableControls & {
	readonly mode: LiveMode;
	readonly isTooSmall: boolean;
	readonly helpTop: number;
	/** A message is shown in the footer (a kill's outcome, why a row has no process): Esc dismisses it first. */
	readonly hasMessage: boolean;
	/** The `?` screen's rows on screen and in all, at this size, its keys and the lines after them (helpLayout), laid out when asked. */
	readonly helpSize: () => Pick<HelpLayout, 'bodyHeight' | 'lineCount'>;
	readonly setMode: Dispatch<SetStateAction<LiveMode>>;
	readonly setHelpTop: Dispatch<SetStateAction<number>>;
	/** Seconds between refreshes, which d and s (top's interval keys) say when pressed. */
	readonly interval: number;
};

/**
 * The live view's keys, looked up in the keymap. Ink re-subscribes input
 * handlers in an effect after each render, and a key pressed before that
 * reaches the previous handler; so one handler serves the table, the filter
 * prompts (`/`, p and P) and the help (no key is lost when they open) and reads the latest
 * state through a ref. The PID view and kill dialog have their own input;
 * once they have closed, a key that still reaches them (before the table's
 * next render) is handed back through `forwardKey`, as the table's. The other
 * way round, keys typed after Enter or k that reach the table before the PID
 * view or kill dialog listens are kept for it (`takeHandedKeys`): Enter then q,
 * typed fast, opens and closes the PID view instead of quitting socktop, and
 * k then 3 chooses SIGHUP in the dialog. While the
 * terminal is too small, q and Ctrl-C quit and Ctrl-Z suspends over every
 * screen the message hides, and no other key acts.
 */
export function useLiveKeys(controls: LiveControls): LiveKeys {
	const {mode, isTooSmall, setMode: setRenderedMode, setFilters: setRenderedFilters, setMessage, setHelpTop, onExit} = controls;
	// The screen keys are for, as of the last key handled: a key that arrives before the frame
	// of the one before it ('/' then 'q' in two quick reads; Enter closing the filter, then
	// Enter) goes where that key sent it, not to the screen still drawn.
	const modeNow = useRef(mode);
	modeNow.current = mode;
	// Each PID view or kill dialog opened is a new one (numbered: its React key). Opened, closed and opened again
	// before a frame (Enter Backspace Enter in one read), it is not the one that closed, still mounted and handing its keys on.
	const openings = useRef(0);
	const setMode = useCallback(
		(next: LiveMode) => {
			const mode = next.kind === 'pid' || next.kind === 'kill' ? {...next, opening: ++openings.current} : next;
			modeNow.current = mode;
			setRenderedMode(mode);
		},
		[setRenderedMode],
	);
	// The help's first line, as of the last key handled (as modeNow): '?' then 'jj' in one read
	// scrolls from the top the '?' set, not from where the help was last drawn.
	const helpTopNow = useRef(controls.helpTop);
	helpTopNow.current = controls.helpTop;
	const setHelpTopNow = useCallback(
		(top: number) => {
			helpTopNow.current = top;
			setHelpTop(top);
		},
		[setHelpTop],
	);
	// The filters, as of the last key handled (as modeNow): 'p', a new list and Enter, then 'p'
	// again in one read opens on the new list, not on the one drawn, which Enter would put back.
	const filtersNow = useRef(controls.filters);
	filtersNow.current = controls.filters;
	const setFilters = useCallback(
		(next: SetStateAction<Filters>) => {
			filtersNow.current = typeof next === 'function' ? next(filtersNow.current) : next;
			setRenderedFilters(filtersNow.current);
		},
		[setRenderedFilters],
	);
	// Whether a message is shown, as of the last key handled: Esc Esc in one read dismisses it, then clears the filter.
	const hasMessageNow = useRef(controls.hasMessage);
	hasMessageNow.current = controls.hasMessage;
	const handoff = useKeyHandoff();
	const run = useCallback(
		(action: Action) => {
			runTableAction(action, {...controls, filters: filtersNow.current, setFilters}, {setMode, setHelpTop: setHelpTopNow, onOpenScreen: handoff.start});
		},
		[controls, setFilters, setHelpTopNow, setMode, handoff],
	);

	const latest = useRef({run, isTooSmall});
	latest.current = {run, isTooSmall};
	// The gate and handle need each other: handle queues keys behind the gate's held ones, and
	// the gate replays them through handle, from an effect, by when handle below exists.
	const {askFrame, isBehind, held, hasLeftTable} = useFrameGate(keys => {
		for (const {input, key} of keys) handle(input, key, modeNow.current);
	});
	const handle = useCallback(
		(input: string, key: Key, mode: LiveMode) => {
			if (held.current.length > 0) {
				held.current.push({input, key});
				return;
			}

			const now = latest.current;
			if (handoff.keep(input, key)) {
				// Kept for the screen opening, which leaves Ctrl-C, Ctrl-Z and Ctrl-L to useQuitKeys: not listening yet, so they act here.
				if (keyPresses(input, key).some(press => press.key.ctrl && press.input === 'c')) onExit(130);
				else runScreenKey(input, key, controls);
				return;
			}

			if (now.isTooSmall) {
				// Behind the too-small message every screen takes its q, Ctrl-C and Ctrl-Z alone; pasted text is no keys.
				if (isPaste(input)) return;
				for (const press of keyPresses(input, key)) {
					const action = actionFor(press.input, press.key, !controls.source.isCapture);
					if (action === null || !tooSmallActions.has(action)) continue;
					now.run(action);
					if (leavesTable.has(action)) return;
				}

				return;
			}

			// The help and the prompts suspend and redraw too, and keep their place (the table has the keys in its keymap).
			if (mode.kind !== 'table' && runScreenKey(input, key, controls)) return;

			if (mode.kind === 'pid' || mode.kind === 'kill') {
				// The table has just opened the PID view or a kill dialog, and this handler is subscribed until the
				// next effect: the screen on top takes the key (its own handler). Ctrl-C still quits.
				if (keyPresses(input, key).some(press => press.key.ctrl && press.input === 'c')) onExit(130);
				return;
			}

			if (mode.kind === 'help') {
				typeIntoHelp(input, key, {
					top: helpTopNow.current,
					size: controls.helpSize,
					setTop: setHelpTopNow,
					onClose() {
						setMode({kind: 'table'});
						// The help took the keys it was shown for; what follows is the table's again.
						hasLeftTable.current = false;
					},
					onExit,
					onRest: (rest, restKey) => handle(rest, restKey, {kind: 'table'}),
				});
				return;
			}

			if (isPaste(input)) {
				// Pasted text: a prompt takes its first line as text; elsewhere it is no keys.
				const line = pastedLine(input);
				if (mode.kind === 'filter') {
					askFrame();
					setFilters(current => ({...current, text: appendFilterText(current.text, line)}));
				} else if (mode.kind === 'list') {
					askFrame();
					setMode({...mode, draft: appendFilterText(mode.draft, line), error: null});
				}

				return;
			}

			if (mode.kind === 'list') {
				typeIntoListPrompt(mode, input, key, {setMode, setFilters, askFrame, onExit, onRest: (rest, restKey) => handle(rest, restKey, {kind: 'table'})});
				return;
			}

			if (mode.kind === 'filter') {
				typeIntoFilterPrompt(input, key, {setMode, setFilters, askFrame, onExit, onRest: (rest, restKey) => handle(rest, restKey, {kind: 'table'})});
				return;
			}

			// Keys typed while a refresh held the event loop arrive as one chunk ('jjj'): each counts.
			const presses = keyPresses(input, key);
			for (const [index, press] of presses.entries()) {
				const action = actionFor(press.input, press.key, !controls.source.isCapture);
				if (action === null) {
					// htop's and top's keys socktop has not: what to press instead, not silence (key-hints.ts).
					const hint = hasLeftTable.current ? null : unboundKeyHint(press.input, press.key, formatInterval(controls.interval));
					if (hint !== null) {
						askFrame();
						setMessage(hint);
						hasMessageNow.current = true;
					}

					continue;
				}

				if (hasLeftTable.current && action !== 'interrupt') {
					continue;
				}

				if (action === 'clearFilter' && hasMessageNow.current) {
					// Esc, the key that dismisses, closes the message alone: clearing the filter too would
					// lose what the user typed for a key pressed to get rid of a line. A second Esc clears it.
					askFrame();
					setMessage(null);
					hasMessageNow.current = false;
					continue;
				}

				if (action !== 'redraw') {
					// Ctrl-L repaints what is on screen, the message under the table too (the user may have
					// pressed it to read that message again after another program wrote over it).
					setMessage(null);
					hasMessageNow.current = false;
				}

				if (readsTheFrame.has(action) && isBehind()) {
					// This key and the rest of its chunk, as one chunk again (a lone Enter has no text to rejoin).
					held.current.push(index === 0 ? {input, key} : restOf(presses, index - 1)!);
					break;
				}

				askFrame();
				now.run(action);
				if (action === 'tally') {
					// The keys after t are for the tally (or the table) it shows, once drawn: 'tj' moves among the groups, 'tt' ends off.
					const rest = restOf(presses, index);
					if (rest !== null) held.current.push(rest);
					break;
				}

				if (action === 'filter' || action === 'help' || action === 'ports' || action === 'protocols') {
					// '/quit' pasted or typed in one burst: the rest was typed into the prompt, not at the table;
					// '?q' or '?x' over SSH: the q or x closes the help, as it would a moment later.
					if (action === 'help') hasLeftTable.current = true;
					const rest = restOf(presses, index);
					if (rest !== null) {
						handle(rest.input, rest.key, modeNow.current);
					}

					break;
				}

				if (leavesTable.has(action)) {
					// The rest of the chunk was meant for the screen that just opened (or for nothing, after a quit);
					// but Ctrl-C in it still quits, whatever it came after.
					if (presses.slice(index + 1).some(press => press.key.ctrl && press.input === 'c')) {
						onExit(130);
						break;
					}

					if (action === 'kill') hasLeftTable.current = true;
					// Typed at the PID view or kill dialog opening ('k3', k and two Down arrows): kept for it (if one opened).
					const rest = restOf(presses, index);
					if (rest !== null) handoff.keep(rest.input, rest.key);
					break;
				}
			}
		},
		[controls.helpSize, controls.onSuspend, controls.onRedraw, askFrame, setFilters, setHelpTopNow, setMessage, setMode, onExit, handoff, isBehind],
	);
	useInput(
		(input, key) => {
			handle(input, key, modeNow.current);
		},
		{isActive: mode.kind === 'table' || mode.kind === 'filter' || mode.kind === 'list' || mode.kind === 'help'},
	);

	useQuitKeys({
		isActive: mode.kind === 'pid' || mode.kind === 'kill',
		isScreenOpen: () => modeNow.current.kind === 'pid' || modeNow.current.kind === 'kill',
		isTooSmall: () => latest.current.isTooSmall,
		onExit,
		onSuspend: controls.onSuspend,
		onRedraw: controls.onRedraw,
	});

	// The screen that closed asked for the table, which is what the key was typed at.
	const forwardKey = useCallback<ForwardKey>(
		(input, key) => {
			handle(input, key, {kind: 'table'});
		},
		[handle],
	);
	const back = useCallback(() => {
		setMode({kind: 'table'});
		// The screen took the keys it was shown for (k q j: q cancels the dialog); what it hands on is the table's again.
		hasLeftTable.current = false;
	}, [setMode, hasLeftTable]);
	return {forwardKey, takeHandedKeys: handoff.take, back};
}
