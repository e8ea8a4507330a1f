import {type Key, useInput} from 'ink';
import {useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction} from 'react';
import {appendFilterText, filterKey} from '../components/filter-prompt.js';
import {helpKey} from '../components/help.js';
import {type Action, actionFor, keymapFor} from '../keymap.js';
import type {ColumnId} from '../model/columns.js';
import {nextNamespace} from '../model/netns.js';
import type {Socket} from '../model/types.js';
import type {Filters} from '../options.js';
import {sanitize} from '../format/escape.js';
import {isPaste, pastedText} from '../paste.js';
import {noHolderReason, type RowSource} from '../services/phrases.js';
import {type ForwardKey, keyPresses, restOf} from './key-presses.js';
import type {TableView} from './use-table-state.js';

/** What the live view shows on top of (or instead of) the table. */
export type LiveMode =
	| {readonly kind: 'table'}
	| {readonly kind: 'help'}
	| {readonly kind: 'filter'}
	/** fd: the row's, selected first in the PID view (absent for --pid N). */
	| {readonly kind: 'pid'; readonly pid: number; readonly fd?: number | null; readonly socket?: Socket}
	/** shownAt: when the snapshot the row came from was scanned, so a PID reused since is refused. */
	| {readonly kind: 'kill'; readonly pid: number; readonly command: string; readonly shownAt: number | null};

/** Round steps, so + and - land on round values, up to -d's own limit of an hour. */
const INTERVALS = [0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600] as const;

/** The next interval up (+) or down (-) from any value, even one given with -d that is not a step. */
export function stepInterval(current: number, step: 1 | -1): number {
	if (step === 1) {
		return INTERVALS.find(value => value > current + 1e-9) ?? current;
	}

	return [...INTERVALS].reverse().find(value => value < current - 1e-9) ?? current;
}

const toggles: Partial<Record<Action, keyof Filters>> = {
	listening: 'listening',
	connected: 'connected',
	ipv4: 'ipv4',
	ipv6: 'ipv6',
	unix: 'unix',
	noLoopback: 'noLoopback',
};



/**
 * How long keys typed after Enter wait for the PID view to take them: its
 * first frame can take a refresh (a second or more at 50,000 sockets).
 */
const HANDOFF_MS = 3000;

/** Keys that reached the table after Enter, before the PID view was there to take them. */
type Handoff = {readonly keys: Array<{readonly input: string; readonly key: Key}>; readonly at: number};

/** What useLiveKeys gives the screens it opens. */
export type LiveKeys = {
	/** Hand a key back to the table (from a PID view or kill dialog that has closed). */
	readonly forwardKey: ForwardKey;
	/** The keys typed between Enter and the PID view's first frame, once; the PID view replays them. */
	readonly takeHandedKeys: () => ReadonlyArray<{readonly input: string; readonly key: Key}>;
	/** Close the PID view or kill dialog for the table: the keys after it are the table's from now on, not at the next frame. */
	readonly back: () => void;
};

/** Actions that act on the selected row as drawn: they wait for the frame that shows the keys before them. */
const readsTheFrame: ReadonlySet<Action> = new Set(['open', 'kill']);

/** What the too-small message takes, over every screen: its q, Ctrl-C, and Ctrl-Z. */
const tooSmallActions: ReadonlySet<Action> = new Set(['quit', 'interrupt', 'suspend']);

/** Actions after which the rest of a chunk of keys no longer belongs to the table (the help and the filter prompt take theirs: see handle). */
const leavesTable: ReadonlySet<Action> = new Set(['open', 'kill', 'quit', 'interrupt']);

export type LiveControls = {
	readonly mode: LiveMode;
	/** Scan times of the snapshots on screen (a gone row comes from the previous one). */
	readonly snapshotTimes: {readonly current: number | null; readonly previous: number | null};
	/** The sockets of those snapshots, filters aside: a connection not accepted yet is told by its listener's row. */
	readonly snapshotSockets: {readonly current: readonly Socket[]; readonly previous: readonly Socket[]};
	readonly isTooSmall: boolean;
	/** Where the rows come from, to say why a row has no process. */
	readonly source: RowSource;
	readonly helpTop: number;
	readonly frameHeight: number;
	readonly table: TableView;
	/** Ids of the columns on screen: < and > step among them. */
	readonly columnsOnScreen: readonly ColumnId[];
	/** The network namespaces of the current snapshot, host first: `n` steps through them. */
	readonly namespaces: readonly string[];
	readonly setMode: Dispatch<SetStateAction<LiveMode>>;
	readonly setFilters: Dispatch<SetStateAction<Filters>>;
	readonly setIsPaused: Dispatch<SetStateAction<boolean>>;
	readonly setIntervalSeconds: Dispatch<SetStateAction<number>>;
	readonly setMessage: Dispatch<SetStateAction<string | null>>;
	readonly setHelpTop: Dispatch<SetStateAction<number>>;
	readonly onExit: (code: number) => void;
	readonly onSuspend?: () => void;
};

/**
 * The live view's keys, looked up in the keymap. Ink re-subscribes input
 * handlers in an effect after each render, and a key pressed before that
 * reaches the previous handler; so one handler serves the table, the filter
 * prompt and the help (no key is lost when they open) and reads the latest
 * state through a ref. The PID view and kill dialog have their own input;
 * once they have closed, a key that still reaches them (before the table's
 * next render) is handed back through `forwardKey`, as the table's. The other
 * way round, keys typed after Enter that reach the table before the PID view
 * listens are kept for the PID view (`takeHandedKeys`): Enter then q, typed
 * fast, opens and closes the PID view instead of quitting socktop. While the
 * terminal is too small, q and Ctrl-C quit and Ctrl-Z suspends over every
 * screen the message hides, and no other key acts.
 */
export function useLiveKeys(controls: LiveControls): LiveKeys {
	const {mode, isTooSmall, setMode: setRenderedMode, setFilters, setMessage, setHelpTop, onExit} = controls;
	// The screen keys are for, as of the last key handled: a key that arrives before the frame
	// of the one before it ('/' then 'q' in two quick reads; Enter closing the filter, then
	// Enter) goes where that key sent it, not to the screen still drawn.
	const modeNow = useRef(mode);
	modeNow.current = mode;
	const setMode = useCallback(
		(next: LiveMode) => {
			modeNow.current = next;
			setRenderedMode(next);
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
	const handoff = useRef<Handoff | null>(null);
	const run = useCallback(
		(action: Action) => {
			const toggle = toggles[action];
			if (toggle !== undefined) {
				setFilters(current => ({...current, [toggle]: !current[toggle]}));
				return;
			}

			const {table} = controls;
			const selected = table.selected?.socket ?? null;
			switch (action) {
				case 'up':
				case 'down':
				case 'pageUp':
				case 'pageDown':
				case 'top':
				case 'bottom': {
					table.move(action);
					break;
				}

				case 'sortPrevious':
				case 'sortNext': {
					table.stepSort(action === 'sortNext' ? 1 : -1, controls.columnsOnScreen);
					break;
				}

				case 'reverse': {
					table.reverse();
					break;
				}

				case 'filter': {
					setMode({kind: 'filter'});
					break;
				}

				case 'netns': {
					const {namespaces} = controls;
					setFilters(current => ({...current, netns: nextNamespace(current.netns, namespaces)}));
					break;
				}

				case 'clearFilter': {
					setFilters(current => ({...current, text: ''}));
					break;
				}

				case 'pause': {
					controls.setIsPaused(current => !current);
					break;
				}

				case 'longer':
				case 'shorter': {
					controls.setIntervalSeconds(current => stepInterval(current, action === 'longer' ? 1 : -1));
					break;
				}

				case 'open':
				case 'kill': {
					if (selected === null) {
						break;
					}

					if (selected.pid === null) {
						const sockets = table.selected?.mark === 'gone' ? controls.snapshotSockets.previous : controls.snapshotSockets.current;
						setMessage(sanitize(noHolderReason(selected, controls.source, sockets)));
					} else if (action === 'open') {
						handoff.current = {keys: [], at: Date.now()};
						// A row without an fd number (a netstat capture) is found by its socket.
						setMode({kind: 'pid', pid: selected.pid, fd: selected.fd, ...(selected.fd === null ? {socket: selected} : {})});
					} else {
						const shownAt = table.selected?.mark === 'gone' ? controls.snapshotTimes.previous : controls.snapshotTimes.current;
						setMode({kind: 'kill', pid: selected.pid, command: selected.command ?? '?', shownAt});
					}

					break;
				}

				case 'back': {
					// Backspace in the table: only the PID view goes back.
					break;
				}

				case 'help': {
					setHelpTopNow(0);
					setMode({kind: 'help'});
					break;
				}

				case 'quit': {
					onExit(0);
					break;
				}

				case 'interrupt': {
					onExit(130);
					break;
				}

				case 'suspend': {
					controls.onSuspend?.();
					break;
				}

				default: {
					break;
				}
			}
		},
		[controls, setHelpTopNow, setMode],
	);

	const latest = useRef({run, isTooSmall});
	latest.current = {run, isTooSmall};
	// Keys that arrive together ('jjk', three arrows and k) are handled before React has drawn
	// what the first ones did, and `controls` is that drawn state. So a key that acts on the
	// selected row (k, Enter) after another key of the same burst waits, with every key behind
	// it, for the next frame: k then signals the row it was pressed on, never the one before.
	// Each handled key asks for a frame numbered after it; `drawn` is the number of the last
	// frame on screen. A frame with a lower number may still be drawn (one already under way).
	const [frameNumber, setFrameNumber] = useState(0);
	const asked = useRef(0);
	const drawn = useRef(0);
	const askFrame = useCallback(() => {
		asked.current++;
		setFrameNumber(asked.current);
	}, []);
	const held = useRef<Array<{readonly input: string; readonly key: Key}>>([]);
	// The table opened a screen with its own keys (kill dialog, help) and has not been drawn
	// since: keys that still reach it were typed at that screen, and none may act on the table.
	const hasLeftTable = useRef(false);
	const handle = useCallback(
		(input: string, key: Key, mode: LiveMode) => {
			if (held.current.length > 0) {
				held.current.push({input, key});
				return;
			}

			const now = latest.current;
			const handed = handoff.current;
			if (handed !== null) {
				if (Date.now() - handed.at < HANDOFF_MS) {
					handed.keys.push({input, key});
					return;
				}

				// The PID view did not take them in time (its first frame came HANDOFF_MS after Enter): the table has the keys again.
				handoff.current = null;
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

			if (key.ctrl && input === 'z' && mode.kind !== 'table') {
				// The help and the filter prompt suspend too (the table has it in its keymap).
				controls.onSuspend?.();
				return;
			}

			if (mode.kind === 'pid' || mode.kind === 'kill') {
				// The table has just opened the PID view or a kill dialog, and this handler is subscribed until the
				// next effect: the screen on top takes the key (its own handler). Ctrl-C still quits.
				if (keyPresses(input, key).some(press => press.key.ctrl && press.input === 'c')) onExit(130);
				return;
			}

			if (mode.kind === 'help') {
				// 'jjj' in one read (j held down over SSH) scrolls three lines; a key that is not the help's closes it,
				// and the keys after it in the read were typed at the table ('xq': close, then quit).
				let top = helpTopNow.current;
				const presses = keyPresses(input, key);
				for (const [index, press] of presses.entries()) {
					if (press.key.ctrl && press.input === 'c') {
						onExit(130);
						return;
					}

					const next = helpKey(press.key, top, controls.frameHeight, keymapFor(!controls.source.isCapture).length, press.input);
					if (next === null) {
						setMode({kind: 'table'});
						// The help took the keys it was shown for; what follows is the table's again.
						hasLeftTable.current = false;
						const rest = restOf(presses, index);
						if (rest !== '') {
							handle(rest, key, {kind: 'table'});
						}

						return;
					}

					top = next;
				}

				setHelpTopNow(top);
				return;
			}

			if (isPaste(input)) {
				// Pasted text: the filter prompt takes its first line as text; elsewhere it is no keys.
				if (mode.kind === 'filter') {
					const line = pastedText(input).split(/[\r\n]/)[0] ?? '';
					askFrame();
					setFilters(current => ({...current, text: appendFilterText(current.text, line)}));
				}

				return;
			}

			if (mode.kind === 'filter') {
				// '/ssh\rq' in one read: the text goes to the prompt, Enter closes it, q reaches the table.
				const presses = keyPresses(input, key);
				for (const [index, press] of presses.entries()) {
					const typed = filterKey(press.input, press.key);
					askFrame();
					if (typed.type === 'edit') {
						setFilters(current => ({...current, text: typed.edit(current.text)}));
						continue;
					}

					if (typed.type === 'cancel' || typed.type === 'submit') {
						if (typed.type === 'cancel') {
							setFilters(current => ({...current, text: ''}));
						}

						setMode({kind: 'table'});
						const rest = restOf(presses, index);
						if (rest !== '') {
							handle(rest, key, {kind: 'table'});
						}

						return;
					}

					if (press.key.ctrl && press.input === 'c') {
						onExit(130);
						return;
					}
				}

				return;
			}

			// Keys typed while a refresh held the event loop arrive as one chunk ('jjj'): each counts.
			const presses = keyPresses(input, key);
			for (const [index, press] of presses.entries()) {
				const action = actionFor(press.input, press.key, !controls.source.isCapture);
				if (action === null) {
					continue;
				}

				if (hasLeftTable.current && action !== 'interrupt') {
					continue;
				}

				setMessage(null);

				if (readsTheFrame.has(action) && drawn.current < asked.current) {
					// This key and the rest of its chunk, as one chunk again (a lone Enter has no text to rejoin).
					held.current.push(index === 0 ? {input, key} : {input: restOf(presses, index - 1), key});
					break;
				}

				askFrame();
				now.run(action);
				if (action === 'filter' || action === 'help') {
					// '/quit' pasted or typed in one burst: the rest was typed into the prompt, not at the table;
					// '?q' or '?x' over SSH: the q or x closes the help, as it would a moment later.
					if (action === 'help') hasLeftTable.current = true;
					const rest = restOf(presses, index);
					if (rest !== '') {
						handle(rest, key, {kind: action});
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
					const rest = restOf(presses, index);
					if (action === 'open' && rest !== '') handoff.current?.keys.push({input: rest, key});
					break;
				}
			}
		},
		[controls.frameHeight, controls.onSuspend, askFrame, setFilters, setHelpTopNow, setMessage, setMode, onExit],
	);
	useEffect(() => {
		drawn.current = frameNumber;
		if (frameNumber < asked.current) return;
		// This frame shows every key handled so far: held keys go on from here.
		hasLeftTable.current = false;
		const keys = held.current;
		held.current = [];
		for (const {input, key} of keys) handle(input, key, modeNow.current);
	});

	useInput(
		(input, key) => {
			handle(input, key, modeNow.current);
		},
		{isActive: mode.kind === 'table' || mode.kind === 'filter' || mode.kind === 'help'},
	);

	// Ctrl-C quits, and Ctrl-Z suspends, from the screens with keys of their own, and while the terminal is too
	// small q quits too; Ink's own Ctrl-C handler is off so that the exit code and terminal are ours. Subscribed
	// whether or not the screen is hidden, and reading the size from `latest`: a q typed the moment the terminal
	// shrinks reaches this handler before React's effects re-subscribe any other (the hidden screen drops it).
	useInput(
		(input, key) => {
			// The screen has closed (back) and hands the keys that still reach it to the table (forwardKey): they are the table's.
			if (modeNow.current.kind !== 'pid' && modeNow.current.kind !== 'kill') return;
			// Inside a chunk of keys too ('j' then Ctrl-C in one read).
			const presses = keyPresses(input, key);
			if (presses.some(press => press.key.ctrl && press.input === 'c')) {
				onExit(130);
			} else if (key.ctrl && input === 'z') {
				controls.onSuspend?.();
			} else if (latest.current.isTooSmall && presses.some(press => actionFor(press.input, press.key) === 'quit')) {
				onExit(0);
			}
		},
		{isActive: mode.kind === 'pid' || mode.kind === 'kill'},
	);

	// The screen that closed asked for the table, which is what the key was typed at.
	const forwardKey = useCallback<ForwardKey>(
		(input, key) => {
			handle(input, key, {kind: 'table'});
		},
		[handle],
	);
	const takeHandedKeys = useCallback(() => {
		const keys = handoff.current?.keys ?? [];
		handoff.current = null;
		return keys;
	}, []);
	const back = useCallback(() => {
		setMode({kind: 'table'});
	}, [setMode]);
	return {forwardKey, takeHandedKeys, back};
}
