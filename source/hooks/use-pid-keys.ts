import {type Key, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {appendFilterText, filterKey} from '../components/filter-prompt.js';
import {helpKey, type HelpLayout} from '../components/help-layout.js';
import {actionFor, isEveryScreenKey, isMove, isSortAction, pidActionFor, type Move, type SortAction} from '../keymap.js';
import {pidKeyHint} from '../key-hints.js';
import {isPaste, pastedLine} from '../paste.js';
import {type ForwardKey, keyPresses, restOf, type TypedKey} from './key-presses.js';
import {useKeyHandoff} from './use-key-handoff.js';

/** Said when k or Enter comes before the first read: there is no process or fd yet to act on. */
const stillReading = (pid: number, key: string): Status => ({text: `Still reading PID ${pid}; press ${key} again once it is shown.`, untilRead: true});

/**
 * A line for the user, with what makes it untrue: `untilRead`, the read being shown; `about`, the
 * selection leaving that fd (null: no fd was selected), as Enter's reason for opening nothing is.
 */
type Status = {readonly text: string; readonly untilRead?: boolean; readonly about?: number | null; readonly isKeyHint?: boolean};

type Options = {
	readonly pid: number;
	/** False for a capture: never refreshed, so Space is no key of its. */
	readonly isLive: boolean;
	/** The `?` screen's rows on screen and in all, at this size (helpLayout), for its scrolling. */
	readonly helpSize: Pick<HelpLayout, 'bodyHeight' | 'lineCount'>;
	/** k opens the kill dialog: a live process was read. */
	readonly canKill: boolean;
	/** What k says instead once a read found no live process, in the words of the view's exited banner. */
	readonly goneText: string;
	/** No read has come back yet. */
	readonly isReading: boolean;
	/** False while the view is hidden (the terminal is too small): every key is dropped. */
	readonly isActive: boolean;
	/** A Move key, for the fd rows (usePidCursor). */
	readonly move: (action: Move) => void;
	/** A Sort key (`<` `>` `r`), for the fd rows' order. */
	readonly onSort?: (action: SortAction) => void;
	/** The `/` filter as drawn, and its change (the view filters the rows by it). */
	readonly filter: PidFilter;
	readonly onFilter: (filter: PidFilter) => void;
	/** Enter: open the PID view of the selected fd's other end, or say why not. */
	readonly onFollow?: () => Followed;
	/** The selected fd as drawn (null: none): a line about another one is not shown. */
	readonly selectedFd?: number | null;
	/** Esc, Backspace (q where it goes back): the PID view Enter came from, with its filter; null on the first (onBack then). */
	readonly onPop?: () => PidFilter | null;
	readonly onBack: () => void;
	/** q quits (socktop started on this view, --pid N); absent, q goes back (onBack). */
	readonly onQuit?: () => void;
	readonly onTogglePause?: () => void;
	/** Keys that reach the view after it went back, or came in the chunk after the key that did: the table's. */
	readonly onForwardKey?: ForwardKey;
	/** Keys typed at the table after the Enter that opened the view, before it listened; replayed once. */
	readonly takeHandedKeys?: () => ReadonlyArray<TypedKey>;
};

/** What the PID view's keys have opened or said, for the view to draw. */
export type PidKeys = {
	/** The `?` screen's first line, or null while it is closed; the view goes on reading under it. */
	readonly helpTop: number | null;
	/** k opened the kill dialog, which owns the keys until it is done. */
	readonly isKilling: boolean;
	/** A line for the user: why k did nothing, or what the kill dialog did. */
	readonly status: string | null;
	/** The view's key handler, for the kill dialog to hand back the keys typed after it closed. */
	readonly handleKey: ForwardKey;
	/** The keys typed after k, before the kill dialog listened, once: the dialog replays them. */
	readonly takeKillKeys: () => ReadonlyArray<TypedKey>;
	/** The kill dialog is done: close it and say what it did. */
	readonly onKillDone: (message: string) => void;
};

/** What Enter did: opened the PID view of the selected fd's peer (the filter is the new view's), or why not, and of which fd (null: none selected). */
export type Followed = {readonly filter: PidFilter} | {readonly refused: string; readonly fd: number | null};

/** The PID view's `/` filter over its fd rows. */
export type PidFilter = {
	/** The text ('' for none). */
	readonly text: string;
	/** `/` opened the prompt, which takes the keys until Enter (keep) or Esc (clear). */
	readonly isFiltering: boolean;
};

/**
 * The PID view's keys: Esc/Backspace/q go back (q quits instead where socktop started on the view), `?` shows the keys, Space pauses, `k` opens the
 * kill dialog, `<` `>` `r` sort the fd rows (onSort), `/` opens the filter prompt over the fd rows (Esc clears a kept filter before it goes back), Enter opens the
 * PID view of the selected fd's other end (Esc comes back: onPop), and the Move keys go to the cursor. Each key of a chunk counts, and the keys after
 * one that left the view are handed on (onForwardKey).
 */
export function usePidKeys({pid, isLive, helpSize, canKill, goneText, isReading, isActive, move, onSort, filter, onFilter, onFollow, selectedFd = null, onPop, onBack, onQuit, onTogglePause, onForwardKey, takeHandedKeys}: Options): PidKeys {
	const [isKilling, setIsKilling] = useState(false);
	const [helpTop, setHelpTop] = useState<number | null>(null);
	const [status, setStatus] = useState<Status | null>(null);

	useEffect(() => {
		if (!isReading) setStatus(current => (current?.untilRead === true ? null : current));
	}, [isReading, pid]);

	// Ink may deliver a key to the handler of an earlier render; the handler reads the current state from here.
	const latest = useRef({canKill, goneText, isReading, isKilling, helpTop, helpSize, isActive, filter});
	latest.current = {canKill, goneText, isReading, isKilling, helpTop, helpSize, isActive, filter};
	const changeFilter = (next: PidFilter) => {
		onFilter(next);
		latest.current = {...latest.current, filter: next};
	};

	const hasLeft = useRef(false);
	// Keys typed after k, before the kill dialog listens, are the dialog's (as the table's Enter hands its keys to this view).
	const killHandoff = useKeyHandoff();
	// One key of a chunk; false once the rest of the chunk no longer belongs to this view.
	const press = (input: string, key: Key, rest: TypedKey | null): boolean => {
		if (latest.current.filter.isFiltering) {
			// The prompt's keys, as the table's `/`: the text filters as it is typed, Enter keeps it, Esc clears it.
			// Ctrl-C, Ctrl-Z and Ctrl-L are the live view's, on every screen.
			const typed = filterKey(input, key);
			const {text} = latest.current.filter;
			if (typed.type === 'edit') changeFilter({text: typed.edit(text), isFiltering: true});
			else if (typed.type === 'submit') changeFilter({text, isFiltering: false});
			else if (typed.type === 'cancel') changeFilter({text: '', isFiltering: false});
			return true;
		}

		const action = pidActionFor(input, key, isLive, onQuit !== undefined);
		// What an unbound key said goes at the next key, as the table's hint does.
		setStatus(current => (current?.isKeyHint === true ? null : current));
		if (action === 'back' && key.escape && latest.current.helpTop === null && latest.current.filter.text !== '') {
			// Esc clears a kept filter first, as it does in the table; the next one goes back.
			changeFilter({text: '', isFiltering: false});
			return true;
		}

		if (action === 'quit' && latest.current.helpTop === null) {
			onQuit?.();
			return false;
		}

		if (action === 'back' && latest.current.helpTop === null) {
			const earlier = onPop?.() ?? null;
			if (earlier !== null) {
				// Back in the view Enter came from: the keys after are its own.
				setStatus(null);
				changeFilter(earlier);
				return true;
			}

			hasLeft.current = true;
			onBack();
			if (rest !== null) {
				onForwardKey?.(rest.input, rest.key);
			}

			return false;
		}

		const {canKill, isReading, helpTop} = latest.current;
		if (helpTop !== null) {
			// The help's keys scroll it; any other closes it and does nothing else (as the table's help).
			// Ctrl-C, Ctrl-Z and Ctrl-L are the live view's, on every screen.
			if (isEveryScreenKey(input, key)) return true;
			const next = helpKey(input, key, helpTop, latest.current.helpSize);
			setHelpTop(next);
			latest.current = {...latest.current, helpTop: next};
			return true;
		}

		if (action === 'open' && isReading) {
			// No fd is selected yet (nor shown): Enter after the read is on the fd it selects.
			setStatus(stillReading(pid, 'Enter'));
		} else if (action === 'open') {
			const followed = onFollow?.() ?? null;
			if (followed !== null && 'refused' in followed) setStatus({text: followed.refused, about: followed.fd});
			else if (followed !== null) {
				setStatus(null);
				changeFilter(followed.filter);
			}
		} else if (action === 'filter') {
			setStatus(null);
			changeFilter({text: latest.current.filter.text, isFiltering: true});
		} else if (action === 'help') {
			setHelpTop(0);
			latest.current = {...latest.current, helpTop: 0};
		} else if (action === 'pause') {
			onTogglePause?.();
		} else if (action === 'kill') {
			if (canKill) {
				setStatus(null);
				setIsKilling(true);
				latest.current = {...latest.current, isKilling: true};
				// Like the table's k: the rest of the chunk ('k3', k and two Down arrows) was typed at the dialog.
				killHandoff.start();
				if (rest !== null) killHandoff.keep(rest.input, rest.key);
				return false;
			}

			setStatus(isReading ? stillReading(pid, 'k') : {text: latest.current.goneText});
		} else if (action !== null && isMove(action)) {
			// A line about the fd selected until now goes with it.
			setStatus(current => (current?.about === undefined ? current : null));
			move(action);
		} else if (action !== null && isSortAction(action)) {
			// The selection stays on its fd (usePidCursor), and so does a line about it.
			onSort?.(action);
		} else if (action === null) {
			// A key this view does not take (l, <, p: the table's) says so, as the table's unbound keys do, rather than nothing.
			const hint = pidKeyHint(input, key, actionFor(input, key, isLive) !== null);
			if (hint !== null) setStatus({text: hint, isKeyHint: true});
		}

		return true;
	};

	const handleKey = (input: string, key: Key) => {
		if (hasLeft.current) {
			onForwardKey?.(input, key);
			return;
		}

		// Hidden (too small): the live view's too-small keys take it. The handler stays subscribed, so that
		// the first key after the terminal grows back is this view's, before React's effects run again.
		if (!latest.current.isActive) {
			return;
		}

		// A handler of an earlier render can still be subscribed for a moment after `k`: the keys are the dialog's,
		// kept for it until it listens (then, or HANDOFF_MS on, dropped: the dialog owns the keys).
		if (latest.current.isKilling) {
			killHandoff.keep(input, key);
			return;
		}

		if (isPaste(input)) {
			// Pasted text is no keys: the prompt takes its first line as text, anywhere else it is dropped.
			const {text, isFiltering} = latest.current.filter;
			if (isFiltering) changeFilter({text: appendFilterText(text, pastedLine(input)), isFiltering});
			return;
		}

		const presses = keyPresses(input, key);
		for (const [index, each] of presses.entries()) {
			if (!press(each.input, each.key, restOf(presses, index))) {
				return;
			}
		}
	};

	useInput(handleKey, {isActive: !isKilling});

	useEffect(() => {
		// Listening from now on: first the keys typed while this view was opening (dropped if it opened
		// hidden, the terminal too small: taken all the same, so the next keys are the too-small screen's).
		for (const {input, key} of takeHandedKeys?.() ?? []) handleKey(input, key);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const onKillDone = (message: string) => {
		setIsKilling(false);
		latest.current = {...latest.current, isKilling: false};
		setStatus({text: message});
	};

	// Shown while its fd is the one drawn selected: not once a read has selected another (its fd closed, the first
	// rows read), nor in a frame drawn before the key that selected it.
	const isTrue = status?.about === undefined || status.about === selectedFd;
	return {helpTop, isKilling, status: status !== null && isTrue ? status.text : null, handleKey, takeKillKeys: killHandoff.take, onKillDone};
}
