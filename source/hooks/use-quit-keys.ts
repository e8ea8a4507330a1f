import {type Key, useInput} from 'ink';
import {actionFor} from '../keymap.js';
import {keyPresses} from './key-presses.js';

/** What Ctrl-Z and Ctrl-L do, on every screen. */
export type ScreenKeys = {
	/** Ctrl-Z: give the terminal back to the shell until `fg`. */
	readonly onSuspend?: () => void;
	/** Ctrl-L: clear the screen and draw the whole frame again. */
	readonly onRedraw?: () => void;
};

/** Ctrl-Z or Ctrl-L, done; false for any other key (Ctrl-C quits where each screen says). */
export function runScreenKey(input: string, key: Key, {onSuspend, onRedraw}: ScreenKeys): boolean {
	const action = actionFor(input, key);
	if (action === 'suspend') onSuspend?.();
	else if (action === 'redraw') onRedraw?.();
	return action === 'suspend' || action === 'redraw';
}

type Options = ScreenKeys & {
	/** A screen with keys of its own (the PID view, a kill dialog) is open. */
	readonly isActive: boolean;
	/** Whether that screen is still open as of the last key handled (it may have closed since the last frame). */
	readonly isScreenOpen: () => boolean;
	/** Whether the terminal is too small now, for a key read before the next frame. */
	readonly isTooSmall: () => boolean;
	readonly onExit: (code: number) => void;
};

/**
 * Ctrl-C quits, Ctrl-Z suspends, and Ctrl-L redraws, from the screens with keys of their own, and while the terminal is too
 * small q quits too; Ink's own Ctrl-C handler is off so that the exit code and terminal are ours. Subscribed
 * whether or not the screen is hidden, and reading the size through `isTooSmall`: a q typed the moment the
 * terminal shrinks reaches this handler before React's effects re-subscribe any other (the hidden screen drops it).
 */
export function useQuitKeys({isActive, isScreenOpen, isTooSmall, onExit, ...screenKeys}: Options): void {
	useInput(
		(input, key) => {
			// The screen has closed (back) and hands the keys that still reach it to the table (forwardKey): they are the table's.
			if (!isScreenOpen()) return;
			// Inside a chunk of keys too ('j' then Ctrl-C in one read).
			const presses = keyPresses(input, key);
			if (presses.some(press => press.key.ctrl && press.input === 'c')) {
				onExit(130);
				return;
			}

			if (!runScreenKey(input, key, screenKeys) && isTooSmall() && presses.some(press => actionFor(press.input, press.key) === 'quit')) {
				onExit(0);
			}
		},
		{isActive},
	);
}
